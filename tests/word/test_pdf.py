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
