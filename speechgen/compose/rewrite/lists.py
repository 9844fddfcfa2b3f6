"""Noun notes of one item told as one list: consecutive bare lists (notes, or clauses of one note
such as its numbered parts) that take the same kind of frame become one list in one frame
(要抓好A、B、C等消费促进工作), never 抓好A工作，抓好B工作."""
from __future__ import annotations

from typing import Callable, Sequence

from speechgen.compose.rewrite.lexicon import Lexicon
import re

from speechgen.compose.rewrite.punct import has_outside, split_outside
from speechgen.compose.rewrite.shape import _STATES, Shape, classify, frame_class, predicate_start

#: frame classes that all tell "work" (a field's frame or a nominal verb's): lists of them mix
_GENERIC = frozenset({"nominal", "field"})

Plain = Callable[[Shape], bool]


_DIRECTIVE = ("deploy", "dispatch", "report")


def classify_for(clause: str, voice: str, lex: Lexicon) -> Shape:
    """:func:`classify`, except that in a directive a short list of work items, some told with a
    subject (项目入库纳统、土地报批、要素保障), is a list of work to frame, not a statement."""
    shape = classify(clause, lex)
    if shape.kind != "predicate" or voice not in _DIRECTIVE or has_outside(clause, "，：；“") \
            or not has_outside(clause, "、") or predicate_start(clause, lex)[0] or re.search(r"\d", clause):
        return shape
    items = [i.strip() for i in split_outside(clause, "、")]
    if not all(_work_item(i, lex) for i in items):
        return shape
    etc = items[-1].endswith("等")
    return Shape("list", [*items[:-1], items[-1][:-1]] if etc else items, etc=etc)


def _work_item(item: str, lex: Lexicon) -> bool:
    """A short item of work, told with its subject (项目入库纳统): no figure, no leading verb, no state."""
    return 2 <= len(item) <= 10 and not re.search(r"[\d，：；、“]", item) and not lex.verb_at(item) \
        and not item.endswith(_STATES) and not predicate_start(item, lex)[0]


def list_class(clause: str, voice: str, field: str, lex: Lexicon, plain: Plain) -> tuple[str, bool] | None:
    """(frame class, ends with 等) of a clause that is a bare noun list to frame, else None."""
    if voice == "problems":  # problems keep their items as written (主要是……问题 only for deficits)
        return None
    shape = classify_for(clause, voice, lex)
    if shape.kind == "predicate" and voice in _DIRECTIVE and _work_item(clause, lex):
        shape = Shape("list", [clause])  # 项目入库纳统 beside 土地报批: one more item of the list
    if shape.kind != "list" or plain(shape):
        return None
    return frame_class(shape.items, voice, field, lex), shape.etc


def _compatible(a: str, b: str) -> bool:
    return a == b or (a in _GENERIC and b in _GENERIC)


def merge_lists(cut: Sequence[tuple[str, str]], voice: str, field: str, lex: Lexicon,
                plain: Plain) -> list[tuple[str, str]]:
    """(clause, stop) pairs with consecutive bare lists joined by 、 (the stop between them ；or none)."""
    out: list[tuple[str, str]] = []
    last: tuple[str, bool] | None = None
    for clause, stop in cut:
        cls = list_class(clause, voice, field, lex, plain)
        if out and last and cls and out[-1][1] in ("；", "") and _compatible(last[0], cls[0]):
            prev = out[-1][0][:-1] if last[1] else out[-1][0]  # A、B等；C → A、B、C (the frame says 等)
            out[-1] = (prev + "、" + clause, stop)
        else:
            out.append((clause, stop))
        last = cls
    return out
