"""Aggregates over the table: tallies, top ranks, count-by-rank, 时序进度/双过半, judgement."""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from speechgen.spec.loader import load_spec
from speechgen.compose.narration import narrate

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _row(name: str, **kw: Any) -> dict[str, Any]:
    return {"name": name, **{k: (v if isinstance(v, int) else str(v)) for k, v in kw.items()}}


def _narr(make_spec, rows: list[dict[str, Any]], period: str = "Q1", seed: int = 0):
    return narrate(make_spec(meeting={"period": period}, indicators=rows), rng=random.Random(seed))


def _one_of(text: str, *patterns: str) -> bool:
    return any(re.search(p, text) for p in patterns)


@pytest.fixture(scope="module")
def sample():
    return load_spec(SAMPLES / "city_q1.yaml")


@pytest.mark.parametrize("seed", range(5))
def test_sample_summary_sentences(sample, seed: int) -> None:
    n = narrate(sample, rng=random.Random(seed))
    assert n.summary and all(s.endswith("。") and "None" not in s for s in n.summary)
    text = "".join(n.summary)
    assert _one_of(text, r"8项主要指标中，?有?6项增速(高于|快于)全省")
    assert "2项低于全省" in text
    assert "进出口总额、固定资产投资和社会消费品零售总额" in text and "前三位" in text
    assert "分别增长" not in text  # the statements give each growth: no figure twice
    assert _one_of(text, "“5升1降”", "5项指标增速加快、1项回落")
    assert _one_of(text, "前移的有3项、后移的有1项", "3项指标排位前移、1项后移")
    assert _one_of(text, r"(5项有年度目标增速的指标中|年度目标增速的5项指标中)，有?1项")
    assert "25%" in text and _one_of(text, r"3项有年度目标的指标中有?1项")
    assert n.judgement == "稳中有进" and n.tone == "positive"
    assert n.overall.endswith("。") and "稳中有进" in n.overall and "规上工业增加值" in n.overall
    derived = {d.text for d in n.derived}
    assert {"8", "6", "2", "5", "1", "3", "25"} <= derived


def test_all_above_and_none_above(make_spec) -> None:
    up = [_row(f"指标{i}", growth="6", superior_growth="5") for i in range(3)]
    assert _one_of(_narr(make_spec, up).summary[0], "3项主要指标增速(全部|均)高于全省")
    down = [_row(f"指标{i}", growth="4", superior_growth="5") for i in range(3)]
    assert _one_of(_narr(make_spec, down).summary[0], "3项主要指标增速(均未超过|没有一项高于)全省")


def test_partial_comparison_says_comparable(make_spec) -> None:
    rows = [_row("甲", growth="6", superior_growth="5"), _row("乙", growth="4", superior_growth="5"),
            _row("丙", growth="3")]
    first = _narr(make_spec, rows).summary[0]
    assert _one_of(first, "可与全省比较的2项指标中", "可比的2项指标中") and "1项" in first


def test_single_comparable_gives_no_tally(make_spec) -> None:
    n = _narr(make_spec, [_row("甲", growth="6", superior_growth="5", rank=2, rank_total=9)])
    assert n.summary == []


@pytest.mark.parametrize("ranks, tally", [
    ([1, 1, 2], "两个第一、一个第二"),
    ([1, 2, 2, 3], "一个第一、两个第二、一个第三"),
    ([3, 3], "两个第三"),
])
def test_count_by_rank_with_ties(make_spec, ranks: list[int], tally: str) -> None:
    rows = [_row(f"指标{i}", growth="5", rank=r, rank_total=11) for i, r in enumerate(ranks)]
    for seed in range(4):
        n = _narr(make_spec, rows, seed=seed)
        assert any(f"“{tally}”" in s for s in n.summary), n.summary
        assert "两" in {d.text for d in n.derived}


def test_distinct_top_ranks_list_without_tally(make_spec) -> None:
    rows = [_row("甲", growth="-1", rank=1, rank_total=11), _row("乙", growth="5", rank=3, rank_total=11),
            _row("丙", growth="5", rank=7, rank_total=11)]
    text = "".join(_narr(make_spec, rows).summary)
    assert "甲和乙" in text and "丙" not in text and "“" not in text and "分别增长" not in text


@pytest.mark.parametrize("rows, period, patterns", [
    ([_row("甲", value="60", annual_target="100", growth="7", target_growth="6"),
      _row("乙", value="55", annual_target="100", growth="6", target_growth="6")], "H1",
     [r"2项指标(全部|均)实现"]),
    ([_row("甲", value="60", annual_target="100", growth="7", target_growth="6"),
      _row("乙", value="45", annual_target="100", growth="6", target_growth="6")], "H1",
     [r"^甲实现"]),
    ([_row("甲", value="40", annual_target="100", growth="5", target_growth="6"),
      _row("乙", value="45", annual_target="100", growth="6", target_growth="7")], "H1",
     [r"2项指标(尚未|均未)实现"]),
    ([_row("甲", value="40", annual_target="100"), _row("乙", value="30", annual_target="100"),
      _row("丙", value="20", annual_target="100")], "M1-4",
     [r"33\.3%", r"3项有年度目标的指标中有?1项"]),
    ([_row("甲", value="80", annual_target="100"), _row("乙", value="70", annual_target="100")], "Q3",
     [r"75%", r"甲的?完成进度快于时序进度"]),
    ([_row("甲", value="10", annual_target="100"), _row("乙", value="20", annual_target="100")], "Q1",
     [r"25%", r"2项有年度目标的指标(完成进度均慢于|均未达到)时序进度"]),
])
def test_schedule_and_double_half(make_spec, rows, period: str, patterns: list[str]) -> None:
    for seed in range(4):
        summary = _narr(make_spec, rows, period, seed).summary
        sched = [s for s in summary if "时序" in s or "双过半" in s or "过半" in s]
        assert len(sched) == 1, summary
        for p in patterns:
            assert re.search(p, sched[0]), sched[0]


def test_no_time_progress_for_the_year(make_spec) -> None:
    rows = [_row("甲", value="90", annual_target="100"), _row("乙", value="120", annual_target="100")]
    assert not any("时序" in s for s in _narr(make_spec, rows, "year").summary)


STRONG = _row("强", growth="6", superior_growth="5")
WEAK = _row("弱", growth="4", superior_growth="5")
FLAT = _row("平", growth="5", superior_growth="5")


@pytest.mark.parametrize("s, w, neutral, judgement, tone", [
    (8, 0, 0, "稳中向好", "positive"),
    (3, 0, 5, "稳中有进", "positive"),
    (6, 2, 0, "稳中有进", "positive"),
    (2, 5, 1, "承压前行", "negative"),
    (4, 3, 1, "分化", "mixed"),
    (0, 0, 8, "总体平稳", "positive"),
    (1, 2, 5, "总体平稳", "mixed"),
    (0, 0, 0, "", "positive"),  # no figure: no verdict at all (not "总体平稳")
])
def test_judgement_rule(make_spec, s: int, w: int, neutral: int, judgement: str, tone: str) -> None:
    rows = ([{**STRONG, "name": f"强{i}"} for i in range(s)] + [{**WEAK, "name": f"弱{i}"} for i in range(w)]
            + [{**FLAT, "name": f"平{i}"} for i in range(neutral)])
    for seed in range(3):
        n = _narr(make_spec, rows, seed=seed)
        assert (n.judgement, n.tone) == (judgement, tone)
        if not judgement:
            assert n.overall == ""
            continue
        assert n.overall.endswith("。") and "None" not in n.overall
        assert judgement in n.overall or (judgement == "承压前行" and "压力" in n.overall)


def test_hidden_indicators_stay_out_of_aggregates(make_spec) -> None:
    rows = [_row("甲", growth="6", superior_growth="5"), _row("乙", growth="6", superior_growth="5"),
            {**_row("丙", growth="1", superior_growth="5"), "part": "hidden"}]
    n = _narr(make_spec, rows)
    assert _one_of(n.summary[0], "2项主要指标增速(全部|均)高于") and "丙" not in n.overall
    assert n.judgement == "稳中向好" and [s.indicator for s in n.problems] == []


def test_every_summary_figure_is_input_or_derived(sample) -> None:
    inputs = set()
    for ind in sample.indicator_rows:
        for v in ind.model_dump().values():
            if v is not None and not isinstance(v, str):
                inputs.add(str(abs(v)) if not isinstance(v, int) else str(v))
    for seed in range(5):
        n = narrate(sample, rng=random.Random(seed))
        derived = {d.text for d in n.numbers()}
        for sentence in [*n.summary, n.overall]:
            for token in re.findall(r"\d+(?:\.\d+)?", sentence):
                assert token in inputs | derived, (token, sentence)
