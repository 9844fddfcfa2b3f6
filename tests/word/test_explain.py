"""`render --explain`: every computed figure carries a comment whose arithmetic recomputes."""
from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import speechgen
from speechgen.cli import main

from word_helpers import anchored, comments

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ["city_q1", "county_h1", "city_q3", "city_year_end", "county_dispatch", "city_annual",
           "county_work_report", "district_m1_5", "county_statement"]
# figures stand alone between spaces ("增速 5.8"); digits inside labels ("1—9月增速") are not operands
_TOKEN = re.compile(r"(?:(?<=\s)|^)-?\d+(?:\.\d+)?(?=\s|$|%)|[−+×÷/]")


def evaluate(expr: str) -> Decimal:
    """Numbers and − + × ÷ / in *expr* (labels between them ignored), × ÷ / before + −."""
    tokens = _TOKEN.findall(expr)
    terms: list[Decimal] = []
    signs: list[int] = []
    sign, value, op = 1, None, None
    for tok in tokens:
        if tok in "−+":
            terms.append(value)  # type: ignore[arg-type]
            signs.append(sign)
            sign, value, op = (1 if tok == "+" else -1), None, None
        elif tok in "×÷/":
            op = tok
        else:
            number = Decimal(tok)
            if value is None:
                value = number
            elif op == "×":
                value *= number
            else:
                value /= number
    terms.append(value)  # type: ignore[arg-type]
    signs.append(sign)
    return sum((s * t for s, t in zip(signs, terms)), Decimal(0))


def _recomputes(note: str, shown: str) -> bool:
    head = note.split("\n", 1)[0]
    if " = " in head and re.search(r"[−+×÷/]", head):
        parts = head.split(" = ")
        expr, result = parts[-2], parts[-1].rstrip("%")
        assert result == shown
        exact = evaluate(expr)
        places = len(result.split(".", 1)[1]) if "." in result else 0
        return abs(exact - Decimal(result)) <= Decimal(1).scaleb(-places)  # rounding to the shown places
    number, _, why = head.partition("：")
    assert number == shown
    if "绝对值" in why:
        return abs(Decimal(_TOKEN.findall(why)[0])) == Decimal(number)
    return bool(why)  # a count: says what was counted


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_computed_figure_has_a_recomputing_comment(runner, sample: str, tmp_path: Path) -> None:
    out = tmp_path / "讲话.docx"
    path = ROOT / "samples" / f"{sample}.yaml"
    result = runner.invoke(main, ["render", str(path), "-o", str(out), "--explain"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    draft = speechgen.render(path)
    printed = draft.text
    # the computed numbers of sentences the template printed (a statement may leave some out)
    figures = [p for p in draft.provenance if p.context and p.context[:12] in printed]
    notes, spans = comments(data), anchored(data)
    assert len(notes) == len(figures) > 0
    for cid, note in notes.items():
        _, shown = spans[cid]
        assert _recomputes(note, shown), note
    assert {f.text for f in figures} == {shown for _, shown in spans.values()}


def test_explain_is_off_by_default_and_deterministic(runner, tmp_path: Path) -> None:
    sample = str(ROOT / "samples" / "city_q1.yaml")
    plain, a, b = tmp_path / "p.docx", tmp_path / "a.docx", tmp_path / "b.docx"
    assert runner.invoke(main, ["render", sample, "-o", str(plain)]).exit_code == 0
    with zipfile.ZipFile(io.BytesIO(plain.read_bytes())) as zf:
        assert "word/comments.xml" not in zf.namelist()
    for out in (a, b):
        assert runner.invoke(main, ["render", sample, "-o", str(out), "--explain"]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_evaluate() -> None:
    assert evaluate("地区生产总值增速 5.8 − 全省增速 5.3") == Decimal("0.5")
    assert evaluate("倒数位次 参与排位数 11 − 排位 9 + 1") == 3
    assert round(evaluate("地区生产总值 512.3 ÷ 年度目标 2100 × 100%"), 1) == Decimal("24.4")
    assert evaluate("收入增速 -2.3 − 全省增速 1.5") == Decimal("-3.8")
