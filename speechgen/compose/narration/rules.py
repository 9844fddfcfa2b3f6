"""The verdict and judgement rules, with their thresholds in one dataclass.

**Signals** (computed per indicator from its facts; "better" means higher
growth, or lower for an indicator that is better when lower, see
``lower_is_better``):

======================  ========  =============================================
code                    kind      when
======================  ========  =============================================
``better_than_superior``  strength  growth beats the superior by > ``superior_margin``
``worse_than_superior``   weakness  growth trails the superior by > ``superior_margin``
``negative_growth``       weakness  growth < 0 (``negative_is_weak``)
``wrong_direction``       weakness  a lower-is-better indicator grows (> 0)
``falling``               strength  a lower-is-better indicator falls (< 0)
``top_rank``              strength  rank within the top ``top_share`` of ``rank_total``
                                  (at least rank 1); rank ≤ ``top_n`` when no total
``bottom_rank``           weakness  rank within the bottom ``bottom_share``
``rank_rise``             strength  moved up ≥ ``rank_rise`` places against ``prev_rank``
``rank_drop``             weakness  moved down ≥ ``rank_drop`` places
``ahead_of_target``       strength  growth ≥ ``target_growth`` (rates: value ≥ target)
``below_target``          weakness  growth < ``target_growth`` − ``target_margin``
``ahead_of_schedule``     strength  completion of the annual target ≥ 时序进度
``behind_schedule``       weakness  completion < 时序进度 − ``schedule_margin``
======================  ========  =============================================

**Verdict**: *weakness* when any weakness signal is "hard" (not listed in
``soft_weaknesses``); otherwise *strength* when any strength signal is
present; otherwise *weakness* when a soft weakness remains; otherwise
*neutral*.  By default ``below_target`` and ``behind_schedule`` are soft: an
indicator that beats the province but lags its own ambitious target stays in
the review (the lag still shows in its text and in the summary).  Set
``soft_weaknesses=frozenset()`` to make every weakness decisive.

**Part**: ``Indicator.part`` pins (review / problems) or silences (hidden);
``auto`` puts weaknesses into problems and everything else into the review.

**Judgement** over the n visible indicators with s strengths and w weaknesses,
first rule that holds:

1. n = 0 → 总体平稳
2. w = 0 and s ≥ ``good_share``·n → 稳中向好
3. w ≤ ``few_weak_share``·n and s > w → 稳中有进
4. w ≥ ``many_weak_share``·n and w > s → 承压前行
5. s ≥ ``split_share``·n and w ≥ ``split_share``·n → 分化
6. otherwise → 总体平稳

**Tone**: positive for 稳中向好 and 稳中有进, negative for 承压前行, otherwise
mixed (positive when there is no weakness at all).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

STRENGTHS = ("better_than_superior", "falling", "top_rank", "rank_rise", "ahead_of_target",
             "ahead_of_schedule")
#: weakness codes in the order their problem label is preferred
WEAKNESSES = ("negative_growth", "wrong_direction", "worse_than_superior", "bottom_rank", "rank_drop",
              "below_target", "behind_schedule")

@dataclass(frozen=True)
class NarrationRules:
    """Thresholds of the verdict rules (see the module docstring)."""

    superior_margin: Decimal = Decimal(0)  # 个百分点
    target_margin: Decimal = Decimal(0)  # 个百分点
    schedule_margin: Decimal = Decimal(0)  # 个百分点
    top_share: float = 1 / 3
    bottom_share: float = 1 / 3
    top_n: int = 3  # "居全省前三位的有…" and the count-by-rank tally
    rank_rise: int = 2
    rank_drop: int = 2
    negative_is_weak: bool = True
    soft_weaknesses: frozenset[str] = frozenset({"below_target", "behind_schedule"})
    from_bottom_max: int = 3  # bottom ranks up to 倒数第3位 are said from the bottom
    average_basis: bool = False  # the superior figure is an average: say 全省平均水平
    prev_label: str | None = None  # 上期称谓; None: from the period (Q1→上年, H1→一季度 …)
    rate_growth_in_points: bool = True  # unit "%": growth is a change in 个百分点
    lower_is_better: tuple[str, ...] | None = None  # name keywords; None: narration.yaml
    gdp_schedule: bool = False  # 时序进度/双过半 also for GDP (off: nominal GDP is no running total)
    wording_files: tuple[Path, ...] = ()  # extra wording files merged over corpora/narration.yaml
    good_share: float = 0.5
    few_weak_share: float = 0.25
    many_weak_share: float = 0.5
    split_share: float = 1 / 3

    # ------------------------------------------------------------------ ranks
    def group_size(self, total: int, share: float) -> int:
        return max(1, math.floor(total * share))

    def is_top(self, rank: int, total: int | None) -> bool:
        if total is None:
            return rank <= self.top_n
        return rank <= self.group_size(total, self.top_share)

    def is_bottom(self, rank: int, total: int | None) -> bool:
        if total is None or total < 2:
            return False
        return rank > total - self.group_size(total, self.bottom_share)


def verdict_of(signals: list[str], rules: NarrationRules) -> str:
    weak = [s for s in signals if s in WEAKNESSES]
    strong = [s for s in signals if s in STRENGTHS]
    if any(s not in rules.soft_weaknesses for s in weak):
        return "weakness"
    if strong:
        return "strength"
    return "weakness" if weak else "neutral"


def judgement_of(n: int, strengths: int, weaknesses: int, rules: NarrationRules) -> str:
    s, w = strengths, weaknesses
    if n == 0:
        return "总体平稳"
    if w == 0 and s >= rules.good_share * n:
        return "稳中向好"
    if w <= rules.few_weak_share * n and s > w:
        return "稳中有进"
    if w >= rules.many_weak_share * n and w > s:
        return "承压前行"
    if s >= rules.split_share * n and w >= rules.split_share * n:
        return "分化"
    return "总体平稳"


def tone_of(judgement: str, weaknesses: int) -> str:
    if judgement in ("稳中向好", "稳中有进"):
        return "positive"
    if judgement == "承压前行":
        return "negative"
    return "mixed" if weaknesses else "positive"


if TYPE_CHECKING:
    from speechgen.spec.model import NarrationSettings


def rules_from_settings(settings: "NarrationSettings") -> NarrationRules:
    """The spec's ``narration:`` settings as :class:`NarrationRules`."""
    return NarrationRules(
        superior_margin=settings.superior_margin, top_n=settings.top_n, rank_rise=settings.rank_rise,
        rank_drop=settings.rank_drop, negative_is_weak=settings.negative_is_weak,
        soft_weaknesses=frozenset() if settings.strict_targets else NarrationRules.soft_weaknesses,
        average_basis=settings.average_basis, prev_label=settings.prev_label, gdp_schedule=settings.gdp_schedule,
    )
