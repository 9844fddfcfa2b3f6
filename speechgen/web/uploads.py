"""Uploaded files: size, type and zip-bomb checks, then a private temporary copy.

An upload never becomes a path the user chose: it is written under a fresh temporary directory
with a cleaned name (kept only so messages name the user's file), and the directory is removed
after the request.  .xlsx/.docx are zip files; their declared uncompressed size, member count and
compression ratio are checked before any library opens them.
"""
from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

from speechgen.errors import InputError
from speechgen.web.workspace import safe_name

MAX_UPLOAD = 10 * 1024 * 1024
MAX_UNZIPPED = 80 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024

TABLE_TYPES = (".xlsx", ".xlsm", ".csv")
SPEECH_TYPES = (".docx", ".txt", ".md", ".pdf")
ZIP_TYPES = (".xlsx", ".xlsm", ".docx")


def check_upload(filename: str, data: bytes, allowed: tuple[str, ...], *, limit: int = MAX_UPLOAD) -> str:
    """The cleaned file name when *data* may be opened; InputError with the reason otherwise."""
    name = safe_name(Path(filename.replace("\\", "/")).name, default="upload")
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise InputError(f"{name}：不支持的文件类型 {suffix or '（无扩展名）'}，请上传 {'、'.join(allowed)} 文件")
    if not data:
        raise InputError(f"{name}：文件是空的")
    if len(data) > limit:
        raise InputError(f"{name}：文件过大（{len(data) / 1024 / 1024:.1f} MB），上限 {limit // 1024 // 1024} MB")
    if suffix in ZIP_TYPES:
        _check_zip(name, data)
    elif suffix == ".pdf" and not data.startswith(b"%PDF-"):
        raise InputError(f"{name}：不是 PDF 文件（文件头不对），请确认文件类型")
    elif suffix != ".pdf" and b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}：看起来不是文本文件，请上传 {'、'.join(allowed)} 文件")
    return name


def _check_zip(name: str, data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise InputError(f"{name}：不是有效的 Office 文件（应为 zip 格式；.xls/.doc 请另存为 .xlsx/.docx）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(f"{name}：文件已损坏，无法打开") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}：压缩包内文件过多（{len(infos)} 个），拒绝处理")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise InputError(f"{name}：解压后过大（{total // 1024 // 1024} MB，上限 {MAX_UNZIPPED // 1024 // 1024} MB），"
                         "疑似压缩炸弹，拒绝处理")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{name}：压缩比异常（{info.filename}），疑似压缩炸弹，拒绝处理")


@contextlib.contextmanager
def temporary_copy(name: str, data: bytes) -> Iterator[Path]:
    """*data* as ``<fresh temp dir>/<name>``; the directory is removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="speechgen-web-"))
    try:
        path = folder / name
        path.write_bytes(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def hide_folder(message: str, path: Path) -> str:
    """Remove the temporary folder from a library message (the writer knows only the file name)."""
    return message.replace(f"{path.parent}/", "").replace(str(path.parent), "")
