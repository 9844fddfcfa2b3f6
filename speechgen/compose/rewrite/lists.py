"""Noun notes of one item told as one list: consecutive bare lists (notes, or clauses of one note
such as its numbered parts) that take the same kind of frame become one list in one frame
(要抓好A、B、C等消费促进工作), never 抓好A工作，抓好B工作; and what in a record of facts is
the writer's statement, kept as written (a counted list, a result: ……通过验收、……税收超亿元)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from speechgen.compose.rewrite.lexicon import Lexicon
from speechgen.compose.rewrite.punct import clauses, has_outside, normalise, split_outside
from speechgen.compose.rewrite.shape import _STATES, QUANTITY, Shape, classify, frame_class, frames_for, predicate_start

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


def list_class(clause: str, voice: str, field: str, lex: Lexicon, plain: Plain) -> "tuple[ListKind, bool] | None":
    """(frame class, ends with 等) of a clause that is a bare noun list to frame, else None."""
    shape = classify_for(clause, voice, lex)
    if shape.kind == "predicate" and voice in _DIRECTIVE and _work_item(clause, lex):
        shape = Shape("list", [clause])  # 项目入库纳统 beside 土地报批: one more item of the list
    if shape.kind != "list" or plain(shape):
        return None
    return ListKind(frame_class(shape.items, voice, field, lex), frames_for(shape.items, voice, field, lex)), shape.etc


@dataclass(frozen=True)
class ListKind:
    cls: str
    frames: tuple[str, ...]


def _compatible(a: ListKind, b: ListKind) -> bool:
    """Two lists that take the same frames (or both frames of work) can be told as one."""
    return a.cls == b.cls or (a.cls in _GENERIC and b.cls in _GENERIC) or bool(set(a.frames) & set(b.frames))


def merge_lists(cut: Sequence[tuple[str, str]], voice: str, field: str, lex: Lexicon,
                plain: Plain) -> list[tuple[str, str]]:
    """(clause, stop) pairs with consecutive bare lists joined by 、 (the stop between them ；or none)."""
    out: list[tuple[str, str]] = []
    last: tuple[ListKind, bool] | None = None
    for clause, stop in cut:
        cls = list_class(clause, voice, field, lex, plain)
        if out and last and cls and out[-1][1] in ("；", "") and _compatible(last[0], cls[0]):
            prev = out[-1][0][:-1] if last[1] else out[-1][0]  # A、B等；C → A、B、C (the frame says 等)
            out[-1] = (prev + "、" + clause, stop)
        else:
            out.append((clause, stop))
        last = cls
    return out


def join_notes(notes: Sequence[str], voice: str, field: str, lex: Lexicon, symbols: re.Pattern[str]) -> list[tuple[str, str]]:
    """(note, normalised text) per note; consecutive notes that are each one bare noun list are
    joined by ；into one note, so that they become one list in one frame (see :func:`merge_lists`)."""
    out: list[tuple[str, str]] = []
    bare_before = False
    for note in notes:
        text = normalise(note)
        cut = clauses(text)
        bare = len(cut) == 1 and not symbols.search(note) and list_class(
            cut[0][0], voice, field, lex, lambda shape: as_written(shape, voice, lex)) is not None
        if out and bare and bare_before:
            out[-1] = (out[-1][0] + "；" + note, out[-1][1].rstrip("。；") + "；" + text)
        else:
            out.append((note, text))
        bare_before = bare
    return out


#: a result told with a figure in words (税收超亿元, 产值突破百亿)
_BEYOND = re.compile(r"(?:超|超过|突破|达|逾|过)[十百千万亿]+(?:元|美元|吨|人次|人|户|家|个)?$")


def is_result(items: "list[str]", lex: Lexicon) -> bool:
    """Does a noun-like achievement state a result (a figure, 通过验收、投产、即享、超亿元)?"""
    last = items[-1]
    return any(ch.isdigit() for item in items for ch in item) or last.endswith(lex.results) or bool(_BEYOND.search(last))


def as_written(shape: Shape, voice: str, lex: Lexicon) -> bool:
    """A noun list told as the writer wrote it: :func:`_kept`, or a problem that names no deficit."""
    return kept(shape, voice, lex) or voice == "problems" and not all(deficit(i, lex) for i in shape.items)


def kept(shape: Shape, voice: str, lex: Lexicon) -> bool:
    """Is a noun-like clause in a record of facts the writer's statement, as written?  A counted list
    (高新技术企业87家、专精特新企业6家) or, in achievements, a result (……通过验收): no frame may
    guess its verb (推进……等工作)."""
    return voice in ("achievements", "problems") and bool(QUANTITY.search("、".join(shape.items))) \
        or voice == "achievements" and is_result(shape.items, lex)


def deficit(item: str, lex: Lexicon) -> bool:
    """Does the item name a deficit (融资难、后劲不足): an object class framed as a problem?"""
    return any(item.endswith(cls.ends) for cls in lex.objects if "problems" in cls.frames)
