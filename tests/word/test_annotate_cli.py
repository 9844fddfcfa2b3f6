"""`speechgen check 稿件.docx --annotate 批注稿.docx`: one comment per finding on the right characters."""
from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document

from speechgen.cli import main
from speechgen.exporters.docx.comments import paragraph_texts

from word_helpers import anchored, body, comments, q, references

DATA = Path(__file__).resolve().parents[1] / "data" / "word"
LO_FILE = DATA / "lo_tracked.docx"


def _findings(runner, path: Path) -> list[dict]:
    result = runner.invoke(main, ["check", str(path), "--json"])
    return json.loads(result.output)


def _assert_one_comment_per_finding(findings: list[dict], out: bytes) -> None:
    spans, notes = anchored(out), comments(out)
    assert len(notes) == len(findings) == len(spans) == len(references(out))
    expected = sorted((f["line"], f["text"]) for f in findings)
    # every finding here quotes exactly the characters it concerns, so the anchor is that text
    assert sorted(spans.values()) == expected
    for f in findings:
        assert any(f["message"] in text and f["rule"] in text for text in notes.values())
    assert all(text.startswith(("[错误]", "[提醒]")) for text in notes.values())


def test_libreoffice_file_with_tracked_changes(runner, tmp_path: Path) -> None:
    out = tmp_path / "批注.docx"
    findings = _findings(runner, LO_FILE)
    assert {f["rule"] for f in findings} >= {"placeholder", "percent-point", "date"}
    result = runner.invoke(main, ["check", str(LO_FILE), "--annotate", str(out)])
    assert result.exit_code == 1  # findings still fail the check
    assert "已写出批注稿" in result.output
    data = out.read_bytes()
    _assert_one_comment_per_finding(findings, data)
    assert paragraph_texts(data) == paragraph_texts(LO_FILE.read_bytes())
    authors = {e.get(q("author")) for e in body(data).iter(q("ins"), q("del"))}
    assert authors == {"张科员"}  # the tracked changes already there are kept


def test_indented_paragraphs_and_runs(runner, tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("春季工作会议讲话")
    p = doc.add_paragraph("\u3000\u3000全县工业增加值同比")
    p.add_run("增长-2").bold = True
    p.add_run("%，高于全省1.5%。")
    doc.add_paragraph("  二要抓好项目建设，投资完成XX亿元。")
    src = tmp_path / "稿件.docx"
    doc.save(src)
    findings = _findings(runner, src)
    assert {f["rule"] for f in findings} >= {"sign-verb", "percent-point", "placeholder"}
    out = tmp_path / "稿件-批注.docx"
    assert runner.invoke(main, ["check", str(src), "--annotate", str(out)]).exit_code == 1
    _assert_one_comment_per_finding(findings, out.read_bytes())
    reopened = Document(io.BytesIO(out.read_bytes()))
    assert any(r.bold and r.text for r in reopened.paragraphs[1].runs)  # the bold run is still bold


def test_speechgen_draft_without_findings_gets_no_comments(runner, tmp_path: Path) -> None:
    draft = tmp_path / "讲话.docx"
    root = Path(__file__).resolve().parents[2]
    assert runner.invoke(main, ["render", str(root / "samples" / "city_q1.yaml"), "-o", str(draft)]).exit_code == 0
    out = tmp_path / "批注.docx"
    result = runner.invoke(main, ["check", str(draft), "--annotate", str(out)])
    findings = _findings(runner, draft)
    assert result.exit_code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    assert out.read_bytes() == draft.read_bytes() if not findings else len(comments(out.read_bytes())) == len(findings)


def test_refusals_leave_no_file(runner, tmp_path: Path) -> None:
    txt = tmp_path / "稿件.txt"
    txt.write_text("全县增长XX%。\n", encoding="utf-8")
    out = tmp_path / "批注.docx"
    result = runner.invoke(main, ["check", str(txt), "--annotate", str(out)])
    assert result.exit_code == 2 and "只能用于 .docx" in result.output and not out.exists()
    copy = tmp_path / "稿件.docx"
    copy.write_bytes(LO_FILE.read_bytes())
    result = runner.invoke(main, ["check", str(copy), "--annotate", str(copy), "--force"])
    assert result.exit_code == 2 and "不能与原稿同名" in result.output
    assert copy.read_bytes() == LO_FILE.read_bytes()
    out.write_bytes(b"keep")
    result = runner.invoke(main, ["check", str(copy), "--annotate", str(out)])
    assert result.exit_code == 2 and out.read_bytes() == b"keep"
