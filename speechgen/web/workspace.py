"""The ``--workspace`` folder: specs and drafts saved by name, never outside it.

A name from a user is a *name*, not a path: separators, ``..``, drive letters, control
characters, Windows device names and leading dots are refused, and the resolved path must
stay inside the workspace (symbolic links included).  Saving is atomic and never overwrites
unless the writer confirmed it.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from speechgen.errors import ExportError, InputError
from speechgen.core.files import write_atomic

MAX_NAME = 80
KINDS = {".yaml": "spec", ".yml": "spec", ".docx": "draft", ".md": "draft", ".txt": "draft",
         ".xlsx": "table", ".csv": "table"}
SAVE_SUFFIXES = (".yaml", ".docx", ".md", ".txt")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)
_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def safe_name(text: str, *, default: str = "") -> str:
    """A file-name stem made from free text (titles): bad characters become '_'."""
    text = unicodedata.normalize("NFC", text).strip()
    text = _BAD.sub("_", text).strip(". ")[:MAX_NAME]
    return text or default


def check_name(name: str, *, suffixes: tuple[str, ...] = tuple(KINDS)) -> str:
    """*name* if it is a plain file name with an allowed suffix; InputError otherwise."""
    shown = name if len(name) <= 100 else name[:100] + "…"
    if not name or name != name.strip() or len(name) > MAX_NAME + 6:
        raise InputError(f"文件名 “{shown}” 无效：不能为空、首尾不能有空格、不超过 {MAX_NAME} 个字")
    if _BAD.search(name) or name in (".", "..") or name.startswith(".") or ".." in name:
        raise InputError(f"文件名 “{shown}” 无效：只能是文件名，不能含 / \\ : * ? \" < > | 或 ..，也不能以 . 开头")
    if _RESERVED.match(name):
        raise InputError(f"文件名 “{shown}” 是系统保留名，请换一个")
    if Path(name).suffix.lower() not in suffixes:
        raise InputError(f"文件名 “{shown}” 的扩展名应为 {'、'.join(suffixes)} 之一")
    return unicodedata.normalize("NFC", name)


def resolve_inside(root: Path, name: str, *, where: str = "文件") -> Path:
    """``root/name`` resolved; InputError when it leaves *root* (``..``, absolute paths, links)."""
    root = root.resolve()
    candidate = Path(name)
    if candidate.is_absolute() or candidate.drive or ".." in candidate.parts:
        raise InputError(f"{where}：“{name}” 不在工作区内，只能引用工作区中的文件")
    target = (root / candidate).resolve()
    if target != root and root not in target.parents:
        raise InputError(f"{where}：“{name}” 不在工作区内，只能引用工作区中的文件")
    return target


@dataclass
class Entry:
    name: str
    kind: str  # spec / draft / table
    size: int
    modified: str


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise InputError(f"{root}：工作区目录不存在，请先创建")

    def entries(self) -> list[Entry]:
        out = []
        for path in sorted(self.root.iterdir(), key=lambda p: p.name):
            kind = KINDS.get(path.suffix.lower())
            if kind is None or path.name.startswith(".") or not path.is_file() or path.is_symlink():
                continue
            st = path.stat()
            stamp = _dt.datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")
            out.append(Entry(path.name, kind, st.st_size, stamp))
        return out

    def path(self, name: str, *, suffixes: tuple[str, ...] = tuple(KINDS)) -> Path:
        return resolve_inside(self.root, check_name(name, suffixes=suffixes), where="工作区")

    def read(self, name: str, *, suffixes: tuple[str, ...] = tuple(KINDS)) -> bytes:
        path = self.path(name, suffixes=suffixes)
        if not path.is_file() or path.is_symlink():
            raise InputError(f"工作区中没有文件 “{name}”")
        return path.read_bytes()

    def save(self, name: str, data: bytes, *, overwrite: bool = False) -> Path:
        """Write atomically; ExportError (exists) unless *overwrite*."""
        path = self.path(name, suffixes=SAVE_SUFFIXES)
        if path.exists() and not overwrite:
            raise Exists(f"工作区中已有 “{name}”，未覆盖。确认覆盖后再保存，或换一个文件名。")
        write_atomic(path, data, force=overwrite)
        return path


class Exists(ExportError):
    """A save would overwrite a file the writer did not agree to replace."""
