"""Forms against the annual target: completion (10), 超额 (24), gap (25), 时序进度 (11),
双过半 (12) and growth against the target growth (17)."""
from __future__ import annotations

from decimal import Decimal

from speechgen.core.numbers import fmt_abs, fmt_number, percent_of, percent_places, progress_percent
from speechgen.compose.narration.base import Context, Facts, name_of as _name
from speechgen.compose.narration.model import Derived


def targets(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    if ind.value is None or ind.annual_target is None:
        return
    if f.rate_type:
        _rate_target(f, ctx)
    elif ind.annual_target > 0 and ind.value >= 0 and not f.lower_better:
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
    if progress is not None and exact < 100 and schedule_applies(f, ctx):
        _progress(f, ctx, c, progress)
    elif exact >= 100:
        f.signal("ahead_of_target", "完成年度目标")


HEADLINE = ("生产总值", "GDP")


def schedule_applies(f: Facts, ctx: Context) -> bool:
    """时序进度 and 双过半 compare a running total with the share of the year gone: meaningful for
    value totals and counts, not for rates, and not for nominal GDP unless the spec asks
    (``narration.gdp_schedule``): GDP is a current-price estimate, not a total filled month by month."""
    if f.rate_type or f.lower_better:
        return False
    return ctx.rules.gdp_schedule or not any(w in f.indicator.name for w in HEADLINE)


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


def growth_target(f: Facts, ctx: Context) -> None:
    ind = f.indicator
    g, tg = ind.growth, ind.target_growth
    if g is None or tg is None or f.rate_type:
        return
    d = g - tg
    formula = f"{_name(ind)}增速 {fmt_number(g)} − 目标增速 {fmt_number(tg)}"
    if g < 0 < tg and not f.lower_better:  # a decline against a growth target: a gap in words
        f.add("target_gap_words", t=fmt_number(tg))
    elif d == 0:
        f.add("target_equal")
    else:
        f.add("target_above" if d > 0 else "target_below", [Derived(fmt_abs(d), formula)], d=fmt_abs(d))
    better = -d if f.lower_better else d
    f.target_met = better >= 0
    if better >= 0:
        f.signal("ahead_of_target", "增速达到年度目标")
    elif better < -ctx.rules.target_margin:
        f.signal("below_target", "增速低于年度目标")
