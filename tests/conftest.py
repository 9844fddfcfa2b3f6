"""Shared fixtures: a spec factory, a CLI runner, golden-file comparison.

Run ``pytest --update-golden`` to rewrite golden files after a reviewed change.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

BASE_SPEC: dict[str, Any] = {
    "meeting": {
        "type": "quarterly_analysis",
        "title": "全市一季度经济运行分析会",
        "period": "Q1",
        "year": 2025,
        "date": "2025-04-18",
        "region": "全市",
        "superior": "全省",
        "speaker": {"name": "李华", "post": "市长"},
        "preceding": ["市统计局通报了一季度经济运行情况"],
    },
    "indicators": [
        {"name": "地区生产总值", "value": "320.5", "unit": "亿元", "growth": "5.6",
         "superior_growth": "5.2", "rank": 3, "rank_total": 10},
        {"name": "规上工业增加值", "growth": "3.1", "superior_growth": "5.0", "rank": 9, "rank_total": 10},
    ],
    "achievements": [{"title": "项目建设加快推进", "items": ["新开工项目20个"]}],
    "problems": [{"title": "工业增长乏力", "detail": "重点企业订单不足"}],
    "tasks": [{"title": "抓项目扩投资", "items": ["推行项目周调度"], "lead": "市发改委", "deadline": "6月底前"}],
    "requirements": ["压实责任。各牵头部门要亲自抓"],
}


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An .xlsx file with one sheet per entry of *sheets* (title → rows), written with openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, val in over.items():
        if isinstance(val, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], val)
        else:
            out[key] = copy.deepcopy(val)
    return out


@pytest.fixture
def make_spec():
    """make_spec(meeting={"period": "H1"}, indicators=[...]) → a Spec (dicts merge, lists replace)."""
    from speechgen.spec.loader import load_spec

    def factory(**overrides: Any):
        return load_spec(_merge(BASE_SPEC, overrides))

    return factory


@pytest.fixture
def spec_dict():
    return copy.deepcopy(BASE_SPEC)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


_SENTENCE_END = re.compile(r"([。！？；](?:[”’」）)]+)?)(?=[^\n])")


def one_sentence_per_line(text: str) -> str:
    """Golden files hold one sentence per line (paragraphs stay separated by blank lines), so a
    reviewer reads a golden diff sentence by sentence."""
    return _SENTENCE_END.sub("\\1\n", text)


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """golden(actual_text, "case/name.md"): compare with tests/golden/…, or rewrite with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(actual: str, relpath: str) -> None:
        actual = one_sentence_per_line(actual)
        path = GOLDEN / relpath
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {relpath} missing; run pytest --update-golden and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"rendered text differs from golden {relpath} (pytest --update-golden to accept)"

    return check
