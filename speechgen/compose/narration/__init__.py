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
14 change vs. previous period, 15 降幅收窄/扩大, 16 由负转正/由正转负,
17 vs. own target, 21 tallies ("8项主要指标中6项…", "“5升3降”",
"两个第一、一个第二"), 23 parallel values ("分别增长…"), 24 超额完成,
25 absolute gap to the target (year-end).  Form 1 (period label) is the
template's; forms 13, 18–20, 22, 26–29 need data the spec does not carry
(two-year averages, contributions, shares, streaks, scores, expectations,
forecasts, unit counts, monthly series).
"""
from __future__ import annotations

import logging
import random
from typing import Callable

from speechgen.spec.model import Spec
from speechgen.core.periods import Period
from speechgen.compose.narration.aggregates import judge, summarise
from speechgen.compose.narration.facts import Context, row_facts
from speechgen.compose.narration.model import Derived, Narration, Statement, Verdict
from speechgen.compose.narration.rules import NarrationRules, rules_from_settings
from speechgen.compose.narration.statements import build_statement
from speechgen.compose.narration.vintage import (
    Vintage, chain, grouped, labelled, main_group, previous_label, row_context, vintage_of, vocab_for,
)
from speechgen.compose.narration.wording import Picker, load_wordings

log = logging.getLogger(__name__)

__all__ = ["narrate", "Narration", "Statement", "Derived", "NarrationRules", "Verdict", "previous_label", "chain", "Vintage"]


def narrate(spec: Spec, *, rng: random.Random | None = None, rules: NarrationRules | None = None,
            vocab: tuple[tuple[str, str], ...] = (), avoid: "Callable[[str], bool] | None" = None) -> Narration:
    """Narrate the spec's indicator table (see the module docstring).

    *vocab* are word replacements for the whole narration (时序进度 → 序时进度); *avoid* tells the
    picker which texts an earlier speech already used.
    """
    rng = rng if rng is not None else random.Random(0)
    rules = rules or rules_from_settings(spec.narration)
    period = spec.meeting.period_info
    prev, prev_numbers = (rules.prev_label, ()) if rules.prev_label else previous_label(period)
    wordings = load_wordings(tuple(rules.wording_files))
    ctx = Context(spec.meeting.superior, prev, prev_numbers, period, rules, wordings)
    pick = Picker(wordings, rng)
    if avoid is not None:
        pick.avoid = avoid
    items = [(ind, vintage_of(ind, period)) for ind in spec.indicator_rows]
    mixed = len({v.key for _, v in items}) > 1
    counted = main_group(items, period)
    rows, statements, kept = [], [], []
    for i in grouped(items) if mixed else range(len(items)):
        ind, vintage = items[i]
        row_ctx = row_context(ctx, ind, vintage)
        pick.vocab = vocab_for(vintage, ind.basis, wordings) + vocab
        facts = row_facts(ind, row_ctx)
        statement = labelled(build_statement(facts, row_ctx, pick), vintage, mixed)
        statements.append(statement)
        if statement.part != "hidden":
            kept.append((facts, statement))
            if vintage.key == counted:  # tallies count one vintage only
                rows.append((facts, statement))
    pick.vocab = vocab
    summary = summarise(rows, _group_context(ctx, rows, items, counted), pick)
    if mixed and summary.sentences and counted is not None:
        summary.sentences[0] = f"{_label(items, counted)}，{summary.sentences[0]}"
    actual = [(f, s) for f, s in kept if not s.estimate]
    judgement, overall, tone = judge(actual, ctx, pick, spec.meeting.region)
    log.debug("narrated %d indicators: %s (%s)", len(statements), judgement, tone)
    return Narration(statements=statements, summary=summary.sentences, judgement=judgement,
                     overall=overall, tone=tone, derived=summary.derived, mixed=mixed)  # type: ignore[arg-type]


def _label(items: list, key: tuple[str, bool]) -> str:
    return next(v.label for _, v in items if v.key == key)


def _group_context(ctx: Context, rows: list, items: list, key: tuple[str, bool] | None) -> Context:
    """The context of the counted vintage (its period decides 时序进度 and 双过半)."""
    if key is None or not rows:
        return ctx
    ind, vintage = next((ind, v) for ind, v in items if v.key == key)
    return row_context(ctx, ind, vintage) if vintage.period != ctx.period else ctx
