"""Text out of a PDF (pypdf) and out of an old Word .doc (LibreOffice), as numbered lines.

A PDF's text comes back hard-wrapped, with page numbers, running headers and
spaces around digits: exactly the noise :mod:`speechgen.outline.clean` already
removes from text copied out of PDFs, so pages are only joined here (a blank
line between pages keeps page numbers on lines of their own).  A PDF without
any text layer is a scan: it gets a clear message instead of an empty outline.

pypdf is imported only when a PDF is read (``import speechgen`` stays light).
"""
from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from speechgen.errors import InputError

log = logging.getLogger(__name__)

MAX_PAGES = 500
MIN_CHARS_PER_PAGE = 20   # fewer extracted characters than this per page: a scanned document
CONVERT_TIMEOUT = 120     # seconds for LibreOffice to convert one .doc
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # binary .doc/.wps (OLE2 compound file)


def pdf_text(path: Path) -> str:
    """The text of every page, pages separated by a blank line."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a core dependency
        raise InputError(f"{path}：读取 PDF 需要 pypdf，请先安装：pip install pypdf") from None
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not _unlock(reader):
            raise InputError(f"{path}：PDF 设有打开密码，请先去掉密码或另存为 .docx/.txt")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise InputError(f"{path}：PDF 共 {len(pages)} 页，超过 {MAX_PAGES} 页的上限")
        texts = [_page_text(page) for page in pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{path}：无法读取 PDF 文件（{type(exc).__name__}），文件可能已损坏") from None
    chars = sum(len("".join(t.split())) for t in texts)
    if chars < MIN_CHARS_PER_PAGE * max(len(texts), 1):
        raise InputError(f"{path}：PDF 中没有可提取的文字（可能是扫描件或图片），"
                         "请先用文字识别（OCR）转成 .docx 或 .txt 再试")
    return "\n\n".join(t.strip("\n") for t in texts)


def _unlock(reader: object) -> bool:
    """PDFs that are encrypted only against editing open with an empty password."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any failure means: a password is needed
        return False


def _page_text(page: object) -> str:
    try:
        return page.extract_text() or ""  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - one unreadable page must not lose the document
        log.warning("PDF 页面无法提取文字：%s", exc)
        return ""


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_to_docx(path: Path, workdir: Path) -> Path:
    """Convert an old binary Word file (.doc, .wps) to .docx in *workdir* with LibreOffice."""
    with path.open("rb") as fh:
        if fh.read(8) != OLE_MAGIC:
            raise InputError(f"{path}：不是有效的旧版 Word（{path.suffix}）文件，文件可能已损坏或扩展名有误")
    cmd = soffice()
    if cmd is None:
        raise InputError(f"{path}：旧版 Word（{path.suffix}）文件需要先转换：请在 Word/WPS 中另存为 .docx，"
                         "或安装 LibreOffice（如 apt-get install libreoffice-writer）后重试")
    args = [cmd, "--headless", "--norestore", f"-env:UserInstallation=file://{workdir / 'profile'}",
            "--convert-to", "docx", "--outdir", str(workdir), str(path)]
    try:
        subprocess.run(args, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"{path}：LibreOffice 转换失败（{type(exc).__name__}），请在 Word/WPS 中另存为 .docx") from None
    out = workdir / (path.stem + ".docx")
    if not out.is_file():
        raise InputError(f"{path}：LibreOffice 未能转换此文件（文件可能已损坏或设有密码），请在 Word/WPS 中另存为 .docx")
    return out


def converted_doc(path: Path) -> tuple[Path, tempfile.TemporaryDirectory[str]]:
    """(the .docx, the temporary folder holding it — clean it up after reading)."""
    tmp = tempfile.TemporaryDirectory(prefix="speechgen-doc-")
    try:
        return doc_to_docx(path, Path(tmp.name)), tmp
    except BaseException:
        tmp.cleanup()
        raise
