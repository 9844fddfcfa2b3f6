"""`speechgen batch`: many specs in parallel, per-region drafts from one table, failure isolation."""
from __future__ import annotations

import csv
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest

from speechgen.cli import main

from conftest import SAMPLES

REGIONS = [f"{n}县" for n in "青山 白水 东林 西河 南岗 北川 清源 石门 长乐 安平 永宁 德兴 富民 平湖 太和 "
           "新安 兴隆 宝丰 金川 云溪 龙泉 凤台 桃江 柳城 梅岭 松阳 竹山 兰溪 荷塘 杏花".split()]
COUNTY_SPEC = """\
meeting:
  type: quarterly_analysis
  title: "{地区}一季度经济运行分析会"
  period: Q1
  year: 2025
  region: 全县
  superior: 全市
  speaker: {name: 王强, post: 县长}
tasks:
  - {title: 抓项目扩投资, items: [推行项目周调度], lead: 县发改局}
"""


def _table(path: Path) -> dict[str, Decimal]:
    rng = random.Random(11)
    growth = {}
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["地区", "指标名称", "单位", "本期值", "同比增长(%)"])
        for region in REGIONS:
            g = Decimal(f"{rng.uniform(-4, 9):.1f}")
            growth[region] = g
            w.writerow([region, "地区生产总值", "亿元", f"{rng.uniform(80, 400):.1f}", str(g)])
            w.writerow([region, "固定资产投资", "亿元", f"{rng.uniform(20, 90):.1f}", f"{rng.uniform(-8, 15):.1f}"])
    return growth


def _rank_in_text(text: str, total: int) -> int:
    for sentence in re.findall(r"地区生产总值[^；。]*", text):  # the first clause that states its rank
        if m := re.search(r"倒数第(\d+)位", sentence):
            return total - int(m.group(1)) + 1
        if "末位" in sentence:
            return total
        if re.search(r"首位|第一位", sentence):
            return 1
        if m := re.search(r"第(\d+)位", sentence):
            return int(m.group(1))
    raise AssertionError("no rank stated for 地区生产总值")


def test_thirty_regions_thirty_drafts_with_their_own_ranks(runner, tmp_path: Path) -> None:
    growth = _table(tmp_path / "县区.csv")
    spec = tmp_path / "county.yaml"
    spec.write_text(COUNTY_SPEC, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(spec), "--regions", str(tmp_path / "县区.csv"), "-o", str(out),
                                  "--format", "md", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "共 30 篇：成功 30 篇，失败 0 篇" in result.output
    drafts = sorted(out.glob("*.md"))
    assert len(drafts) == 30
    for region in REGIONS:
        text = (out / f"{region}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# 在{region}一季度经济运行分析会上的讲话")
        expected = 1 + sum(g > growth[region] for g in growth.values())  # ties share a rank
        assert _rank_in_text(text, 30) == expected, region
        assert f"增长{growth[region]}%" in text or f"下降{abs(growth[region])}%" in text or "持平" in text
        assert "平均水平" in text  # compared with the table's own average


def test_batch_isolates_failures(runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("meeting: {type: quarterly_analysis}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(SAMPLES / "city_q1.yaml"), str(bad), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1
    assert "成功 1 篇，失败 1 篇" in result.output
    assert "bad.yaml 第1行 meeting.title：缺少必填字段" in result.output
    assert (out / "city_q1.docx").stat().st_size > 5000
    assert not (out / "bad.docx").exists()


def test_batch_refuses_to_overwrite_without_force(runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "city_q1.md").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(SAMPLES / "city_q1.yaml"), "-o", str(out), "--format", "md"])
    assert result.exit_code == 1 and (out / "city_q1.md").read_text(encoding="utf-8") == "mine"
    assert "--force" in result.output


@pytest.mark.parametrize("args", [["--regions", "missing.csv"]])
def test_regions_table_errors_are_clean(runner, tmp_path: Path, args: list[str]) -> None:
    spec = tmp_path / "county.yaml"
    spec.write_text(COUNTY_SPEC, encoding="utf-8")
    result = runner.invoke(main, ["batch", str(spec), *[str(tmp_path / a) if a.endswith(".csv") else a for a in args],
                                  "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_batch_checks_every_draft_like_render(runner, tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "quarterly_analysis.j2").write_text("::title 标题\n\n全市经济增长XX%，形势良好。\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(SAMPLES / "city_q1.yaml"), "-o", str(out), "--format", "md", "--templates", str(tpl)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "placeholder" in result.output
    assert not (out / "city_q1.md").exists()
    assert runner.invoke(main, [*args, "--no-check"]).exit_code == 0
    assert (out / "city_q1.md").exists()


def test_batch_takes_every_render_option_and_matches_render_byte_for_byte(tmp_path: Path) -> None:
    from click.testing import CliRunner

    sample = SAMPLES / "county_h1.yaml"
    shared = ["--profile", "podium", "--table", "--seed", "3", "--variety", "high"]
    runner = CliRunner()
    single = tmp_path / "single.docx"
    assert runner.invoke(main, ["render", str(sample), "-o", str(single), *shared]).exit_code == 0
    out = tmp_path / "out"
    res = runner.invoke(main, ["batch", str(sample), "-o", str(out), "-j", "1", *shared])
    assert res.exit_code == 0, res.output
    assert (out / "county_h1.docx").read_bytes() == single.read_bytes()
