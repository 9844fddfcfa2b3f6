"""Data vintages: every figure carries its own period and status (actual or 预计).

A speech mixes vintages ("一季度，地区生产总值增长5.1%；1—5月，固定资产投资增长7.6%；预计上半年……
增长5.5%左右").  This module decides, per indicator row, the period its figures belong to, the
name of the period its ``prev_*`` figures belong to, the comparison words that fit the period
(比上年 for full-year data, 同比 for cumulative ones, 环比 for month-on-month growth), and the
label that leads its statement when the draft mixes vintages.  Aggregates count one vintage only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from speechgen.core.periods import Period, parse_period
from speechgen.spec.model import Indicator
from speechgen.compose.narration.base import Context
from speechgen.compose.narration.model import Derived, Statement
from speechgen.compose.narration.wording import Wordings


@dataclass(frozen=True)
class Vintage:
    """The period of a row's figures and whether they are estimates."""

    period: Period
    estimate: bool = False

    @property
    def label(self) -> str:
        """一季度 / 1—5月 / 5月份 / 预计上半年."""
        return ("预计" if self.estimate else "") + self.period.label

    @property
    def key(self) -> tuple[str, bool]:
        return self.period.code, self.estimate


def vintage_of(ind: Indicator, main: Period) -> Vintage:
    return Vintage(ind.period_info or main, ind.estimate)


def previous_label(period: Period) -> tuple[str, tuple[Derived, ...]]:
    """How a speech names the period the previous figures belong to.

    Q1 → 上年 (last year's full-year figures), H1 → 一季度, Q3 → 上半年,
    year → 上年 (last year's figures), 1—N月 → 1—(N−1)月, a single quarter → the quarter before,
    a single month → the month before (4月份, i.e. 上月).  Override per row with ``prev_period`` or for the draft with
    ``NarrationRules.prev_label``.
    """
    named = {"Q1": "上年", "H1": "一季度", "Q3": "上半年", "year": "上年", "Q2": "一季度", "Q4": "三季度"}
    if period.code in named:
        return named[period.code], ()
    if period.last == 1:
        return "上年", ()
    if period.cumulative:
        last = period.last - 1
        if last == 1:
            return "1月份", ()
        return f"1—{last}月", (Derived(str(last), f"上期截至月份 = 本期截至月份 {period.last} − 1"),)
    before = period.first - 1
    return f"{before}月份", (Derived(str(before), f"上期月份 = 本期月份 {period.first} − 1"),)


def prev_label_of(ind: Indicator, period: Period, rules_label: str | None) -> tuple[str, tuple[Derived, ...]]:
    """The row's ``prev_period`` (a period code or a free name such as 上年), else the draft's."""
    if ind.prev_period:
        try:
            label = parse_period(ind.prev_period).label
        except ValueError:
            label = ind.prev_period
        return label, ()
    if rules_label:
        return rules_label, ()
    return previous_label(period)


def vocab_for(vintage: Vintage, basis: str, wordings: Wordings) -> tuple[tuple[str, str], ...]:
    """Comparison-word replacements for a row: full-year data compare with 上年, mom growth is 环比."""
    if basis == "mom":
        return wordings.bases.get("mom", ())
    if vintage.period.code == "year":
        return wordings.bases.get("year", ())
    return ()


def row_context(base: Context, ind: Indicator, vintage: Vintage) -> Context:
    """The shared context with this row's period and previous-period name."""
    prev, numbers = prev_label_of(ind, vintage.period, base.rules.prev_label)
    return replace(base, period=vintage.period, prev=prev, prev_numbers=numbers)


_GROWTH = re.compile(r"((?:增长|下降|增加|减少)\d+(?:\.\d+)?%)")


def as_estimate(text: str) -> str:
    """An estimate's growth is approximate: 增长5.5% → 增长5.5%左右 (first growth figure only)."""
    if "左右" in text:
        return text
    return _GROWTH.sub(r"\1左右", text, count=1)


def lead_of(vintage: Vintage, mixed: bool) -> str:
    """What opens a statement: 预计上半年 for estimates (always), 1—5月， when vintages mix."""
    if vintage.estimate:
        return vintage.label
    return f"{vintage.label}，" if mixed else ""


def labelled(statement: Statement, vintage: Vintage, mixed: bool) -> Statement:
    """The statement with its vintage recorded and its lead put in front of the text."""
    body = as_estimate(statement.text) if vintage.estimate else statement.text
    lead = lead_of(vintage, mixed)
    return replace(statement, text=lead + body, body=body, lead=lead, vintage=vintage.label,
                   estimate=vintage.estimate)


def grouped(items: Sequence[tuple[Indicator, Vintage]]) -> list[int]:
    """Indices of *items* with rows of one vintage together: actual vintages in order of first
    appearance, estimates last; the table's order is kept inside a group."""
    order: dict[tuple[str, bool], int] = {}
    for _, v in items:
        order.setdefault(v.key, len(order))
    return sorted(range(len(items)), key=lambda i: (items[i][1].estimate, order[items[i][1].key], i))


def main_group(items: Sequence[tuple[Indicator, Vintage]], main: Period) -> tuple[str, bool] | None:
    """The vintage the aggregates count: the meeting's period (actual) when present, else the
    largest actual vintage; None when every figure is an estimate."""
    actual = [v for _, v in items if not v.estimate]
    if not actual:
        return None
    if any(v.period.code == main.code for v in actual):
        return main.code, False
    counts: dict[tuple[str, bool], int] = {}
    for v in actual:
        counts[v.key] = counts.get(v.key, 0) + 1
    return max(counts, key=lambda k: counts[k])


def chain(statements: Sequence[Statement]) -> str:
    """Statements joined with "；" (with "。" after one that lists its 其中 items, so the next is not read as
    one of them) and ended with "。"; a lead repeated by the next statement of the
    same vintage is dropped (an estimate keeps its 预计)."""
    out = ""
    previous = None
    closed = False  # the statement before listed its 其中 items: the next one starts a new sentence
    for s in statements:
        text = s.text.rstrip("。；;，, ")
        if s.lead and s.vintage == previous:
            body = s.body + s.text[len(s.own):] if s.own and s.text.startswith(s.own) else s.body  # + 其中 items
            text = ("预计" if s.estimate else "") + body.rstrip("。；;，, ")
        out += ("。" if closed else "；") + text if out else text
        previous = s.vintage
        closed = bool(s.children)
    return out + ("。" if out else "")
