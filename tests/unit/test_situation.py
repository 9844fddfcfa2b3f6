"""The situation part, relays, assessment and guidance: from the writer's material, never invented."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import speechgen
from speechgen.cli import main
from speechgen.proof.checker import check_draft, check_text
from speechgen.spec.loader import load_spec

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"
MEETING = {"type": "quarterly_analysis", "title": "全市上半年经济运行分析会", "period": "H1", "year": 2025,
           "date": "2025-07-18", "region": "全市", "superior": "全省", "speaker": {"name": "李华", "post": "市长"}}
INDICATORS = [{"name": "地区生产总值", "value": 1000, "unit": "亿元", "growth": 5.8, "superior_growth": 5.5, "rank": 3,
               "rank_total": 12}]
SITUATION = {
    "national": {"text": "全国经济运行总体平稳", "indicator": "国内生产总值", "growth": 5.3},
    "superior": {"indicator": "地区生产总值", "growth": 5.6},
    "peers": {"indicator": "地区生产总值", "count": 12, "up": 9, "down": 3, "group": "市州", "rank": 3},
    "local": "全市工业用电量逐月回升",
    "opportunities": ["新能源项目集中投产"], "risks": "部分企业订单不足", "verdict": "机遇大于挑战",
}
RELAY = {"when": "昨天下午", "by": "省里", "body": "全省经济运行调度会", "post": "省长", "leader": "周某",
         "quotes": ["下半年要一季一季抓、一月一月盯，确保全年目标实现"], "points": ["各市州要对标对表"]}


def spec(**more: object) -> speechgen.Spec:
    return load_spec({"meeting": MEETING, "indicators": INDICATORS, **more})


def test_levels_in_the_genres_order_with_every_figure_and_computed_gaps() -> None:
    draft = speechgen.render(spec(situation=SITUATION))
    text = draft.text
    order = [text.index(s) for s in ("全国经济运行总体平稳", "全省地区生产总值增长5.6%", "全省12个市州中",
                                     "全市工业用电量逐月回升", "部分企业订单不足", "新能源项目集中投产", "机遇大于挑战")]
    assert order == sorted(order)
    assert "国内生产总值增长5.3%，全市地区生产总值增速高于全国0.5个百分点" in text
    assert "全市地区生产总值增速高于全省0.2个百分点" in text
    assert "9个正增长、3个下降，呈现“9增3降”态势" in text and "居第3位" in text
    gaps = {p.text: p.formula for p in draft.provenance if p.formula.startswith("全市")}
    assert gaps == {"0.5": "全市地区生产总值增速 5.8 − 全国增速 5.3", "0.2": "全市地区生产总值增速 5.8 − 全省增速 5.6"}
    assert [f for f in check_draft(draft, spec=spec(situation=SITUATION)) if f.severity == "error"] == []


def test_peers_with_flat_ones_and_ranks_at_the_ends() -> None:
    peers = {"count": 10, "up": 7, "down": 2, "rank": 10, "group": "县（市、区）"}
    text = speechgen.render(spec(situation={"peers": peers})).text
    assert "7个正增长、1个持平、2个下降" in text and "末位" in text
    text = speechgen.render(spec(situation={"peers": {**peers, "rank": 1}})).text
    assert "居首位" in text


def test_relays_open_the_speech_with_the_leaders_words_verbatim() -> None:
    draft = speechgen.render(spec(relays=[RELAY]))
    text = draft.text
    assert "昨天下午，省里召开了全省经济运行调度会" in text
    assert "省长周某在会上强调：“下半年要一季一季抓、一月一月盯，确保全年目标实现”" in text
    first_part = text.index(draft.headings(1)[0].text)
    assert text.index("全省经济运行调度会") < first_part


@pytest.mark.parametrize("kind, expect", [
    ("批示", "市委书记周某对全市上半年经济工作作出批示：“"),
    ("文件", "省里印发了《全市上半年经济工作》"),
])
def test_instructions_and_documents(kind: str, expect: str) -> None:
    relay = {**RELAY, "kind": kind, "post": "市委书记", "body": "全市上半年经济工作"}
    assert expect in speechgen.render(spec(relays=[relay])).text


def test_a_misquoted_leader_is_an_error() -> None:
    s = spec(relays=[RELAY])
    wrong = "周某省长强调：“下半年要一季一季地抓、一月一月地盯，确保实现全年目标”。"
    found = [f for f in check_text(wrong, spec=s) if f.rule == "quote"]
    assert found and "下半年要一季一季抓、一月一月盯，确保全年目标实现" in found[0].message
    right = "周某省长强调：“下半年要一季一季抓、一月一月盯，确保全年目标实现”。"
    assert [f for f in check_text(right, spec=s) if f.rule == "quote"] == []


ANNUAL = {"type": "annual_conference", "title": "全市经济工作会议", "period": "year", "year": 2025,
          "date": "2025-01-16", "region": "全市", "superior": "全省", "speaker": {"name": "李华", "post": "市长"}}
TARGETS = [{"name": "地区生产总值", "growth": 6, "bound": "左右"}]


def annual(**more: object) -> speechgen.Draft:
    return speechgen.render(load_spec({"meeting": ANNUAL, "indicators": INDICATORS, **more}))


def test_annual_conference_part_in_order_with_rationale() -> None:
    draft = annual(situation=SITUATION, guidance={"tone": "稳中求进", "rationale": "既对标了上级要求，也考虑了我们的基础"},
                   targets=TARGETS)
    part = next(h for h in draft.headings(1) if h.role == "situation")
    subs = [h for h in draft.headings(2) if h.role == "situation"]
    assert len(subs) == 4
    text = draft.text
    keys = ["全国经济运行总体平稳", "稳中求进", "新能源项目集中投产", "地区生产总值增长6%左右",
            "确定这些目标，既对标了上级要求，也考虑了我们的基础"]
    assert [text.index(k) for k in keys] == sorted(text.index(k) for k in keys)
    assert "目标" in part.text


def test_targets_written_as_a_mapping_with_rationale() -> None:
    draft = annual(targets={"items": TARGETS, "rationale": "既考虑需要也考虑可能"})
    assert "确定这些目标，既考虑需要也考虑可能。" in draft.text


def test_a_part_heading_promises_only_what_the_part_holds() -> None:
    only_situation = annual(situation=SITUATION)
    part = next(h for h in only_situation.headings(1) if h.role == "situation")
    assert not re.search("目标", part.text)
    nothing = annual()
    assert [h for h in nothing.headings(1) if h.role == "situation"] == []


def test_without_situation_input_nothing_is_said_and_render_says_what_would_fill_it() -> None:
    draft = speechgen.render(spec())
    assert not any(w in draft.text for w in ("从全国看", "从全省看", "兄弟地区", "有利条件", "有利的一面", "机遇"))
    assert any("situation（形势）" in w for w in draft.warnings)
    res = CliRunner().invoke(main, ["render", str(SAMPLES / "county_h1.yaml")])
    assert res.exit_code == 0 and "situation（形势）" in res.stderr


def test_placeholders_mark_the_missing_part_and_check_flags_it(tmp_path: Path) -> None:
    out = tmp_path / "稿.md"
    res = CliRunner().invoke(main, ["render", str(SAMPLES / "county_h1.yaml"), "--placeholders", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "【形势：待补" in out.read_text(encoding="utf-8")
    assert any(f.rule == "placeholder" for f in speechgen.proofread(out))


def test_dispatch_opens_with_the_assessment_regime() -> None:
    s = load_spec(SAMPLES / "county_dispatch.yaml")
    draft = speechgen.render(s)
    first = "".join(r.text for r in draft.headings(1)[0].body)
    assert "考核指标中主要经济指标8项、重点任务指标12项、加减分指标6项" in first
    assert "综合得分81.6分，在10个参评地区中排第7位" in first


@pytest.mark.parametrize("key, value", [
    ("形势", {"全国": {"表述": "全国经济稳中向好", "增速": 5.0, "指标": "国内生产总值"}, "机遇": "政策叠加"}),
    ("传达", [{"时间": "昨天", "会议名称": "全省调度会", "职务": "省长", "领导": "周某", "原话": "要抓紧"}]),
    ("考核", {"name": "考评办法", "指标类别": [{"name": "主要经济指标", "个数": 8}], "得分": 80, "排名": 3}),
    ("总体要求", {"总基调": "稳中求进", "工作思路": "“三强”", "目标依据": "综合考虑"}),
])
def test_chinese_keys(key: str, value: object) -> None:
    s = load_spec({"meeting": MEETING, "indicators": INDICATORS, key: value})
    assert speechgen.render(s).text


def test_schema_lists_the_new_fields() -> None:
    res = CliRunner().invoke(main, ["schema"])
    schema = json.loads(res.stdout)
    props = schema["properties"]
    assert {"situation", "relays", "assessment", "guidance"} <= set(props)


def test_bad_tallies_are_a_located_error() -> None:
    with pytest.raises(speechgen.InputError, match="超过总数"):
        spec(situation={"peers": {"count": 5, "up": 4, "down": 3}})
