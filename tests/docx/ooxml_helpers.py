"""Reopen an exported .docx as XML parts and resolve style inheritance (test helpers)."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(node: Any, attr: str = "val") -> str | None:
    return None if node is None else node.get(q(attr))


@dataclass
class Exported:
    path: Path
    parts: dict[str, etree._Element]

    @property
    def document(self) -> etree._Element:
        return self.parts["word/document.xml"]

    @property
    def styles(self) -> etree._Element:
        return self.parts["word/styles.xml"]

    def footers(self) -> list[etree._Element]:
        return [root for name, root in sorted(self.parts.items()) if name.startswith("word/footer")]

    def style(self, style_id: str) -> etree._Element:
        found = self.styles.find(f"{q('style')}[@{q('styleId')}='{style_id}']")
        assert found is not None, f"style {style_id} missing"
        return found

    def style_by_name(self, name: str) -> etree._Element:
        for st in self.styles.iter(q("style")):
            if wval(st.find(q("name"))) == name:
                return st
        raise AssertionError(f"no style named {name}")

    def chain(self, style_id: str | None) -> list[etree._Element]:
        out = []
        while style_id:
            st = self.style(style_id)
            out.append(st)
            style_id = wval(st.find(q("basedOn")))
        return out

    def para_prop(self, p: etree._Element, tag: str, attr: str) -> str | None:
        """Effective paragraph property: direct, then the style chain, then docDefaults."""
        direct = p.find(f"{q('pPr')}/{q(tag)}")
        if direct is not None and direct.get(q(attr)) is not None:
            return direct.get(q(attr))
        for st in self.chain(wval(p.find(f"{q('pPr')}/{q('pStyle')}"))):
            node = st.find(f"{q('pPr')}/{q(tag)}")
            if node is not None and node.get(q(attr)) is not None:
                return node.get(q(attr))
        node = self.styles.find(f"{q('docDefaults')}/{q('pPrDefault')}/{q('pPr')}/{q(tag)}")
        return None if node is None else node.get(q(attr))

    def run_prop(self, p: etree._Element, r: etree._Element, tag: str, attr: str = "val") -> str | None:
        """Effective run property: run, its character style, the paragraph style chain, defaults."""
        node = r.find(f"{q('rPr')}/{q(tag)}")
        if node is not None:
            return node.get(q(attr), "1" if tag == "b" else None)
        styles = self.chain(wval(r.find(f"{q('rPr')}/{q('rStyle')}")))
        styles += self.chain(wval(p.find(f"{q('pPr')}/{q('pStyle')}")))
        for st in styles:
            node = st.find(f"{q('rPr')}/{q(tag)}")
            if node is not None:
                return node.get(q(attr), "1" if tag == "b" else None)
        node = self.styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q(tag)}")
        return None if node is None else node.get(q(attr))

    def paragraph(self, startswith: str) -> etree._Element:
        for p in self.document.iter(q("p")):
            if text(p).startswith(startswith):
                return p
        raise AssertionError(f"no paragraph starting with {startswith!r}")


def text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(q("t")))


def read_parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))}


