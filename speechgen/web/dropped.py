"""Warnings shown above the preview: input that did not reach the draft, and missing data.

Every text the writer typed (an achievement item, a problem, a task measure, a requirement …,
found generically by walking the spec) should show up in the draft, possibly reworded.  A text
counts as used when most of its character pairs occur in the draft, so light rewording does not
raise a false alarm while a dropped item does.
"""
from __future__ import annotations

from typing import Any, Iterator

from speechgen.spec.model import Spec

#: share of a text's character pairs that must occur in the draft
USED_SHARE = 0.6
MIN_CHARS = 4
MAX_WARNINGS = 30
#: spec parts whose texts are not meant to appear verbatim
SKIP_TOP = frozenset({"meeting", "narration", "seed", "indicators"})
SKIP_KEYS = frozenset({"lead", "support", "deadline", "unit", "bound", "verb", "file", "sheet", "columns",
                       "part", "source", "period"})


def collect(spec: Spec, draft: Any) -> list[str]:
    """Warnings (Chinese) about *spec* input missing from *draft*."""
    text = draft.text
    pairs = _pairs(text)
    out = [*_indicator_warnings(spec, text)]
    data = spec.model_dump(mode="python")
    for top, value in data.items():
        if top in SKIP_TOP:
            continue
        for where, item in _texts(value, top):
            if not _used(item, pairs):
                out.append(f"{where}：“{_short(item)}”没有写进稿子，请检查是否被舍弃或改写过多")
    if len(out) > MAX_WARNINGS:
        out = out[:MAX_WARNINGS] + [f"……另有 {len(out) - MAX_WARNINGS} 条提示"]
    return out


def _indicator_warnings(spec: Spec, text: str) -> Iterator[str]:
    figures = ("value", "growth", "superior_growth", "rank", "prev_growth", "annual_target", "target_growth")
    for i, ind in enumerate(spec.indicator_rows):
        where = f"指标第{i + 1}行“{ind.name}”"
        if ind.part == "hidden":
            continue
        if all(getattr(ind, f, None) is None for f in figures):
            yield f"{where}：没有任何数据（本期值、增速、排位都为空），稿中不会写到它"
        elif ind.name not in text:
            yield f"{where}：没有写进稿子"
        if ind.rank is not None and ind.rank_total is None:
            yield f"{where}：有排位但缺少参与排位的地区数（rank_total），无法判断“居前”或“靠后”"


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if len(value.strip()) >= MIN_CHARS:
            yield where, value.strip()
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIP_KEYS:
                yield from _texts(item, f"{where}.{key}")


def _pairs(text: str) -> set[str]:
    compact = "".join(ch for ch in text if not ch.isspace())
    return {compact[i:i + 2] for i in range(len(compact) - 1)}


def _used(item: str, pairs: set[str]) -> bool:
    own = _pairs(item.rstrip("。；;，,！!"))
    if not own:
        return True
    return len(own & pairs) / len(own) >= USED_SHARE


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "……"
