"""The trust bugs a new user hit: placeholders rendered as if final, Markdown bytes in a .pdf."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from speechgen.cli import main
from speechgen.errors import ExportError, PlaceholderError

SPEC = """meeting: {type: quarterly_analysis, title: 全市一季度经济运行分析会, period: Q1, year: 2025,
          speaker: {name: 周明, post: 市长}}
indicators:
  - {name: 地区生产总值, value: %s, unit: 亿元, growth: 5.8}
tasks:
  - title: %s
    lead: %s
"""


def _spec(tmp_path: Path, value: str = "512.3", title: str = "抓项目扩投资", lead: str = "市发改委") -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(SPEC % (value, title, lead), encoding="utf-8")
    return path


@pytest.mark.parametrize("value, title, lead, fields", [
    ("512.3", "【待填】", "市发改委", ["tasks[0].title"]),
    ("【待填】", "抓项目扩投资", "市发改委", ["indicators[0].value"]),
    ("512.3", "抓项目扩投资", "XX局", ["tasks[0].lead"]),
    ("【待核】", "【待填】", "××局", ["indicators[0].value", "tasks[0].title", "tasks[0].lead"]),
    ("512.3", "（此处填写任务）", "某某局", ["tasks[0].title", "tasks[0].lead"]),
])
def test_render_refuses_placeholders_and_lists_the_fields(tmp_path: Path, value, title, lead, fields) -> None:
    out = tmp_path / "d.docx"
    result = CliRunner().invoke(main, ["render", str(_spec(tmp_path, value, title, lead)), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "没有填写" in result.output and "Traceback" not in result.output
    for field in fields:
        assert field in result.output
    assert "第" in result.output  # located by line


def test_api_refuses_placeholders(tmp_path: Path) -> None:
    import speechgen

    with pytest.raises(PlaceholderError, match="tasks\\[0\\].title"):
        speechgen.render(_spec(tmp_path, title="【待填】"))
    spec = speechgen.load(_spec(tmp_path, title="【待填】"))  # loading (for editing, checking) still works
    assert spec.tasks[0].title == "【待填】"


def test_check_reports_spec_placeholders(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("# 在全市一季度经济运行分析会上的讲话\n\n同志们：\n\n地区生产总值增长5.8%。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft), "--spec", str(_spec(tmp_path, title="【待填】"))])
    assert "tasks[0].title" in result.output and result.exit_code != 0


# .pdf is a real output now (LibreOffice converts the .docx; see tests/word): never Markdown bytes in it
@pytest.mark.parametrize("name", ["x.doc", "x.wps", "x.rtf", "x.html"])
def test_unknown_output_suffix_is_a_clear_error(tmp_path: Path, name: str) -> None:
    spec = _spec(tmp_path)
    for extra in ([], ["--format", "md"]):
        result = CliRunner().invoke(main, ["render", str(spec), "-o", str(tmp_path / name), *extra])
        assert result.exit_code == 2 and "不支持输出" in result.output, result.output
        assert not (tmp_path / name).exists()


def test_format_for_path_is_the_one_suffix_check() -> None:
    from speechgen.exporters import format_for_path

    assert format_for_path("a/b.c/draft") == "md" and format_for_path("x.DOCX") == "docx"
    assert format_for_path("x.markdown") == "md" and format_for_path("x.text") == "txt"
    with pytest.raises(ExportError, match="docx"):
        format_for_path("讲话.doc")
