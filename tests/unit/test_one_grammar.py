"""``check`` and ``outline`` read a file through one reader and one numbering grammar."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from speechgen.cli import main
from speechgen.core.numbers import cn_int, cn_to_int
from speechgen.outline.read import read_lines
from speechgen.proof.checker import _file_doc, check_file

PARTS_SPEECH = """在全县上半年经济运行分析会上的讲话
同志们：
今天召开这次会议，主要是分析形势、部署工作。下面，我讲三点意见。
第一部分 上半年经济运行情况
上半年，全县经济运行总体平稳，主要指标稳中有进。
第二部分 下半年重点工作
一是抓项目。要加快重点项目建设进度。二是稳工业。要帮助企业稳订单、保生产。
同志们，让我们只争朝夕，确保完成全年目标任务。
"""


@pytest.fixture()
def speech(tmp_path: Path) -> Path:
    path = tmp_path / "讲话.txt"
    path.write_text(PARTS_SPEECH, encoding="utf-8")
    return path


def test_check_and_outline_see_the_same_parts(speech: Path) -> None:
    out = CliRunner().invoke(main, ["outline", str(speech), "--json"])
    assert out.exit_code == 0, out.output
    parts = [h["text"] for h in json.loads(out.output)["headings"] if h["level"] == 1]
    doc = _file_doc(read_lines(speech), markdown=False, source=str(speech))
    seen = [ln.heading.title.rstrip("。") for ln in doc.headings() if ln.heading and ln.heading.level == 1]
    assert parts == seen == ["上半年经济运行情况", "下半年重点工作"]


def test_check_flags_a_wrong_number_of_points_under_part_headings(speech: Path) -> None:
    findings = [f for f in check_file(speech) if f.rule == "points"]
    assert len(findings) == 1 and "正文有两个一级标题" in findings[0].message


def test_a_right_number_of_points_is_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "讲话.txt"
    path.write_text(PARTS_SPEECH.replace("我讲三点意见", "我讲两点意见"), encoding="utf-8")
    assert [f for f in check_file(path) if f.rule == "points"] == []


@pytest.mark.parametrize("n", [0, 1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 999, 1000, 1001, 1010, 9999])
def test_one_numeral_codec_both_ways(n: int) -> None:
    assert cn_to_int(cn_int(n)) == n


@pytest.mark.parametrize("bad", ["", "十十", "一一", "三三", "百", "abc", "十二三"])
def test_malformed_numerals_are_refused(bad: str) -> None:
    assert cn_to_int(bad) is None
