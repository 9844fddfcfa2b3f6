"""The judgement facts of one narrated row, in the vocabulary of bank conditions
(:mod:`speechgen.compose.conditions`): rank band, growth sign, vs superior, vs target,
vs previous period, verdict.  A phrase that comments on this row may only say what these allow."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from speechgen.compose.narration.base import Context, Facts

SLUMP = Decimal(-10)  # a fall of 10% or more is a slump: never "总体可控"


def judgement_facts(f: Facts, ctx: Context, verdict: str) -> dict[str, str]:
    ind = f.indicator
    return {
        "verdict": verdict,
        "rank": rank_band(ind.rank, ind.rank_total, ctx),
        "growth": _growth(ind),
        "superior": _superior(f),
        "target": _target(f),
        "prev": _prev(ind.growth, ind.prev_growth),
        "lower_better": "yes" if f.lower_better else "no",
    }


def rank_band(rank: int | None, total: int | None, ctx: Context) -> str:
    if rank is None:
        return "none"
    if rank == 1:
        return "first"
    if total is not None and rank >= total:
        return "last"
    if ctx.rules.is_top(rank, total):
        return "top"
    return "bottom" if ctx.rules.is_bottom(rank, total) else "middle"


def growth_band(g: Decimal | None) -> str:
    if g is None:
        return "none"
    if g == 0:
        return "flat"
    if g > 0:
        return "up"
    return "slump" if g <= SLUMP else "down"


def _growth(ind: Any) -> str:
    """The band of the growth the row states (cumulative, else the month's); a fall of a tenth in any
    figure it states is a slump (the row is no ground for "总体平稳")."""
    month = getattr(ind, "month_growth", None)
    band = growth_band(ind.growth if ind.growth is not None else month)
    if any(g is not None and g <= SLUMP for g in (ind.growth, month)):
        return "slump"
    return band


def _superior(f: Facts) -> str:
    if f.sup_diff is None:
        return "none"
    better = -f.sup_diff if f.lower_better else f.sup_diff
    return "better" if better > 0 else "worse" if better < 0 else "equal"


def _target(f: Facts) -> str:
    signals = set(f.signals)
    if "below_target" in signals or "behind_schedule" in signals or f.target_met is False \
            or f.progress_ahead is False:
        return "missed"
    if f.target_met or f.progress_ahead or "ahead_of_target" in signals:
        return "met"
    return "none"


def _prev(g: Decimal | None, pg: Decimal | None) -> str:
    if g is None or pg is None:
        return "none"
    if g < 0 and pg < 0:
        return "same" if g == pg else "narrow" if g > pg else "widen"
    if g > 0 > pg or (g == 0 and pg < 0):
        return "turn_up"
    if g < 0 <= pg:
        return "turn_down"
    return "same" if g == pg else "faster" if g > pg else "slower"


HEADLINE_WORDS = ("地区生产总值", "生产总值", "GDP")


def mark_headline(rows: "list[tuple[Facts, Any]]") -> None:
    """Set each statement's ``headline`` fact: its growth against the headline indicator's (GDP)."""
    head = next((f.indicator.growth for f, _ in rows
                 if any(w in f.indicator.name for w in HEADLINE_WORDS) and f.indicator.growth is not None), None)
    for f, statement in rows:
        g = f.indicator.growth
        if head is None or g is None or any(w in f.indicator.name for w in HEADLINE_WORDS) or f.lower_better:
            statement.facts["headline"] = "none"
        else:
            statement.facts["headline"] = "above" if g > head else "below" if g < head else "equal"
