"""The logic rule family flags each defect kind in a planted draft and stays silent on rendered samples."""
from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.proof.checker import check_draft, check_text
from speechgen.spec.loader import load_spec

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
HEAD = "# 在全市经济运行分析会上的讲话\n\n同志们：\n\n"


def _rules(body: str, spec=None) -> set[str]:
    return {f.rule for f in check_text(HEAD + body, source="d.md", spec=spec)}


@pytest.mark.parametrize("rule, body", [
    ("logic-rank", "固定资产投资增长9.1%，居全省首位，这个位次与我们的发展基础很不相称，必须尽快改变。\n"),
    ("logic-rank", "进出口总额排名全省第一，但位次靠后的局面还没有根本改变。\n"),
    ("logic-superior", "规上工业增加值增长8.2%，高于全省2.1个百分点，已经拖了全局的后腿。\n"),
    ("logic-trend", "社会消费品零售总额下降4.5%，市场预期逐步改善，消费意愿有所回升。\n"),
    ("logic-trend", "地区生产总值下降1.2%，规上工业增加值下降6.3%，固定资产投资下降8.8%。\n\n这些成绩的取得，是各级各部门共同努力的结果。\n"),
    ("logic-trend", "规上工业增加值下降25.3%，经济运行总体可控。\n"),
    ("logic-trend", "工业用电量增长6.1%，呈下滑态势。\n"),
    ("logic-frame", "确保地区生产总值增长6%左右。\n"),
    ("logic-frame", "一般公共预算收入下降3.9%，比年度目标低9.9个百分点。\n"),
    ("logic-frame", "地区生产总值完成1080亿元，实现时间、任务“双过半”。\n"),
    ("logic-frame", "下一步要抓好三件事：一是抓项目。这件事要抓紧。\n\n## 二、强化保障\n\n要压实责任。\n"),
    ("logic-frame", "## 一、持续扩大有效投资\n\n确保有效投资持续扩大。要抓好项目前期。\n\n## 二、强化保障\n\n要压实责任。\n"),
])
def test_each_planted_defect_is_flagged(rule: str, body: str) -> None:
    assert rule in _rules(body)


def test_full_year_speech_says_bi_shangnian(make_spec) -> None:
    spec = make_spec(meeting={"period": "year", "title": "全市全年经济运行分析会"})
    assert "logic-frame" in _rules("地区生产总值比上年同期增长5.6%。\n", spec)
    assert "logic-frame" not in _rules("地区生产总值比上年增长5.6%。\n", spec)
    quarter = make_spec()
    assert "logic-frame" not in _rules("地区生产总值比上年同期增长5.6%。\n", quarter)


@pytest.mark.parametrize("post, text, flagged", [
    ("县长", "这些成绩的取得，是县委、县政府坚强领导的结果。", True),
    ("县长", "这些成绩的取得，是县委坚强领导的结果。", False),
    ("县委书记", "一年来，在县委的坚强领导下，全县上下攻坚克难。", True),
    ("县委书记", "一年来，在市委的坚强领导下，全县上下攻坚克难。", False),
])
def test_self_credit_follows_the_speakers_voice(make_spec, post: str, text: str, flagged: bool) -> None:
    spec = make_spec(meeting={"region": "全县", "superior": "全市", "speaker": {"name": "周明", "post": post}})
    assert ("logic-frame" in _rules(text + "\n", spec)) is flagged


def test_spec_facts_catch_a_rank_claim_without_the_rank_in_the_sentence(make_spec) -> None:
    spec = make_spec(indicators=[{"name": "固定资产投资", "growth": "9.1", "superior_growth": "4", "rank": 1,
                                  "rank_total": 11}])
    assert "logic-rank" in _rules("固定资产投资增长9.1%，位次靠后的问题要尽快解决。\n", spec)
    assert "logic-superior" in _rules("固定资产投资增长9.1%，拖了后腿。\n", spec)


@pytest.mark.parametrize("body", [
    "规上工业增加值增长4.1%，低于全省1.2个百分点，居全省倒数第2位，位次靠后，已经拖了全局的后腿。\n",
    "一般公共预算收入下降3.9%，与年度目标2%差距较大。\n",
    "固定资产投资增长6.6%，增速比1—9月下滑1.3个百分点。\n",
    "力争地区生产总值增长6%左右。确保城镇调查失业率控制在5.5%以内。\n",
    "要抓好两件事：一是抓项目；二是抓企业。\n",
])
def test_normal_genre_text_is_not_flagged(body: str) -> None:
    assert not {r for r in _rules(body) if r.startswith("logic")}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_silent_on_every_rendered_sample(sample: Path) -> None:
    spec = load_spec(sample)
    for seed in range(4):
        draft = render_draft(spec, RenderOptions(seed=seed, variety=("normal", "high")[seed % 2]))
        found = [f for f in check_draft(draft, spec=spec) if f.rule.startswith(("logic", "spec-"))]
        assert found == [], (sample.stem, seed, [str(f) for f in found])


@pytest.mark.parametrize("body, flagged", [
    ("从全国看，全国经济运行总体平稳。全区房地产开发投资下降21.4%。\n", False),
    ("全区经济运行总体平稳，房地产开发投资下降21.4%。\n", True),
])
def test_a_calm_verdict_about_another_place_is_not_ours(make_spec, body: str, flagged: bool) -> None:
    spec = make_spec(meeting={"region": "全区", "superior": "全市"})
    assert ("logic-trend" in {f.rule for f in check_text(HEAD + body, source="d.md", spec=spec)}) is flagged
