"""Aggregate sentences never say "0项…" or "1项指标均…"."""
from __future__ import annotations

import random

import pytest

from speechgen.compose.narration import narrate


def _rows(growths: list[tuple[str, str]], **extra: object) -> list[dict]:
    names = ["地区生产总值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入"]
    return [{"name": n, "growth": g, "prev_growth": p, **extra} for n, (g, p) in zip(names, growths)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("growths", "present", "absent"),
    [
        ([("3.0", "4.0"), ("2.0", "5.0"), ("1.0", "1.5")], ["3项指标增速回落", "增速回落的有3项"], ["0项"]),
        ([("5.0", "4.0"), ("6.0", "5.0"), ("2.0", "1.5")], ["3项指标增速加快", "增速加快的有3项"], ["0项"]),
        ([("5.0", "4.0"), ("2.0", "5.0"), ("1.5", "1.5")], ["1项指标增速加快", "增速1项加快"], ["0项"]),
    ],
)
def test_change_tally_is_one_sided_when_nothing_moved_the_other_way(make_spec, seed: int, growths, present, absent) -> None:
    spec = make_spec(meeting={"period": "H1"}, indicators=_rows(growths))
    text = "".join(narrate(spec, rng=random.Random(seed)).summary)
    assert any(p in text for p in present), text
    assert all(a not in text for a in absent), text


@pytest.mark.parametrize("seed", range(4))
def test_single_indicator_double_half_has_no_jun(make_spec, seed: int) -> None:
    rows = [{"name": "固定资产投资", "value": "40", "annual_target": "100", "growth": "3.0", "target_growth": "8.0"},
            {"name": "地区生产总值", "growth": "5.0"}]
    spec = make_spec(meeting={"period": "H1"}, indicators=rows)
    text = "".join(narrate(spec, rng=random.Random(seed)).summary)
    assert "固定资产投资未" in text and "1项" not in text, text
