"""Python-side sentence building: fields, goals, target lines, leads, counts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from speechgen.compose import views as wording
from speechgen.spec.model import Indicator, Target


@pytest.mark.parametrize("text, field", [
    ("规上工业增加值", "industry"), ("固定资产投资", "investment"), ("社会消费品零售总额", "consumption"),
    ("一般公共预算收入", "fiscal"), ("城镇居民人均可支配收入", "income"), ("进出口总额", "trade"),
    ("实际使用外资", "trade"), ("地区生产总值", "overall"), ("金融机构贷款余额", "finance"),
    ("工业投资占比偏低", "investment"), ("开源节流抓收入", "fiscal"), ("持续优化营商环境", "reform"),
    ("抓紧谋划明年改革开放重点", "reform"), ("做好统计入库工作", "stats"), ("会议纪律", "general"),
])
def test_field_of(text, field):
    assert wording.field_of(text) == field


def test_task_field_falls_back_to_a_majority_of_items():
    assert wording.task_field("抓好当前工作", ["加快项目开工", "推进项目入库", "做好宣传"]) == "investment"
    assert wording.task_field("抓好当前工作", ["加快项目开工", "做好宣传"]) == "general"


@pytest.mark.parametrize("target, line", [
    (Target(name="地区生产总值", growth=Decimal("6"), bound="左右"), "地区生产总值增长6%左右"),
    (Target(name="能耗强度", growth=Decimal("-2.5")), "能耗强度下降2.5%"),
    (Target(name="城镇调查失业率", value=Decimal("5.5"), unit="%", bound="以内", verb="控制在"),
     "城镇调查失业率控制在5.5%以内"),
    (Target(name="粮食产量", value=Decimal("36.20"), unit="万吨"), "粮食产量达到36.20万吨"),
    (Target(name="x", text="城乡居民收入增长与经济增长同步。"), "城乡居民收入增长与经济增长同步"),
])
def test_target_line(target, line):
    assert wording.target_line(target) == line


def test_indicator_goals_use_the_spec_figures():
    goals = wording.indicator_goals([
        Indicator(name="规上工业增加值", growth=Decimal("4.1"), target_growth=Decimal("7.0")),
        Indicator(name="固定资产投资", growth=Decimal("8.9"), target_growth=Decimal("8.0")),
        Indicator(name="一般公共预算收入", annual_target=Decimal("29.5"), unit="亿元"),
        Indicator(name="地区生产总值", growth=Decimal("5"), target_growth=Decimal("6")),
    ])
    assert goals == {"industry": "力争规上工业增加值增速尽快提升到年度目标7.0%以上。",
                     "investment": "确保固定资产投资全年增长8.0%以上。",
                     "fiscal": "确保全年一般公共预算收入达到29.5亿元。"}


@pytest.mark.parametrize("text, lead, rest", [
    ("压实工作责任。各部门要亲自抓", "压实工作责任。", "各部门要亲自抓。"),
    ("一要压实责任。要亲自抓。", "压实责任。", "要亲自抓。"),
    ("第二，强化督查", "强化督查。", ""),
    ("改进作风！", "改进作风！", ""),
])
def test_split_lead(text, lead, rest):
    assert wording.split_lead(text) == (lead, rest)


@pytest.mark.parametrize("lead, subject", [("压实工作责任", False), ("各分管副县长每周听取汇报", True),
                                           ("县政府督查室要逐项跟踪", True), ("强化督查考核", False)])
def test_subject_first(lead, subject):
    assert wording.subject_first(lead) is subject


@pytest.mark.parametrize("n, word", [(1, "一"), (2, "两"), (3, "三"), (10, "十"), (12, "十二"), (22, "二十二")])
def test_qty(n, word):
    assert wording.qty(n) == word


@pytest.mark.parametrize("text, out", [("实现“双稳”", "实现“双稳”。"), ("他说：“好。”", "他说：“好。”"),
                                       ("完成；", "完成。"), ("", ""), ("好！", "好！")])
def test_sentence(text, out):
    assert wording.sentence(text) == out


def test_style_is_standard_below_high_and_varied_at_high():
    import random

    assert wording.choose_style("normal", random.Random(1), n_problems=3, n_requirements=3,
                                has_achievements=True) == wording.Style()
    styles = {wording.choose_style("high", random.Random(s), n_problems=5, n_requirements=5, has_achievements=True)
              .problems for s in range(30)}
    assert "首先" not in styles and len(styles) == 2  # 首先/其次 only for three items or fewer


def test_spec_accepts_the_new_fields_in_chinese(make_spec):
    from speechgen.spec.loader import load_spec

    spec = load_spec({"会议": {"类型": "经济工作会议", "标题": "全市经济工作会议", "时期": "全年", "年度": 2024,
                              "主要领导称谓": "王强书记", "主要领导讲话顺序": "before", "行业": "商务"},
                      "预期目标": [{"名称": "地区生产总值", "增速": 6, "限定词": "左右"}],
                      "任务": [{"标题": "抓项目", "配合单位": "市财政局"}]})
    assert spec.meeting.leader == "王强书记" and spec.meeting.leader_speaks == "before"
    assert spec.targets[0].bound == "左右" and spec.tasks[0].support == "市财政局"


@pytest.mark.parametrize("title, sector", [("全市商务工作会议", "商务"), ("全市2025年发展改革工作会议", "发展改革"),
                                           ("全县上半年教育工作会议", "教育"), ("全市交通运输工作推进会", "交通运输"),
                                           ("全区商务系统工作会议", "商务"), ("全市一季度经济运行分析会", ""),
                                           ("全市经济工作会议", "")])
def test_department_sector_is_read_from_the_title(title, sector):
    from speechgen.compose.context import sector_of
    from speechgen.spec.model import Meeting

    meeting = Meeting(type="department", title=title, period="year", year=2025, region=title[:2])
    assert sector_of(meeting) == sector
