"""The command line speaks Chinese: every help page, click's own usage errors, meeting types in Chinese."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from speechgen.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "city_q1.yaml"
#: click's English that must never show (headings, help of --help/--version, metavars, defaults)
CLICK_ENGLISH = re.compile(r"Usage|Options|Commands|Arguments|Show this|Show the|default:|required|"
                           r"\b(?:TEXT|INTEGER|FLOAT|PATH|DIRECTORY|BOOLEAN)\b|Error|Missing|Invalid|No such|"
                           r"Try '|is not|does not|Did you mean|Got unexpected|requires an")
#: identifiers that may stay in Latin letters: option names, choices, argument names, file names
IDENTIFIERS = re.compile(r"--?[\w-]+|\[[^\]]*\]|\b[A-Z][A-Z_]*(?:\.[a-z]+)?\b|[\w./{}-]*\.(?:yaml|docx|xlsx|xls|"
                         r"md|txt|json|csv|j2|pdf|ods|et)\b|https?://\S+")


def _commands(cmd: click.Command, path: list[str]):
    yield path
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            yield from _commands(sub, [*path, name])


PATHS = list(_commands(main, []))


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "speechgen" for p in PATHS])
def test_every_help_page_is_chinese(runner, path: list[str]) -> None:
    result = runner.invoke(main, [*path, "--help"], prog_name="speechgen")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("用法：speechgen")
    assert not CLICK_ENGLISH.search(text), CLICK_ENGLISH.search(text)
    prose = IDENTIFIERS.sub(" ", text.split("\n", 1)[1])  # the usage line names the command
    # no English prose: never three Latin words in a row once identifiers are set aside
    assert not re.search(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}", prose), prose
    assert re.search(r"[\u4e00-\u9fff]", text)


USAGE_ERRORS = [
    (["render"], "缺少参数"),
    (["render", str(SAMPLE), "--bogus"], "没有选项"),
    (["render", str(SAMPLE), "--seed", "abc"], "不是有效的数字"),
    (["render", str(SAMPLE), "--variety", "wild"], "不在可选值"),
    (["render", str(SAMPLE), "--type", "座谈会"], "未知的会议类型"),
    (["rendr"], "没有命令"),
    (["render", str(SAMPLE), "-o"], "需要一个值"),
    (["check"], "缺少参数"),
]


@pytest.mark.parametrize("args,expected", USAGE_ERRORS, ids=[" ".join(a[:1] + a[2:]) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_chinese(runner, args: list[str], expected: str) -> None:
    result = runner.invoke(main, args, prog_name="speechgen")
    assert result.exit_code == 2
    assert expected in result.output and "错误：" in result.output
    assert not CLICK_ENGLISH.search(result.output), result.output


@pytest.mark.parametrize("name,english", [("调度会", "dispatch"), ("工作报告", "work_report"),
                                          ("经济工作会议", "annual_conference"), ("表态发言", "statement"),
                                          ("dispatch", "dispatch")])
def test_meeting_types_in_chinese(runner, name: str, english: str) -> None:
    chinese = runner.invoke(main, ["init", "--type", name])
    assert chinese.exit_code == 0, chinese.output
    assert chinese.output == runner.invoke(main, ["init", "--type", english]).output
    rendered = runner.invoke(main, ["render", str(SAMPLE), "--type", name, "--no-check"])
    assert rendered.exit_code == 0, rendered.output
    assert rendered.output == runner.invoke(main, ["render", str(SAMPLE), "--type", english, "--no-check"]).output
