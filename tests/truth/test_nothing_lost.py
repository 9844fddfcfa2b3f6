"""Nothing the writer gave is lost silently: every item of every sample and of a spec with every
field filled appears in the draft, for every meeting type × period layout, or the draft carries
a warning naming field, index and item (and the CLI prints it as 警告：…)."""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.compose.lost import han
from speechgen.compose.views import target_line
from speechgen.spec.loader import load_spec
from speechgen.spec.model import MeetingType

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
TYPES = [t.value for t in MeetingType]
PERIODS = ["Q1", "H1", "Q3", "year", "M1-4", "M5"]

FULL: dict[str, Any] = {
    "meeting": {"type": "quarterly_analysis", "title": "全县经济运行分析会", "period": "Q1", "year": 2025,
                "date": "2025-04-16", "region": "全县", "superior": "全市", "organizer": "县委、县政府",
                "speaker": {"name": "周明", "post": "县长"}, "leader": "吴刚书记", "sector": "发展改革",
                "preceding": ["县统计局通报了经济运行情况"]},
    "indicators": [
        {"name": "地区生产总值", "value": "88.1", "unit": "亿元", "growth": "4.2", "superior_growth": "5.0",
         "rank": 6, "rank_total": 8, "target_growth": "6"},
        {"name": "规上工业增加值", "growth": "-3.5", "superior_growth": "4.8", "rank": 8, "rank_total": 8,
         "prev_growth": "-5.1", "target_growth": "7"},
        {"name": "固定资产投资", "value": "20.3", "unit": "亿元", "growth": "9.1", "superior_growth": "4.0",
         "rank": 1, "rank_total": 8, "annual_target": "80"},
        {"name": "第三产业增加值", "value": "40.2", "unit": "亿元", "growth": "5.9", "target_growth": "6.5"},
        {"name": "社会消费品零售总额", "value": "18.4", "unit": "亿元", "growth": "3.3", "superior_growth": "4.1"},
    ],
    "achievements": [{"title": "项目开工势头良好", "items": ["新开工亿元以上项目9个"]},
                     {"title": "营商环境持续改善", "items": ["企业开办一日办结"]}],
    "problems": [{"title": "工业生产明显下滑", "detail": "两户重点企业停产检修"},
                 {"title": "消费市场恢复偏慢", "detail": "限上商贸企业销售额下降"},
                 {"title": "财政收支矛盾突出", "detail": "刚性支出增加"}],
    "tasks": [{"title": "全力稳住工业基本盘", "items": ["推动停产企业尽快复产"], "lead": "县工信局", "deadline": "5月底前"},
              {"title": "持续扩大有效投资", "items": ["抓好项目前期工作"], "lead": "县发改局"},
              {"title": "加快服务业提质增效", "items": ["培育物流龙头企业"]},
              {"title": "千方百计促进消费", "items": ["举办汽车促销活动"]}],
    "requirements": ["压实责任。各牵头单位主要负责同志要亲自抓", "强化督查。县政府督查室每月通报进展"],
    "targets": [{"name": "地区生产总值", "growth": "6", "bound": "左右"},
                {"name": "城镇调查失业率", "value": "5.5", "unit": "%", "verb": "控制在", "bound": "以内"}],
    "situation": {"national": {"text": "全国经济开局平稳", "indicator": "地区生产总值", "growth": "5.4"},
                  "superior": {"text": "全市经济起步有力"},
                  "opportunities": ["省里出台支持县域发展的若干措施"], "risks": ["外需走弱"], "verdict": "机遇大于挑战"},
    "relays": [{"kind": "meeting", "when": "4月10日", "by": "市政府", "body": "全市一季度经济运行调度会",
                "leader": "王市长", "quotes": ["要把稳增长放在更加突出的位置"]}],
    "assessment": {"name": "县域经济高质量发展考核", "groups": [{"name": "主要经济指标", "count": 8}],
                   "score": "86.5", "rank": 5, "rank_total": 8},
    "guidance": {"tone": "稳中求进", "slogans": ["工业强县、项目兴县"], "text": "坚持稳字当头、稳中求进"},
    "reminders": ["安全生产不能放松"],
}
FULL["tasks"][0].update(owner="常务副县长王明", supervision={"when": "月底前", "action": "专项督查"},
                        goal="确保规上工业增加值增长7%以上")


def _full(mtype: str, period: str) -> Any:
    raw = copy.deepcopy(FULL)
    raw["meeting"].update(type=mtype, period=period)
    return load_spec(raw)


def _keys(spec: Any) -> list[tuple[str, int, str]]:
    out = [("achievements", i, a.title) for i, a in enumerate(spec.achievements)]
    out += [("problems", i, p.title) for i, p in enumerate(spec.problems)]
    out += [("tasks", i, t.title) for i, t in enumerate(spec.tasks)]
    out += [("requirements", i, r.split("。")[0]) for i, r in enumerate(spec.requirements)]
    out += [("targets", i, target_line(t)) for i, t in enumerate(spec.targets)]
    out += [("indicators", i, ind.name) for i, ind in enumerate(spec.indicator_rows)]
    return out


def _assert_nothing_silently_lost(spec: Any, mtype: str) -> list[str]:
    draft = render_draft(spec, RenderOptions(meeting_type=mtype))
    body = han(draft.text)
    for field, i, text in _keys(spec):
        if han(text) not in body:
            named = [w for w in draft.warnings if w.startswith(f"警告：{field}[{i}]") and text[:6] in w]
            assert named, (mtype, spec.meeting.period, field, i, text, draft.warnings)
    for path, text in _material(spec):  # the situation, relays, assessment, guidance, reminders, owners…
        if han(re.split(r"[：:，,。；]", text)[0])[:6] not in body:
            named = [w for w in draft.warnings if w.startswith(f"警告：{path}（")]
            assert named, (mtype, spec.meeting.period, path, text, draft.warnings)
    return [w for w in draft.warnings if w.startswith("警告：")]


def _material(spec: Any) -> list[tuple[str, str]]:
    """Written independently of compose.lost: each piece of the writer's other material and its path."""
    out = []
    sit = spec.situation
    for layer in ("national", "superior", "peers", "local"):
        out += [(f"situation.{layer}[{i}]", c.text) for i, c in enumerate(getattr(sit, layer)) if c.text]
    out += [(f"situation.opportunities[{i}]", t) for i, t in enumerate(sit.opportunities)]
    out += [(f"situation.risks[{i}]", t) for i, t in enumerate(sit.risks)]
    out += [("situation.verdict", sit.verdict)] if sit.verdict else []
    out += [(f"relays[{i}]", r.body) for i, r in enumerate(spec.relays) if r.body]
    out += [("assessment", spec.assessment.name)] if spec.assessment.name else []
    out += [(f"guidance.slogans[{i}]", t) for i, t in enumerate(spec.guidance.slogans)]
    out += [("guidance.text", spec.guidance.text)] if spec.guidance.text else []
    out += [(f"reminders[{i}]", getattr(r, "text", r)) for i, r in enumerate(spec.reminders)]
    out += [(f"meeting.preceding[{i}]", t) for i, t in enumerate(spec.meeting.preceding)]
    out += [(f"tasks[{i}].goal", t.goal) for i, t in enumerate(spec.tasks) if t.goal]
    return out


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("mtype", TYPES)
def test_full_spec_every_type_and_period(mtype: str, period: str) -> None:
    warnings = _assert_nothing_silently_lost(_full(mtype, period), mtype)
    assert all("未写入讲话稿：" in w for w in warnings)


@pytest.mark.parametrize("mtype", TYPES)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_every_type(sample: Path, mtype: str) -> None:
    _assert_nothing_silently_lost(load_spec(sample), mtype)


@pytest.mark.parametrize("mtype, period", [("quarterly_analysis", "Q1"), ("quarterly_analysis", "M1-4"),
                                           ("dispatch", "M1-4"), ("quarterly_analysis", "H1")])
def test_the_main_layouts_print_every_item(mtype: str, period: str) -> None:
    """Dispatch prints problems and achievements, the monthly layout its achievements: no warning
    about them (targets only belong to year-end and annual speeches)."""
    draft = render_draft(_full(mtype, period), RenderOptions(meeting_type=mtype))
    assert [w for w in draft.warnings if w.startswith("警告：") and not w.startswith("警告：targets[")] == []


def test_warning_names_field_item_and_reason() -> None:
    raw = copy.deepcopy(FULL)
    raw["meeting"].update(type="dispatch", period="M1-4")
    draft = render_draft(load_spec(raw))
    targets = [w for w in draft.warnings if w.startswith("警告：targets[")]
    assert targets and "目标" in targets[0] and "调度会" in targets[0]


def test_cli_prints_warnings_to_stderr(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from speechgen.cli import main

    raw = copy.deepcopy(FULL)
    raw["meeting"].update(type="dispatch", period="M1-4")
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "d.md")])
    assert result.exit_code == 0, result.stderr
    assert "警告：targets[0]（地区生产总值增长6%左右）未写入讲话稿" in result.stderr


@pytest.mark.parametrize("mtype", TYPES)
def test_the_region_comparison_is_told_or_named(mtype: str) -> None:
    spec = load_spec(ROOT / "samples" / "city_q3_analysis.yaml")
    draft = render_draft(spec, RenderOptions(meeting_type=mtype))
    told = "县（市、区）" in draft.text
    warned = [w for w in draft.warnings if w.startswith("警告：regions（")]
    assert told or warned, (mtype, draft.warnings)
    assert mtype != "work_report" or told  # a report's indicator section tells it


def test_a_statement_names_the_task_duties_it_leaves_out() -> None:
    raw = copy.deepcopy(FULL)
    raw["meeting"].update(type="statement")
    raw["guidance"]["rationale"] = "与全市目标相衔接"
    draft = render_draft(load_spec(raw))
    body = han(draft.text)
    for path, text in (("tasks[0].lead", "县工信局"), ("tasks[0].deadline", "5月底前"),
                       ("guidance.rationale", "与全市目标相衔接")):
        assert han(text) in body or any(w.startswith(f"警告：{path}（") for w in draft.warnings), (path, draft.warnings)
