"""What narration returns: statements with verdicts, aggregates, and every computed number."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from speechgen.compose.narration.regions import RegionReport

Verdict = Literal["strength", "weakness", "neutral"]
Part = Literal["review", "problems", "hidden", "joined"]  # joined: a sub-item told inside its parent
Tone = Literal["positive", "mixed", "negative"]


@dataclass(frozen=True)
class Derived:
    """A number that is not in the input, exactly as printed, and how it was computed.

    ``text`` is the number token as it appears in the narration ("0.5", "24.4",
    "25", "两"), without its unit; ``formula`` explains it in Chinese
    ("地区生产总值增速 5.8 − 全省增速 5.3").
    """

    text: str
    formula: str
    context: str = ""  # the summary sentence it was written in (statement numbers: their statement)


@dataclass
class Statement:
    """One indicator's clause group, e.g. "地区生产总值完成512.3亿元，同比增长5.8%，…".

    ``text`` starts with the indicator name (or, when the draft mixes vintages or the figures are
    estimates, with :attr:`lead`: "1—5月，" / "预计上半年") and carries no final punctuation.  ``reasons`` say why the verdict was reached;
    ``label`` is a 4–12 character problem label for a weakness
    ("工业增长动力不足"); ``signals`` are the machine-readable rule codes.
    """

    indicator: str
    text: str
    verdict: Verdict
    part: Part
    numbers: list[Derived] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    label: str = ""
    signals: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # the narration forms used, in order
    facts: dict[str, str] = field(default_factory=dict)  # judgement facts (rank band, growth sign…)
    vintage: str = ""  # the period of its figures as a speech names it: 一季度, 1—5月, 预计上半年
    estimate: bool = False  # the figures are 预计 (never stated as actuals)
    lead: str = ""  # what opens text: "1—5月，" when the draft mixes vintages, "预计上半年" for estimates
    body: str = ""  # text without the lead
    field_id: str = "general"  # the policy field (speechgen.spec.fields): industry, investment …
    headline: bool = False  # counted in the "N项主要指标" tallies
    parent: str = ""  # the indicator this one is a sub-item of (其中)
    children: list["Statement"] = field(default_factory=list)  # its sub-items, joined after it
    own: str = ""  # the text without the sub-items (text = own + "，其中" + the sub-items)

    def join_children(self) -> None:
        """Make ``text`` carry the sub-items: "固定资产投资…。其中，亿元以上项目31个，下降18%"."""
        self.own = self.own or self.text
        if self.children:
            self.text = self.own + "。其中，" + "；".join(c.text for c in self.children)

    def all_numbers(self) -> list[Derived]:
        return list(self.numbers) + [d for c in self.children for d in c.all_numbers()]


@dataclass
class Narration:
    statements: list[Statement] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # complete sentences ending in 。
    judgement: str = ""  # 稳中向好 / 稳中有进 / 总体平稳 / 分化 / 承压前行
    overall: str = ""  # one complete sentence of overall judgement
    tone: Tone = "positive"
    derived: list[Derived] = field(default_factory=list)  # numbers used by summary and overall
    mixed: bool = False  # the figures belong to more than one vintage (each statement leads with its own)
    regions: "RegionReport | None" = None  # the parts compared (spec.regions)

    def numbers_by_indicator(self) -> list[tuple[str, list[Derived]]]:
        """Computed numbers grouped by the indicator they are about: each statement's, and each
        regions comparison's (counts, rank moves)."""
        out = [(s.indicator, list(s.numbers)) for s in self.statements]
        if self.regions is not None:
            out += [(c.name, list(c.derived)) for c in self.regions.comparisons]
        return out

    def numbers(self) -> list[Derived]:
        """Every computed number that appears anywhere in the narration's text."""
        return [d for s in self.statements for d in s.numbers] + list(self.derived) + \
            (self.regions.derived if self.regions is not None else [])

    @property
    def review(self) -> list[Statement]:
        return [s for s in self.statements if s.part == "review"]

    @property
    def problems(self) -> list[Statement]:
        return [s for s in self.statements if s.part == "problems"]

    @property
    def strengths(self) -> list[Statement]:
        return [s for s in self.statements if s.part != "hidden" and s.verdict == "strength"]

    @property
    def weaknesses(self) -> list[Statement]:
        return [s for s in self.statements if s.part != "hidden" and s.verdict == "weakness"]
