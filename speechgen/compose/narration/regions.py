"""Regions compared inside one speech (``spec.regions``): how the parts did against the whole.

For each indicator of the regions table (the spec's indicator order first; the first
:data:`FULL` get the full treatment, the rest a tally): how many regions grew faster or
slower than the comparison figure, 正增长/负增长, "N升M降" against the previous period, the
leaders, the rank moves (≥ ``rank_rise`` places), and — for the problems part — the laggards:
regions below the comparison figure, negative growth, the last place.  Ranks, ties and the
comparison figure follow :mod:`speechgen.spec.tables.regions` (the rules of ``batch --regions``);
regions are named exactly as the table names them.  Every count and move is a
:class:`Derived`; every growth printed is a table figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from speechgen.core.numbers import cn_int, fmt_abs, fmt_number
from speechgen.errors import InputError
from speechgen.spec.model import Indicator, Spec
from speechgen.spec.tables.regions import RegionTable, compute_region_table, is_total
from speechgen.compose.narration.base import Context
from speechgen.compose.narration.model import Derived
from speechgen.compose.narration.wording import Picker

FULL = 2  # indicators compared in full; the others get their tally only
MAX_NAMES = 5  # regions named in one list before "等N个"
TOP = 3


@dataclass
class Comparison:
    """One indicator across the regions (all recomputable from the table)."""

    name: str
    basis: str  # what regions are compared with: 全市 (total row) or 全市平均水平 (simple mean)
    growth: dict[str, Decimal]  # region → growth (regions with a figure, table order)
    missing: list[str]
    above: list[str]
    below: list[str]
    equal: list[str]
    positive: list[str]
    negative: list[str]
    up: list[str]  # growth above the previous period's
    down: list[str]
    flat: list[str]
    leaders: list[str]
    last: list[str]
    rises: dict[str, int]  # region → places moved up (≥ rank_rise)
    falls: dict[str, int]
    derived: list[Derived] = field(default_factory=list)  # the counts and moves printed about it


@dataclass
class RegionReport:
    label: str  # 县（市、区）
    comparisons: list[Comparison] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # sentences for the review
    problems: list[str] = field(default_factory=list)  # sentences on the laggards
    problem_label: str = ""
    laggards: list[str] = field(default_factory=list)  # below the comparison figure on the first indicator
    follow_up: str = ""  # the tasks' sentence on the laggards

    @property
    def derived(self) -> list[Derived]:
        return [d for c in self.comparisons for d in c.derived]


def compare_regions(spec: Spec, ctx: Context, pick: Picker) -> RegionReport | None:
    ref = spec.regions
    if ref is not None and ref.pending:
        raise InputError(f"regions 只写了工作表 {ref.sheet or ''}，没有可读的文件：请写 regions.file，"
                         "或用 indicators: {file: …} / --indicators 指定同一个工作簿")
    if ref is None or not ref.rows:
        return None
    table = compute_region_table(ref.rows)
    label = ref.label.strip() or ctx.wordings.region_labels.get(spec.meeting.region, "地区")
    report = RegionReport(label)
    order = [i.name.strip() for i in spec.indicator_rows]
    names = sorted(table.superior.keys() | _names(table),
                   key=lambda n: (order.index(n) if n in order else len(order), _first_seen(table, n)))
    for i, name in enumerate(names):
        comp = _compare(name, table, spec, ctx)
        if comp is None:
            continue
        report.comparisons.append(comp)
        _review(report, comp, ctx, pick, first=len(report.comparisons) == 1, full=len(report.comparisons) <= FULL)
    if report.comparisons:
        _problems(report, report.comparisons[0], ctx, pick)
        _follow_up(report, report.comparisons[0], ref.follow_up, pick)
    return report


def _names(table: RegionTable) -> set[str]:
    return {ind.name for rows in table.regions.values() for ind in rows}


def _first_seen(table: RegionTable, name: str) -> int:
    for i, ind in enumerate(ind for rows in table.regions.values() for ind in rows):
        if ind.name == name:
            return i
    return 0


def _compare(name: str, table: RegionTable, spec: Spec, ctx: Context) -> Comparison | None:
    rows: list[tuple[str, Indicator]] = [(r, ind) for r, inds in table.regions.items() for ind in inds
                                         if ind.name == name and not is_total(r)]
    growth = {r: ind.growth for r, ind in rows if ind.growth is not None}
    if len(growth) < 2:
        return None
    everywhere = [r for r in table.regions if not is_total(r)]
    level = spec.meeting.region
    label = (table.total_label or "").strip()
    total = label if len(label) == 2 and label.startswith("全") else level  # 全市合计 / 合计 → 全市
    basis = total if table.basis.get(name) == "total" else f"{level}平均水平"
    sup = table.superior.get(name)
    lower = any(k in name for k in (ctx.rules.lower_is_better or ctx.wordings.lower_is_better))
    ranked = sorted(((ind.rank, i, r) for i, (r, ind) in enumerate(rows) if ind.rank is not None))
    top = min(TOP, max(1, len(growth) // 3))  # 前三位 of ten regions; the first of four
    best = [r for rank, _, r in ranked if rank <= top and (lower or growth[r] > 0)]
    if len(best) > MAX_NAMES:
        best = [r for rank, _, r in ranked if rank == ranked[0][0] and (lower or growth[r] > 0)]
    worst_rank = max((rank for rank, _, _ in ranked), default=None)
    rises, falls = {}, {}
    for r, ind in rows:
        if ind.rank is not None and ind.prev_rank is not None:
            n = ind.prev_rank - ind.rank
            if n >= ctx.rules.rank_rise:
                rises[r] = n
            elif -n >= ctx.rules.rank_drop:
                falls[r] = -n
    prev = {r: ind.prev_growth for r, ind in rows if ind.growth is not None and ind.prev_growth is not None}
    better = (lambda g: g < sup) if lower else (lambda g: g > sup)  # noqa: E731
    worse = (lambda g: g > sup) if lower else (lambda g: g < sup)  # noqa: E731
    return Comparison(
        name=name, basis=basis, growth=growth, missing=[r for r in everywhere if r not in growth],
        above=[r for r, g in growth.items() if sup is not None and better(g)],
        below=_worst_first([r for r, g in growth.items() if sup is not None and worse(g)], growth, lower),
        equal=[r for r, g in growth.items() if sup is not None and g == sup],
        positive=[r for r, g in growth.items() if g > 0],
        negative=_worst_first([r for r, g in growth.items() if g < 0], growth, lower),
        up=[r for r, pg in prev.items() if growth[r] > pg], down=[r for r, pg in prev.items() if growth[r] < pg],
        flat=[r for r, pg in prev.items() if growth[r] == pg],
        leaders=best, last=[r for rank, _, r in ranked if rank == worst_rank and len(ranked) > 1],
        rises=rises, falls=falls,
    )


def _worst_first(regions: list[str], growth: dict[str, Decimal], lower: bool) -> list[str]:
    return sorted(regions, key=lambda r: -growth[r] if lower else growth[r])


def _count(c: Comparison, n: int, rule: str) -> str:
    c.derived.append(Derived(str(n), rule))
    return str(n)


def _names_of(regions: list[str]) -> str:
    return "、".join(regions[:MAX_NAMES])


def _percents(regions: list[str], growth: dict[str, Decimal]) -> str:
    values = [f"{fmt_abs(growth[r])}%" for r in regions[:MAX_NAMES]]
    return values[0] if len(values) == 1 else "、".join(values[:-1]) + "和" + values[-1]


def _review(report: RegionReport, c: Comparison, ctx: Context, pick: Picker, *, first: bool, full: bool) -> None:
    label, n = report.label, len(c.growth)
    total = _count(c, n, f"有{c.name}增速的{label}数")
    parts = []
    for regions, word in ((c.above, "高于"), (c.below, "低于")):
        if regions:
            parts.append(f"{word}{c.basis}的有{_count(c, len(regions), f'{c.name}增速{word}{c.basis}的{label}数')}个")
    if c.equal:
        parts.append(f"与{c.basis}持平的有{_count(c, len(c.equal), f'{c.name}增速与{c.basis}相同的{label}数')}个")
    slots = {"label": label, "name": c.name, "total": total, "parts": "、".join(parts)}
    sentence = pick("region_tally" if first else "region_tally_next", slots)
    signs = _signs(report, c, pick)
    if signs:
        sentence += "；" + signs
    if c.missing:
        sentence += "；" + pick("region_missing", {"names": _names_of(c.missing), "name": c.name})
    report.review.append(sentence + "。")
    if not full:
        return
    change = _change(report, c, ctx, pick)
    extra = [s for s in (change, _leaders(c, pick), _moves(report, c, ctx, pick)) if s]
    if extra:
        report.review.append("；".join(extra) + "。")


def _signs(report: RegionReport, c: Comparison, pick: Picker) -> str:
    label, n = report.label, len(c.growth)
    if len(c.positive) == n:
        return pick("region_signs_all_up", {})
    if len(c.negative) == n:
        return pick("region_signs_all_down", {})
    if not c.negative:
        return ""  # some flat, none negative: the tally above says enough
    m = _count(c, len(c.positive), f"{c.name}正增长的{label}数")
    k = _count(c, len(c.negative), f"{c.name}负增长的{label}数")
    return pick("region_signs", {"m": m, "k": k})


def _change(report: RegionReport, c: Comparison, ctx: Context, pick: Picker) -> str:
    compared = len(c.up) + len(c.down) + len(c.flat)
    if compared < 3 or not (c.up or c.down):
        return ""
    c.derived.extend(ctx.prev_numbers)
    slots = {"prev": ctx.prev, "label": report.label}
    m = _count(c, len(c.up), f"{c.name}增速比{ctx.prev}回升的{report.label}数") if c.up else "0"
    k = _count(c, len(c.down), f"{c.name}增速比{ctx.prev}回落的{report.label}数") if c.down else "0"
    if not c.down:
        return pick("region_change_up", {**slots, "m": m})
    if not c.up:
        return pick("region_change_down", {**slots, "k": k})
    if c.flat:
        j = _count(c, len(c.flat), f"{c.name}增速与{ctx.prev}持平的{report.label}数")
        return pick("region_change_flat", {**slots, "m": m, "k": k, "j": j})
    return pick("region_change", {**slots, "m": m, "k": k})


def _leaders(c: Comparison, pick: Picker) -> str:
    if not c.leaders or (c.leaders and all(c.growth[r] <= 0 for r in c.leaders)):
        return ""
    values = [c.growth[r] for r in c.leaders]
    if len(c.leaders) == 1:
        return pick("region_leader", {"names": c.leaders[0], "values": f"{fmt_number(values[0])}%"})
    if len(set(values)) == 1:
        return pick("region_leader_tie", {"names": _names_of(c.leaders), "values": f"{fmt_number(values[0])}%"})
    top = len({c.growth[r] for r in c.leaders})  # distinct places the leaders hold
    ranks = sorted({sum(g > c.growth[r] for g in c.growth.values()) + 1 for r in c.leaders})
    return pick("region_leaders", {"names": _names_of(c.leaders), "top": cn_int(ranks[-1]) if ranks[-1] > 2 else "两",
                                   "values": _percents(c.leaders, c.growth)}) if top else ""


def _moves(report: RegionReport, c: Comparison, ctx: Context, pick: Picker) -> str:
    out = []
    for moves, form in ((c.rises, "region_rise"), (c.falls, "region_fall")):
        if not moves:
            continue
        regions = sorted(moves, key=lambda r: -moves[r])[:MAX_NAMES]
        numbers = [str(moves[r]) for r in regions]
        c.derived.extend(Derived(n, f"{r}上期排位 − 本期排位") for r, n in zip(regions, numbers))
        c.derived.extend(ctx.prev_numbers)
        same = len(set(numbers)) == 1
        values = numbers[0] if same else "、".join(numbers)
        out.append(pick(form if same else form + "_many", {"names": "、".join(regions), "prev": ctx.prev,
                                                            "values": values}))
    return "，".join(out)


def _problems(report: RegionReport, c: Comparison, ctx: Context, pick: Picker) -> None:
    report.laggards = list(c.below)
    parts = []
    if c.below:
        slots = {"name": c.name, "basis": c.basis, "names": _names_of(c.below), "label": report.label}
        if len(c.below) > MAX_NAMES:
            slots["k"] = _count(c, len(c.below), f"{c.name}增速低于{c.basis}的{report.label}数")
            parts.append(pick("region_below_more", slots))
        else:
            parts.append(pick("region_below", slots))
    for other in report.comparisons:
        if other.negative:
            neg = other.negative[:MAX_NAMES]
            form = "region_negative" if len(neg) == 1 else "region_negative_many"
            parts.append(pick(form, {"name": other.name, "names": "、".join(neg),
                                     "values": _percents(neg, other.growth)}))
    if not parts and c.last:
        parts.append(pick("region_last", {"names": "、".join(c.last[:MAX_NAMES]),
                                          "values": f"{fmt_number(c.growth[c.last[0]])}%"}))
    if parts:
        report.problems.append("；".join(parts) + "。")
        report.problem_label = pick("region_problem_label", {"label": report.label})


def _follow_up(report: RegionReport, c: Comparison, follow_up: str, pick: Picker) -> None:
    if not c.below:
        return
    own = follow_up.strip().rstrip("。；，")
    names = _names_of(c.below)
    if len(c.below) > MAX_NAMES:
        names += f"等{_count(c, len(c.below), f'{c.name}增速低于{c.basis}的{report.label}数')}个{report.label}"
    if "对" in own:  # the writer's sentence names its own object (县工信局要对河口镇……): as written
        report.follow_up = f"{own}。"
    else:
        report.follow_up = f"对{c.name}增速低于{c.basis}的{names}，{own or pick('region_follow_up', {})}。"
