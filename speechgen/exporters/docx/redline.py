"""Tracked changes between two versions of a document: the old .docx, the new text as w:ins / w:del.

:func:`redline` starts from the *old* file (its styles, headers, page setup and
run formatting are kept) and rewrites its body paragraphs into the *new* text
as revisions a leader can accept or reject in Word or WPS:

* paragraphs are aligned with :class:`difflib.SequenceMatcher`; a paragraph
  that is gone is deleted (its text and its paragraph mark), a new one is
  inserted (with the new file's paragraph and run formatting when it is a
  .docx), a changed one is edited in place;
* inside a changed paragraph the diff runs by sentence first and then, inside a
  changed stretch of sentences, by word (numbers such as ``5.8%`` are one word),
  with one-character islands of sameness folded into the change so it reads
  as "增长较快 → 下降明显", not as letter soup.

Accepting every change gives exactly the new text; rejecting every change gives
the old one.  Only body paragraphs are compared; tables are left as they are.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Iterable, Sequence

from lxml import etree

from speechgen.core.wordtext import body_paragraphs, paragraph_text, pieces, runs_between, split_run_at, top_child, w
from speechgen.exporters.docx.package import Package, max_id, style_ids

Tokenizer = Callable[[str], Iterable[str]]
AUTHOR = "speechgen"
PAIR_RATIO = 0.3      # paragraphs less alike than this are replaced whole, not edited
SENTENCE_RATIO = 0.35  # likewise for a changed stretch of sentences
_SENTENCE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[A-Za-z]+|\s+|.", re.S)


@dataclass(frozen=True)
class NewParagraph:
    """A paragraph of the new version: its text and, from a .docx, its ``w:p`` (for formatting)."""

    text: str
    node: etree._Element | None = None


def new_paragraphs(data: bytes, source: str = "<docx>") -> list[NewParagraph]:
    pkg = Package(data, source)
    return [NewParagraph(paragraph_text(p), p) for p in body_paragraphs(pkg.xml(pkg.main, edit=False))]


def words(text: str) -> list[str]:
    """Default word tokens: numbers (with decimals and %), Latin words, single characters."""
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def redline(old: bytes, new: bytes | Sequence[str | NewParagraph], *, author: str = AUTHOR,
            date: str | None = None, source: str = "<docx>", tokenize: Tokenizer | None = None) -> bytes:
    """The old document with tracked changes that turn it into *new* (a .docx or paragraph texts)."""
    pkg = Package(old, source)
    root = pkg.xml(pkg.main)
    olds = body_paragraphs(root)
    if isinstance(new, bytes):
        news = new_paragraphs(new)
    else:
        news = [p if isinstance(p, NewParagraph) else NewParagraph(p) for p in new]
    marks = _Marks(author, date, max_id(root) + 1)
    styles = style_ids(pkg)
    texts = [paragraph_text(p) for p in olds]
    matcher = SequenceMatcher(None, texts, [n.text for n in news], autojunk=False)
    cursor: etree._Element | None = None  # the old paragraph new ones go after
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            cursor = olds[i2 - 1]
            continue
        pairs = min(i2 - i1, j2 - j1)
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            if k < pairs and _ratio(texts[i], news[j].text) >= PAIR_RATIO:
                _edit(olds[i], texts[i], news[j].text, marks, tokenize or words)
                cursor = olds[i]
                continue
            if i < i2:
                _delete_paragraph(olds[i], marks)
                cursor = olds[i]
            if j < j2:
                cursor = _insert_paragraph(root, cursor, olds, news[j], marks, styles)
    _fix_final_mark(root)
    return pkg.save()


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


class _Marks:
    """Author, date and fresh ids for revision elements."""

    def __init__(self, author: str, date: str | None, first_id: int) -> None:
        self.author, self.date, self.next = author, date, first_id

    def make(self, kind: str) -> etree._Element:
        node = etree.Element(w(kind))
        node.set(w("id"), str(self.next))
        node.set(w("author"), self.author)
        if self.date:
            node.set(w("date"), self.date)
        self.next += 1
        return node


# ------------------------------------------------------------------ in-paragraph edits
def edits(old: str, new: str, tokenize: Tokenizer = words) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` ranges of *old* that turn it into *new* (sentence, then word level)."""
    out: list[tuple[int, int, str]] = []
    a, b = sentences(old), sentences(new)
    a_pos = _offsets(a)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        start, end = a_pos[i1], a_pos[i2]
        old_part, new_part = old[start:end], "".join(b[j1:j2])
        if op == "replace" and _ratio(old_part, new_part) >= SENTENCE_RATIO:
            out.extend((start + s, start + e, t) for s, e, t in _word_edits(old_part, new_part, tokenize))
        else:
            out.append((start, end, new_part))
    return out


def _offsets(parts: Sequence[str]) -> list[int]:
    pos = [0]
    for part in parts:
        pos.append(pos[-1] + len(part))
    return pos


def _word_edits(old: str, new: str, tokenize: Tokenizer) -> list[tuple[int, int, str]]:
    a, b = list(tokenize(old)), list(tokenize(new))
    if "".join(a) != old or "".join(b) != new:  # a tokenizer that drops text: fall back to ours
        a, b = words(old), words(new)
    a_pos, b_pos = _offsets(a), _offsets(b)
    ops = [op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    merged: list[list] = []
    for op in ops:
        tag, i1, i2, j1, j2 = op
        island = tag == "equal" and merged and merged[-1][0] != "equal" and len("".join(a[i1:i2])) <= 1 \
            and op is not ops[-1]
        if island or (tag != "equal" and merged and merged[-1][0] != "equal"):
            last = merged[-1]
            merged[-1] = ["replace", last[1], i2, last[3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    return [(a_pos[i1], a_pos[i2], new[b_pos[j1]:b_pos[j2]]) for tag, i1, i2, j1, j2 in merged if tag != "equal"]


def _edit(p: etree._Element, old: str, new: str, marks: _Marks, tokenize: Tokenizer) -> None:
    for start, end, text in sorted(edits(old, new, tokenize), reverse=True):
        if end > start:
            runs = runs_between(p, start, end)
            if text:
                top_child(p, runs[-1]).addnext(_ins_run(text, runs[-1], marks))
            _wrap_deleted(p, runs, marks)
        elif text:
            _insert_at(p, start, text, marks)


def _insert_at(p: etree._Element, offset: int, text: str, marks: _Marks) -> None:
    split_run_at(p, offset)
    before = [pc for pc in pieces(p) if pc.end <= offset and pc.text]
    if before:
        run = before[-1].run
        top_child(p, run).addnext(_ins_run(text, run, marks))
        return
    after = [pc.run for pc in pieces(p)]
    if after:
        top_child(p, after[0]).addprevious(_ins_run(text, after[0], marks))
        return
    ppr = p.find(w("pPr"))
    node = _ins_run(text, None, marks)
    if ppr is not None:
        ppr.addnext(node)
    else:
        p.insert(0, node)


def _ins_run(text: str, like: etree._Element | None, marks: _Marks) -> etree._Element:
    """``<w:ins><w:r>`` with *like*'s run properties and *text*."""
    ins = marks.make("ins")
    run = etree.SubElement(ins, w("r"))
    rpr = like.find(w("rPr")) if like is not None else None
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return ins


def _wrap_deleted(p: etree._Element, runs: list[etree._Element], marks: _Marks) -> None:
    """Put *runs* into ``w:del`` elements (one per stretch of adjacent siblings); text → delText."""
    current: etree._Element | None = None
    for run in runs:
        prev = run.getprevious()
        if current is None or prev is not current or run.getparent() is not current.getparent():
            current = marks.make("del")
            run.addprevious(current)
        current.append(run)
        for node in run:
            if node.tag == w("t"):
                node.tag = w("delText")
            elif node.tag == w("instrText"):
                node.tag = w("delInstrText")


# ------------------------------------------------------------------ whole paragraphs
def _mark_paragraph(p: etree._Element, kind: str, marks: _Marks) -> None:
    """Track *p*'s paragraph mark as inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
    _mark_props(p).insert(0, marks.make(kind))


def _mark_props(p: etree._Element) -> etree._Element:
    """The paragraph mark's ``w:pPr/w:rPr`` of *p*, created in schema order when missing."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        tail = ppr.find(w("sectPr"))
        tail = tail if tail is not None else ppr.find(w("pPrChange"))
        if tail is not None:
            tail.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def _delete_paragraph(p: etree._Element, marks: _Marks) -> None:
    runs = [pc.run for pc in pieces(p)]
    _wrap_deleted(p, list(dict.fromkeys(runs)), marks)
    _mark_paragraph(p, "del", marks)


def _insert_paragraph(root: etree._Element, cursor: etree._Element | None, olds: list[etree._Element],
                      new: NewParagraph, marks: _Marks, styles: set[str]) -> etree._Element:
    p = etree.Element(w("p"))
    model = new.node if new.node is not None else (cursor if cursor is not None else (olds[0] if olds else None))
    ppr = model.find(w("pPr")) if model is not None else None
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        for node in ppr.findall(w("sectPr")) + ppr.findall(w("pPrChange")):
            ppr.remove(node)
        style = ppr.find(w("pStyle"))
        if style is not None and style.get(w("val")) not in styles:
            ppr.remove(style)
        for node in ppr.findall(f"{w('rPr')}/{w('ins')}") + ppr.findall(f"{w('rPr')}/{w('del')}"):
            node.getparent().remove(node)
        p.append(ppr)
    for run in _new_runs(new, model, styles):
        ins = marks.make("ins")
        ins.append(run)
        p.append(ins)
    _mark_paragraph(p, "ins", marks)
    if cursor is not None:
        cursor.addnext(p)
    else:
        body = root.find(w("body"))
        body.insert(0, p)
    return p


def _new_runs(new: NewParagraph, model: etree._Element | None, styles: set[str]) -> list[etree._Element]:
    if new.node is not None:
        runs = []
        for pc in pieces(new.node):
            if runs and runs[-1][0] is pc.run:
                continue
            runs.append((pc.run, None))
        out = []
        for run, _ in runs:
            clone = etree.Element(w("r"))
            rpr = run.find(w("rPr"))
            if rpr is not None:
                rpr = copy.deepcopy(rpr)
                style = rpr.find(w("rStyle"))
                if style is not None and style.get(w("val")) not in styles:
                    rpr.remove(style)
                clone.append(rpr)
            for child in run:
                if child.tag != w("rPr") and (child.tag in (w("t"),) or child.tag in _TEXTLIKE):
                    clone.append(copy.deepcopy(child))
            out.append(clone)
        return out
    if not new.text:
        return []
    like = next((pc.run for pc in pieces(model)), None) if model is not None else None
    run = etree.Element(w("r"))
    rpr = like.find(w("rPr")) if like is not None else None
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, w("t"))
    t.text = new.text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [run]


_TEXTLIKE = {w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen")}


def _fix_final_mark(root: etree._Element) -> None:
    """The last paragraph mark of a document cannot be inserted or deleted: track the one before it.

    "A¶[B¶]" at the end becomes "A[¶B]¶" — the same text once accepted or rejected.
    """
    body = root.find(w("body"))
    blocks = [n for n in body if n.tag != w("sectPr")]
    if not blocks or blocks[-1].tag != w("p"):
        return
    paras = body.findall(w("p"))
    last = paras[-1]
    for kind in ("ins", "del"):
        mark = last.find(f"{w('pPr')}/{w('rPr')}/{w(kind)}")
        if mark is None:
            continue
        mark.getparent().remove(mark)
        for prev in reversed(paras[:-1]):
            if prev.find(f"{w('pPr')}/{w('rPr')}/{w(kind)}") is None:
                _mark_props(prev).insert(0, mark)
                break


def revision_count(data: bytes) -> int:
    """How many ``w:ins``/``w:del`` elements the main document part holds."""
    pkg = Package(data)
    root = pkg.xml(pkg.main, edit=False)
    return sum(1 for _ in root.iter(w("ins"), w("del")))


def modified_date(data: bytes) -> str | None:
    """``dcterms:modified`` of a .docx (ISO 8601), the natural date of its changes; None if absent."""
    pkg = Package(data)
    if not pkg.has("docProps/core.xml"):
        return None
    for node in pkg.xml("docProps/core.xml", edit=False).iter("{http://purl.org/dc/terms/}modified"):
        text = (node.text or "").strip()
        return text or None
    return None
