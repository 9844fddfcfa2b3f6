"""PDF through LibreOffice: pages, title on page 1, fonts reported, clear errors without it."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from speechgen.errors import ExportError
from speechgen.exporters.pdf import docx_to_pdf, find_soffice, page_count

needs_soffice = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                                   reason="LibreOffice / poppler-utils not installed (CI installs them)")


def _docx(pages: int) -> bytes:
    doc = Document()
    doc.add_paragraph("春季农业生产调度会讲话稿", style="Title")
    for k in range(pages):
        doc.add_paragraph(f"第{k + 1}页的正文。")
        if k < pages - 1:
            doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdftotext(pdf: bytes, tmp_path: Path, page: int) -> str:
    src = tmp_path / "x.pdf"
    src.write_bytes(pdf)
    res = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(src), "-"],
                         capture_output=True, check=True)
    return res.stdout.decode("utf-8")


@needs_soffice
def test_pages_title_and_fonts(tmp_path: Path) -> None:
    result = docx_to_pdf(_docx(3))
    assert result.data.startswith(b"%PDF")
    assert result.pages == page_count(result.data) == 3
    assert "春季农业生产调度会讲话稿" in pdftotext(result.data, tmp_path, 1).replace(" ", "")
    assert "第3页的正文" in pdftotext(result.data, tmp_path, 3).replace(" ", "")
    if shutil.which("pdffonts"):
        assert result.fonts and all("+" not in f for f in result.fonts)


def test_missing_libreoffice_is_a_chinese_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SPEECHGEN_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    with pytest.raises(ExportError, match="未找到 LibreOffice.*apt-get install libreoffice-writer-nogui"):
        docx_to_pdf(_docx(1))


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_hanging_libreoffice_is_killed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    marker = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 30 &\necho $! > {marker}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("SPEECHGEN_SOFFICE", str(fake))
    with pytest.raises(ExportError, match="超时"):
        docx_to_pdf(_docx(1), timeout=1)
    stat = Path(f"/proc/{int(marker.read_text())}/stat")
    # the whole process group is gone (or a zombie awaiting its reaper), not just the shell
    assert not stat.exists() or stat.read_text().split(") ", 1)[1].startswith("Z")


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_failing_libreoffice_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("SPEECHGEN_SOFFICE", str(fake))
    with pytest.raises(ExportError, match="退出码 1.*could not be loaded"):
        docx_to_pdf(_docx(1))


ROOT = Path(__file__).resolve().parents[2]


@needs_soffice
def test_render_to_pdf(runner, tmp_path: Path) -> None:
    from speechgen.cli import main

    out = tmp_path / "报告.pdf"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "county_work_report.yaml"), "-o", str(out),
                                  "--table"])
    assert result.exit_code == 0, result.output
    assert "PDF 共" in result.output and "所用字体" in result.output
    pdf = out.read_bytes()
    pages = page_count(pdf)
    assert f"PDF 共 {pages} 页" in result.output
    # the same draft as .docx, converted by hand, has the same number of pages
    docx = tmp_path / "报告.docx"
    assert runner.invoke(main, ["render", str(ROOT / "samples" / "county_work_report.yaml"), "-o", str(docx),
                                "--table"]).exit_code == 0
    assert docx_to_pdf(docx.read_bytes()).pages == pages >= 2
    first = pdftotext(pdf, tmp_path, 1).replace(" ", "")
    assert "上半年发展改革工作情况的报告" in first
    assert "附表" in pdftotext(pdf, tmp_path, pages).replace(" ", "")


def test_render_pdf_without_libreoffice_writes_nothing(runner, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    from speechgen.cli import main

    monkeypatch.setenv("SPEECHGEN_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "x.pdf"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out)])
    assert result.exit_code == 2
    assert "未找到 LibreOffice" in result.output and "apt-get install" in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["x.pdff", "x.html", "x.doc", "讲话稿.wps"])
def test_unknown_suffix_is_a_clear_error(runner, tmp_path: Path, name: str) -> None:
    from speechgen.cli import main

    out = tmp_path / name
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and "不支持输出" in result.output and not out.exists()
