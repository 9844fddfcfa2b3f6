"""`speechgen check` exit codes and output; `speechgen render` refusing a bad draft."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechgen.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "samples" / "city_q1.yaml"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero(runner) -> None:
    result = runner.invoke(main, ["check", str(DATA / "clean_draft.md")])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


def test_errors_exit_one_with_located_chinese_lines(runner) -> None:
    result = runner.invoke(main, ["check", str(DATA / "broken_draft.md"), "--spec", str(DATA / "check_spec.yaml")])
    assert result.exit_code == 1
    assert "第5行 [错误] date" in result.output and "2025年7月16日" in result.output
    assert "原文：" in result.output and "共发现" in result.output


def test_json_shape(runner) -> None:
    result = runner.invoke(main, ["check", str(DATA / "broken_draft.md"), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) == {"rule", "severity", "line", "text", "message", "start", "end"}
        assert item["severity"] in ("error", "warning")
        assert isinstance(item["line"], int) and isinstance(item["text"], str)
    assert any(item["rule"] == "placeholder" for item in data)


def test_json_of_a_clean_file_is_an_empty_list(runner) -> None:
    result = runner.invoke(main, ["check", str(DATA / "clean_draft.md"), "--json"])
    assert (result.exit_code, json.loads(result.output)) == (0, [])


def test_warnings_fail_only_with_strict(runner, tmp_path: Path) -> None:
    path = _write(tmp_path, "稿.txt", "同志们：\n一、工作回顾。\n正文。\n")
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    assert runner.invoke(main, ["check", str(path), "--strict"]).exit_code == 1


def test_user_rules_file(runner, tmp_path: Path) -> None:
    path = _write(tmp_path, "稿.txt", "推进老城区改造。\n")
    rules = _write(tmp_path, "规则.yaml", "rules:\n  - {wrong: 老城区, right: 历史城区, source: 本单位}\n")
    result = runner.invoke(main, ["check", str(path), "--rules", str(rules), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)[0]["text"] == "老城区"


def test_ignore_option(runner, tmp_path: Path) -> None:
    path = _write(tmp_path, "稿.txt", "全市GDP增长X%。\n")
    assert runner.invoke(main, ["check", str(path), "--ignore", "placeholder"]).exit_code == 0


@pytest.mark.parametrize("case", ["missing", "corrupt-docx", "bad-rules", "bad-spec", "directory"])
def test_bad_input_exits_two_with_a_chinese_message(runner, tmp_path: Path, case: str) -> None:
    good = _write(tmp_path, "稿.txt", "正文。\n")
    args = {
        "missing": ["check", str(tmp_path / "无此文件.txt")],
        "corrupt-docx": ["check", str(_write(tmp_path, "坏.docx", "不是 Word 文件"))],
        "bad-rules": ["check", str(good), "--rules", str(_write(tmp_path, "r.yaml", "rules: ["))],
        "bad-spec": ["check", str(good), "--spec", str(_write(tmp_path, "s.yaml", "meeting: 1\n"))],
        "directory": ["check", str(tmp_path)],
    }[case]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "错误：" in result.output and "Traceback" not in result.output


def test_spec_numbers_are_checked(runner, tmp_path: Path) -> None:
    path = _write(tmp_path, "稿.txt", "同志们：\n地区生产总值同比增长5.9%，居全省第4位。\n")
    result = runner.invoke(main, ["check", str(path), "--spec", str(SAMPLE), "--json"])
    assert result.exit_code == 1
    (item,) = json.loads(result.output)
    assert (item["rule"], item["line"], item["text"]) == ("number", 2, "5.9%")


# ------------------------------------------------------------------ render integration

def _bad_templates(tmp_path: Path) -> Path:
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "quarterly_analysis.j2").write_text(
        '{% extends "builtin/quarterly_analysis.j2" %}\n'
        "{% block closing %}\n::closing 同志们，全年增长XX%，力争高于全省2%！\n{% endblock %}\n",
        encoding="utf-8")
    return tdir


def test_render_refuses_a_draft_with_errors_and_writes_nothing(runner, tmp_path: Path) -> None:
    out = tmp_path / "稿.md"
    result = runner.invoke(main, ["render", str(SAMPLE), "-o", str(out), "--templates", str(_bad_templates(tmp_path))])
    assert result.exit_code == 1
    assert not out.exists()
    assert "未通过自动检查" in result.output and "placeholder" in result.output and "percent-point" in result.output


def test_render_no_check_writes_it_anyway(runner, tmp_path: Path) -> None:
    out = tmp_path / "稿.md"
    result = runner.invoke(main, ["render", str(SAMPLE), "-o", str(out), "--no-check",
                                  "--templates", str(_bad_templates(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "XX%" in out.read_text(encoding="utf-8")


def test_render_of_the_sample_passes_its_own_check(runner, tmp_path: Path) -> None:
    out = tmp_path / "稿.md"
    result = runner.invoke(main, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    check = runner.invoke(main, ["check", str(out), "--spec", str(SAMPLE), "--strict"])
    assert check.exit_code == 0, check.output
