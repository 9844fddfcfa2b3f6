"""File-system edges: located errors for input files the user names, and atomic,
no-clobber writes (a temp file in the target directory, then a rename), so a crash
or an error never leaves a half-written or clobbered output."""
from __future__ import annotations

import os
import re
import secrets
import stat
import zipfile
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
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}：不是普通文件（设备、管道或套接字），不能作为{what}读取")
    if max_bytes is not None and st.st_size > max_bytes:
        raise InputError(f"{path}：{what}过大（超过 {max_bytes // 1024 // 1024} MB）")
    return st


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early (before any work) if *path* cannot be written: a missing folder, a directory,
    an existing file without *force*, or anything that is not a regular file (a device, a pipe,
    a socket: never replaced, even with *force*).  A symlink at *path* is replaced itself, never
    followed into the file it names."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{path}：输出目录 {parent} 不存在，请先创建")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"{path}：无法写入（{exc.strerror or exc}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{path}：这是一个目录，请给出文件名")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise ExportError(f"{path}：不是普通文件（设备、管道或套接字），不会写入或替换，请换一个文件名")
    if not force:
        raise ExportError(f"{path}：文件已存在，未覆盖（如需覆盖请加 --force）")


def _mode_for(path: Path) -> int:
    """The existing regular file's permissions, else what the user's umask gives a new file."""
    try:
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode):
            return st.st_mode & 0o777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_TEMP = re.compile(r"^\..+\.sg(\d+)-[0-9a-f]{8}\.tmp$")
_SWEPT: set[str] = set()
_WRITTEN: list[Path] = []
_PENDING: set[Path] = set()  # temp files being written now (removed by a worker's SIGTERM handler)


def remove_pending() -> None:
    """Remove the temp files of writes in progress (for a process about to exit on a signal)."""
    for tmp in list(_PENDING):
        try:
            os.unlink(tmp)
        except OSError:
            pass


def temp_name(name: str, *, pid: int | None = None) -> str:
    """The hidden temp file a write goes through: ``.NAME.sg<pid>-<random>.tmp`` (the pid lets a
    later run sweep what a killed one left)."""
    return f".{name}.sg{os.getpid() if pid is None else pid}-{secrets.token_hex(4)}.tmp"


def sweep_stale(folder: Path) -> None:
    """Remove temp files of runs that are gone (killed with SIGKILL, power cut); once per folder
    per process, only our own files of dead processes."""
    key = os.path.abspath(folder)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TEMP.match(name)
        if not m or _alive(int(m.group(1))):
            continue
        try:
            st = os.lstat(folder / name)
            if stat.S_ISREG(st.st_mode) and (not hasattr(os, "geteuid") or st.st_uid == os.geteuid()):
                os.unlink(folder / name)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def written_files() -> list[Path]:
    """Files :func:`write_atomic` has put in place in this process (for an honest interrupt message)."""
    return list(_WRITTEN)


def forget_written() -> None:
    _WRITTEN.clear()


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write *data* to *path* atomically; refuse to overwrite unless *force*; never replace a
    non-regular file; never follow a link; the temp file goes away on any error or signal."""
    path = Path(path)
    check_writable(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    sweep_stale(folder)
    tmp = folder / temp_name(path.name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise ExportError(f"{path}：写入失败（{exc.strerror or exc}）") from None
    _PENDING.add(tmp)
    try:
        os.fchmod(fd, _mode_for(path))  # a draft is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        check_writable(path, force=force)  # what appeared meanwhile is still never replaced
        if force:
            os.replace(tmp, path)  # a link at path is replaced itself, not followed
        else:
            try:
                os.link(tmp, path)  # fails if path appeared meanwhile: never clobber
            except FileExistsError:
                raise ExportError(f"{path}：文件已存在，未覆盖（如需覆盖请加 --force）") from None
            except OSError:
                os.replace(tmp, path)
        _WRITTEN.append(path)
    except OSError as exc:
        raise ExportError(f"{path}：写入失败（{exc.strerror or exc}）") from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _PENDING.discard(tmp)


MAX_UNCOMPRESSED = 200 * 1024 * 1024  # total uncompressed size of a .docx
MAX_RATIO = 200                       # compression ratio that smells of a zip bomb


def check_zip_size(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a package that unpacks too large or too compressed (a zip bomb)."""
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise InputError(f"{name}：Word 文件解压后过大，拒绝读取")


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
    check_zip_size(infos, str(path))
    if not any(i.filename == "word/document.xml" for i in infos):
        raise InputError(f"{path}：不是有效的 .docx 文件（缺少 word/document.xml）")
