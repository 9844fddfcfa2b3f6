"""Indicator narration: the statistics table → 公文 statements, summary and judgement.

Pipeline (pure Python, no template arithmetic):

1. :mod:`.facts` — each row's arithmetic: which genre forms apply (level,
   growth, vs. superior, vs. previous period, rank, rank move, target
   completion, 时序进度, 双过半, growth vs. target), their numbers as
   :class:`Derived`, and verdict signals.  Independent of the seed.
2. :mod:`.wording` — several wordings per form from ``corpora/narration.yaml``,
   chosen with the draft's :class:`random.Random`; all wordings of a form carry
   the same numbers, so a new seed changes words, never facts.
3. :mod:`.statements` — verdict, part and problem label (:mod:`.rules`).
4. :mod:`.aggregates` — tallies over the table and the overall judgement.

Genre forms (docs/genre.md §4) covered: 2 growth/decline, 3 value, 4 同比,
5 and 6 vs. superior (平均水平), 7 rank, 8 bottom rank (末位, 倒数第N位),
9 rank move, 10 completion of the annual target, 11 时序进度, 12 双过半,
13 两年平均增长, 14 change vs. previous period, 15 降幅收窄/扩大, 16 由负转正/由正转负,
17 vs. own target, 18 拉动/贡献率, 19 占比 (the whole named), 21 tallies ("8项主要指标中6项…",
"“5升3降”", "两个第一、一个第二"; headline indicators only), 24 超额完成, 25 absolute gap
to the target (year-end), 28 counts of units (:mod:`.analysis`), the writer's cause after the
figures, sub-items joined to their parent ("……。其中，……"), and regions compared inside one
speech (:mod:`.regions`).  Form 1 (period label) is the template's; forms 20, 22, 26, 27, 29
need data the spec does not carry (streaks, scores, expectations, forecasts, monthly series).
"""
from __future__ import annotations

import logging
import random
from typing import Callable

from speechgen.spec.model import Spec
from speechgen.core.periods import Period
from speechgen.spec.fields import headline_default, indicator_field
from speechgen.compose.narration.aggregates import judge, summarise
from speechgen.compose.narration.analysis import cause_text
from speechgen.compose.narration.regions import compare_regions
from speechgen.compose.narration.facts import Context, Facts, row_facts
from speechgen.compose.narration.model import Derived, Narration, Statement, Verdict
from speechgen.compose.narration.rules import NarrationRules, rules_from_settings
from speechgen.compose.narration.judged import mark_headline
from speechgen.compose.narration.statements import build_statement
from speechgen.compose.narration.vintage import (
    Vintage, chain, grouped, labelled, main_group, previous_label, row_context, vintage_of, vocab_for,
)
from speechgen.compose.narration.wording import Picker, load_wordings, with_bank
from speechgen.compose.bank import PhraseBank
from speechgen.compose.streams import Streams

log = logging.getLogger(__name__)

__all__ = ["narrate", "Narration", "Statement", "Derived", "NarrationRules", "Verdict", "previous_label", "chain", "Vintage"]


def narrate(spec: Spec, *, rng: "random.Random | Streams | None" = None, rules: NarrationRules | None = None,
            vocab: tuple[tuple[str, str], ...] = (), avoid: "Callable[[str], bool] | None" = None,
            bank: PhraseBank | None = None, scope: str = "") -> Narration:
    """Narrate the spec's indicator table (see the module docstring).

    *vocab* are word replacements for the whole narration (时序进度 → 序时进度); *avoid* tells the
    picker which texts an earlier speech already used; *bank*: a phrase bank whose categories named
    after narration forms override those wordings (``--phrases``); *scope*: what the overall
    judgement speaks of when not the region's whole economy (a department's 全县农业农村).
    """
    streams = Streams.of(rng if rng is not None else 0)
    rules = rules or rules_from_settings(spec.narration)
    period = spec.meeting.period_info
    prev, prev_numbers = (rules.prev_label, ()) if rules.prev_label else previous_label(period)
    wordings = with_bank(load_wordings(tuple(rules.wording_files)), bank)
    table = spec.indicator_rows
    whole = next((i.name.strip() for i in table if indicator_field(i.name) == "overall" and not i.parent.strip()), "")
    ctx = Context(spec.meeting.superior, prev, prev_numbers, period, rules, wordings, whole, spec.meeting.region)
    pick = Picker(wordings, streams, {"span": _span(period)})
    if avoid is not None:
        pick.avoid = avoid
    items = [(ind, vintage_of(ind, period)) for ind in table]
    # figures of more than one period, or not of the meeting's: each statement names its period
    # (estimates always say 预计…, so they alone do not make a draft mixed)
    actual = {v.key for _, v in items if not v.estimate}
    mixed = len(actual) > 1 or any(code != period.code for code, _ in actual)
    counted = main_group(items, period)
    headline = headline_default([i.name for i in table if not i.parent.strip()])
    facts_of: dict[int, Facts] = {}
    key_of: dict[int, tuple[str, bool]] = {}
    statements: list[Statement] = []
    for i in grouped(items) if mixed else range(len(items)):
        ind, vintage = items[i]
        row_ctx = row_context(ctx, ind, vintage)
        pick.vocab = vocab_for(vintage, ind.basis, wordings) + vocab
        # a row's own period decides 比上年 vs 同比; month-on-month growth takes a wording that names 环比
        pick.table["span"] = "mom" if ind.basis == "mom" else _span(vintage.period)
        facts = row_facts(ind, row_ctx)
        statement = build_statement(facts, row_ctx, pick)
        statement.field_id = indicator_field(ind.name)
        statement.parent = ind.parent.strip()
        statement.headline = ind.headline if ind.headline is not None else \
            (not statement.parent and headline.get(ind.name, False))
        if ind.part == "auto" and statement.part == "problems" and ind.name.strip() == whole:
            # the economy's total opens the review even when it is weak (a writer never leaves the
            # GDP figure out of 前三季度，全区…); it still counts as weak in the tallies and verdict
            statement.part = "review"
        cause = cause_text(ind.cause)
        if cause and statement.part != "hidden":
            statement.text += "，" + cause
        statement = labelled(statement, vintage, mixed)
        facts_of[id(statement)] = facts
        key_of[id(statement)] = vintage.key
        statements.append(statement)
    pick.vocab = vocab
    pick.table["span"] = _span(period)
    _join(statements, {i.name.strip() for i in table if i.part != "auto"})
    rows = [(facts_of[id(s)], s) for s in statements if s.part in ("review", "problems")]
    mark_headline(rows)
    tallied = [r for r in rows if r[1].headline and key_of[id(r[1])] == counted]  # one vintage only
    summary = summarise(tallied, _group_context(ctx, tallied, items, counted), pick)
    if mixed and summary.sentences and counted is not None:
        summary.sentences[0] = f"{_label(items, counted)}，{summary.sentences[0]}"
    # the overall verdict weighs every actual figure the draft states, sub-items included (a 其中 row
    # that fell by a sixth is no "总体平稳"); estimates are no ground for a verdict
    stated = [(facts_of[id(s)], s) for s in statements if s.part != "hidden" and not s.estimate]
    judgement, overall, tone = judge(stated, ctx, pick, scope or spec.meeting.region)
    report = compare_regions(spec, ctx, pick) if spec.regions is not None else None
    log.debug("narrated %d indicators: %s (%s)", len(statements), judgement, tone)
    return Narration(statements=statements, summary=summary.sentences, judgement=judgement,
                     overall=overall, tone=tone, derived=summary.derived, mixed=mixed,
                     regions=report)  # type: ignore[arg-type]


def _span(period: Period) -> str:
    """``year``: the figures cover a whole year (比上年); ``part``: part of one (同比、比上年同期)."""
    return "year" if period.cumulative and period.first == 1 and period.last == 12 else "part"


def _label(items: list, key: tuple[str, bool]) -> str:
    return next(v.label for _, v in items if v.key == key)


def _group_context(ctx: Context, rows: list, items: list, key: tuple[str, bool] | None) -> Context:
    """The context of the counted vintage (its period decides 时序进度 and 双过半)."""
    if key is None or not rows:
        return ctx
    ind, vintage = next((ind, v) for ind, v in items if v.key == key)
    return row_context(ctx, ind, vintage) if vintage.period != ctx.period else ctx


def _join(statements: list[Statement], pinned: set[str]) -> None:
    """Attach each sub-item to its parent; a sub-item follows its parent's part unless the
    spec pins it to another part (*pinned*: names with an explicit ``part``) or hides it."""
    by_name = {s.indicator: s for s in statements}
    for s in statements:
        parent = by_name.get(s.parent)
        if parent is None or "hidden" in (s.part, parent.part) or (s.indicator in pinned and s.part != parent.part):
            continue
        parent.children.append(s)
        s.part = "joined"

    def join(s: Statement) -> None:
        for c in s.children:
            join(c)
            if c.lead and c.vintage == s.vintage and c.text.startswith(c.lead):  # 其中 keeps the parent's period
                c.text = ("预计" if c.estimate else "") + c.text[len(c.lead):]
        s.join_children()

    for s in statements:
        if s.part != "joined":
            join(s)
