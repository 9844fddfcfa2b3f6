"""Carry forward: next period's spec keeps the meeting facts and task titles, clears the numbers."""
from __future__ import annotations

import pytest

from speechgen.spec.carry import TO_FILL, carry_forward
from speechgen.spec.loader import load_spec_text


def test_carry_forward_h1(make_spec) -> None:
    spec = make_spec()
    text = carry_forward(spec, "H1")
    assert TO_FILL in text
    new = load_spec_text(text)
    assert new.meeting.title == "全市上半年经济运行分析会"
    assert new.meeting.period_info.code == "H1" and new.meeting.year == 2025
    assert new.meeting.speaker == spec.meeting.speaker and new.meeting.date is None
    old_gdp, gdp = spec.indicator_rows[0], new.indicator_rows[0]
    assert (gdp.name, gdp.unit, gdp.rank_total) == (old_gdp.name, old_gdp.unit, old_gdp.rank_total)
    assert gdp.value is None and gdp.growth is None and gdp.rank is None
    assert (gdp.prev_growth, gdp.prev_rank) == (old_gdp.growth, old_gdp.rank)
    assert [t.title for t in new.tasks] == [t.title for t in spec.tasks]
    assert new.tasks[0].lead == spec.tasks[0].lead and new.tasks[0].items == []
    assert new.achievements == [] and new.requirements == spec.requirements


@pytest.mark.parametrize(("old", "new", "year"), [("Q1", "H1", 2025), ("Q3", "year", 2025), ("year", "Q1", 2026),
                                                  ("Q1", "Q1", 2026), ("M1-4", "M1-5", 2025)])
def test_year_rolls_over(make_spec, old: str, new: str, year: int) -> None:
    spec = make_spec(meeting={"period": old})
    out = load_spec_text(carry_forward(spec, new))
    assert out.meeting.year == year
    if year != 2025:  # a new year: last year's growth is not this year's "previous period"
        assert out.indicator_rows[0].prev_growth is None


def test_bad_period_is_rejected(make_spec) -> None:
    with pytest.raises(ValueError, match="无法识别的时期"):
        carry_forward(make_spec(), "Q9")
