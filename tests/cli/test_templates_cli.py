"""`speechgen templates` and `speechgen templates copy`."""
from __future__ import annotations

import re
from pathlib import Path

from speechgen.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "samples" / "city_q1.yaml")


def test_templates_lists_every_type_and_its_sources(runner):
    result = runner.invoke(main, ["templates"])
    assert result.exit_code == 0, result.output
    for mtype in ("quarterly_analysis", "annual_conference", "dispatch", "department", "work_report", "statement"):
        assert mtype in result.output
    assert "blocks/closing.j2" in result.output and "内置" in result.output


def test_templates_shows_a_user_override(runner, tmp_path):
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "closing.j2").write_text("::closing 好！\n", encoding="utf-8")
    result = runner.invoke(main, ["templates", "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "blocks" / "closing.j2") in result.output


def test_templates_copy_gives_an_editable_copy_that_renders(runner, tmp_path):
    target = tmp_path / "mine"
    result = runner.invoke(main, ["templates", "copy", "quarterly_analysis", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "quarterly_analysis.j2").is_file() and (target / "base.j2").is_file()
    assert (target / "blocks" / "opening.j2").is_file() and (target / "blocks" / "task_body.j2").is_file()
    assert not (target / "blocks" / "dispatch_parts.j2").exists()
    closing = target / "blocks" / "closing.j2"
    closing.write_text("::closing 同志们，散会！\n", encoding="utf-8")
    rendered = runner.invoke(main, ["render", SAMPLE, "--templates", str(target)])
    assert rendered.exit_code == 0, rendered.output
    assert rendered.output.rstrip().endswith("同志们，散会！")
    assert re.search(r"讲三(点|个方面)", rendered.output)


def test_templates_copy_refuses_to_overwrite_without_force(runner, tmp_path):
    assert runner.invoke(main, ["templates", "copy", "dispatch", str(tmp_path)]).exit_code == 0
    (tmp_path / "dispatch.j2").write_text("{# 改过 #}", encoding="utf-8")
    again = runner.invoke(main, ["templates", "copy", "dispatch", str(tmp_path)])
    assert again.exit_code == 2
    assert "已存在" in again.output and "--force" in again.output
    assert (tmp_path / "dispatch.j2").read_text(encoding="utf-8") == "{# 改过 #}"
    forced = runner.invoke(main, ["templates", "copy", "dispatch", str(tmp_path), "--force"])
    assert forced.exit_code == 0 and "改过" not in (tmp_path / "dispatch.j2").read_text(encoding="utf-8")


def test_templates_copy_rejects_an_unknown_type(runner, tmp_path):
    result = runner.invoke(main, ["templates", "copy", "banquet", str(tmp_path)])
    assert result.exit_code == 2
    assert not any(tmp_path.iterdir())


def test_render_with_a_broken_user_block_reports_name_and_line(runner, tmp_path):
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "opening.j2").write_text("开场。\n{% if %}\n", encoding="utf-8")
    result = runner.invoke(main, ["render", SAMPLE, "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert "blocks/opening.j2 第2行" in result.output and "Traceback" not in result.output


def test_render_with_user_phrases_and_variety(runner, tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("category: closing_call\nentries:\n- 请大家立即行动起来，把各项任务落到实处！\n", encoding="utf-8")
    result = runner.invoke(main, ["render", SAMPLE, "--phrases", str(bank), "--variety", "low"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("请大家立即行动起来，把各项任务落到实处！")
    bad = tmp_path / "bad.yaml"
    bad.write_text("category: x\nentries:\n- text: 好\n  tags: {period: Q9}\n", encoding="utf-8")
    failed = runner.invoke(main, ["render", SAMPLE, "--phrases", str(bad)])
    assert failed.exit_code == 2 and "bad.yaml" in failed.output and "Q9" in failed.output
