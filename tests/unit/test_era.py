"""Era-aware wording: no phrase-bank entry appears outside its ``years`` (drafts of 2018, 2020, 2023
and 2026 over 20 seeds), and the filter is not vacuous (era entries do appear in their years)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from speechgen.compose.bank import builtin_bank
from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.compose.filters import era_ok, normalise
from speechgen.spec.loader import load_spec

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = ("city_q1", "city_annual", "county_dispatch")


def _era_entries():
    return [p for phrases in builtin_bank().categories.values() for p in phrases if p.years is not None]


def _spec_in(name: str, year: int):
    """The sample held in *year* (its date's year; the data year moves along with it)."""
    spec = load_spec(SAMPLES / f"{name}.yaml")
    m = spec.meeting
    data_year = year - (m.date.year - m.year)
    return spec.model_copy(update={"meeting": m.model_copy(update={"year": data_year, "date": m.date.replace(year=year)})})


def test_the_bank_tags_the_eras_the_genre_knows() -> None:
    texts = {p.text: p.years for p in _era_entries()}
    for word, year_in, year_out in [("以旧换新", 2024, 2023), ("新质生产力", 2024, 2022), ("疫情防控", 2021, 2023),
                                    ("六保", 2020, 2022), ("碳达峰", 2022, 2020)]:
        tagged = [t for t in texts if word in t]
        assert tagged, word
        for t in tagged:
            e = type("E", (), {"years": texts[t]})
            assert era_ok(e, year_in) and not era_ok(e, year_out), t


@pytest.mark.parametrize("year", [2018, 2020, 2023, 2026])
def test_no_entry_outside_its_years(year: int) -> None:
    outside = [normalise(p.text) for p in _era_entries() if not era_ok(p, year) and "{" not in p.text]
    inside = [normalise(p.text) for p in _era_entries() if era_ok(p, year) and "{" not in p.text]
    seen_inside = 0
    for name in CASES:
        spec = _spec_in(name, year)
        for seed in range(20):
            text = normalise(render_draft(spec, RenderOptions(seed=seed)).text)
            leaked = [t for t in outside if t in text]
            assert not leaked, (name, year, seed, leaked)
            seen_inside += sum(t in text for t in inside)
    assert seen_inside > 0  # entries of the year's own era do get used
