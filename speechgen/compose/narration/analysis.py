"""Analysis forms of one row (genre forms 13, 18, 19, 28 and the writer's cause):
两年平均增长, 当月增长, 拉动, 贡献率, 占比, counts of units, and the cause clause.

Every number printed is an input figure, or (the share of a count) recorded as a
:class:`Derived` with its formula.  The *whole* a pull, contribution or share
refers to is the row's ``of``, else its ``parent``, else the table's GDP row.
"""
from __future__ import annotations

from decimal import Decimal

from speechgen.core.numbers import fmt_abs, fmt_number, percent_of
from speechgen.compose.narration.base import Context, Facts, name_of as _name
from speechgen.compose.narration.model import Derived

#: a cause the writer already introduced (主要是…, 得益于…) is not introduced again
CAUSE_OPENERS = ("主要", "得益", "受", "由于", "因", "是因为", "源于", "一方面", "这是", "其中", "之所以", "究其原因")


def whole_of(f: Facts, ctx: Context) -> str:
    ind = f.indicator
    return ind.of.strip() or ind.parent.strip() or ctx.whole


def _abs_number(f: Facts, value: Decimal, what: str) -> list[Derived]:
    return [Derived(fmt_abs(value), f"{_name(f.indicator)}{what} {fmt_number(value)} 的绝对值")] if value < 0 else []


def _signed(f: Facts, value: Decimal | None, stem: str, what: str, slot: str, **slots: str) -> None:
    """The {stem}_up / _down / _flat (or _zero) form of a signed figure, its absolute value printed."""
    if value is None:
        return
    if value == 0:
        f.add(f"{stem}_{'zero' if stem == 'pull' else 'flat'}", **slots)
    else:
        f.add(f"{stem}_{'up' if value > 0 else 'down'}", _abs_number(f, value, what), **{slot: fmt_abs(value)},
              **slots)


def two_year(f: Facts) -> None:
    _signed(f, f.indicator.two_year_avg, "two_year", "两年平均增速", "p")


def month(f: Facts, ctx: Context) -> None:
    if ctx.period.months == 1 and f.indicator.growth is not None:
        return  # a single month: its growth is already the month's
    _signed(f, f.indicator.month_growth, "month", "当月增速", "p", month=str(ctx.period.last))


def pull(f: Facts, ctx: Context) -> None:
    if f.indicator.pull is not None:
        _signed(f, f.indicator.pull, "pull", "拉动", "d", whole=whole_of(f, ctx) or f"{ctx.region}经济")


def contribution(f: Facts, ctx: Context) -> None:
    c = f.indicator.contribution
    if c is None:
        return
    whole = "" if f.indicator.pull is not None else whole_of(f, ctx)  # 拉动 has named the whole already
    form = "contribution" if whole else "contribution_bare"
    if c < 0:
        form += "_negative"
    f.add(form, _abs_number(f, c, "贡献率"), c=fmt_abs(c), **({"whole": whole} if whole else {}))


def share(f: Facts, ctx: Context) -> None:
    s = f.indicator.share
    if s is None:
        return
    whole = whole_of(f, ctx)
    if whole:
        f.add("share", c=fmt_number(s), whole=whole)
    else:
        f.add("share_bare", c=fmt_number(s))


def count_clause(f: Facts, ctx: Context) -> bool:
    """The count of units as the row's level clause ("亿元以上项目31个"); True when one was added."""
    ind = f.indicator
    if ind.count is None:
        return False
    unit = ind.unit.strip() if ind.value is None else "个"
    unit = unit or "个"
    if ind.value is not None:
        f.add("count_extra", n=str(ind.count), unit=unit)
        _count_share(f, unit)
        return True
    if ind.count_of is None:
        f.add("value_count", name=_name(ind), n=str(ind.count), unit=unit)
        return True
    c = _share_of_count(ind.count, ind.count_of)
    number = Derived(fmt_number(c), f"{_name(ind)} {ind.count} ÷ 总数 {ind.count_of} × 100%")
    if ind.of.strip():
        f.add("value_count_in", [number], name=_name(ind), n=str(ind.count), total=str(ind.count_of), unit=unit,
              whole=ind.of.strip(), c=fmt_number(c))
    else:
        f.add("value_count_of", [number], name=_name(ind), n=str(ind.count), total=str(ind.count_of), unit=unit,
              c=fmt_number(c))
    return True


def _count_share(f: Facts, unit: str) -> None:
    ind = f.indicator
    if ind.count is None or ind.count_of is None:
        return
    c = _share_of_count(ind.count, ind.count_of)
    f.add("count_share", [Derived(fmt_number(c), f"{_name(ind)} {ind.count} ÷ 总数 {ind.count_of} × 100%")],
          total=str(ind.count_of), unit=unit, c=fmt_number(c))


def _share_of_count(count: int, total: int) -> Decimal:
    return percent_of(Decimal(count), Decimal(total), 1, [Decimal(50), Decimal(100)])


def cause_text(cause: str) -> str:
    """The writer's cause as a clause after the figures: 主要是…（unless already introduced）."""
    text = cause.strip().rstrip("。；;，,")
    if not text:
        return ""
    return text if text.startswith(CAUSE_OPENERS) else f"主要是{text}"
