"""Outline an existing speech: title, opening, heading hierarchy with roles, closing.

    >>> from speechgen.outline import outline_text
    >>> o = outline_text("同志们：\\n今天召开会议。\\n一、回顾上半年工作\\n……")
    >>> o.to_dict()["headings"][0]["level"]
    1

The result wraps a :class:`~speechgen.document.Draft` (the same hub templates
render into): headings become :class:`Heading` blocks with level, printed
marker, role and run-in body; the opening and closing are paragraphs.  Noise
from PDF or web extraction is removed first (:mod:`speechgen.textclean`),
levels come from :mod:`speechgen.hierarchy`, roles from :mod:`speechgen.roles`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechgen.core.draft import Draft, Heading, Paragraph, Run
from speechgen.outline.hierarchy import Item, build, top_scheme
from speechgen.core.markers import Token, run_in_tokens, start_token
from speechgen.core.numbers import heading_marker
from speechgen.outline.read import MARKDOWN_SUFFIXES, Line, markdown_line, read_lines
from speechgen.outline.roles import item_role, part_role
from speechgen.outline.front import HEADING_STYLE, closing_start, front
from speechgen.outline.clean import Para, clean_lines, join_paragraphs

_MARKUP = re.compile(r"^::(?:title|subtitle|salutation|closing|meta)\s", re.M)
_MARKUP_HEADING = re.compile(r"^#{1,4}!?\s+\S")
_HEAD_END = re.compile(r"[。！？：!?:]")


@dataclass
class Outline:
    """The outline of one speech; :meth:`to_dict` is the ``--json`` contract."""

    draft: Draft
    lines: list[int] = field(default_factory=list)  # source line of each heading, in order
    opening: bool = False
    closing: bool = False
    source: str = ""

    def headings(self) -> list[dict[str, Any]]:
        out = []
        for head, line in zip(self.draft.headings(), self.lines):
            out.append({"level": head.level, "marker": json_marker(head.marker or ""), "text": heading_text(head.text),
                        "role": head.role, "line": line, "run_in": head.run_in})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.draft.title, "opening": self.opening, "closing": self.closing,
                "headings": self.headings(), "subtitle": list(self.draft.subtitle),
                "source": self.source}


def json_marker(marker: str) -> str:
    """The marker as the contract lists it: 首先/其次/再次/最后 without their comma (第一， keeps it)."""
    return marker[:2] if marker[:2] in {"首先", "其次", "再次", "最后"} else marker


def heading_text(text: str) -> str:
    """The heading as the contract wants it: no final 。！？： (nor a dangling ；，、)."""
    return text.rstrip("。！？：!?:；;，,、 ")


# --------------------------------------------------------------------------- entry points

def outline_file(path: str | Path) -> Outline:
    """Outline a .txt, .md or .docx file (raises :class:`~speechgen.errors.InputError`)."""
    path = Path(path)
    return outline_document(read_lines(path), source=str(path), joinable=path.suffix.lower() != ".docx",
                            markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)


def outline_document(raw: list[Line], *, source: str = "", joinable: bool = True,
                     markdown: bool = False) -> Outline:
    """Outline lines read by :func:`~speechgen.outline.read.read_lines` (the checker uses this too)."""
    if any(_MARKUP.match(line.text) for line in raw[:50]):
        return outline_markup("\n".join(line.text for line in raw), source=source)
    if markdown:
        raw = [markdown_line(line.number, line.text) for line in raw]
    return outline_lines(raw, source=source, joinable=joinable)


def outline_text(text: str, *, source: str = "<文本>") -> Outline:
    if _MARKUP.search(text[:4000]):
        return outline_markup(text, source=source)
    return outline_lines([Line(i, t) for i, t in enumerate(text.splitlines(), start=1)], source=source)


def outline_markup(text: str, *, source: str = "") -> Outline:
    """Our own template markup (``::title``, ``#`` headings): the markup parser's Draft, with roles."""
    from speechgen.core.markup import parse_markup

    draft = parse_markup(text)
    lines = [i for i, raw in enumerate(text.splitlines(), start=1) if _MARKUP_HEADING.match(raw.strip())]
    heads = draft.headings()
    tops = [h for h in heads if h.level == 1]
    stack: list[Heading] = []
    for h in heads:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        if h.level == 1:
            kids = [c.text for c in heads if c.level == 2 and _part_of_heading(heads, c) is h]
            h.role = h.role or part_role(h.text, kids, _text_after(draft, h), tops.index(h), len(tops))
        elif not h.role:
            h.role = item_role(h.text, stack[-1].role if stack else "other")
        stack.append(h)
    first = next((i for i, b in enumerate(draft.blocks) if isinstance(b, Heading)), len(draft.blocks))
    opening = any(isinstance(b, Paragraph) and b.kind == "body" for b in draft.blocks[:first])
    closing = any(isinstance(b, Paragraph) and b.kind == "closing" for b in draft.blocks)
    return Outline(draft, lines, opening, closing, source)


def _part_of_heading(heads: list[Heading], child: Heading) -> Heading | None:
    part = None
    for h in heads:
        if h.level == 1:
            part = h
        if h is child:
            return part
    return None


def _text_after(draft: Draft, head: Heading) -> str:
    i = next(i for i, b in enumerate(draft.blocks) if b is head)
    nxt = draft.blocks[i + 1] if i + 1 < len(draft.blocks) else None
    return "".join(r.text for r in head.body) + (nxt.text if isinstance(nxt, Paragraph) else "")


def outline_lines(lines: list[Line], *, source: str = "", joinable: bool = True) -> Outline:
    clean = clean_lines(lines)
    draft = Draft()
    rest = front(clean, draft)
    paras = join_paragraphs(rest, joinable=joinable)
    tokens = _tokens(paras)
    top = top_scheme(tokens)
    first = next((i for i, t in enumerate(tokens) if top is None or (t.start and t.scheme == top)), len(tokens))
    body_from = tokens[first].para if first < len(tokens) else len(paras)
    close_from = closing_start(paras, body_from)
    offsets = _offsets(paras)
    limit = offsets[close_from] if close_from < len(paras) else offsets[-1]
    tokens = [t for t in tokens[first:] if t.para < close_from]
    items, _ = build(tokens, top, offsets, limit)
    _assign_roles(items, paras, offsets)
    heading_lines = _fill(draft, paras, items, body_from, close_from)
    opening = any(p.text for p in paras[:body_from] if p.text)
    return Outline(draft, heading_lines, opening, close_from < len(paras), source)


# --------------------------------------------------------------------------- body

def _tokens(paras: list[Para]) -> list[Token]:
    tokens: list[Token] = []
    for i, p in enumerate(paras):
        tok = start_token(p.text, i)
        if tok is None:
            tok = _styled_token(p, i)
        if tok is not None:
            tokens.append(tok)
        tokens.extend(run_in_tokens(p.text, i, tok.end if tok is not None else 0))
    return tokens


def _styled_token(p: Para, i: int) -> Token | None:
    """A Word/Markdown heading style or a bold lead sentence without a printed number."""
    m = HEADING_STYLE.match(p.style)
    if m:
        return Token(i, 0, 0, f"h{m.group(1)}", 0, "", True)
    lead = p.lead
    if lead and p.text.startswith(lead) and (lead[-1] in "。：！？:" or (lead == p.text and len(lead) <= 40)):
        return Token(i, 0, 0, "bold", 0, "", True)
    return None


def _offsets(paras: list[Para]) -> list[int]:
    offsets, total = [], 0
    for p in paras:
        offsets.append(total)
        total += len(p.text) + 1
    offsets.append(total)
    return offsets


def _assign_roles(items: list[Item], paras: list[Para], offsets: list[int]) -> None:
    texts = [_item_heading(paras[it.token.para].text, it.token, _next_pos(items, i)) for i, it in enumerate(items)]
    tops = [i for i, it in enumerate(items) if it.level == 1]
    children: dict[int, list[str]] = {}
    for j, it in enumerate(items):
        if it.level == 2 and it.parent is not None:
            children.setdefault(_part_of(items, j), []).append(texts[j])
    for n, i in enumerate(tops):
        tok = items[i].token
        body = paras[tok.para].text[tok.end:][:300]
        if len(body) < 60 and tok.para + 1 < len(paras):
            body += paras[tok.para + 1].text[:300]
        items[i].role = part_role(texts[i], children.get(i, []), body, n, len(tops))
    lead_ins: dict[int, str] = {}
    heads = {it.token.para for it in items if it.token.start}
    for j, it in enumerate(items):
        if it.parent is None:
            continue
        if it.series not in lead_ins:
            lead_ins[it.series] = _lead_in(it.token, paras, heads)
        it.role = item_role(texts[j], items[it.parent].role, lead_ins[it.series])
    _problem_series(items)


def _problem_series(items: list[Item]) -> None:
    """A series whose items are mostly problems is a problem list throughout."""
    by_series: dict[int, list[Item]] = {}
    for it in items:
        if it.parent is not None:
            by_series.setdefault(it.series, []).append(it)
    for members in by_series.values():
        hits = sum(1 for it in members if it.role == "problems")
        if len(members) >= 2 and hits * 2 >= len(members):
            for it in members:
                it.role = "problems"


def _part_of(items: list[Item], j: int) -> int:
    while items[j].parent is not None:
        j = items[j].parent  # type: ignore[assignment]
    return j


def _next_pos(items: list[Item], i: int) -> int | None:
    """Where the next item starts in the same paragraph (bounds this item's heading)."""
    if i + 1 < len(items) and items[i + 1].token.para == items[i].token.para:
        return items[i + 1].token.pos
    return None


def _item_heading(text: str, tok: Token, stop: int | None) -> str:
    """The heading sentence after the marker, with its final punctuation (。！？：)."""
    limit = stop if stop is not None else len(text)
    m = _HEAD_END.search(text, tok.end, limit)
    return text[tok.end:m.end() if m else limit]


def _lead_in(tok: Token, paras: list[Para], heads: set[int]) -> str:
    """The clause introducing a series (the text just before its first item, not a heading)."""
    if tok.pos:
        return paras[tok.para].text[:tok.pos][-100:]
    if tok.para and tok.para - 1 not in heads:
        return paras[tok.para - 1].text[-60:]
    return ""


# --------------------------------------------------------------------------- Draft

def _fill(draft: Draft, paras: list[Para], items: list[Item], body_from: int, close_from: int) -> list[int]:
    """Append the opening, headings, body paragraphs and closing to *draft*; return heading lines."""
    by_para: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        by_para.setdefault(it.token.para, []).append(i)
    lines: list[int] = []
    counters: dict[int, int] = {}
    for n, p in enumerate(paras):
        if n >= close_from:
            draft.blocks.append(Paragraph([Run(p.text)], kind="closing"))
            continue
        pos = 0
        for i in by_para.get(n, []):
            it = items[i]
            if it.token.pos > pos:
                draft.blocks.append(Paragraph([Run(p.text[pos:it.token.pos])]))
            stop = _next_pos(items, i)
            end = stop if stop is not None else len(p.text)
            head = _item_heading(p.text, it.token, stop)
            body = p.text[it.token.end + len(head):end]
            marker = it.token.marker or (_auto_marker(it.level, counters) if p.numbered else "")
            draft.blocks.append(Heading(it.level, head, marker, [Run(body)] if body else [], it.role))
            lines.append(p.line_at(it.token.pos))
            pos = end
        if pos < len(p.text):
            draft.blocks.append(Paragraph([Run(p.text[pos:])]))
    return lines


def _auto_marker(level: int, counters: dict[int, int]) -> str:
    counters[level] = counters.get(level, 0) + 1
    for deeper in [k for k in counters if k > level]:
        counters[deeper] = 0
    return heading_marker(level, counters[level])
