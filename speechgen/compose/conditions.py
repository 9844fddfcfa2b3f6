"""Judgement conditions: the facts a phrase asserts, as data on bank entries.

A phrase that states a judgement ("这个位次与我们的发展基础很不相称", "拖了全局的后腿",
"这些成绩的取得……") names in the bank the facts it needs::

    - text: 已经拖了全局的后腿，必须尽快补上来。
      when: {superior: worse, verdict: weakness}
    - text: 这个位次与我们的发展基础很不相称，必须尽快改变。
      when: {rank: [bottom, last]}
    - text: 分析原因，既有外部需求偏弱等客观因素，也有……
      needs: [causes]

``when`` is a mapping (every key must hold) or a list of mappings (any one must
hold).  Indicator keys hold when **every** indicator the phrase speaks of has one
of the listed values (and there is at least one such indicator); table keys
(:data:`TABLE_KEYS`) are facts of the whole indicator table.  ``needs`` names
material the writer must have given (the spec's causes, opportunities, risks):
outside facts are never asserted on the bank's own authority.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from speechgen.errors import PhraseBankError

#: indicator-level keys → their values (a value per indicator, see :func:`judgement_facts`).
INDICATOR_KEYS: dict[str, tuple[str, ...]] = {
    "verdict": ("strength", "weakness", "neutral"),
    "rank": ("first", "top", "middle", "bottom", "last", "none"),
    "growth": ("up", "flat", "down", "slump", "none"),  # slump: down by 10% or more
    "superior": ("better", "equal", "worse", "none"),  # judged in the indicator's good direction
    "target": ("met", "missed", "none"),
    "prev": ("faster", "same", "slower", "narrow", "widen", "turn_up", "turn_down", "none"),
    "headline": ("above", "equal", "below", "none"),  # growth vs the table's headline (GDP) growth
}
#: keys describing the whole table (or the whole draft).
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "tone": ("positive", "mixed", "negative"),
    "declines": ("none", "some", "most"),  # share of indicators whose growth went the wrong way
    "weaknesses": ("none", "some", "most"),
    "top_ranks": ("none", "some", "most"),  # indicators ranked first or in the top band
    "bottom_ranks": ("none", "some", "most"),  # indicators ranked last or in the bottom band
    "missed": ("none", "some", "most"),  # indicators behind their target or schedule
    "slumps": ("none", "some", "most"),  # indicators down by a tenth or more (never "总体平稳")
    # the figures cover a whole year (比上年), part of one (同比、比上年同期), or are month-on-month growth
    # (mom: only wordings whose 同比 the narration's bases turn into 环比)
    "span": ("year", "part", "mom"),
}
KEYS = {**INDICATOR_KEYS, **TABLE_KEYS}
#: writer's material an entry may need before it may be said.
NEEDS = ("causes", "opportunities", "risks", "achievements", "relays")

Facts = Mapping[str, str]


@dataclass(frozen=True)
class Condition:
    """Alternatives (OR) of conjunctions (AND) of key ∈ values, plus needed material."""

    anyof: tuple[tuple[tuple[str, frozenset[str]], ...], ...] = ()
    needs: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.anyof or self.needs)

    @property
    def keys(self) -> set[str]:
        return {k for alt in self.anyof for k, _ in alt}

    def holds(self, about: Sequence[Facts] | None, table: Facts, material: frozenset[str] = frozenset()) -> bool:
        if not self.needs <= material:
            return False
        if not self.anyof:
            return True
        return any(all(_holds(k, vals, about, table) for k, vals in alt) for alt in self.anyof)


def _holds(key: str, values: frozenset[str], about: Sequence[Facts] | None, table: Facts) -> bool:
    if key in TABLE_KEYS:
        return table.get(key) in values
    rows = about if about is not None else table.get("_rows", ())  # type: ignore[assignment]
    return bool(rows) and all(r.get(key, "none") in values for r in rows)  # type: ignore[union-attr]


def parse_condition(when: Any, needs: Any, where: str) -> Condition:
    """Validate an entry's ``when`` and ``needs`` (Chinese messages naming the entry)."""
    alts = [] if when is None else when if isinstance(when, list) else [when]
    parsed = []
    for alt in alts:
        if not isinstance(alt, dict) or not alt:
            raise PhraseBankError(f"{where} 的 when 应为“条件: 取值”字段表或其列表")
        conj = []
        for key, raw in alt.items():
            if key not in KEYS:
                raise PhraseBankError(f"{where} 的 when 使用了未知条件 {key}，可用：{'、'.join(KEYS)}")
            vals = [str(v) for v in (raw if isinstance(raw, list) else [raw])]
            bad = [v for v in vals if v not in KEYS[key]]
            if bad or not vals:
                raise PhraseBankError(f"{where} 的条件 {key} 取值 {'、'.join(bad) or '（空）'} 无效，"
                                      f"可用：{'、'.join(KEYS[key])}")
            conj.append((str(key), frozenset(vals)))
        parsed.append(tuple(conj))
    need_list = [] if needs is None else needs if isinstance(needs, list) else [needs]
    bad_needs = [str(n) for n in need_list if n not in NEEDS]
    if bad_needs:
        raise PhraseBankError(f"{where} 的 needs 取值 {'、'.join(bad_needs)} 无效，可用：{'、'.join(NEEDS)}")
    return Condition(tuple(parsed), frozenset(str(n) for n in need_list))


# ------------------------------------------------------------------ facts of the data

@dataclass
class TableFacts:
    """What the whole draft knows: per-indicator facts, table keys, the writer's material."""

    rows: list[dict[str, str]] = field(default_factory=list)
    table: dict[str, str] = field(default_factory=dict)
    material: frozenset[str] = frozenset()

    def mapping(self) -> dict[str, Any]:
        return {**self.table, "_rows": self.rows}


def share_band(n: int, total: int) -> str:
    if n == 0 or total == 0:
        return "none"
    return "most" if n * 2 > total else "some"


def table_facts(rows: Sequence[Facts], tone: str, material: frozenset[str] = frozenset()) -> TableFacts:
    declines = sum(r.get("growth") in ("down", "slump") and r.get("lower_better") != "yes"
                   or r.get("growth") == "up" and r.get("lower_better") == "yes" for r in rows)
    n = len(rows)

    def band(key: str, values: tuple[str, ...]) -> str:
        return share_band(sum(r.get(key) in values for r in rows), n)

    return TableFacts([dict(r) for r in rows],
                      {"tone": tone, "declines": share_band(declines, n),
                       "weaknesses": band("verdict", ("weakness",)), "top_ranks": band("rank", ("first", "top")),
                       "bottom_ranks": band("rank", ("bottom", "last")), "missed": band("target", ("missed",)),
                       "slumps": share_band(sum(r.get("growth") == "slump" and r.get("lower_better") != "yes"
                                                for r in rows), n)},
                      material)
