""".docx → PDF through LibreOffice (``soffice --headless``), when it is installed.

LibreOffice runs with a private, throw-away user profile (so it neither reads
nor locks the user's own profile and two conversions can run side by side),
inside its own process group with a timeout (the whole group is killed when
it hangs).  The fonts the PDF ended up with are read back with ``pdffonts``
(poppler-utils) when that is installed, so the writer learns which fonts stood
in for 仿宋_GB2312 and 方正小标宋简体.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from speechgen.errors import ExportError

log = logging.getLogger(__name__)

TIMEOUT_S = 120.0
INSTALL_HINT = ("请安装 LibreOffice 后重试：Debian/Ubuntu 执行 "
                "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
                "Windows/macOS 从 https://zh-cn.libreoffice.org 下载安装；"
                "也可以先输出 .docx，再用 Word 或 WPS “另存为 PDF”。")
_CANDIDATES = ("soffice", "libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
               r"C:\Program Files\LibreOffice\program\soffice.exe")


@dataclass
class PdfResult:
    data: bytes
    pages: int
    fonts: list[str] = field(default_factory=list)  # base font names, subset prefixes removed; [] if unknown


def find_soffice() -> str | None:
    """The LibreOffice executable: ``$SPEECHGEN_SOFFICE``, then ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get("SPEECHGEN_SOFFICE")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    for name in _CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_S) -> PdfResult:
    """Convert .docx bytes to PDF bytes; :class:`ExportError` with a Chinese message on any failure."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError("未找到 LibreOffice（soffice），无法输出 PDF。" + INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="speechgen-pdf-") as tmp:
        work = Path(tmp)
        src = work / "draft.docx"
        src.write_bytes(docx)
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), str(src)]
        _run(cmd, work, timeout)
        out = work / "draft.pdf"
        if not out.exists() or out.stat().st_size == 0:
            raise ExportError("LibreOffice 未能生成 PDF（转换失败，未写出文件）。" + INSTALL_HINT)
        data = out.read_bytes()
        fonts = pdf_fonts(out)
    pages = page_count(data)
    log.info("pdf: %d pages, fonts %s", pages, ", ".join(fonts) or "unknown")
    return PdfResult(data, pages, fonts)


def _run(cmd: list[str], cwd: Path, timeout: float) -> None:
    env = {**os.environ, "HOME": str(cwd), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
    except OSError as exc:
        raise ExportError(f"无法启动 LibreOffice（{exc.strerror or exc}）。" + INSTALL_HINT) from None
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ExportError(f"LibreOffice 转换 PDF 超时（{timeout:g} 秒），已终止，未写出文件") from None
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ExportError(f"LibreOffice 转换 PDF 失败（退出码 {proc.returncode}）：{tail[0]}")


def _kill_group(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.communicate()


def page_count(pdf: bytes) -> int:
    """Pages of a PDF (``/Type /Page`` objects; LibreOffice writes no compressed object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def pdf_fonts(path: Path) -> list[str]:
    """Font names used in the PDF (``pdffonts``); [] when poppler-utils is not installed."""
    tool = shutil.which("pdffonts")
    if tool is None:
        return []
    try:
        res = subprocess.run([tool, str(path)], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    names: list[str] = []
    for line in res.stdout.decode("utf-8", "replace").splitlines()[2:]:
        name = line.split(" ", 1)[0]
        name = name.split("+", 1)[-1]
        if name and name not in names:
            names.append(name)
    return names
