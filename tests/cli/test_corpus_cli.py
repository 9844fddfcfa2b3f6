"""`speechgen outline` and `speechgen phrases mine`: success paths, the --spec round trip,
and Chinese messages with exit code 2 for bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from speech_samples import ANNUAL, DISPATCH_WEB, QUARTERLY, pdf_text
from speechgen.cli import main


@pytest.fixture
def speech(tmp_path: Path) -> Path:
    path = tmp_path / "讲话.txt"
    path.write_text(pdf_text(QUARTERLY, head=4).text, encoding="utf-8")
    return path


def test_outline_tree(runner, speech: Path) -> None:
    result = runner.invoke(main, ["outline", str(speech)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("标题：在全市2025年一季度经济运行分析会上的讲话")
    assert "一、客观看待一季度经济运行" in out and "〔成绩·第1级" in out
    assert "    一是工业增长后劲不足  〔问题·第3级" in out
    assert out.rstrip().endswith("结尾：有")


def test_outline_json_contract(runner, speech: Path) -> None:
    result = runner.invoke(main, ["outline", str(speech), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"title", "opening", "closing", "headings"} <= set(data)
    assert data["opening"] is True and data["closing"] is True
    first = data["headings"][0]
    assert {"level", "marker", "text", "role", "line"} <= set(first)
    assert (first["level"], first["marker"], first["role"]) == (1, "一、", "achievements")
    assert isinstance(first["line"], int) and first["line"] > 4
    assert [h["level"] for h in data["headings"]].count(1) == 3


@pytest.mark.parametrize("paragraphs", [QUARTERLY, DISPATCH_WEB, ANNUAL], ids=["quarterly", "dispatch", "annual"])
def test_spec_round_trip_renders(runner, tmp_path: Path, paragraphs: list[str]) -> None:
    src = tmp_path / "old.txt"
    src.write_text("\n".join(paragraphs), encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    result = runner.invoke(main, ["outline", str(src), "--spec", "-o", str(spec)])
    assert result.exit_code == 0, result.output
    from speechgen.spec.loader import load_spec

    text = spec.read_text(encoding="utf-8")
    if "【待核】" in text or "【待填】" in text:  # a person confirms the marked values
        confirmed = [l.replace("【待核】", "") for l in text.splitlines() if "【待填】" not in l.split("#")[0]]
        spec.write_text("\n".join(confirmed) + "\n", encoding="utf-8")
    loaded = load_spec(spec)
    assert loaded.tasks, "tasks come from the speech's task headings"
    rendered = runner.invoke(main, ["render", str(spec)])
    assert rendered.exit_code == 0, rendered.output
    assert loaded.tasks[0].title in rendered.stdout


def test_spec_guesses_meeting_facts(tmp_path: Path) -> None:
    from speechgen.spec.loader import load_spec
    from speechgen.outline.parse import outline_text
    from speechgen.outline.to_spec import spec_yaml

    annual = load_spec(spec_yaml(outline_text("\n".join(ANNUAL))))
    m = annual.meeting
    assert (m.type.value, m.title, m.period, m.year, m.region, m.superior) == (
        "annual_conference", "全县2024年经济工作会议", "year", 2024, "全县", "全市")
    assert (m.speaker.post, m.speaker.name, str(m.date)) == ("县长", "王建华", "2024-01-12")
    assert [a.title for a in annual.achievements] == ["产业发展提质增效", "城乡面貌持续改善", "民生保障更加有力"]
    assert [p.split("。")[0] for p in annual.tasks[0].points] == ["强化项目谋划", "加快项目建设", "强化要素保障和服务"]
    assert annual.tasks[0].group and annual.tasks[0].verbatim
    assert annual.requirements and annual.requirements[0].startswith("加强组织领导，确保各项任务落到实处。")
    quarterly = load_spec(spec_yaml(outline_text("\n".join(QUARTERLY))))
    assert (quarterly.meeting.type.value, quarterly.meeting.period, quarterly.meeting.year) == (
        "quarterly_analysis", "Q1", 2025)
    assert [p.title for p in quarterly.problems] == ["工业增长后劲不足", "财政收支矛盾突出", "项目储备质量不高"]
    assert quarterly.problems[0].detail.startswith("新增产能项目少")
    assert [i.name for i in quarterly.indicator_rows][:2] == ["地区生产总值", "规上工业增加值"]
    gdp = quarterly.indicator_rows[0]
    assert (str(gdp.value), gdp.unit, str(gdp.growth)) == ("386.2", "亿元", "5.9")
    dispatch = yaml.safe_load(spec_yaml(outline_text("\n".join(DISPATCH_WEB))))["meeting"]
    assert (dispatch["type"], dispatch["title"]) == ("dispatch", "全市稳增长攻坚调度会")
    assert str(dispatch["year"]).startswith("【待核】"), "a year the speech does not state is a guess to confirm"


@pytest.mark.parametrize("args, message", [
    (["outline", "不存在.txt"], "文件不存在"),
    (["outline", "{tmp}/旧稿.pdf"], "无法读取 PDF"),
    (["outline", "{tmp}/坏.docx"], "不是有效的 .docx"),
    (["outline", "{tmp}/gbk.txt"], "不是 UTF-8"),
    (["outline", "{tmp}/空.txt"], "没有可分析的文字"),
    (["outline", "{tmp}/ok.txt", "--json", "--spec"], "只能选一个"),
    (["outline", "{tmp}/ok.txt", "-o", "{tmp}/ok.txt"], "已存在"),
    (["phrases", "mine"], "请给出讲话稿文件或目录"),
    (["phrases", "mine", "{tmp}/没有这个目录"], "不存在"),
    (["phrases", "mine", "{tmp}/空目录"], "没有找到可分析的讲话稿"),
])
def test_bad_input_is_a_chinese_message_and_exit_2(runner, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "旧稿.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "坏.docx").write_bytes(b"PK not really")
    (tmp_path / "gbk.txt").write_bytes("同志们：一、加强领导".encode("gb18030"))
    (tmp_path / "空.txt").write_text("— 1 —\n\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("\n".join(QUARTERLY), encoding="utf-8")
    (tmp_path / "空目录").mkdir()
    result = runner.invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "ok.txt").read_text(encoding="utf-8").startswith("在全市")  # never overwritten


def test_phrases_mine_writes_a_bank_render_accepts(runner, tmp_path: Path) -> None:
    archive = tmp_path / "历年讲话"
    archive.mkdir()
    for i, paragraphs in enumerate((QUARTERLY, DISPATCH_WEB, ANNUAL)):
        (archive / f"{i}.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    bank = tmp_path / "本单位短语.yaml"
    result = runner.invoke(main, ["phrases", "mine", str(archive), "-o", str(bank), "--min-docs", "2"])
    assert result.exit_code == 0, result.output
    assert "从 3 篇讲话稿中挖掘出" in result.stderr
    text = bank.read_text(encoding="utf-8")
    assert "categories:" in text and "freq:" in text and "docs:" in text
    rendered = runner.invoke(main, ["render", str(Path(__file__).resolve().parents[2] / "samples" / "city_q1.yaml"),
                                    "--phrases", str(bank)])
    assert rendered.exit_code == 0, rendered.output
    again = runner.invoke(main, ["phrases", "mine", str(archive), "-o", str(bank)])
    assert again.exit_code == 2 and "已存在" in again.stderr


def test_phrases_mine_draws_a_progress_bar_on_long_runs(runner, tmp_path: Path, monkeypatch) -> None:
    from speechgen.cli import corpus

    monkeypatch.setattr(corpus, "PROGRESS_BYTES", 0)
    (tmp_path / "a.txt").write_text("\n".join(QUARTERLY), encoding="utf-8")
    result = runner.invoke(main, ["phrases", "mine", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    assert "正在分析讲话稿" in result.stderr
    assert result.stdout.startswith("# speechgen phrases mine")
    assert "--min-docs 按 1 计" in result.stderr
