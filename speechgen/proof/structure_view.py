"""The checker's view of a file's structure is the outline's: one reader, one numbering grammar.

A file is read once (``outline.read``); its lines are classified for the line rules, and its
heading hierarchy comes from the outliner, so ``check`` and ``outline --json`` can never disagree
on what the parts are (第一部分/第二部分 included).  Headings the light line classifier guessed but
the outliner did not confirm become body lines; level-1 and paragraph-initial headings the
outliner found carry its level.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from speechgen.core.markers import start_token
from speechgen.proof.rules.base import DocLine, HeadingInfo

if TYPE_CHECKING:  # pragma: no cover
    from speechgen.outline.parse import Outline

#: the outline grammar's scheme names → the checker's (numbering messages show them)
SCHEMES = {"cn": "cn", "pcn": "pcn", "ar": "num", "par": "pnum", "shi": "是", "yao": "要", "diyi": "第",
           "seq": "序", "part": "part", "circ": "circ"}


def with_outline(lines: list[DocLine], outline: "Outline") -> list[DocLine]:
    """*lines* with heading information taken from *outline* (matched by source line)."""
    heads: dict[int, HeadingInfo] = {}
    for head, number in zip(outline.draft.headings(), outline.lines):
        if number in heads:
            continue  # a run-in heading on the same line as an earlier one: the line keeps the first
        marker = head.marker or ""
        tok = start_token(marker + "标题", 0) if marker else None
        scheme = SCHEMES.get(tok.scheme, tok.scheme) if tok else ""
        ordinal = tok.ordinal if tok and tok.ordinal else None
        run_in = bool("".join(r.text for r in head.body).strip())
        heads[number] = HeadingInfo(marker, scheme, ordinal, head.text, run_in, head.level)
    out = []
    for ln in lines:
        info = heads.get(ln.number)
        if info is not None and _starts_with(ln.text, info):
            out.append(DocLine(ln.number, ln.text, "heading", info))
        elif ln.kind == "heading":
            out.append(DocLine(ln.number, ln.text, "body"))
        else:
            out.append(ln)
    return out


def _starts_with(text: str, info: HeadingInfo) -> bool:
    """The heading opens the line (run-in items inside a paragraph stay body text for the line rules)."""
    stripped = text.lstrip()
    if info.marker:
        return stripped.startswith(info.marker)
    return stripped.startswith(info.title[:6])
