"""Every narration form and edge, one row each: the forms chosen, the figures printed
(in every wording), what must never appear, and the verdict."""
from __future__ import annotations

import random
import re
from typing import Any

import pytest

from speechgen.compose.narration import NarrationRules, narrate

SEEDS = range(6)
BAD = ("None", "nan", "增长-", "下降-", "高于全省-", "低于全省-", "{", "}", "第0位", "--")


def _ind(**kw: Any) -> dict[str, Any]:
    return {"name": kw.pop("name", "地区生产总值"), **{k: (str(v) if isinstance(v, float) else v) for k, v in kw.items()}}


CASES = [
    # id, indicator, period, forms (in order), figures in every wording, forbidden, verdict
    ("growth-positive", _ind(value="512.3", unit="亿元", growth="5.8"), "Q1",
     ["value_flow", "growth_up"], ["512.3亿元", "5.8%"], [], "neutral"),
    ("growth-negative", _ind(name="一般公共预算收入", value="38.62", unit="亿元", growth="-3.2"), "Q1",
     ["value_flow", "growth_down"], ["38.62亿元", "3.2%"], ["-3.2", "增长3.2"], "weakness"),
    ("growth-zero", _ind(growth="0"), "Q1", ["growth_flat"], ["持平"], ["0%", "增长0", "下降0"], "neutral"),
    ("growth-zero-decimal", _ind(growth="0.0"), "Q1", ["growth_flat"], ["持平"], ["0.0%"], "neutral"),
    ("tiny-rise-kept", _ind(growth="0.04"), "Q1", ["growth_up"], ["0.04%"], ["0.0%"], "neutral"),
    ("precision-kept", _ind(growth="5.80", superior_growth="5.3"), "Q1",
     ["growth_up", "sup_above"], ["5.80%", "0.50个百分点"], ["5.8%"], "strength"),
    ("only-name-and-rank", _ind(rank=4, rank_total=11), "Q1", ["rank"], ["第4位"], [], "neutral"),
    ("only-value", _ind(value="100", unit="亿元"), "Q1", ["value_flow"], ["100亿元"], ["增长", "%"], "neutral"),
    ("sup-above", _ind(growth="5.8", superior_growth="5.3"), "Q1", ["growth_up", "sup_above"],
     ["0.5个百分点"], ["0.5%"], "strength"),
    ("sup-below", _ind(growth="4.1", superior_growth="5.3"), "Q1", ["growth_up", "sup_below"],
     ["1.2个百分点"], ["1.2%"], "weakness"),
    ("sup-equal", _ind(growth="5.3", superior_growth="5.3"), "Q1", ["growth_up", "sup_equal"],
     ["持平"], ["0个百分点", "0.0个百分点"], "neutral"),
    ("sup-both-negative", _ind(growth="-1.5", superior_growth="-2.0"), "Q1", ["growth_down", "sup_above"],
     ["1.5%", "0.5个百分点"], [], "weakness"),
    ("sup-missing-growth", _ind(value="5", unit="亿元", superior_growth="5.3"), "Q1", ["value_flow"],
     [], ["全省", "个百分点"], "neutral"),
    ("rank-first", _ind(growth="9", rank=1, rank_total=11), "Q1", ["growth_up", "rank_first"],
     [], ["第1位"], "strength"),
    ("rank-last", _ind(growth="1", rank=11, rank_total=11), "Q1", ["growth_up", "rank_last"],
     ["末位"], ["第11位"], "weakness"),
    ("rank-from-bottom", _ind(growth="1", rank=9, rank_total=11), "Q1", ["growth_up", "rank_bottom"],
     ["倒数第3位"], ["第9位"], "weakness"),
    ("rank-middle", _ind(growth="5", rank=6, rank_total=11), "Q1", ["growth_up", "rank"], ["第6位"], [], "neutral"),
    ("rank-top-third", _ind(growth="5", rank=3, rank_total=11), "Q1", ["growth_up", "rank"], ["第3位"], [], "strength"),
    ("rank-up", _ind(growth="5", rank=4, prev_rank=6, rank_total=11), "Q1", ["growth_up", "rank", "rank_up"],
     ["第4位", "上年", "2"], [], "strength"),
    ("rank-down-2", _ind(growth="5", rank=6, prev_rank=4, rank_total=11), "Q1", ["growth_up", "rank", "rank_down"],
     ["第6位", "2"], [], "weakness"),
    ("rank-down-1", _ind(growth="5", rank=5, prev_rank=4, rank_total=11), "Q1", ["growth_up", "rank", "rank_down"],
     ["第5位", "1"], [], "neutral"),
    ("rank-same", _ind(growth="5", rank=5, prev_rank=5, rank_total=11), "H1", ["growth_up", "rank", "rank_same"],
     ["一季度"], [], "neutral"),
    ("prev-up", _ind(growth="5.8", prev_growth="5.1"), "H1", ["growth_up", "prev_up"],
     ["0.7个百分点", "一季度"], [], "neutral"),
    ("prev-down", _ind(growth="5.1", prev_growth="5.8"), "Q3", ["growth_up", "prev_down"],
     ["0.7个百分点", "上半年"], [], "neutral"),
    ("prev-same", _ind(growth="5.1", prev_growth="5.10"), "Q1", ["growth_up", "prev_same"], [], ["个百分点"], "neutral"),
    ("turn-positive", _ind(growth="2.1", prev_growth="-1.4"), "Q1", ["growth_up", "prev_turn_up"],
     ["3.5个百分点"], [], "neutral"),
    ("turn-negative", _ind(growth="-1.4", prev_growth="2.1"), "Q1", ["growth_down", "prev_turn_down"],
     ["1.4%", "3.5个百分点"], [], "weakness"),
    ("decline-narrows", _ind(growth="-2.3", prev_growth="-4.1"), "Q1", ["growth_down", "prev_narrow"],
     ["降幅", "1.8个百分点"], ["增速较"], "weakness"),
    ("decline-widens", _ind(growth="-4.1", prev_growth="-2.3"), "Q1", ["growth_down", "prev_widen"],
     ["降幅", "1.8个百分点"], [], "weakness"),
    ("decline-to-flat", _ind(growth="0", prev_growth="-2.3"), "Q1", ["growth_flat", "prev_to_flat"],
     ["2.3个百分点"], [], "neutral"),
    ("target-above", _ind(growth="8.9", target_growth="8.0"), "Q1", ["growth_up", "target_above"],
     ["0.9个百分点"], [], "strength"),
    ("target-below", _ind(growth="5.8", target_growth="6.5"), "Q1", ["growth_up", "target_below"],
     ["0.7个百分点"], [], "weakness"),
    ("target-equal", _ind(growth="6.5", target_growth="6.5"), "Q1", ["growth_up", "target_equal"], [],
     ["个百分点"], "strength"),
    ("completion-behind-schedule", _ind(name="固定资产投资", value="512.3", unit="亿元", annual_target="2100"), "Q1",
     ["value_flow", "completion", "progress_behind"], ["24.4%", "0.6个百分点"], [], "weakness"),
    ("completion-ahead-schedule", _ind(name="固定资产投资", value="38.62", unit="亿元", annual_target="142"), "Q1",
     ["value_flow", "completion", "progress_ahead"], ["27.2%", "2.2个百分点"], [], "strength"),
    ("completion-two-decimals", _ind(name="固定资产投资", value="38.62", unit="亿元", annual_target="142", growth="3.25"), "Q1",
     ["value_flow", "growth_up", "completion", "progress_ahead"], ["27.20%", "2.20个百分点"], [], "strength"),
    ("schedule-m1-4", _ind(name="固定资产投资", value="40", unit="亿元", annual_target="100"), "M1-4",
     ["value_flow", "completion", "progress_ahead"], ["40.0%", "6.7个百分点"], [], "strength"),
    ("schedule-q3", _ind(name="固定资产投资", value="70", unit="亿元", annual_target="100"), "Q3",
     ["value_flow", "completion", "progress_behind"], ["70.0%", "5.0个百分点"], [], "weakness"),
    ("schedule-equal", _ind(name="固定资产投资", value="25", unit="亿元", annual_target="100"), "Q1",
     ["value_flow", "completion", "progress_equal"], ["25.0%"], ["个百分点"], "strength"),
    ("above-target", _ind(name="固定资产投资", value="2150", unit="亿元", annual_target="2100"), "year",
     ["value_flow", "completion_over"], ["102.4%", "超额"], [], "strength"),
    ("exactly-target", _ind(name="固定资产投资", value="2100", unit="亿元", annual_target="2100"), "year",
     ["value_flow", "completion_full"], ["完成"], ["%"], "strength"),
    ("year-gap", _ind(name="固定资产投资", value="2050", unit="亿元", annual_target="2100"), "year",
     ["value_flow", "completion", "gap_short"], ["97.6%", "50亿元"], [], "weakness"),
    ("double-half", _ind(name="固定资产投资", value="1080", unit="亿元", annual_target="2100", growth="6.6", target_growth="6.5"), "H1",
     ["value_flow", "growth_up", "completion", "progress_ahead", "double_half", "target_above"],
     ["51.4%", "1.4个百分点", "0.1个百分点", "过半"], [], "strength"),
    ("no-double-half-growth-short", _ind(name="固定资产投资", value="1080", unit="亿元", annual_target="2100", growth="6.4",
                                          target_growth="6.5"), "H1",
     ["value_flow", "growth_up", "completion", "progress_ahead", "target_below"], ["51.4%"], ["双过半", "过半"],
     "strength"),
    ("no-schedule-single-month", _ind(name="固定资产投资", value="30", unit="亿元", annual_target="100"), "M5",
     ["value_flow", "completion"], ["30.0%"], ["时序", "序时"], "neutral"),
    ("rate-indicator", _ind(name="城镇化率", value="62.5", unit="%", growth="1.2", annual_target="63"), "year",
     ["value_rate", "growth_up_points", "rate_target_below"], ["62.5%", "1.2个百分点", "0.5个百分点"],
     ["1.2%"], "weakness"),
    ("count-unit", _ind(name="新登记经营主体", value="8635", unit="户", growth="11.4"), "Q1",
     ["value_level", "growth_up_count"], ["8635户", "11.4%"], [], "neutral"),
    ("level-indicator", _ind(name="城镇居民人均可支配收入", value="14236", unit="元", growth="5.1"), "Q1",
     ["value_level", "growth_up"], ["14236元"], ["完成"], "neutral"),
    ("lower-is-better-falls", _ind(name="单位GDP能耗", growth="-3.2", superior_growth="-2.5"), "year",
     ["growth_down", "sup_below"], ["3.2%", "0.7个百分点"], [], "strength"),
    ("lower-is-better-rises", _ind(name="单位GDP能耗", growth="1.2"), "year", ["growth_up"], ["1.2%"], [], "weakness"),
]


def _narrate_one(make_spec, ind: dict[str, Any], period: str, seed: int, rules: NarrationRules | None = None):
    spec = make_spec(meeting={"period": period}, indicators=[ind])
    return narrate(spec, rng=random.Random(seed), rules=rules).statements[0]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_form(make_spec, case) -> None:
    _, ind, period, forms, figures, forbidden, verdict = case
    for seed in SEEDS:
        s = _narrate_one(make_spec, ind, period, seed)
        assert s.forms == forms, s.text
        assert s.text.startswith(ind["name"]), s.text
        assert s.verdict == verdict, (s.text, s.reasons)
        assert not s.text.endswith(("。", "，", "；")), s.text
        for fig in figures:
            assert fig in s.text, (fig, s.text)
        for bad in (*forbidden, *BAD):
            assert bad not in s.text, (bad, s.text)


def test_statement_example_from_the_contract(make_spec) -> None:
    ind = _ind(value="512.3", unit="亿元", growth="5.8", superior_growth="5.3", rank=4, rank_total=11, prev_rank=6)
    spec = make_spec(meeting={"period": "Q2"}, indicators=[ind])
    want = "地区生产总值完成512.3亿元，同比增长5.8%，高于全省0.5个百分点，居全省第4位，较一季度前移2位"
    seen: list[set[str]] = [set() for _ in want.split("，")]
    texts = set()
    for seed in range(300):
        text = narrate(spec, rng=random.Random(seed)).statements[0].text
        texts.add(text)
        for i, clause in enumerate(text.split("，")):
            seen[i].add(clause)
    assert all(clause in seen[i] for i, clause in enumerate(want.split("，")))
    assert len(texts) > 100


def test_missing_everything_is_hidden_not_none(make_spec) -> None:
    s = _narrate_one(make_spec, {"name": "工业用电量"}, "Q1", 0)
    assert s.part == "hidden" and s.text == "工业用电量" and "None" not in s.text


@pytest.mark.parametrize("pinned", ["review", "problems", "hidden"])
def test_part_pins_or_silences(make_spec, pinned: str) -> None:
    weak = _ind(growth="-3", part=pinned)
    s = _narrate_one(make_spec, weak, "Q1", 0)
    assert s.part == pinned and s.verdict == "weakness"


def test_auto_part_follows_verdict(make_spec) -> None:
    spec = make_spec(indicators=[_ind(growth="6", superior_growth="5"), _ind(name="规上工业增加值", growth="3",
                                                                             superior_growth="5")])
    n = narrate(spec, rng=random.Random(1))
    assert [s.part for s in n.statements] == ["review", "problems"]
    assert n.review[0].indicator == "地区生产总值" and n.problems[0].indicator == "规上工业增加值"


@pytest.mark.parametrize("ind, options", [
    (_ind(name="规上工业增加值", growth="4.1", superior_growth="5.3"), {"工业增速偏低", "工业增长动力不足", "工业增速落后"}),
    (_ind(name="一般公共预算收入", growth="-2.3"), {"财政收入负增长", "财政收入出现下滑"}),
    (_ind(name="一般公共预算收入", growth="-2.3", prev_growth="-4.1"), {"财政收入持续负增长", "财政收入仍在下滑"}),
    (_ind(name="固定资产投资", value="100", annual_target="760", growth="9", superior_growth="9"),
     {"投资进度滞后", "投资进度偏慢"}),
    (_ind(name="进出口总额", growth="3", rank=10, rank_total=11), {"外贸排位靠后", "外贸位次靠后"}),
    (_ind(name="某某新兴产业特别长的指标名称增加值", growth="-1"), None),
])
def test_problem_labels(make_spec, ind, options) -> None:
    for seed in SEEDS:
        s = _narrate_one(make_spec, ind, "Q1", seed)
        assert s.verdict == "weakness"
        assert 4 <= len(s.label) <= 12, s.label
        if options is not None:
            assert s.label in options


def test_soft_weakness_is_configurable(make_spec) -> None:
    ind = _ind(growth="5.8", superior_growth="5.3", target_growth="6.5")
    assert _narrate_one(make_spec, ind, "Q1", 0).verdict == "strength"
    strict = NarrationRules(soft_weaknesses=frozenset())
    assert _narrate_one(make_spec, ind, "Q1", 0, strict).verdict == "weakness"


def test_superior_margin(make_spec) -> None:
    ind = _ind(growth="5.2", superior_growth="5.3")
    assert _narrate_one(make_spec, ind, "Q1", 0).verdict == "weakness"
    lenient = NarrationRules(superior_margin=__import__("decimal").Decimal("0.5"))
    assert _narrate_one(make_spec, ind, "Q1", 0, lenient).verdict == "neutral"


def test_average_basis_says_average(make_spec) -> None:
    rules = NarrationRules(average_basis=True)
    for seed in SEEDS:
        s = _narrate_one(make_spec, _ind(growth="5.8", superior_growth="5.3"), "Q1", seed, rules)
        assert "全省平均水平" in s.text


def test_prev_label_override_and_monthly_label(make_spec) -> None:
    s = _narrate_one(make_spec, _ind(growth="5", prev_growth="4"), "M1-4", 0)
    assert "1—3月" in s.text and any(d.text == "3" for d in s.numbers)
    s = _narrate_one(make_spec, _ind(growth="5", prev_growth="4"), "Q1", 0, NarrationRules(prev_label="1—2月"))
    assert "1—2月" in s.text


def test_numbers_record_every_computed_figure(make_spec) -> None:
    ind = _ind(value="512.3", unit="亿元", growth="-5.8", superior_growth="5.3", rank=9, rank_total=11, prev_rank=6,
               prev_growth="-6.1", target_growth="6.5", annual_target="2100")
    s = _narrate_one(make_spec, ind, "Q1", 0)
    derived = {d.text for d in s.numbers}
    # GDP: no 时序进度 by default; a decline against a growth target is a gap in words, not 12.3 points
    assert {"5.8", "11.1", "0.3", "3", "24.4"} <= derived and "12.3" not in derived and "6.5%" in s.text
    inputs = {"512.3", "9", "11", "6", "6.5"}
    for token in re.findall(r"\d+(?:\.\d+)?", s.text):
        assert token in derived | inputs, token


def test_negative_value_has_no_completion(make_spec) -> None:
    s = _narrate_one(make_spec, _ind(name="利润总额", value="-3.2", unit="亿元", annual_target="10"), "Q1", 0)
    assert s.forms == ["value_level"] and "-3.2亿元" in s.text and "%" not in s.text


def test_user_wording_file_overrides_a_form(make_spec, tmp_path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text('forms:\n  growth_up:\n    - "同比增长了{p}%"\n', encoding="utf-8")
    rules = NarrationRules(wording_files=(path,))
    assert _narrate_one(make_spec, _ind(growth="5.0"), "Q1", 0, rules).text == "地区生产总值同比增长了5.0%"


@pytest.mark.parametrize("body, message", [
    ('forms:\n  growth_up:\n    - "同比增长"\n', "相同的数字占位符"),
    ('forms:\n  growth_up:\n    - "增长{p}%"\n    - "增长较快"\n', "相同的数字占位符"),
    ('forms:\n  growth_up:\n    - "增长{pct}%"\n', "未知的占位符"),
    ('forms: [1, 2]\n', "字段表|文字列表|应为"),
])
def test_bad_wording_files_are_refused(make_spec, tmp_path, body: str, message: str) -> None:
    from speechgen.errors import PhraseBankError

    path = tmp_path / "words.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PhraseBankError, match=message):
        _narrate_one(make_spec, _ind(growth="5"), "Q1", 0, NarrationRules(wording_files=(path,)))


@pytest.mark.parametrize("period, label", [("Q1", "上年"), ("H1", "一季度"), ("Q3", "上半年"), ("year", "上年"),
                                           ("M1-4", "1—3月"), ("M1-2", "1月份"), ("M5", "4月份"), ("Q4", "三季度")])
def test_previous_period_label(period: str, label: str) -> None:
    from speechgen.compose.narration import previous_label
    from speechgen.core.periods import parse_period

    assert previous_label(parse_period(period))[0] == label
