"""Arithmetic on one indicator row: which forms apply, their numbers, and the verdict signals.

Nothing here depends on the random seed: the same row always yields the same
clauses with the same numbers; only :mod:`.wording` picks the words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from ..model import Indicator
from ..numbers import fmt_abs, fmt_number, percent_of, percent_places, progress_percent
from ..periods import Period
from .model import Derived
from .rules import NarrationRules
from .wording import Wordings

Slots = dict[str, "str | tuple[str, ...]"]


@dataclass(frozen=True)
class Context:
    """What every row shares: the superior's name, the previous period, the rules."""

    superior: str
    prev: str
    prev_numbers: tuple[Derived, ...]
    period: Period
    rules: NarrationRules
    wordings: Wordings

    @property
    def sup_options(self) -> tuple[str, ...]:
        avg = f"{self.superior}平均水平"
        return (avg,) if self.rules.average_basis else (self.superior, avg)


@dataclass
class Clause:
    form: str
    slots: Slots
    numbers: list[Derived] = field(default_factory=list)


@dataclass
class Facts:
    indicator: Indicator
    lower_better: bool
    rate_type: bool
    clauses: list[Clause] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    sup_diff: Decimal | None = None
    prev_diff: Decimal | None = None
    rank_move: int | None = None
    target_met: bool | None = None
    completion: Decimal | None = None  # as printed
    progress_ahead: bool | None = None
    double_half: bool | None = None

    def add(self, form: str, numbers: Sequence[Derived] = (), **slots: "str | tuple[str, ...]") -> None:
        self.clauses.append(Clause(form, dict(slots), list(numbers)))

    def signal(self, code: str, reason: str) -> None:
        if code not in self.signals:
            self.signals.append(code)
            self.reasons[code] = reason


def _name(ind: Indicator) -> str:
    return ind.name.strip()


def row_facts(ind: Indicator, ctx: Context) -> Facts:
    keywords = ctx.rules.lower_is_better
    if keywords is None:
        keywords = ctx.wordings.lower_is_better
    facts = Facts(ind, lower_better=any(k in ind.name for k in keywords),
                  rate_type=ind.unit.strip() == "%")
    _value(facts, ctx)
    _growth(facts, ctx)
    _superior(facts, ctx)
    _previous(facts, ctx)
    _rank(facts, ctx)
    _rank_move(facts, ctx)
    _targets(facts, ctx)
    _growth_target(facts, ctx)
    return facts


# ------------------------------------------------------------------ level and growth

def _value(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    if ind.value is None:
        return
    if f.rate_type:
        form = "value_rate"
    elif any(k in ind.name for k in ctx.wordings.level_keywords):
        form = "value_level"
    else:
        form = "value_flow"
    f.add(form, name=_name(ind), value=fmt_number(ind.value), unit=ind.unit.strip())


def _growth(f: Facts, ctx: Context) -> None:
    g = f.indicator.growth
    if g is None:
        return
    points = f.rate_type and ctx.rules.rate_growth_in_points
    count = f.indicator.unit.strip() in ctx.wordings.count_units
    nums = [Derived(fmt_abs(g), f"{_name(f.indicator)}同比增速 {fmt_number(g)} 的绝对值（下降写作正数）")] if g < 0 else []
    if g == 0:
        f.add("growth_flat")
    elif points:
        f.add("growth_up_points" if g > 0 else "growth_down_points", nums, p=fmt_abs(g))
    else:
        form = "growth_up" if g > 0 else "growth_down"
        f.add(form + ("_count" if count else ""), nums, p=fmt_abs(g))
    if g < 0 and not f.lower_better and ctx.rules.negative_is_weak:
        f.signal("negative_growth", f"同比下降{fmt_abs(g)}%")
    elif g > 0 and f.lower_better:
        f.signal("wrong_direction", "不降反升")
    elif g < 0 and f.lower_better:
        f.signal("falling", "同比下降（越低越好）")


def _superior(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    if ind.growth is None or ind.superior_growth is None:
        return
    d = ind.growth - ind.superior_growth
    f.sup_diff = d
    formula = f"{_name(ind)}增速 {fmt_number(ind.growth)} − {ctx.superior}增速 {fmt_number(ind.superior_growth)}"
    if d == 0:
        f.add("sup_equal", sup=ctx.sup_options)
    else:
        f.add("sup_above" if d > 0 else "sup_below", [Derived(fmt_abs(d), formula)],
              sup=ctx.sup_options, d=fmt_abs(d))
    better = -d if f.lower_better else d
    margin = ctx.rules.superior_margin
    if better > margin:
        f.signal("better_than_superior", f"增速{'低于' if f.lower_better else '高于'}{ctx.superior}")
    elif better < -margin:
        f.signal("worse_than_superior", f"增速{'高于' if f.lower_better else '低于'}{ctx.superior}")


def _previous(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    g, pg = ind.growth, ind.prev_growth
    if g is None or pg is None or f.rate_type:
        return
    d = g - pg
    f.prev_diff = d
    nums = [*ctx.prev_numbers, Derived(fmt_abs(d), f"{_name(ind)}增速 {fmt_number(g)} − {ctx.prev}增速 {fmt_number(pg)}")]
    form = _prev_form(g, pg)
    if form in ("prev_same", "prev_decline_same"):
        f.add(form, list(ctx.prev_numbers), prev=ctx.prev)
    else:
        f.add(form, nums, prev=ctx.prev, d=fmt_abs(d))


def _prev_form(g: Decimal, pg: Decimal) -> str:
    if g < 0 and pg < 0:
        if g == pg:
            return "prev_decline_same"
        return "prev_narrow" if g > pg else "prev_widen"
    if g > 0 > pg:
        return "prev_turn_up"
    if g < 0 < pg:
        return "prev_turn_down"
    if g == 0 and pg < 0:
        return "prev_to_flat"
    if g == pg:
        return "prev_same"
    return "prev_up" if g > pg else "prev_down"


# ------------------------------------------------------------------ rank

def _rank(f: Facts, ctx: Context) -> None:
    ind, rules = f.indicator, ctx.rules
    rank, total = ind.rank, ind.rank_total
    if rank is None:
        return
    bottom = rules.is_bottom(rank, total)
    if rank == 1:
        f.add("rank_first", lvl=ctx.superior)
    elif total is not None and rank == total:
        f.add("rank_last", lvl=ctx.superior)
    elif total is not None and bottom and total - rank + 1 <= rules.from_bottom_max:
        n = total - rank + 1
        f.add("rank_bottom", [Derived(str(n), f"倒数位次 = 参与排位数 {total} − 排位 {rank} + 1")],
              lvl=ctx.superior, n=str(n))
    else:
        f.add("rank", lvl=ctx.superior, rank=str(rank))
    if rules.is_top(rank, total):
        f.signal("top_rank", f"居{ctx.superior}第{rank}位，排名靠前")
    elif bottom:
        f.signal("bottom_rank", f"居{ctx.superior}第{rank}位，排名靠后")


def _rank_move(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    if ind.rank is None or ind.prev_rank is None:
        return
    n = ind.prev_rank - ind.rank
    f.rank_move = n
    if n == 0:
        f.add("rank_same", list(ctx.prev_numbers), prev=ctx.prev)
        return
    formula = f"{_name(ind)}上期排位 {ind.prev_rank} − 本期排位 {ind.rank}"
    nums = [*ctx.prev_numbers, Derived(str(abs(n)), formula)]
    f.add("rank_up" if n > 0 else "rank_down", nums, prev=ctx.prev, n=str(abs(n)))
    if n >= ctx.rules.rank_rise:
        f.signal("rank_rise", f"排位前移{n}位")
    elif -n >= ctx.rules.rank_drop:
        f.signal("rank_drop", f"排位后移{-n}位")


# ------------------------------------------------------------------ targets

def _targets(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    if ind.value is None or ind.annual_target is None:
        return
    if f.rate_type:
        _rate_target(f, ctx)
    elif ind.annual_target > 0 and not f.lower_better:
        _completion(f, ctx)


def _rate_target(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    assert ind.value is not None and ind.annual_target is not None
    d = ind.value - ind.annual_target
    if d == 0:
        f.add("rate_target_equal")
    else:
        formula = f"{_name(ind)} {fmt_number(ind.value)} − 年度目标 {fmt_number(ind.annual_target)}"
        f.add("rate_target_above" if d > 0 else "rate_target_below",
              [Derived(fmt_abs(d), formula)], d=fmt_abs(d))
    better = -d if f.lower_better else d
    if better >= 0:
        f.signal("ahead_of_target", "达到年度目标")
    elif better < -ctx.rules.target_margin:
        f.signal("below_target", "低于年度目标")


def _completion(f: Facts, ctx: Context) -> None:
    ind, period = f.indicator, ctx.period
    assert ind.value is not None and ind.annual_target is not None
    share = period.time_progress
    progress = progress_percent(share) if share is not None and period.last < 12 else None
    exact = ind.value * 100 / ind.annual_target
    places = percent_places(ind.growth, ind.superior_growth, ind.prev_growth, ind.target_growth)
    bars = [Decimal(100)] + ([progress] if progress is not None else []) + ([Decimal(50)] if period.last == 6 else [])
    c = percent_of(ind.value, ind.annual_target, places, bars)
    f.completion = c
    formula = f"{_name(ind)} {fmt_number(ind.value)} ÷ 年度目标 {fmt_number(ind.annual_target)} × 100%"
    if c == 100 and ind.value == ind.annual_target:
        f.add("completion_full")
    else:
        f.add("completion_over" if exact > 100 else "completion", [Derived(fmt_number(c), formula)],
              c=fmt_number(c))
    if period.last == 12 and period.cumulative and ind.value < ind.annual_target:
        gap = ind.annual_target - ind.value
        f.add("gap_short", [Derived(fmt_number(gap), f"年度目标 {fmt_number(ind.annual_target)} − {fmt_number(ind.value)}")],
              gap=fmt_number(gap), unit=ind.unit.strip())
        f.signal("below_target", "未完成年度目标")
    if progress is not None and exact < 100:
        _progress(f, ctx, c, progress)
    elif exact >= 100:
        f.signal("ahead_of_target", "完成年度目标")


def _progress(f: Facts, ctx: Context, c: Decimal, t: Decimal) -> None:
    d = c - t
    f.progress_ahead = d >= 0
    if d == 0:
        f.add("progress_equal")
    else:
        formula = f"完成进度 {fmt_number(c)} − 时序进度 {fmt_number(t)}"
        f.add("progress_ahead" if d > 0 else "progress_behind", [Derived(fmt_abs(d), formula)], d=fmt_abs(d))
    if d >= 0:
        f.signal("ahead_of_schedule", "完成进度快于时序进度")
    elif d < -ctx.rules.schedule_margin:
        f.signal("behind_schedule", f"完成进度慢于{fmt_number(t)}%的时序进度")
    g, tg = f.indicator.growth, f.indicator.target_growth
    if ctx.period.last == 6 and g is not None and tg is not None:
        f.double_half = c >= 50 and g >= tg
        if f.double_half:
            f.add("double_half")


def _growth_target(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    g, tg = ind.growth, ind.target_growth
    if g is None or tg is None or f.rate_type:
        return
    d = g - tg
    formula = f"{_name(ind)}增速 {fmt_number(g)} − 目标增速 {fmt_number(tg)}"
    if d == 0:
        f.add("target_equal")
    else:
        f.add("target_above" if d > 0 else "target_below", [Derived(fmt_abs(d), formula)], d=fmt_abs(d))
    better = -d if f.lower_better else d
    f.target_met = better >= 0
    if better >= 0:
        f.signal("ahead_of_target", "增速达到年度目标")
    elif better < -ctx.rules.target_margin:
        f.signal("below_target", "增速低于年度目标")
