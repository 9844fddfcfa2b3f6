"""The shared shapes of narration internals: the context every row shares, a clause, a row's facts."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from speechgen.spec.model import Indicator
from speechgen.core.periods import Period
from speechgen.compose.narration.model import Derived
from speechgen.compose.narration.rules import NarrationRules
from speechgen.compose.narration.wording import Wordings

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
    whole: str = ""  # the table's GDP row: what 拉动/贡献率/占比 refer to by default
    region: str = "全市"

    @property
    def sup_options(self) -> tuple[str, ...]:
        """How the superior figure is named: 全省平均水平 only when it is an average (``average_basis``)."""
        return (f"{self.superior}平均水平",) if self.rules.average_basis else (self.superior,)


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
    progress_ahead: bool | None = None
    double_half: bool | None = None

    def add(self, form: str, numbers: Sequence[Derived] = (), **slots: "str | tuple[str, ...]") -> None:
        self.clauses.append(Clause(form, dict(slots), list(numbers)))

    def signal(self, code: str, reason: str) -> None:
        if code not in self.signals:
            self.signals.append(code)
            self.reasons[code] = reason


def name_of(ind: Indicator) -> str:
    return ind.name.strip()
