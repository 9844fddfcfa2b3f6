"""File names derived from user text (region names, spec stems): safe on every system, never
hidden, never an option, never a reserved device name, and unique — collisions resolved
deterministically with suffixes and reported."""
from __future__ import annotations

import re

from speechgen.core.chars import strip_bad_chars

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 80


def safe_file_name(text: str, *, fallback: str = "地区") -> str:
    """*text* as a file stem: path separators and characters Windows refuses removed, no leading
    ``-`` (an option to other tools) or ``.`` (a hidden file), no CON/NUL/COM1…, at most 80 characters."""
    name = _UNSAFE.sub("", strip_bad_chars(text)).strip().lstrip("-.").strip()
    name = name[:MAX_NAME].rstrip(". ")
    if not name:
        return fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = f"{name}_"
    return name


def unique_names(stems: list[str]) -> list[tuple[str, str]]:
    """(unique stem, note) per stem in order: the first keeps its name, later ones that collide
    (ignoring case, as Windows and macOS do) get ``-2``, ``-3``…; *note* says what happened."""
    taken = {s.casefold() for s in stems}
    used: set[str] = set()
    out: list[tuple[str, str]] = []
    for stem in stems:
        if stem.casefold() not in used:
            used.add(stem.casefold())
            out.append((stem, ""))
            continue
        n = 2
        while f"{stem}-{n}".casefold() in used or f"{stem}-{n}".casefold() in taken:
            n += 1
        name = f"{stem}-{n}"
        used.add(name.casefold())
        out.append((name, f"文件名与前面的 {stem} 重名，改为 {name}"))
    return out
