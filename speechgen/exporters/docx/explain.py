"""``render --explain``: a Word comment on every computed figure saying how it was computed.

:func:`figure_comments` maps each :class:`~speechgen.core.draft.Provenance` of a draft to the
characters it was printed as: the paragraph holding its sentence (``Provenance.context``),
then, inside that sentence, the occurrence of its number that is a whole number and not
an input figure (an input rank "第2位" is passed over; a computed "倒数第2位" is not).
Several figures with the same number in one sentence take its occurrences in order.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Sequence

from speechgen.core.draft import Provenance
from speechgen.exporters.docx.comments import Comment

AUTHOR = "speechgen计算说明"
_OPERATOR = re.compile(r"[−+×÷/]")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PREFIX = 12  # characters of a sentence enough to find its paragraph when the template reworded the end


def source_of(fig: Provenance) -> str:
    """"指标表第2项 地区生产总值" (aggregates: "指标表汇总")."""
    if not fig.indicator:
        return "指标表汇总"
    return f"指标表第{fig.row}项 {fig.indicator}" if fig.row else f"指标 {fig.indicator}"


def comment_text(fig: Provenance) -> str:
    """"地区生产总值增速 5.8 − 全省增速 5.3 = 0.5" plus the input it rests on."""
    if _OPERATOR.search(fig.formula):
        pct = "%" if fig.formula.rstrip().endswith("× 100%") else ""
        head = f"{oriented(fig.formula)} = {fig.text}{pct}"
    else:
        head = f"{fig.text}：{fig.formula}"
    return f"{head}\n来自：{source_of(fig)}"


def oriented(formula: str) -> str:
    """A difference "A − B" printed as a positive gap ("低0.6个百分点") reads "B − A" so the comment is true."""
    parts = formula.split(" − ")
    if len(parts) != 2 or any(_OPERATOR.search(p) for p in parts):
        return formula
    nums = [_NUMBER.findall(p) for p in parts]
    if not all(nums):
        return formula
    label, _, first = parts[0].rpartition("= ")
    if Decimal(nums[0][-1]) < Decimal(nums[1][-1]):
        return f"{label}= {parts[1]} − {first}" if label else f"{parts[1]} − {parts[0]}"
    return formula


def occurrences(token: str, text: str) -> list[int]:
    """Starts of *token* as a whole computed number in *text* (not inside a longer figure, not 第N of an input rank)."""
    found = []
    for m in re.finditer(rf"(?<![\d.]){re.escape(token)}(?![\d]|\.\d)", text):
        before = text[max(0, m.start() - 3):m.start()]
        if before.endswith("第") and not before.endswith("倒数第"):
            continue
        found.append(m.start())
    return found


def _sentence_at(texts: Sequence[str], context: str) -> tuple[int, int] | None:
    """(paragraph index, offset) where *context* (or its opening words) is printed."""
    for probe in (context, context[:_PREFIX]):
        if not probe:
            continue
        for i, text in enumerate(texts):
            pos = text.find(probe)
            if pos >= 0:
                return i, pos
    return None


def figure_comments(texts: Sequence[str], figures: Sequence[Provenance], *, author: str = AUTHOR) -> list[Comment]:
    """One comment per figure that can be found in the paragraphs *texts* (paragraph 1 is ``texts[0]``)."""
    out: list[Comment] = []
    used: dict[tuple[int, int, str], int] = {}
    for fig in figures:
        where = _sentence_at(texts, fig.context)
        if where is None:
            continue
        para, start = where
        span = texts[para][start:start + len(fig.context)] if fig.context else texts[para]
        key = (para, start, fig.text)
        hits = occurrences(fig.text, span)
        k = used.get(key, 0)
        if k >= len(hits):
            continue
        used[key] = k + 1
        pos = start + hits[k]
        out.append(Comment(para + 1, pos, pos + len(fig.text), comment_text(fig), author=author,
                           initials="算"))
    return out
