"""Accept or reject every tracked change of a .docx body, as Word does, and read the paragraphs."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml")).find(q("body"))


def _text(p: etree._Element, keep: str) -> str:
    """Text of *p* with revisions of kind *keep* ("ins" accepted / "del" rejected) kept, the other kind dropped."""
    drop = "del" if keep == "ins" else "ins"
    out = []
    for node in p.iter(q("t"), q("delText"), q("tab")):
        anc, hidden = node.getparent(), False
        while anc is not None and anc is not p:
            if anc.tag == q(drop) or anc.tag == q("pPr"):
                hidden = True
            anc = anc.getparent()
        if not hidden:
            out.append("\t" if node.tag == q("tab") else (node.text or ""))
    return "".join(out)


def resolve(data: bytes, keep: str) -> list[str]:
    """Paragraph texts after accepting (keep="ins") or rejecting (keep="del") every change.

    A paragraph whose mark is dropped merges with the next paragraph.
    """
    drop = "del" if keep == "ins" else "ins"
    texts: list[str] = []
    carry = ""
    for p in body(data).findall(q("p")):
        text = carry + _text(p, keep)
        if p.find(f"{q('pPr')}/{q('rPr')}/{q(drop)}") is not None:
            carry = text
            continue
        texts.append(text)
        carry = ""
    if carry:
        texts.append(carry)
    return texts


def accept(data: bytes) -> list[str]:
    return resolve(data, "ins")


def reject(data: bytes) -> list[str]:
    return resolve(data, "del")


def comments(data: bytes) -> dict[str, str]:
    """Comment id → the comment's text (its paragraphs joined by newlines)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/comments.xml"))
    return {c.get(q("id")): "\n".join("".join(t.text or "" for t in p.iter(q("t"))) for p in c.findall(q("p")))
            for c in root.findall(q("comment"))}


def anchored(data: bytes) -> dict[str, tuple[int, str]]:
    """Comment id → (1-based body paragraph, the visible text between its range start and end)."""
    out: dict[str, tuple[int, str]] = {}
    for number, p in enumerate(body(data).findall(q("p")), start=1):
        open_ids: dict[str, list[str]] = {}
        for node in p.iter():
            if node.tag == q("commentRangeStart"):
                open_ids[node.get(q("id"))] = []
            elif node.tag == q("commentRangeEnd"):
                cid = node.get(q("id"))
                out[cid] = (number, "".join(open_ids.pop(cid, [])))
            elif node.tag in (q("t"), q("tab")):
                anc, hidden = node.getparent(), False
                while anc is not None and anc is not p:
                    hidden = hidden or anc.tag in (q("del"), q("pPr"))
                    anc = anc.getparent()
                if not hidden:
                    for parts in open_ids.values():
                        parts.append("\t" if node.tag == q("tab") else (node.text or ""))
    return out


def references(data: bytes) -> list[str]:
    return [r.get(q("id")) for r in body(data).iter(q("commentReference"))]
