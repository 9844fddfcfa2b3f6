"""`speechgen render`, `init`, `schema`, `templates`: success paths and every bad-input case
(Chinese message naming file/line/field, exit code 2, no output created or overwritten)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from speechgen.cli import main

from conftest import SAMPLES

SAMPLE = SAMPLES / "city_q1.yaml"


def _write_spec(tmp_path: Path, spec_dict: dict, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec_dict, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "txt", "docx", "json"])
def test_render_each_format(runner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"draft.{fmt}"
    result = runner.invoke(main, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert len(data) > 1000
    if fmt != "docx":
        text = data.decode("utf-8")
        if fmt == "json":  # the leak check is about values, not keys such as "provenance"
            text = "\n".join(_values(json.loads(text)))
        for leak in ("None", "nan", "{{", "}}", "{%"):
            assert leak not in text
    if fmt == "json":
        assert json.loads(data)["title"].startswith("在")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def _values(data: object) -> list[str]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in _values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _values(value)]
    return [str(data)] if data is not None else []


def test_render_is_deterministic_and_seed_matters(runner, tmp_path: Path) -> None:
    outs = []
    for i, seed in enumerate([3, 3, 4]):
        out = tmp_path / f"d{i}.md"
        assert runner.invoke(main, ["render", str(SAMPLE), "-o", str(out), "--seed", str(seed)]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] != outs[2]


def test_render_to_stdout(runner) -> None:
    result = runner.invoke(main, ["render", str(SAMPLE)])
    assert result.exit_code == 0
    assert result.stdout.startswith("# 在全市一季度经济运行分析会上的讲话")


def _bad(runner, tmp_path: Path, args: list[str], *fragments: str, out: Path | None = None) -> None:
    out = out or tmp_path / "out.md"
    before = out.read_bytes() if out.exists() else None
    result = runner.invoke(main, ["render", *args, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output
    assert (out.read_bytes() if out.exists() else None) == before


def test_malformed_yaml(runner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("meeting:\n  type: [quarterly\n  title: x\n", encoding="utf-8")
    _bad(runner, tmp_path, [str(path)], "bad.yaml 第", "YAML 格式错误")


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [
        (lambda d: d["indicators"][0].update(growth="5.6%"), ["indicators[0].growth：应为数字", '"5.6%"']),
        (lambda d: d["indicators"][0].update(rank="第四"), ["indicators[0].rank：应为整数", "第四"]),
        (lambda d: d["meeting"].pop("title"), ["meeting.title：缺少必填字段"]),
        (lambda d: d.update(indicatiors=[]), ["indicatiors：未知字段", "indicators"]),
        (lambda d: d["indicators"][0].update(rank=12), ["indicators[0]：rank=12 大于参与排位总数 rank_total=10"]),
        (lambda d: d["meeting"].update(type="banquet"), ["meeting.type：无法识别", "banquet"]),
    ],
)
def test_schema_errors(runner, tmp_path: Path, spec_dict: dict, mutate, fragments: list[str]) -> None:
    mutate(spec_dict)
    path = _write_spec(tmp_path, spec_dict)
    _bad(runner, tmp_path, [str(path)], "spec.yaml 第", *fragments)


def test_empty_and_non_utf8_files(runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    _bad(runner, tmp_path, [str(empty)], "empty.yaml：文件为空")
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    _bad(runner, tmp_path, [str(gbk)], "gbk.yaml", "不是 UTF-8 编码")


def test_missing_spec_file(runner, tmp_path: Path) -> None:
    _bad(runner, tmp_path, [str(tmp_path / "nope.yaml")], "nope.yaml：文件不存在")


def test_template_syntax_error_names_template_and_line(runner, tmp_path: Path) -> None:
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "quarterly_analysis.j2").write_text("::title 标题\n\n正文\n{% if %}\n", encoding="utf-8")
    _bad(runner, tmp_path, [str(SAMPLE), "--templates", str(tdir)], "quarterly_analysis.j2 第4行", "语法错误")


def test_output_in_missing_directory(runner, tmp_path: Path) -> None:
    _bad(runner, tmp_path, [str(SAMPLE)], "输出目录", "不存在", out=tmp_path / "no" / "such" / "x.md")


def test_existing_output_needs_force(runner, tmp_path: Path) -> None:
    out = tmp_path / "keep.md"
    out.write_text("writer's own edits", encoding="utf-8")
    _bad(runner, tmp_path, [str(SAMPLE)], "文件已存在", "--force", out=out)
    assert runner.invoke(main, ["render", str(SAMPLE), "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# 在")


def test_failed_render_does_not_clobber_with_force(runner, tmp_path: Path, spec_dict: dict) -> None:
    spec_dict["indicators"][0]["growth"] = "快"
    out = tmp_path / "keep.md"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(main, ["render", str(_write_spec(tmp_path, spec_dict)), "-o", str(out), "--force"])
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize("mtype", ["quarterly_analysis", "annual_conference", "dispatch", "department",
                                   "work_report", "statement"])
def test_init_prints_a_valid_starter(runner, tmp_path: Path, mtype: str) -> None:
    result = runner.invoke(main, ["init", "--type", mtype])
    assert result.exit_code == 0
    assert "#" in result.output  # commented
    path = tmp_path / "starter.yaml"
    path.write_text(result.output, encoding="utf-8")
    from speechgen.spec.loader import load_spec

    assert load_spec(path).meeting.type.value == mtype
    # a starter is all 【待填】: render refuses (exit 2), lists the fields, writes nothing
    result = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "s.md")])
    assert result.exit_code == 2 and "meeting.title" in result.output and "tasks[0].title" in result.output
    assert not (tmp_path / "s.md").exists()
    # no realistic invented names or figures outside comments
    body = "\n".join(line.split("#")[0] for line in result_text(runner, mtype).splitlines())
    assert not re.search(r"\d+\.\d|[张王李]明|亿元", body)


def result_text(runner, mtype: str) -> str:
    return runner.invoke(main, ["init", "--type", mtype]).output


def test_schema_is_json_schema(runner) -> None:
    result = runner.invoke(main, ["schema"])
    schema = json.loads(result.output)
    assert "meeting" in schema["properties"] and "Indicator" in schema["$defs"]


def test_templates_lists_every_type(runner) -> None:
    result = runner.invoke(main, ["templates"])
    assert result.exit_code == 0
    for mtype in ("quarterly_analysis", "dispatch", "statement"):
        assert mtype in result.output
    assert "（未找到）" not in result.output


def test_init_from_last_quarter(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init", "--from", str(SAMPLE), "--period", "H1"])
    assert result.exit_code == 0, result.output
    assert "【待填】" in result.output
    path = tmp_path / "h1.yaml"
    path.write_text(result.output, encoding="utf-8")
    from speechgen.spec.loader import load_spec

    spec = load_spec(path)
    assert spec.meeting.period_info.label == "上半年" and "上半年" in spec.meeting.title
    assert spec.indicator_rows[0].growth is None and spec.indicator_rows[0].prev_growth is not None


@pytest.mark.parametrize(
    ("args", "fragment", "code"),
    [(["--period", "H1"], "--from", 2), (["--from", "SAMPLE"], "--period", 2),
     (["--from", "SAMPLE", "--period", "Q9"], "无法识别的时期", 2),
     (["--from", "missing.yaml", "--period", "H1"], "不存在", 2)],
)
def test_init_from_errors(runner, args: list[str], fragment: str, code: int) -> None:
    args = [str(SAMPLE) if a == "SAMPLE" else a for a in args]
    result = runner.invoke(main, ["init", *args])
    assert result.exit_code == code and fragment in result.output and "Traceback" not in result.output
