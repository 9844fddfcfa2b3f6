"""Arithmetic on one indicator row: which forms apply, their numbers, and the verdict signals.

Nothing here depends on the random seed: the same row always yields the same
clauses with the same numbers; only :mod:`.wording` picks the words.
"""
from __future__ import annotations

from decimal import Decimal

from speechgen.spec.model import Indicator
from speechgen.spec.tables.units import is_rate_name
from speechgen.core.numbers import fmt_abs, fmt_number
from speechgen.compose.narration.base import Clause, Context, Facts, Slots, name_of as _name
from speechgen.compose.narration.model import Derived
from speechgen.compose.narration.analysis import contribution, count_clause, month, pull, share, two_year
from speechgen.compose.narration.targets import growth_target, targets

__all__ = ["Clause", "Context", "Facts", "Slots", "row_facts"]


def row_facts(ind: Indicator, ctx: Context) -> Facts:
    keywords = ctx.rules.lower_is_better
    if keywords is None:
        keywords = ctx.wordings.lower_is_better
    facts = Facts(ind, lower_better=any(k in ind.name for k in keywords),
                  rate_type=_is_rate(ind))
    if ind.count is None or ind.value is not None:
        _value(facts, ctx)
    count_clause(facts, ctx)  # the level of a count row, or "共N个" after a value
    share(facts, ctx)
    _growth(facts, ctx)
    two_year(facts)
    month(facts, ctx)
    _superior(facts, ctx)
    _previous(facts, ctx)
    pull(facts, ctx)
    contribution(facts, ctx)
    _rank(facts, ctx)
    _rank_move(facts, ctx)
    targets(facts, ctx)
    growth_target(facts, ctx)
    return facts


def _is_rate(ind: "Indicator") -> bool:
    """A rate (its change told in 百分点): unit "%" and a value that is the rate itself, or a name
    that says so (失业率, 比重); "%" on a row with only a growth is how tables mark growth indicators."""
    return ind.unit.strip() == "%" and (ind.value is not None or is_rate_name(ind.name))


# ------------------------------------------------------------------ level and growth

def _value(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    if ind.value is None:
        return
    if f.rate_type:  # 失业率控制在5.1%, 价格指数为100.8 (never 达到 for what should stay low, or an index)
        form = "value_index" if "指数" in ind.name else "value_rate_low" if f.lower_better else "value_rate"
    elif ind.value < 0 or any(k in ind.name for k in ctx.wordings.level_keywords) \
            or ind.unit.strip() in ctx.wordings.count_units:  # 开工个数为23个 (a count is no output 实现)
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
