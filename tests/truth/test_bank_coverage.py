"""Judgement conditions never leave a template without words: for every meeting type, period, tone
and speaker, and for tables at both extremes (everything falling, nothing falling), each category a
template calls without a fallback still offers at least one entry."""
from __future__ import annotations

import itertools

import pytest

from speechgen.compose.bank import builtin_bank
from speechgen.compose.conditions import TableFacts
from speechgen.compose.picker import PhrasePicker

CATEGORIES = ["achievement_summary", "statement_review", "heading_review", "report_opening", "credit",
              "transition_problems", "dispatch_urgency", "closing_call", "problem_commitment", "problem_label_plain"]
SLOTS = {k: "某" for k in ("period", "region", "unit", "system", "leadership", "last_year", "this_year", "judgement",
                           "convener", "authority",
                           "organizer", "next", "stage_goal", "topic", "voice", "superior", "place", "year",
                           "meeting", "remaining", "sector", "leader", "horizon", "countdown", "deadline_countdown")}
TABLES = {
    "all-falling": dict(declines="most", weaknesses="most", top_ranks="none", bottom_ranks="most", missed="most",
                        slumps="most"),
    "split": dict(declines="some", weaknesses="some", top_ranks="some", bottom_ranks="some", missed="some",
                  slumps="some"),
    "all-rising": dict(declines="none", weaknesses="none", top_ranks="some", bottom_ranks="none", missed="none",
                       slumps="none"),
}
CONTEXTS = list(itertools.product(
    ["quarterly_analysis", "annual_conference", "department", "statement", "work_report", "dispatch"],
    ["Q1", "H1", "Q3", "year", "month"], ["positive", "mixed", "negative"], ["principal", "deputy"]))


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_context_keeps_an_entry(category: str) -> None:
    bank = builtin_bank()
    gaps = []
    for (mtype, period, tone, speaker), (name, table) in itertools.product(CONTEXTS, TABLES.items()):
        context = {"type": mtype, "period": period, "speaker": speaker, "tone": tone}
        if not any(p.fits({**context, "variety": "normal"}) for p in bank.categories[category]):
            continue  # the category is not written for this context at all (the template does not call it)
        facts = TableFacts([], {**table, "tone": tone, "span": "year" if period == "year" else "part"}, frozenset())
        picker = PhrasePicker(bank, 0, context=context, slots=SLOTS, facts=facts)
        if not picker.offered(category):
            gaps.append((mtype, period, tone, speaker, name))
    assert not gaps, gaps
