"""Indicators → statements with a verdict (basic version; extended by the narration work)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .model import Indicator, Spec
from .numbers import fmt_number

Verdict = Literal["strength", "weakness", "neutral"]


@dataclass(frozen=True)
class Derived:
    """A number that is not in the input, and how it was computed from it."""

    text: str
    formula: str


@dataclass
class Statement:
    indicator: str
    text: str
    verdict: Verdict
    part: Literal["review", "problems", "hidden"]
    numbers: list[Derived] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    label: str = ""  # short problem label for a weakness, e.g. 工业增速偏低


@dataclass
class Narration:
    statements: list[Statement] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    judgement: str = ""
    overall: str = ""  # one complete sentence of overall judgement
    tone: Literal["positive", "mixed", "negative"] = "positive"
    derived: list[Derived] = field(default_factory=list)  # numbers used by summary sentences

    def numbers(self) -> list[Derived]:
        """Every computed number that appears anywhere in the narration's text."""
        return [d for s in self.statements for d in s.numbers] + list(self.derived)

    @property
    def review(self) -> list[Statement]:
        return [s for s in self.statements if s.part == "review"]

    @property
    def problems(self) -> list[Statement]:
        return [s for s in self.statements if s.part == "problems"]


def narrate(spec: Spec, *, rng: random.Random | None = None) -> Narration:
    rng = rng or random.Random(0)
    sup = spec.meeting.superior
    statements = [_statement(ind, sup) for ind in spec.indicator_rows]
    weak = sum(s.verdict == "weakness" for s in statements)
    tone = "positive" if weak == 0 else ("negative" if weak * 2 > len(statements) else "mixed")
    return Narration(statements=statements, tone=tone,
                     judgement={"positive": "稳中有进", "mixed": "稳中有忧", "negative": "承压运行"}[tone])


def _statement(ind: Indicator, sup: str) -> Statement:
    parts: list[str] = []
    derived: list[Derived] = []
    reasons: list[str] = []
    if ind.value is not None:
        parts.append(f"{ind.name}完成{fmt_number(ind.value)}{ind.unit}")
    if ind.growth is not None:
        g = ind.growth
        head = "同比" if parts else f"{ind.name}同比"
        word = "增长" if g > 0 else ("下降" if g < 0 else "与上年持平")
        parts.append(f"{head}{word}{fmt_number(abs(g))}%" if g != 0 else f"{ind.name if not parts else ''}{word}")
        if g < 0:
            reasons.append("负增长")
        if ind.superior_growth is not None:
            diff = g - ind.superior_growth
            if diff != 0:
                parts.append(f"{'高于' if diff > 0 else '低于'}{sup}{fmt_number(abs(diff))}个百分点")
                derived.append(Derived(fmt_number(abs(diff)), f"{fmt_number(g)} − {fmt_number(ind.superior_growth)}"))
                if diff < 0:
                    reasons.append(f"低于{sup}")
            else:
                parts.append(f"与{sup}持平")
    elif not parts:
        parts.append(ind.name)
    if ind.rank is not None:
        parts.append(f"居{sup}第{ind.rank}位")
        if ind.rank_total and ind.rank > ind.rank_total * 2 / 3:
            reasons.append("排位靠后")
    verdict: Verdict = "weakness" if reasons else ("strength" if ind.growth is not None else "neutral")
    part = ind.part if ind.part != "auto" else ("problems" if verdict == "weakness" else "review")
    label = f"{ind.name}{'增速偏低' if ind.growth is not None else '表现偏弱'}" if reasons else ""
    return Statement(ind.name, "，".join(parts), verdict, part, derived, reasons, label)
