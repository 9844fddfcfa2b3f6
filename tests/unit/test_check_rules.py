"""One failing and one passing example (at least) per check rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.proof.checker import check_text, rule_ids
from speechgen.spec.loader import load_spec

DATA = Path(__file__).resolve().parent.parent / "data"
SPEC = load_spec(DATA / "check_spec.yaml")

# (rule, text that must trip it, source name) — the source decides Markdown handling
FAILING = [
    ("invisible", "全市经济\u202e稳中有进。", "a.txt"),
    ("invisible", "项目建设\x07提速。", "a.md"),
    ("placeholder", "全市GDP增长X%，居全省第X位。", "a.txt"),
    ("placeholder", "完成投资**亿元，同比增长**%。", "a.md"),
    ("placeholder", "完成投资**亿元。", "a.txt"),
    ("placeholder", "××镇要加快进度。", "a.txt"),
    ("placeholder", "某某公司已经投产。", "a.txt"),
    ("placeholder", "〇〇村已完成改造。", "a.txt"),
    ("placeholder", "□□镇已完成改造。", "a.txt"),
    ("placeholder", "总额为{{ value }}亿元。", "a.txt"),
    ("placeholder", "增速为None，排名为nan。", "a.txt"),
    ("placeholder", "典型案例【待补】。", "a.txt"),
    ("placeholder", "（此处补充典型案例）", "a.txt"),
    ("date", "会议于2025-4-18召开。", "a.txt"),
    ("date", "会议于2025/4/18召开。", "a.txt"),
    ("date", "会议于2025年04月18日召开。", "a.txt"),
    ("date", "会议于4月18号召开。", "a.txt"),
    ("date", "材料请于20号前报送。", "a.txt"),
    ("date", "截至2025年2月30日。", "a.txt"),
    ("numeral", "新开工项目１２个。", "a.txt"),
    ("numeral", "完成投资1,234.5亿元。", "a.txt"),
    ("sign-verb", "一般公共预算收入同比增长-2.3%。", "a.txt"),
    ("sign-verb", "一般公共预算收入同比下降-2%。", "a.txt"),
    ("sign-verb", "增速提高-0.5个百分点。", "a.txt"),
    ("sign-verb", "排位由第5位上升到第7位。", "a.txt"),
    ("sign-verb", "税收收入增长0%。", "a.txt"),
    ("sign-verb", "工业增速由5.1%提高到4.3%。", "a.txt"),
    ("sign-verb", "收入增速由-4.1%回落至-2.3%。", "a.txt"),
    ("percent-point", "地区生产总值增速高于全省2%。", "a.txt"),
    ("percent-point", "规上工业增加值增速比全省低1.5%。", "a.txt"),
    ("percent-point", "增速比上年同期提高0.7%。", "a.txt"),
    ("percent-point", "投资完成率超序时进度3.2%。", "a.txt"),
    ("percent-point", "降幅收窄1.8%。", "a.txt"),
    ("norms", "向第二个百年目标奋勇前进。", "a.txt"),
    ("norms", "牢固树立五大发展理念。", "a.txt"),
    ("norms", "加快构建以国内循环为主体的新发展格局。", "a.txt"),
    ("norms", "截止目前，已开工项目46个。", "a.txt"),
    ("punctuation", "全市经济运行,稳中向好。", "a.txt"),
    ("punctuation", "要坚持稳中求进;扎实推进各项工作。", "a.txt"),
    ("punctuation", "请各地抓好落实!", "a.txt"),
    ("punctuation", "会议时间:2025年4月18日。", "a.txt"),
    ("punctuation", "落实(县委)的部署。", "a.txt"),
    ("punctuation", "组织\"春暖消费季\"活动。", "a.txt"),
    ("punctuation", "打造“样板”，开展「以旧换新」。", "a.txt"),
    ("punctuation", "取得明显成效。。", "a.txt"),
    ("punctuation", "稳工业，，扩投资。", "a.txt"),
    ("punctuation", "项目建设提速.全市加快推进。", "a.txt"),
    ("punctuation", "同志们：\n一.工作回顾\n正文。", "a.txt"),
    ("punctuation", "同志们：\n一、上半年经济运行情况。\n正文。", "a.txt"),
    ("punctuation", "同志们：\n一、工作回顾，\n正文。", "a.txt"),
    ("pairs", "打造“双过半样板。", "a.txt"),
    ("pairs", "认真学习《政府工作报告。", "a.txt"),
    ("pairs", "落实部署（见附件。", "a.txt"),
    ("pairs", "落实部署】。", "a.txt"),
    ("pairs", "学习“《报告”》。", "a.txt"),
    ("numbering", "同志们：\n一、甲方面\n三、乙方面\n", "a.txt"),
    ("numbering", "同志们：\n一、甲方面\n一、乙方面\n", "a.txt"),
    ("numbering", "同志们：\n一、甲\n（一）子项。\n（二）子项。\n3. 子项。\n", "a.txt"),
    ("numbering", "同志们：\n一、甲\n（二）子项。\n", "a.txt"),
    ("numbering", "一是抓项目；二是扩投资；四是促消费。", "a.txt"),
    ("numbering", "一是抓项目；二是扩投资；二是促消费。", "a.txt"),
    ("numbering", "首先，稳工业；其次，强财源；三是惠民生。", "a.txt"),
    ("numbering", "存在的问题：二是财政收支矛盾突出。", "a.txt"),
    ("points", "下面，我讲三点意见。\n一、甲方面\n二、乙方面\n", "a.txt"),
    ("repetition", "全市上下要紧紧围绕全年目标任务狠抓落实。要加快项目建设。全市上下要紧紧围绕全年目标任务狠抓落实。", "a.txt"),
    ("repetition", "今年要紧紧围绕全年目标任务狠抓落实确保落地见效。明年还要紧紧围绕全年目标任务狠抓落实确保落地见效。", "a.txt"),
    ("logic-rank", "固定资产投资增长9.1%，居全省首位，这个位次与我们的发展基础很不相称。", "a.txt"),
    ("logic-superior", "规上工业增加值增长8.2%，高于全省2.1个百分点，已经拖了全局的后腿。", "a.txt"),
    ("logic-trend", "社会消费品零售总额下降4.5%，消费意愿有所回升。", "a.txt"),
    ("logic-frame", "确保地区生产总值增长6%左右。", "a.txt"),
]

PASSING = [
    ("invisible", "全市经济稳中有进，\t项目建设提速。", "a.txt"),
    ("placeholder", "全市GDP增长5.8%，5G基站新增126个，制造业PMI为50.2，Excel报表已报送。", "a.txt"),
    ("placeholder", "**（一）项目建设提速。**新开工项目46个。**一要压实责任。**各部门要靠前指挥。", "a.md"),
    ("placeholder", "二〇〇八年以来，2×660MW机组稳定运行，X射线检测中心投用。", "a.txt"),
    ("date", "会议于2025年4月18日召开，1—4月、1-4月、4月份数据，3号楼，中央一号文件，地铁2号线。", "a.txt"),
    ("numeral", "完成投资1234.5亿元，新开工项目12个。", "a.txt"),
    ("sign-verb", "一般公共预算收入同比下降2.3%，排位由第7位上升到第5位，降幅收窄1.8个百分点。", "a.txt"),
    ("sign-verb", "工业增速由4.3%提高到5.1%，收入增速由-4.1%回升至-2.3%。", "a.txt"),
    ("percent-point", "增速高于全省2个百分点，比上年同期增长5%，完成年度目标的52.3%，增速超过5%，高于全省平均水平。", "a.txt"),
    ("norms", "向第二个百年奋斗目标奋勇前进，完整、准确、全面贯彻新发展理念，截至目前已开工46个。", "a.txt"),
    ("punctuation", "1—4月，全市经济稳中向好；3.5个百分点；“十四五”；GDP、PMI、5G。", "a.txt"),
    ("punctuation", "上午9:30开会，完成1,234.5亿元，GDP, PMI，网址www.gov.cn。", "a.txt"),
    ("punctuation", "同志们：\n一、工作回顾\n（一）项目建设提速。正文内容。\n", "a.txt"),
    ("pairs", "打造“双过半”样板，学习《政府工作报告》（2025年），落实【重点】任务，引用‘内层’。", "a.txt"),
    ("numbering", "同志们：\n一、甲\n（一）子项。\n1. 孙项。\n2. 孙项。\n（二）子项。\n二、乙\n（一）子项。\n", "a.txt"),
    ("numbering", "一要加快开工。具体来说，一是抓前期；二是抓开工。二要强化保障。", "a.txt"),
    ("numbering", "统一是关键，第一，抓项目；第二，扩投资。居全省第一，首先要提高站位。", "a.txt"),
    ("numbering", "三、四季度是全年的关键。", "a.txt"),
    ("points", "下面，我讲两点意见。\n一、甲方面\n二、乙方面\n", "a.txt"),
    ("repetition", "地区生产总值同比增长5.8%，高于全省0.5个百分点。固定资产投资同比增长8.9%，高于全省4.7个百分点。", "a.txt"),
    ("logic-rank", "规上工业增加值居全省倒数第2位，位次靠后。", "a.txt"),
    ("logic-superior", "规上工业增加值增长3.1%，低于全省2.1个百分点，拖了全局的后腿。", "a.txt"),
    ("logic-trend", "社会消费品零售总额增长4.5%，消费意愿有所回升。", "a.txt"),
    ("logic-frame", "力争地区生产总值增长6%左右，确保城镇调查失业率控制在5.5%以内。", "a.txt"),
]


def _rules(text: str, source: str, spec=None) -> list[str]:
    return [f.rule for f in check_text(text, source=source, spec=spec)]


@pytest.mark.parametrize("rule,text,source", FAILING)
def test_rule_trips(rule: str, text: str, source: str) -> None:
    assert rule in _rules(text, source)


@pytest.mark.parametrize("rule,text,source", PASSING)
def test_rule_stays_quiet(rule: str, text: str, source: str) -> None:
    assert rule not in _rules(text, source)


@pytest.mark.parametrize("rule,bad,good", [
    ("number", "地区生产总值同比增长5.9%。", "地区生产总值同比增长5.6%，高于全市0.4个百分点，居全市第3位。"),
    ("number", "地区生产总值居全市第4位。", "地区生产总值完成年度目标的47.8%，差时序进度2.2个百分点。"),
    ("number", "新开工亿元以上项目25个。", "新开工亿元以上项目24个，完成投资31.5亿元，排名前移2位。"),
    ("number", "规上工业增加值居全市倒数第1位。", "规上工业增加值居全市倒数第3位。地区生产总值比上年同期增加9.9亿元。"),
    ("number", "规上工业增加值同比增长5.6%。", "地区生产总值、规上工业增加值分别增长5.6%、4.3%。"),
    ("number", "地区生产总值居全市第7位。", "3项主要指标中，地区生产总值等2项增速为正。"),
    ("sign-verb", "一般公共预算收入同比增长3.4%。", "一般公共预算收入同比下降3.4%。"),
    ("sign-verb", "规上工业增加值增速高于全市1.8个百分点。", "规上工业增加值增速低于全市1.8个百分点。"),
    ("sign-verb", "规上工业增加值增速比一季度提高0.7个百分点。", "规上工业增加值增速比一季度回落0.7个百分点。"),
    ("sign-verb", "一般公共预算收入降幅比一季度扩大1.6个百分点。", "一般公共预算收入降幅比一季度收窄1.6个百分点。"),
    ("sign-verb", "地区生产总值排名后移2位。", "地区生产总值排名前移2位。"),
    ("quote", "钱某市长强调：“下半年要把项目建设当作稳增长的首要抓手”。",
     "钱某市长强调：“下半年要把项目建设作为稳增长的第一抓手”。"),
])
def test_rules_against_spec(rule: str, bad: str, good: str) -> None:
    assert rule in _rules(bad, "a.txt", SPEC)
    assert _rules(good, "a.txt", SPEC) == []


def test_number_rule_needs_a_spec() -> None:
    assert "number" not in _rules("地区生产总值同比增长5.9%。", "a.txt")


@pytest.mark.parametrize("text", [
    "2025年4月18日，1—4月，第3届美食节，“1+N”政策体系，7×24小时服务，12345热线，《2024年工作要点》。",
    "（1）抓项目；（2）扩投资。",
])
def test_number_rule_ignores_dates_ordinals_and_fixed_expressions(text: str) -> None:
    assert "number" not in _rules(text, "a.txt", SPEC)


def test_every_rule_has_an_example_in_both_tables() -> None:
    failing = {rule for rule, *_ in FAILING} | {"number", "quote", "spec-placeholder"}  # these need a spec
    passing = {rule for rule, *_ in PASSING} | {"number", "quote", "spec-placeholder"}
    assert failing == passing == set(rule_ids())


def test_findings_carry_line_text_and_a_chinese_fix() -> None:
    (finding,) = check_text("同志们：\n\n全市增速高于全省2%。", source="a.txt")
    assert (finding.rule, finding.severity, finding.line) == ("percent-point", "error", 3)
    assert finding.text == "高于全省2%"
    assert "高于全省2个百分点" in finding.message
