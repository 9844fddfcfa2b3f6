"""The visible text of a WordprocessingML paragraph, character by character.

One text model for everything that reads a .docx and points back into it: the
checker reads paragraph texts with it, the annotator anchors comments on its
character offsets, the redliner diffs it.  Visible text is what Word shows with
tracked changes *accepted*: runs inside ``w:ins`` count, runs inside ``w:del``
or ``w:moveFrom`` do not; text boxes (a nested ``w:p``) and the fallback branch
of ``mc:AlternateContent`` are not part of the paragraph.  Characters follow
python-docx: ``w:t`` text, ``w:tab`` → tab, a text-wrapping ``w:br``/``w:cr``
→ newline, ``w:noBreakHyphen`` → "-".

lxml only (no python-docx): this sits in ``core`` so the outline reader and the
Word exporter can both use it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{tag}"


#: Ancestors (between a run and its paragraph) that hide the run's text.
HIDDEN_CONTAINERS = {w("del"), w("moveFrom"), w("txbxContent"), f"{{{MC_NS}}}Fallback"}
#: Run children that carry text, and their text when it is fixed.
_FIXED = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "-"}


@dataclass
class Piece:
    """One text-bearing child of a visible run, at ``start`` in the paragraph's text."""

    node: etree._Element
    run: etree._Element
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The paragraphs that are direct children of ``w:body`` (python-docx's ``Document.paragraphs``)."""
    body = root.find(w("body"))
    return [] if body is None else body.findall(w("p"))


def node_text(node: etree._Element) -> str | None:
    """The text a run child contributes, or None when it carries none."""
    tag = node.tag
    if tag == w("t"):
        return node.text or ""
    if tag in _FIXED:
        return _FIXED[tag]
    if tag == w("br"):
        return "\n" if node.get(w("type"), "textWrapping") == "textWrapping" else ""
    return None


def visible_runs(p: etree._Element) -> Iterator[etree._Element]:
    """The runs of *p* whose text shows, in document order."""
    for run in p.iter(w("r")):
        node = run.getparent()
        hidden = False
        while node is not None and node is not p:
            if node.tag in HIDDEN_CONTAINERS or node.tag == w("p"):
                hidden = True
                break
            node = node.getparent()
        if not hidden:
            yield run


def pieces(p: etree._Element) -> list[Piece]:
    """Every text-bearing run child of *p* with its offset in the paragraph text."""
    out: list[Piece] = []
    pos = 0
    for run in visible_runs(p):
        for child in run:
            text = node_text(child)
            if text is None:
                continue
            out.append(Piece(child, run, pos, text))
            pos += len(text)
    return out


def paragraph_text(p: etree._Element) -> str:
    return "".join(piece.text for piece in pieces(p))


def split_run_at(p: etree._Element, offset: int) -> None:
    """Make *offset* (in *p*'s text) fall between two runs, splitting a run (and a ``w:t``) if needed."""
    for piece in pieces(p):
        if piece.start < offset < piece.end:
            _split(piece, offset - piece.start)
            return
    for prev, nxt in _pairs(pieces(p)):
        if prev.end == offset and prev.run is nxt.run:
            _cut_run_after(prev.run, prev.node)
            return


def _pairs(seq: list[Piece]) -> Iterator[tuple[Piece, Piece]]:
    return zip(seq, seq[1:])


def _split(piece: Piece, k: int) -> None:
    """Split a ``w:t`` at *k* (fixed-text nodes are one character and never straddle)."""
    node = piece.node
    head, tail = piece.text[:k], piece.text[k:]
    node.text = head
    node.set(XML_SPACE, "preserve")
    second = copy.deepcopy(node)
    second.text = tail
    node.addnext(second)
    _cut_run_after(piece.run, node)


def _cut_run_after(run: etree._Element, last: etree._Element) -> etree._Element:
    """Move the children of *run* after *last* into a new run (same properties) right after it."""
    new = etree.Element(run.tag, dict(run.attrib), nsmap=run.nsmap)
    rpr = run.find(w("rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    moving = list(last.itersiblings())
    for child in moving:
        new.append(child)
    run.addnext(new)
    return new


def runs_between(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """The visible runs covering exactly ``[start, end)`` after splitting at both ends."""
    split_run_at(p, start)
    split_run_at(p, end)
    runs: list[etree._Element] = []
    for piece in pieces(p):
        if piece.start >= start and piece.end <= end and piece.text and piece.run not in runs:
            runs.append(piece.run)
    return runs


def top_child(p: etree._Element, node: etree._Element) -> etree._Element:
    """The child of *p* that contains *node* (or *node* itself)."""
    while node.getparent() is not None and node.getparent() is not p:
        node = node.getparent()
    return node
