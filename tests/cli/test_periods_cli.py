"""CLI and input paths of issue 13: --avoid (and the spec's avoid:), check --against, the no-date
note, Chinese keys and table columns for the new indicator fields, the JSON Schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from speechgen.cli import main

from conftest import SAMPLES

OFFICE = SAMPLES / "office"


def test_render_avoid_then_check_against(runner, tmp_path: Path) -> None:
    q1, h1, h1_plain = tmp_path / "q1.docx", tmp_path / "h1.md", tmp_path / "h1-plain.md"
    assert runner.invoke(main, ["render", str(OFFICE / "q1.yaml"), "-o", str(q1)]).exit_code == 0
    plain = runner.invoke(main, ["render", str(OFFICE / "h1.yaml"), "-o", str(h1_plain)])
    avoided = runner.invoke(main, ["render", str(OFFICE / "h1.yaml"), "--avoid", str(q1), "-o", str(h1)])
    assert plain.exit_code == 0 and avoided.exit_code == 0, avoided.output
    reused = runner.invoke(main, ["check", str(h1_plain), "--against", str(q1), "--json"])
    fresh = runner.invoke(main, ["check", str(h1), "--against", str(q1), "--json"])
    count = lambda r: sum(f["rule"] == "reuse" for f in json.loads(r.output))  # noqa: E731
    assert count(reused) > 0 and count(fresh) == 0


def test_spec_avoid_list_is_relative_to_the_spec(runner, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.md"
    assert runner.invoke(main, ["render", str(OFFICE / "q1.yaml"), "-o", str(earlier)]).exit_code == 0
    data = yaml.safe_load((OFFICE / "h1.yaml").read_text(encoding="utf-8"))
    data["上期讲话"] = ["earlier.md"]
    spec = tmp_path / "h1.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "h1.md"
    assert runner.invoke(main, ["render", str(spec), "-o", str(out)]).exit_code == 0
    check = runner.invoke(main, ["check", str(out), "--against", str(earlier), "--json"])
    assert not [f for f in json.loads(check.output) if f["rule"] == "reuse"]


def test_missing_avoid_file_is_exit_2_without_output(runner, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    result = runner.invoke(main, ["render", str(OFFICE / "q1.yaml"), "--avoid", str(tmp_path / "nope.docx"), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()


def test_render_without_date_warns(runner, tmp_path: Path) -> None:
    data = yaml.safe_load((OFFICE / "q3.yaml").read_text(encoding="utf-8"))
    del data["meeting"]["date"]
    spec = tmp_path / "q3.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(main, ["render", str(spec), "-o", str(tmp_path / "q3.md")])
    assert result.exit_code == 0 and "日期" in result.output
    text = (tmp_path / "q3.md").read_text(encoding="utf-8")
    assert "距离" not in text and "多天" not in text


def test_chinese_keys_for_the_new_fields(make_spec) -> None:
    spec = make_spec(indicators=[{"名称": "地区生产总值", "增速": 5.5, "数据期": "1-5月", "预计": True,
                                   "对比时期": "一季度", "增速口径": "环比", "阶段目标": 6}],
                     meeting={"时间节点": ["报统关网 2025-07-06"]})
    ind = spec.indicator_rows[0]
    assert (ind.period, ind.estimate, ind.prev_period, ind.basis) == ("1-5月", True, "一季度", "mom")
    assert ind.stage_target is not None and str(ind.stage_target.growth) == "6"
    assert spec.meeting.deadline_dates[0].name == "报统关网"


@pytest.mark.parametrize("field, value, message", [
    ("period", "第五季度", "period"), ("basis", "同期", "basis"),
])
def test_bad_new_fields_are_located(make_spec, field, value, message) -> None:
    from speechgen.errors import InputError

    with pytest.raises(InputError, match=message):
        make_spec(indicators=[{"name": "地区生产总值", "growth": 5, field: value}])


def test_table_columns_and_in_cell_estimate(tmp_path: Path) -> None:
    from speechgen.spec.tables.rows import read_indicator_file

    path = tmp_path / "t.csv"
    path.write_text("指标名称,时期,单位,本期值,同比增长(%),预计,上期时期\n"
                    "地区生产总值,一季度,亿元,512.3,5.1,,\n"
                    "固定资产投资,1-5月,亿元,94.6,7.6,否,1-4月\n"
                    "地区生产总值,上半年,亿元,,5.5（预计）,,\n"
                    "规上工业增加值,上半年,,,6.0,预计,\n", encoding="utf-8")
    rows = read_indicator_file(path)
    assert [(r.period, r.estimate) for r in rows] == [("一季度", False), ("1-5月", False), ("上半年", True), ("上半年", True)]
    assert rows[1].prev_period == "1-4月" and str(rows[2].growth) == "5.5"


def test_schema_lists_the_new_fields(runner) -> None:
    schema = json.loads(runner.invoke(main, ["schema"]).output)
    text = json.dumps(schema, ensure_ascii=False)
    for name in ("estimate", "prev_period", "stage_target", "deadlines", "avoid", "progress_word", "stance"):
        assert name in text, name
