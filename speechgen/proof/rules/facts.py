"""What the spec allows a draft to say: every input number, every number written
in the spec's text fields, and every number computed from them (the narration's
recorded :class:`~speechgen.narrate.Derived` numbers plus the obvious
computations done here as a fallback).  Also finds which indicator a sentence
talks about, so direction words can be checked against the data.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from speechgen.core.calendar import Calendar
from speechgen.proof.rules.base import NUMBER, Doc
from speechgen.spec.tables.regions import is_total

if TYPE_CHECKING:  # pragma: no cover
    from speechgen.core.draft import Provenance
    from speechgen.spec.model import Indicator, Spec

log = logging.getLogger(__name__)

_NUM = re.compile(NUMBER)
_CODES = {"period", "type", "file", "sheet", "columns"}  # codes, not prose: "H1", "M1-4"
MAX_DECIMALS = 4
_ALIASES = {
    "地区生产总值": ("生产总值", "GDP", "经济总量"),
    "社会消费品零售总额": ("社零总额", "社零", "社会消费品零售额"),
    "固定资产投资": ("固投",),
    "一般公共预算收入": ("地方一般公共预算收入", "一般预算收入"),
    "进出口总额": ("外贸进出口", "进出口"),
}


@dataclass
class Pool:
    """The numbers one subject (an indicator, or the draft at large) may use."""

    exact: set[Decimal] = field(default_factory=set)    # given (rounding to ≥ 1 decimal allowed)
    derived: set[Decimal] = field(default_factory=set)  # computed (any rounding allowed)
    ranks: set[Decimal] = field(default_factory=set)    # 第N位
    reverse: set[Decimal] = field(default_factory=set)  # 倒数第N位
    rounded: dict[int, set[Decimal]] = field(default_factory=dict)
    base: "Pool | None" = None  # numbers shared by every subject (the spec's text, tallies): consulted, not copied

    def add(self, other: "Pool") -> None:
        self.exact |= other.exact
        self.derived |= other.derived
        self.ranks |= other.ranks
        self.reverse |= other.reverse

    def finish(self) -> "Pool":
        self.rounded = {}  # filled lazily, one precision at a time
        return self

    def _rounded(self, decimals: int) -> set[Decimal]:
        if decimals not in self.rounded:
            values = self.derived if decimals == 0 else self.exact | self.derived
            self.rounded[decimals] = {_round(v, decimals) for v in values}
        return self.rounded[decimals]

    def matches(self, figure: Decimal, decimals: int, rank: str = "") -> bool:
        """*rank*: "" for a plain figure, "rank" for 第N位, "reverse" for 倒数第N位."""
        if self._own_match(figure, decimals, rank):
            return True
        return self.base is not None and self.base.matches(figure, decimals, rank)

    def _own_match(self, figure: Decimal, decimals: int, rank: str) -> bool:
        if rank:
            return figure in (self.reverse if rank == "reverse" else self.ranks)
        if figure in self.exact or figure in self.derived:
            return True
        return decimals <= MAX_DECIMALS and figure in self._rounded(decimals)


@dataclass
class Facts:
    common: Pool = field(default_factory=Pool)           # spec text, meeting, tallies, time progress
    own: dict[str, Pool] = field(default_factory=dict)   # indicator name → its numbers (+ common)
    everything: Pool = field(default_factory=Pool)       # for figures whose subject is unknown
    names: list[tuple[str, "Indicator"]] = field(default_factory=list)
    name_re: re.Pattern[str] | None = None
    lookup: dict[str, "Indicator"] = field(default_factory=dict)
    dupes: set[str] = field(default_factory=set)          # names used by more than one row
    regions: dict[str, Pool] = field(default_factory=dict)  # region (spec.regions) → its figures (+ common)
    region_re: re.Pattern[str] | None = None

    def matches(self, figure: Decimal, decimals: int, *, rank: str = "", subject: "Indicator | None" = None) -> bool:
        pool = self.own.get(subject.name, self.everything) if subject is not None else self.everything
        return pool.matches(figure, decimals, rank)

    def region_pool(self, names: Iterable[str]) -> Pool:
        """The figures of the regions named (a figure after "A县、B区分别…" may be either's)."""
        pool = Pool()
        for name in names:
            pool.add(self.regions[name])
        return pool.finish()

    def region_mentions(self, text: str) -> list[tuple[int, int, str]]:
        if self.region_re is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self.region_re.finditer(text)]

    def mentions(self, text: str) -> list[tuple[int, int, "Indicator"]]:
        """Indicator names in *text* that are the subject of what follows (a name used as the
        whole of a share, pull or contribution is not: see :func:`is_whole`)."""
        if self.name_re is None:
            return []
        return [(m.start(), m.end(), self.lookup[m.group(0)]) for m in self.name_re.finditer(text)
                if not is_whole(text, m.start(), m.end())]


_WHOLE_PULL = ("拉动", "下拉", "拉低", "带动", "贡献了")
_WHOLE_AFTER = ("的比重", "比重", "增长的贡献", "增长贡献", "增长", "增速")


def is_whole(text: str, start: int, end: int) -> bool:
    """A name used as the whole of a share, pull or contribution (占地区生产总值的比重, 拉动GDP增长,
    对…增长的贡献率): the figures after it belong to the sentence's own subject."""
    before = text[:start]
    if before.endswith(_WHOLE_PULL):
        return True
    return before.endswith(("占", "对")) and text[end:].startswith(_WHOLE_AFTER)


def facts_for(doc: Doc) -> Facts | None:
    """The spec's facts, computed once per check run (None without a spec)."""
    if doc.spec is None:
        return None
    if "facts" not in doc.cache:
        doc.cache["facts"] = build_facts(doc.spec, doc.provenance)
    return doc.cache["facts"]


def build_facts(spec: "Spec", provenance: "Sequence[Provenance] | None" = None) -> Facts:
    """The allowed numbers: the spec's own, obvious arithmetic on them, and the computed numbers
    the draft records (its provenance; for a file, those narration would compute)."""
    facts = Facts()
    common = facts.common
    text = set(_text_numbers(spec.model_dump()))
    text |= set(_context_numbers(spec))  # situation, relays, assessment: the writer's figures
    text |= {abs(v) for t in spec.targets for v in (t.growth, t.value) if v is not None}  # annual targets list
    per, rest = _recorded_numbers(provenance) if provenance is not None else _narration_numbers(spec)
    common.exact |= text
    common.derived |= set(_counts(spec)) | rest
    common.ranks |= text | rest
    common.reverse |= text | rest
    _meeting(common, spec)
    for ind in spec.indicator_rows:
        pool = _indicator(ind, spec)
        narrated = per.get(ind.name, set())
        pool.derived |= narrated
        pool.ranks |= narrated
        pool.base = common  # shared, so memory stays linear in the number of indicators
        if ind.name in facts.own:  # two rows with one name: either row's numbers may appear
            facts.dupes.add(ind.name)
            pool.add(facts.own[ind.name])
        facts.own[ind.name] = pool
        facts.everything.add(pool)
    facts.everything.add(common)
    _regions(facts, spec, per)
    for pool in (*facts.own.values(), *facts.regions.values(), facts.everything):
        pool.finish()
    _names(facts, spec.indicator_rows)
    return facts


def _regions(facts: Facts, spec: "Spec", per: dict[str, set[Decimal]]) -> None:
    """The regions table's figures: allowed for their indicator, for sentences naming none, and
    (with the computed numbers about those indicators: counts, rank moves) for the regions named."""
    if spec.regions is None:
        return
    region_numbers = set().union(*(per.get(name, set()) for name in {r.name for r in spec.regions.rows}))
    for row in spec.regions.rows:
        given = {abs(v) for v in (row.value, row.growth, row.prev_growth, row.superior_growth) if v is not None}
        ranks = {Decimal(r) for r in (row.rank, row.prev_rank) if r is not None}
        own = facts.regions.setdefault(row.region, Pool()) if not is_total(row.region) else None
        for pool in (facts.own.get(row.name), facts.everything, own):
            if pool is not None:
                pool.exact |= given
                pool.ranks |= ranks
    for pool in facts.regions.values():
        pool.add(facts.common)
        pool.derived |= region_numbers
        pool.ranks |= region_numbers
    names = sorted(facts.regions, key=len, reverse=True)
    if names:
        facts.region_re = re.compile("|".join(re.escape(n) for n in names))


def _round(value: Decimal, decimals: int) -> Decimal:
    """*value* rounded half-up to *decimals* places (unchanged if too long to round)."""
    try:
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return value


def _indicator(ind: "Indicator", spec: "Spec") -> Pool:
    pool = Pool()
    given = [ind.value, ind.growth, ind.superior_growth, ind.prev_growth, ind.target_growth, ind.annual_target,
             ind.pull, ind.contribution, ind.share, ind.two_year_avg, ind.month_growth]
    if ind.stage_target is not None:  # 四季度地区生产总值必须增长6.5%以上
        given += [ind.stage_target.growth, ind.stage_target.value]
    pool.exact |= {abs(v) for v in given if v is not None}
    pool.exact |= {Decimal(n) for n in (ind.count, ind.count_of) if n is not None}
    if ind.count is not None and ind.count_of:
        pool.derived.add(Decimal(ind.count) * 100 / Decimal(ind.count_of))  # 占总数的百分比
    pool.exact |= {Decimal(r) for r in (ind.rank, ind.prev_rank, ind.rank_total) if r is not None}
    pool.ranks |= {Decimal(r) for r in (ind.rank, ind.prev_rank) if r is not None}
    g = ind.growth
    for other in (ind.superior_growth, ind.prev_growth, ind.target_growth):
        if g is not None and other is not None:
            pool.derived.add(abs(g - other))
    if ind.superior_growth is not None and ind.target_growth is not None:
        pool.derived.add(abs(ind.superior_growth - ind.target_growth))
    if ind.rank is not None and ind.prev_rank is not None:
        pool.derived.add(Decimal(abs(ind.prev_rank - ind.rank)))
    for r in (ind.rank, ind.prev_rank):
        if r is not None and ind.rank_total is not None:
            pool.reverse.add(Decimal(ind.rank_total - r + 1))  # 倒数第N位
    _targets(pool, ind, spec)
    if ind.value is not None and g is not None and g != -100:
        pool.derived.add(abs(ind.value * g / (100 + g)))  # 比上年同期增加/减少的绝对量
    return pool


def _targets(pool: Pool, ind: "Indicator", spec: "Spec") -> None:
    if ind.value is None or not ind.annual_target:
        return
    share = ind.value / ind.annual_target * 100
    pool.derived |= {share, abs(ind.annual_target - ind.value)}
    progress = spec.meeting.period_info.time_progress
    if progress is not None:
        tp = Decimal(progress.numerator) / Decimal(progress.denominator) * 100
        pool.derived |= {abs(share - tp), abs(_round(share, 1) - _round(tp, 1))}


def _meeting(pool: Pool, spec: "Spec") -> None:
    m = spec.meeting
    period = m.period_info
    pool.exact |= {Decimal(m.year + k) for k in (-2, -1, 0, 1)}
    pool.exact |= {Decimal(period.first), Decimal(period.last), Decimal(period.months)}
    if m.date is not None:
        pool.exact |= {Decimal(m.date.month), Decimal(m.date.day)}
        cal = Calendar(m.date, m.year, period, m.deadline_dates)  # countdowns: 距离年底只剩70多天
        pool.exact |= {Decimal(n) for n in cal.numbers()}
    if period.time_progress is not None:
        tp = period.time_progress
        pool.derived.add(Decimal(tp.numerator) / Decimal(tp.denominator) * 100)


def _counts(spec: "Spec") -> Iterator[Decimal]:
    """Tallies a narration may state: N项指标中M项增速高于全省, 两个第一 …"""
    rows = spec.indicator_rows
    growths = [i for i in rows if i.growth is not None]
    tallies = [
        len(rows), len(growths), len(spec.achievements), len(spec.problems), len(spec.tasks),
        len(spec.requirements), len(spec.meeting.preceding),
        sum(i.growth > 0 for i in growths), sum(i.growth < 0 for i in growths),
        sum(i.growth == 0 for i in growths),
        sum(i.superior_growth is not None and i.growth > i.superior_growth for i in growths),
        sum(i.superior_growth is not None and i.growth < i.superior_growth for i in growths),
        sum(i.superior_growth is not None for i in growths),
        sum(i.target_growth is not None and i.growth >= i.target_growth for i in growths),
        sum(i.target_growth is not None and i.growth < i.target_growth for i in growths),
        sum(i.rank is not None for i in rows),
        sum(i.rank is not None and i.prev_rank is not None and i.rank < i.prev_rank for i in rows),
        sum(i.rank is not None and i.prev_rank is not None and i.rank > i.prev_rank for i in rows),
    ]
    tallies += [sum(i.rank is not None and i.rank <= k for i in rows) for k in (1, 2, 3, 5)]
    tallies += [sum(i.rank == k for i in rows) for k in (1, 2, 3)]
    tallies += [sum(i.rank is not None and i.rank_total is not None and i.rank > i.rank_total * 2 / 3 for i in rows)]
    tallies += [sum(len(a.items) for a in spec.achievements), sum(len(t.items) for t in spec.tasks)]
    return (Decimal(n) for n in tallies)


def _recorded_numbers(provenance: "Sequence[Provenance]") -> tuple[dict[str, set[Decimal]], set[Decimal]]:
    """Computed numbers a Draft records: per indicator, and the table-wide rest."""
    per: dict[str, set[Decimal]] = {}
    for p in provenance:
        if p.indicator:
            per.setdefault(p.indicator, set()).update(numbers_in([p.text]))
    rest = set(numbers_in(p.text for p in provenance if not p.indicator))
    return per, rest - set().union(*per.values()) if per else rest


def _narration_numbers(spec: "Spec") -> tuple[dict[str, set[Decimal]], set[Decimal]]:
    """Recorded numbers of the narration: per indicator (its statements and its regions
    comparison) and the rest."""
    try:
        import random

        from speechgen.compose import situation
        from speechgen.compose.narration import narrate

        narration = narrate(spec, rng=random.Random(0))
        per: dict[str, set[Decimal]] = {}
        for name, numbers in narration.numbers_by_indicator():
            per.setdefault(name, set()).update(numbers_in(d.text for d in numbers))
        rest = set(numbers_in(d.text for d in narration.derived))
        for p in situation.build(spec).numbers:  # the situation part's comparisons
            if p.indicator:
                per.setdefault(p.indicator, set()).update(numbers_in([p.text]))
            else:
                rest.update(numbers_in([p.text]))
    except Exception as exc:  # the checker reports; it never fails because narration did
        log.warning("narration unavailable for the number check: %s", exc)
        return {}, set()
    return per, rest - set().union(*per.values()) if per else rest


def numbers_in(texts: Iterable[str]) -> Iterator[Decimal]:
    for text in texts:
        for m in _NUM.finditer(str(text)):
            try:
                yield Decimal(m.group(0))
            except InvalidOperation:  # pragma: no cover - the regex only yields digits
                continue


def _context_numbers(spec: "Spec") -> Iterator[Decimal]:
    """Figures the writer gave about the outside world (national/superior growth, tallies, scores)."""
    for key in ("situation", "relays", "assessment", "guidance"):
        value = getattr(spec, key)
        yield from _all_numbers([v.model_dump() for v in value] if isinstance(value, list) else value.model_dump())


def _all_numbers(data: Any) -> Iterator[Decimal]:
    if isinstance(data, bool) or data is None:
        return
    if isinstance(data, (int, Decimal)):
        yield abs(Decimal(data))
    elif isinstance(data, dict):
        for value in data.values():
            yield from _all_numbers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _all_numbers(value)


def _text_numbers(data: Any) -> Iterator[Decimal]:
    if isinstance(data, str):
        yield from numbers_in([data])
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in _CODES:
                yield from _text_numbers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _text_numbers(value)


def _names(facts: "Facts", rows: list["Indicator"]) -> None:
    pairs: dict[str, "Indicator"] = {}
    for ind in rows:
        for alias in aliases(ind.name):
            pairs.setdefault(alias, ind)
    facts.names = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
    facts.lookup = pairs
    if pairs:
        facts.name_re = re.compile("|".join(re.escape(name) for name, _ in facts.names))


def aliases(name: str) -> list[str]:
    out = [name]
    if name.startswith("规模以上"):
        out.append("规上" + name[4:])
    elif name.startswith("规上"):
        out.append("规模以上" + name[2:])
    for full, short in _ALIASES.items():
        if name == full:
            out.extend(short)
    return out
