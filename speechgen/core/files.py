"""File-system edges: located errors for input files the user names, and atomic,
no-clobber writes (a temp file in the target directory, then a rename), so a crash
or an error never leaves a half-written or clobbered output."""
from __future__ import annotations

import os
import zipfile
import tempfile
from pathlib import Path

from speechgen.errors import ExportError, InputError


def stat_input(path: Path, *, what: str = "文件", max_bytes: int | None = None) -> os.stat_result:
    """Stat an input file the user named; every mishap becomes a Chinese :class:`InputError`.

    *what* names the kind of file in messages (指标表文件, 提法规则文件…).
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}：{what}不存在") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取{what}（{exc.strerror or exc}）") from None
    if path.is_dir():
        raise InputError(f"{path}：这是一个目录，不是{what}")
    if max_bytes is not None and st.st_size > max_bytes:
        raise InputError(f"{path}：{what}过大（超过 {max_bytes // 1024 // 1024} MB）")
    return st


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early (before any work) if *path* cannot be written."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{path}：输出目录 {parent} 不存在，请先创建")
    if path.is_dir():
        raise ExportError(f"{path}：这是一个目录，请给出文件名")
    if path.exists() and not force:
        raise ExportError(f"{path}：文件已存在，未覆盖（如需覆盖请加 --force）")


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else what the user's umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write *data* to *path* atomically; refuse to overwrite unless *force*."""
    path = Path(path)
    check_writable(path, force=force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a draft is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if path appeared meanwhile: never clobber
            except FileExistsError:
                raise ExportError(f"{path}：文件已存在，未覆盖（如需覆盖请加 --force）") from None
            except OSError:
                os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}：写入失败（{exc.strerror or exc}）") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


MAX_UNCOMPRESSED = 200 * 1024 * 1024  # total uncompressed size of a .docx
MAX_RATIO = 200                       # compression ratio that smells of a zip bomb


def check_docx_zip(path: Path) -> None:
    """Refuse a file that is not a readable, reasonably sized .docx package (before python-docx sees it)."""
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{path}：文件已加密（设有打开密码）或是旧版 .doc 格式，请去掉密码并另存为 .docx")
    if not zipfile.is_zipfile(path):
        raise InputError(f"{path}：不是有效的 .docx 文件（文件可能已损坏）")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise InputError(f"{path}：不是有效的 .docx 文件（文件可能已损坏）") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise InputError(f"{path}：Word 文件解压后过大，拒绝读取")
    if not any(i.filename == "word/document.xml" for i in infos):
        raise InputError(f"{path}：不是有效的 .docx 文件（缺少 word/document.xml）")
