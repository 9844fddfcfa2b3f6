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

from .document import Draft, Heading, Paragraph, Run
from .hierarchy import Item, build, top_scheme
from .markers import Token, run_in_tokens, start_token
from .numbers import heading_marker
from .readers import Line, read_lines
from .roles import item_role, part_role
from .textclean import CleanLine, Para, clean_lines, join_paragraphs

_SALUTATION = re.compile(r"^(?:各位[^。！？]{0,30}[、，])?(?:同志们|各位(?:领导|代表|委员|同事)[^。！？]{0,20})[：:！!]$")
_DATE_LINE = re.compile(r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^。，]{1,12}?[）)]?$")
_BYLINE = re.compile(r"^[\u4e00-\u9fff·、（）()]{0,24}?(?:书记|市长|县长|区长|省长|州长|旗长|镇长|乡长|主任|局长|部长|厅长|主席|委员|秘书长|行长|经理)?[ 　]?[\u4e00-\u9fff·]{2,4}$")
_TITLE_WORDS = re.compile(r"讲话|发言|报告|致辞|汇报|总结|会议|会上|意见|提纲|材料|动员|在.{2,40}上")
_TITLE_STYLE = re.compile(r"^(?:Title|标题|Subtitle|副标题)$", re.I)
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.I)
_CLOSING_START = re.compile(
    r"^(?:同志们[，,！!]|让我们|谢谢大家|谢谢！|总之[，,]|以上(?:几|[一二三四五六七八九十]|\d)(?:点|个方面)|通过今天的会议"
    r"|希望大家|最后[，,]希望)")
_SLOGAN_START = re.compile(r"^[\u4e00-\u9fff]{2,8}[，,][\u4e00-\u9fff]{2,8}[！!。；]")
_RALLY = re.compile(r"让我们|希望大家|确保完成|以优异成绩|新的更大贡献|努力奋斗|满意的答卷|奋力夺取|谢谢大家|时不我待|只争朝夕|时不等人")
_TRAILER = re.compile(r"^(?:[（(][^（）()]{1,30}[）)]|\d{4}年\d{1,2}月\d{1,2}日)$")
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
            out.append({"level": head.level, "marker": head.marker or "", "text": heading_text(head.text),
                        "role": head.role, "line": line, "run_in": head.run_in})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.draft.title, "opening": self.opening, "closing": self.closing,
                "headings": self.headings(), "subtitle": list(self.draft.subtitle),
                "source": self.source}


def heading_text(text: str) -> str:
    """The heading as the contract wants it: no final 。！？： (nor a dangling ；，、)."""
    return text.rstrip("。！？：!?:；;，,、 ")


# --------------------------------------------------------------------------- entry points

def outline_file(path: str | Path) -> Outline:
    """Outline a .txt, .md or .docx file (raises :class:`~speechgen.errors.InputError`)."""
    path = Path(path)
    lines = read_lines(path, markdown=True)
    return outline_lines(lines, source=str(path), joinable=path.suffix.lower() != ".docx")


def outline_text(text: str, *, source: str = "<文本>") -> Outline:
    return outline_lines([Line(i, t) for i, t in enumerate(text.splitlines(), start=1)], source=source)


def outline_lines(lines: list[Line], *, source: str = "", joinable: bool = True) -> Outline:
    clean = clean_lines(lines)
    draft = Draft()
    rest = _front(clean, draft)
    paras = join_paragraphs(rest, joinable=joinable)
    tokens = _tokens(paras)
    top = top_scheme(tokens)
    first = next((i for i, t in enumerate(tokens) if top is None or (t.start and t.scheme == top)), len(tokens))
    body_from = tokens[first].para if first < len(tokens) else len(paras)
    close_from = _closing_start(paras, body_from)
    offsets = _offsets(paras)
    limit = offsets[close_from] if close_from < len(paras) else offsets[-1]
    tokens = [t for t in tokens[first:] if t.para < close_from]
    items, _ = build(tokens, top, offsets, limit)
    _assign_roles(items, paras, offsets)
    heading_lines = _fill(draft, paras, items, body_from, close_from)
    opening = any(p.text for p in paras[:body_from] if p.text)
    return Outline(draft, heading_lines, opening, close_from < len(paras), source)


# --------------------------------------------------------------------------- front matter

def _front(lines: list[CleanLine], draft: Draft) -> list[CleanLine]:
    """Title, byline/date lines and the salutation; returns the remaining lines."""
    i, title, sub = 0, [], []
    while i < len(lines) and i < 8:
        c = lines[i]
        text = c.text
        if _SALUTATION.match(text) or (c.style and _HEADING_STYLE.match(c.style) and title):
            break
        if title and (_DATE_LINE.match(text) or (_BYLINE.match(text) and len(text) <= 24)):
            sub.append(re.sub(r"[ \u3000\t]+", "\u3000", c.raw) if c.raw else text)
        elif not sub and (_TITLE_STYLE.match(c.style) or _title_fragment(text)):
            title.append(_title_text(c))
        else:
            break
        i += 1
    if title and not (_TITLE_WORDS.search("".join(title)) or _TITLE_STYLE.match(lines[0].style)
                      or _HEADING_STYLE.match(lines[0].style)):
        i, title, sub = 0, [], []
    draft.title, draft.subtitle = "".join(title), sub
    if i < len(lines) and _SALUTATION.match(lines[i].text):
        draft.blocks.append(Paragraph([Run(lines[i].text)], kind="salutation"))
        i += 1
    return lines[i:]


def _title_text(c: CleanLine) -> str:
    """A title line, normalised, but a wide gap (two spaces, a full-width space) stays a gap."""
    from .textclean import normalise

    gapped = re.sub(r"(?<=\S)(?: {2,}|\u3000+|\t+)(?=\S)", "\ue000", c.raw or c.text)
    return normalise(gapped).replace("\ue000", "\u3000")


def _title_fragment(text: str) -> bool:
    return (len(text) <= 40 and not any(ch in text for ch in "。；;，,") and text[-1] not in "：:"
            and start_token(text, 0) is None)


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
    m = _HEADING_STYLE.match(p.style)
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


def _closing_start(paras: list[Para], body_from: int) -> int:
    """Index of the first closing paragraph (``len(paras)`` if the speech has no closing)."""
    n = len(paras)
    last = n - 1
    while last > body_from and _TRAILER.match(paras[last].text):
        last -= 1  # （根据录音整理） / a date under the text
    if n == 0 or last <= body_from:
        return n
    if paras[last].text.startswith(("谢谢大家", "谢谢！")) and last - 1 > body_from:
        if _is_closing(paras[last - 1].text):
            return last - 1
        return last
    return last if _is_closing(paras[last].text) else n


def _is_closing(text: str) -> bool:
    if start_token(text, 0) is not None:
        return False
    if _CLOSING_START.match(text):
        return True
    return bool(_SLOGAN_START.match(text)) and (bool(_RALLY.search(text)) or text.endswith(("！", "!")))


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
