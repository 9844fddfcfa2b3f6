"""Helpers and fixtures for the Word exporter tests: a representative Draft, and an
exported file reopened as XML parts with helpers that resolve style inheritance.
(Test modules import the fixtures from here: a second conftest.py would shadow the
top-level one for modules that import from it.)"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

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


@pytest.fixture
def draft():
    """A speech Draft with every kind of block the exporter handles."""
    from speechgen.core.draft import Draft, Heading, Paragraph, Run, Table

    blocks = [
        Paragraph([Run("同志们：")], kind="salutation"),
        Paragraph([Run("今天召开会议，主要任务是分析形势、部署工作。“十五五”开局之年——任务艰巨……")]),
        Heading(1, "客观看待当前形势"),
        Paragraph([Run("全市地区生产总值完成512.3亿元，同比增长5.8%。")]),
        Heading(2, "项目建设提速增效。", body=[Run("新开工项目46个，完成投资73.2亿元。")]),
        Heading(2, "独立的二级标题"),
        Heading(3, "抓项目。", body=[Run("实行周调度。")]),
        Heading(4, "四级标题"),
        Paragraph([Run("一要压实责任。", bold=True), Run("各部门要亲自抓、负总责。")]),
        Paragraph([Run("同志们，任务艰巨，希望大家真抓实干！")], kind="closing"),
        Table(caption="附表：主要指标", header=["指标", "单位", "本期值", "同比增长（%）"],
              rows=[["地区生产总值", "亿元", "512.3", "5.8"], ["一般公共预算收入", "亿元", "38.62", "-2.3"],
                    ["规上工业增加值", "—", "—", "4.1"]],
              align=["left", "left", "right", "right"]),
    ]
    meta = {"type": "quarterly_analysis", "meeting": "全市一季度经济运行分析会", "speaker": "市长张明",
            "office": "市政府办公室", "date": "2025-04-18", "period": "一季度"}
    d = Draft(title="在全市一季度经济运行分析会上的讲话", subtitle=["市长　张明", "（2025年4月18日）"],
              blocks=blocks, meta=meta)
    return d.number()


@pytest.fixture
def export(tmp_path: Path) -> Callable[..., Exported]:
    """export(draft, **options) → the .docx written to tmp_path and reopened."""
    from speechgen.exporters import export_bytes

    counter = iter(range(1000))

    def run(d: Any, **options: Any) -> Exported:
        path = tmp_path / f"out{next(counter)}.docx"
        path.write_bytes(export_bytes(d, "docx", **options))
        return Exported(path, read_parts(path))

    return run
