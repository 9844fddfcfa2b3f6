"""The input spec: valid forms, Chinese aliases, precision and located errors."""
from __future__ import annotations

from decimal import Decimal

import pytest

from speechgen.errors import InputError
from speechgen.spec.loader import load_spec, load_spec_text
from speechgen.spec.model import MeetingType

VALID = """\
meeting:
  type: quarterly_analysis
  title: 全市一季度经济运行分析会
  period: Q1
  year: 2025
  date: 2025-04-18
  speaker: {name: 张明, post: 市长}
indicators:
  - name: 地区生产总值
    value: 512.30
    unit: 亿元
    growth: 5.80
    rank: 4
    rank_total: 11
"""


def test_valid_spec_keeps_precision_and_defaults() -> None:
    spec = load_spec_text(VALID, name="q1.yaml")
    ind = spec.indicator_rows[0]
    assert str(ind.value) == "512.30" and str(ind.growth) == "5.80"
    assert isinstance(ind.growth, Decimal)
    assert spec.meeting.region == "全市" and spec.meeting.superior == "全省"
    assert spec.meeting.date.isoformat() == "2025-04-18"
    assert spec.meeting.period_info.label == "一季度"


def test_chinese_keys_and_meeting_type_names() -> None:
    text = """\
会议:
  类型: 调度会
  标题: 全县上半年经济运行调度会
  时期: 上半年
  年份: 2025
  讲话人: {姓名: 王强, 职务: 副县长}
指标:
  - {名称: 固定资产投资, 增速: -3.2, 全省增速: 4.1, 排名: 7, 排名总数: 9}
任务:
  - {标题: 抓项目, 条目: [加快开工], 牵头单位: 县发改局, 时限: 7月底前}
"""
    spec = load_spec_text(text)
    assert spec.meeting.type is MeetingType.dispatch
    assert spec.meeting.period_info.code == "H1"
    assert not spec.meeting.speaker.is_principal
    assert spec.indicator_rows[0].growth == Decimal("-3.2")
    assert spec.tasks[0].lead == "县发改局"


def test_load_from_dict_and_path(tmp_path, spec_dict) -> None:
    assert load_spec(spec_dict).meeting.year == 2025
    path = tmp_path / "s.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_spec(path).indicator_rows[0].name == "地区生产总值"
    assert load_spec(str(path)).indicator_rows[0].rank == 4


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_spec_text(text, name="q1.yaml")
    return str(info.value)


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (("growth: 5.80", 'growth: "5.6%"'), ['q1.yaml 第12行 indicators[0].growth：应为数字，收到 "5.6%"']),
        (("rank: 4", "rank: 第四"), ['q1.yaml 第13行 indicators[0].rank：应为整数，收到 "第四"']),
        (("  year: 2025\n", ""), ["q1.yaml 第1行 meeting.year：缺少必填字段"]),
        (("indicators:", "indicatiors:"), ["q1.yaml 第8行 indicatiors：未知字段", "“indicators”"]),
        (("rank: 4", "rank: 12"), ["q1.yaml 第9行 indicators[0]：rank=12 大于参与排位总数 rank_total=11"]),
        (("type: quarterly_analysis", "type: picnic"), ['meeting.type：无法识别 "picnic"', "quarterly_analysis"]),
        (("period: Q1", "period: Q7"), ["meeting.period：", "无法识别的时期"]),
        (("date: 2025-04-18", "date: 2025年4月18日"), ["第6行 meeting.date：日期格式应为 2025-04-18"]),
        (("  title: 全市一季度经济运行分析会\n", "  title: [a, b]\n"), ["第3行 meeting.title：应为文字"]),
        (("    unit: 亿元\n", "    unit: 亿元\n     bad: [\n"), ["q1.yaml 第", "YAML 格式错误"]),
    ],
)
def test_bad_specs_are_located(replace: tuple[str, str], expected: list[str]) -> None:
    text = VALID.replace(*replace)
    assert text != VALID
    message = _error(text)
    for part in expected:
        assert part in message


def test_unknown_key_inside_nested_model_suggests_field() -> None:
    message = _error(VALID.replace("speaker: {name: 张明", "speakr: {name: 张明"))
    assert "meeting.speakr：未知字段，是否应为 “speaker”？" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "文件为空"), ("# only a comment\n", "文件为空"), ("- a\n- b\n", "顶层应为字段表"),
     ("meeting: {\n", "YAML 格式错误"), ("a:\n\t- b\n", "Tab")],
)
def test_degenerate_files(text: str, expected: str) -> None:
    assert expected in _error(text)


def test_non_utf8_file(tmp_path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(VALID.encode("gb18030"))
    with pytest.raises(InputError, match="不是 UTF-8 编码.*GBK"):
        load_spec(path)


def test_errors_are_sorted_and_all_reported() -> None:
    text = VALID.replace("growth: 5.80", 'growth: "快"').replace("year: 2025", "year: 明年")
    with pytest.raises(InputError) as info:
        load_spec_text(text, name="q1.yaml")
    problems = info.value.problems
    assert len(problems) == 2 and "meeting.year" in problems[0] and "growth" in problems[1]
