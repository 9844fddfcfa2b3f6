"""Turn a Draft, a text/Markdown string or read document lines into a :class:`Doc`.

Files get a *light* heading detection (markers at the start of a line:
一、 （一） 1. （1）); the full outliner lives elsewhere and is not needed here.
Markdown markup is removed (``#`` heading prefixes, ``**bold**`` pairs) while a
``**`` that masks a figure (``增长**%``) is kept so the placeholder rule sees it.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Sequence

from speechgen.core.numbers import cn_to_int
from speechgen.proof.rules.base import DocLine, HeadingInfo

if TYPE_CHECKING:
    from speechgen.core.draft import Draft

CN_NUMERAL = "一二三四五六七八九十"

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(rf"^([{CN_NUMERAL}]{{1,3}})\s*[、.．]")),
    ("pcn", re.compile(rf"^[（(]\s*([{CN_NUMERAL}]{{1,3}})\s*[）)]\s*[、.．]?")),
    ("num", re.compile(r"^(\d{1,2})\s*[.．、](?!\d)")),
    ("pnum", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?")),
]
_TERMINATORS = "。！？：:"
# "三、四季度" and "1、2月" are enumerations of periods, not headings.
_NOT_HEADING = re.compile(rf"^(?:[%％亿万元]|[{CN_NUMERAL}\d]+(?:季度|个|月|年|日|号|是|要|项|家|位))")
_SALUTATION = re.compile(r"^(?:各位[^：:。]{0,24}?[、，,])?(?:同志们|各位[^：:。]{1,16})[：:]$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
# `**` pairs that are markup: the inner text does not start with a unit and is not led by a digit/第.
_BOLD_LEAD = re.compile(r"^\*\*([^*\s][^*]*?[。！？：:])\*\*")
_BOLD_PAIR = re.compile(r"(?<![\d.第前])\*\*(?=[^\s*])(?![%％个位亿万千百元家户项人倍次名年月日号.．·])(.+?)(?<=[^\s*])\*\*")


def parse_marker(text: str) -> HeadingInfo | None:
    """The heading marker at the start of *text* (already stripped), or None."""
    for scheme, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        token = m.group(1)
        ordinal = int(token) if token.isdigit() else cn_to_int(token)
        if ordinal is None:
            return None
        rest = text[m.end():]
        if not rest.strip() or (scheme in ("num", "cn") and _NOT_HEADING.match(rest)):
            return None
        title, run_in = split_heading(rest)
        return HeadingInfo(marker=m.group(0), scheme=scheme, ordinal=ordinal, title=title, run_in=run_in)
    return None


def split_heading(rest: str) -> tuple[str, bool]:
    """Heading text up to and including the first sentence stop; whether body text follows."""
    rest = rest.lstrip()
    for i, ch in enumerate(rest):
        if ch in _TERMINATORS:
            return rest[: i + 1], bool(rest[i + 1:].strip())
    return rest, False


def marker_scheme(marker: str) -> tuple[str, int | None]:
    info = parse_marker(marker + "标题")
    return (info.scheme, info.ordinal) if info else ("", None)


# ------------------------------------------------------------------ Markdown

def strip_bold(line: str) -> str:
    """Remove ``**bold**`` markup; masks such as ``增长**%`` stay.  A bold lead sentence opening the
    line (``**项目建设加快推进。**新开工……``) is markup whatever its first character."""
    lead = _BOLD_LEAD.match(line)
    if lead:
        line = lead.group(1) + line[lead.end():]
    return _BOLD_PAIR.sub(lambda m: m.group(1), line)


def _md_line(raw: str) -> tuple[str, int]:
    """(visible text, heading hashes) for one Markdown line."""
    m = _MD_HEADING.match(raw)
    if m:
        return strip_bold(m.group(2).strip()), len(m.group(1))
    return strip_bold(raw), 0


# ------------------------------------------------------------------ files

def lines_from_text(
    numbered: Iterable[tuple[int, str]] | str, *, markdown: bool = False, styles: Sequence[str] = ()
) -> list[DocLine]:
    """Classify the lines of a speech read from a file (or a pasted string)."""
    if isinstance(numbered, str):
        numbered = enumerate(numbered.splitlines(), start=1)
    out: list[DocLine] = []
    front = True  # still in the title block (title, byline, date)
    for idx, (number, raw) in enumerate(numbered):
        style = styles[idx] if idx < len(styles) else ""
        hashes = 0
        text = raw.strip().lstrip("\u3000\ufeff").strip()
        if _MD_RULE.match(raw):
            continue  # a separator line (--- or ***), not text
        if markdown:
            text, hashes = _md_line(text)
        if not text:
            continue
        if markdown and text.startswith("|"):
            out.append(DocLine(number, text, "table"))
            continue
        line = _classify(number, text, hashes=hashes, style=style, first=not out, front=front)
        if not markdown:
            line = replace(line, indent=len(raw) - len(raw.lstrip().lstrip("\u3000\ufeff").lstrip()))
        front = front and line.kind in ("title", "subtitle")
        out.append(line)
    return out


def _classify(number: int, text: str, *, hashes: int, style: str, first: bool, front: bool) -> DocLine:
    if _SALUTATION.match(text):
        return DocLine(number, text, "salutation")
    info = parse_marker(text)
    if info is not None:
        return DocLine(number, text, "heading", info)
    if first and (hashes == 1 or _looks_like_title(text, style)):
        return DocLine(number, text, "title")
    if front and not first and len(text) <= 40 and text[-1] not in "。；，！？":
        return DocLine(number, text, "subtitle")
    if hashes >= 2:  # an unnumbered Markdown heading
        return DocLine(number, text, "heading", HeadingInfo("", "", None, text, False))
    return DocLine(number, text, "body")


def _looks_like_title(text: str, style: str) -> bool:
    if style.lower().startswith("title") or style in ("标题", "文档标题"):
        return True
    return len(text) <= 60 and text[-1] not in "。；，：！？:;,"


# ------------------------------------------------------------------ Draft

#: a report's 主送机关 is checked like a salutation, 署名 and 成文日期 like the byline block
_KIND_AS = {"recipient": "salutation", "attachment": "body", "signature": "subtitle", "dateline": "subtitle"}

def lines_from_draft(draft: Draft) -> list[DocLine]:
    """One line per title/subtitle/block, numbered as the .txt export numbers them."""
    from speechgen.core.draft import Heading, Paragraph, Table

    out: list[DocLine] = []

    def add(text: str, kind: str, heading: HeadingInfo | None = None) -> None:
        out.append(DocLine(len(out) + 1, text, kind, heading))  # type: ignore[arg-type]

    if draft.title:
        add(draft.title, "title")
    for sub in draft.subtitle:
        add(sub, "subtitle")
    for block in draft.blocks:
        if isinstance(block, Heading):
            marker = block.marker or ""
            scheme, ordinal = marker_scheme(marker) if marker else ("", None)
            body = "".join(r.text for r in block.body)
            info = HeadingInfo(marker, scheme, ordinal, block.text, bool(body.strip()), block.level)
            add(marker + block.text + body, "heading", info)
        elif isinstance(block, Paragraph):
            add(block.text, _KIND_AS.get(block.kind, block.kind))
        elif isinstance(block, Table):
            add(block.caption, "table")
            add("\t".join(block.header), "table")
            for row in block.rows:
                add("\t".join(row), "table")
    return out
