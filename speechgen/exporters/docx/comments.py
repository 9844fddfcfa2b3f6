"""Word comments on exact characters of any .docx.

:func:`annotate` takes a .docx (written by Word, WPS, LibreOffice or speechgen)
and a list of :class:`Comment` values, each naming a body paragraph and a
character range of its visible text (:mod:`speechgen.core.wordtext`), and
returns the same document with a Word comment on each range.  Runs are split at
the range ends (their properties copied), ``w:commentRangeStart`` /
``w:commentRangeEnd`` go around the runs and a ``w:commentReference`` run
follows; the comments go into ``word/comments.xml`` (created with its
relationship and content type, or extended when the file already has
comments).  Every other part of the package is copied unchanged; tracked
changes, bookmarks and fields in the paragraphs are left where they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lxml import etree

from speechgen.core.wordtext import W_NS, body_paragraphs, paragraph_text, runs_between, top_child, w
from speechgen.exporters.docx.package import Package, max_id, style_ids

AUTHOR = "speechgen校对"
INITIALS = "校"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


@dataclass(frozen=True)
class Comment:
    """A comment on characters ``[start, end)`` of body paragraph ``paragraph`` (1-based).

    ``text`` may hold several lines (one comment paragraph each).  An empty range
    (``start == end``) is widened to the next character, or to the previous one at
    the end of the paragraph; an empty paragraph gets a comment on its position.
    """

    paragraph: int
    start: int
    end: int
    text: str
    author: str = AUTHOR
    initials: str = INITIALS


def paragraph_texts(data: bytes, source: str = "<docx>") -> list[str]:
    """The visible text of every body paragraph (index 0 is paragraph 1)."""
    pkg = Package(data, source)
    return [paragraph_text(p) for p in body_paragraphs(pkg.xml(pkg.main, edit=False))]


def annotate(data: bytes, comments: Sequence[Comment], *, source: str = "<docx>",
             date: str | None = None) -> bytes:
    """*data* with every comment added; *date* (ISO 8601, e.g. ``2025-04-18T09:00:00Z``) is optional."""
    if not comments:
        return data
    pkg = Package(data, source)
    doc = pkg.xml(pkg.main)
    paras = body_paragraphs(doc)
    part = pkg.related(pkg.main, "comments") or _new_part_name(pkg)
    store = pkg.xml(part) if pkg.has(part) else _empty_comments(pkg, part)
    next_id = max_id(doc, store) + 1
    styled = style_ids(pkg)
    for offset, comment in enumerate(comments):
        if not 1 <= comment.paragraph <= len(paras):
            raise ValueError(f"paragraph {comment.paragraph} out of range 1..{len(paras)}")
        cid = str(next_id + offset)
        _anchor(paras[comment.paragraph - 1], comment, cid, styled)
        store.append(_comment_element(comment, cid, date, styled))
    return pkg.save()


# ------------------------------------------------------------------ anchoring
def _anchor(p: etree._Element, comment: Comment, cid: str, styled: set[str]) -> None:
    text = paragraph_text(p)
    start, end = _range(comment.start, comment.end, len(text))
    runs = runs_between(p, start, end) if end > start else []
    begin, finish = etree.Element(w("commentRangeStart")), etree.Element(w("commentRangeEnd"))
    begin.set(w("id"), cid)
    finish.set(w("id"), cid)
    ref = _reference_run(cid, styled)
    if not runs:  # an empty paragraph: a point comment after the paragraph properties
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(begin)
        else:
            p.insert(0, begin)
        begin.addnext(finish)
        finish.addnext(ref)
        return
    runs[0].addprevious(begin)
    runs[-1].addnext(finish)
    holder = top_child(p, finish)
    holder.addnext(ref)


def _range(start: int, end: int, length: int) -> tuple[int, int]:
    start = max(0, min(start, length))
    end = max(start, min(end, length))
    if end == start and length:
        if start < length:
            end = start + 1
        else:
            start = length - 1
    return start, end


def _reference_run(cid: str, styled: set[str]) -> etree._Element:
    run = etree.Element(w("r"))
    if "CommentReference" in styled:
        rpr = etree.SubElement(run, w("rPr"))
        etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(run, w("commentReference")).set(w("id"), cid)
    return run


# ------------------------------------------------------------------ comments part
def _comment_element(comment: Comment, cid: str, date: str | None, styled: set[str]) -> etree._Element:
    node = etree.Element(w("comment"))
    node.set(w("id"), cid)
    node.set(w("author"), comment.author)
    if date:
        node.set(w("date"), date)
    node.set(w("initials"), comment.initials)
    for i, line in enumerate(comment.text.split("\n") or [""]):
        p = etree.SubElement(node, w("p"))
        if "CommentText" in styled:
            ppr = etree.SubElement(p, w("pPr"))
            etree.SubElement(ppr, w("pStyle")).set(w("val"), "CommentText")
        if i == 0:
            mark = etree.SubElement(p, w("r"))
            if "CommentReference" in styled:
                etree.SubElement(etree.SubElement(mark, w("rPr")), w("rStyle")).set(w("val"), "CommentReference")
            etree.SubElement(mark, w("annotationRef"))
        if line:
            run = etree.SubElement(p, w("r"))
            t = etree.SubElement(run, w("t"))
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return node


def _new_part_name(pkg: Package) -> str:
    folder = pkg.main.rsplit("/", 1)[0] if "/" in pkg.main else ""
    return f"{folder}/comments.xml" if folder else "comments.xml"


def _empty_comments(pkg: Package, part: str) -> etree._Element:
    root = etree.Element(w("comments"), nsmap={"w": W_NS})
    pkg.put_xml(part, root, COMMENTS_TYPE)
    pkg.relate(pkg.main, "comments", part)
    return root
