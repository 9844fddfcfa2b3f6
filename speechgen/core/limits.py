"""The one documented set of resource limits, and the helpers that enforce them.

Every input a writer or a stranger can send is bounded here: file sizes (read from the
content, never trusted from ``st_size``), YAML alias expansion and nesting, workbook
and document archives (members, uncompressed bytes, compression ratio), table shape,
numbers (digits and exponent: a figure must print as the genre writes figures), phrase
and rules files, user templates (arithmetic, output size, wall clock) and batch jobs.
A breach is an :class:`~speechgen.errors.InputError` (exit 2) naming the file, the place
and the limit; nothing is ever dropped silently.  The README's 限制 section lists the
same figures (a test keeps the two in step).
"""
from __future__ import annotations

import os
import stat
import time
import zipfile
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import IO

from speechgen.core.chars import strip_bad_chars
from speechgen.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every bound speechgen enforces (field → README row via :func:`describe`)."""

    spec_bytes: int = 4 * MB  #: a spec, phrase or rules YAML file
    table_bytes: int = 20 * MB  #: an .xlsx/.csv indicator table as stored
    document_bytes: int = 50 * MB  #: a .docx/.txt/.md read by outline/check/mining
    yaml_nodes: int = 200_000  #: values in one YAML file after alias expansion
    yaml_depth: int = 40  #: nesting depth of one YAML file
    yaml_aliases: int = 1_000  #: alias references (*name) in one YAML file
    zip_members: int = 2_000  #: members of an .xlsx/.docx archive
    zip_bytes: int = 200 * MB  #: uncompressed size of an archive
    zip_member_bytes: int = 100 * MB  #: uncompressed size of one member
    zip_ratio: int = 100  #: uncompressed/compressed ratio of a member over 1 MB
    table_rows: int = 5_000  #: rows of one sheet or CSV file
    table_cols: int = 60  #: columns of one sheet or CSV file
    table_cells: int = 300_000  #: non-empty cells of one sheet
    cell_chars: int = 32_767  #: characters in one cell or CSV field (Excel's own limit)
    document_chars: int = 2_000_000  #: characters of one document after extraction
    document_paragraphs: int = 100_000  #: paragraphs (and table cells) of one .docx
    text_chars: int = 100_000  #: characters of one text field of a spec
    title_chars: int = 200  #: characters of a meeting title or speaker line
    indicators: int = 10_000  #: indicators of one spec
    number_digits: int = 20  #: significant digits of one figure
    number_exponent: int = 15  #: |power of ten| of one figure (1e15 … 1e-15)
    phrase_entries: int = 20_000  #: entries of one phrase bank file
    phrase_ref_depth: int = 4  #: nesting of {@category} references
    phrase_ref_count: int = 16  #: {@category} references in one phrase
    rules: int = 2_000  #: rules of one --rules file
    rule_pattern_chars: int = 500  #: characters of one rule's pattern
    regex_seconds: float = 1.0  #: time one --rules pattern may take on one draft
    template_int_bits: int = 256  #: size of an integer a user template computes
    template_str_chars: int = 1_000_000  #: a string a user template builds (repetition, width)
    template_range: int = 100_000  #: items of one range() in a user template
    render_seconds: float = 20.0  #: wall clock of one render
    render_chars: int = 2_000_000  #: characters of one rendered draft
    cache_bytes: int = 64 * MB  #: a cache file (segmenter tags, template bytecode)


LIMITS = Limits()

#: Chinese description of each limit for messages and the README (same order as the fields).
DESCRIPTIONS: dict[str, str] = {
    "spec_bytes": "spec、短语库、提法规则文件大小",
    "table_bytes": "指标表文件大小",
    "document_bytes": "待分析/校对文档大小",
    "yaml_nodes": "YAML 展开后的值的个数",
    "yaml_depth": "YAML 嵌套层数",
    "yaml_aliases": "YAML 别名（*引用）个数",
    "zip_members": ".xlsx/.docx 压缩包成员数",
    "zip_bytes": ".xlsx/.docx 解压后总大小",
    "zip_member_bytes": ".xlsx/.docx 单个成员解压后大小",
    "zip_ratio": "单个成员压缩比（超过 1 MB 时）",
    "table_rows": "工作表行数",
    "table_cols": "工作表列数",
    "table_cells": "工作表非空单元格数",
    "cell_chars": "单元格字数",
    "document_chars": "文档字数",
    "document_paragraphs": "Word 文档段落数",
    "text_chars": "spec 中单个文字字段的字数",
    "title_chars": "会议名称、职务姓名的字数",
    "indicators": "指标项数",
    "number_digits": "数字的有效位数",
    "number_exponent": "数字的数量级（10 的几次方）",
    "phrase_entries": "短语库条目数",
    "phrase_ref_depth": "短语 {@类别} 引用的嵌套层数",
    "phrase_ref_count": "一条短语中的 {@类别} 引用个数",
    "rules": "提法规则条数",
    "rule_pattern_chars": "单条提法规则的模式字数",
    "regex_seconds": "单条提法规则在一篇稿件上的运行时间（秒）",
    "template_int_bits": "模板中整数运算结果的位数（二进制）",
    "template_str_chars": "模板中拼接、重复、格式化得到的文字长度",
    "template_range": "模板中 range() 的项数",
    "render_seconds": "生成一篇稿件的时间（秒）",
    "render_chars": "生成一篇稿件的字数",
    "cache_bytes": "缓存文件大小",
}


def describe(limits: Limits = LIMITS) -> list[tuple[str, str, str]]:
    """(field, Chinese description, value as shown) for every limit."""
    out = []
    for f in fields(limits):
        value = getattr(limits, f.name)
        shown = f"{value // MB} MB" if f.name.endswith("bytes") else f"{value:,}" if isinstance(value, int) else f"{value:g}"
        out.append((f.name, DESCRIPTIONS[f.name], shown))
    return out


def breach(where: str, name: str, got: object = None, limits: Limits = LIMITS) -> InputError:
    """The located error for a breached limit: 'WHERE：超出限制（DESCRIPTION 不超过 N，收到 M）'."""
    shown = next(s for f, _, s in describe(limits) if f == name)
    extra = f"，收到 {got}" if got is not None else ""
    return InputError(f"{where}：超出限制（{DESCRIPTIONS[name]}不超过 {shown}{extra}）")


# ------------------------------------------------------------------ files

def read_bounded(path: Path, max_bytes: int, *, what: str = "文件", where: str | None = None) -> bytes:
    """Read a regular file, refusing devices, FIFOs, sockets and directories, and counting the
    bytes actually read (``st_size`` is 0 for ``/dev/zero`` and pipes, and can change).

    The open is non-blocking so a FIFO cannot hang us before it is refused.
    """
    label = where or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{label}：{what}不存在") from None
    except IsADirectoryError:
        raise InputError(f"{label}：这是一个目录，不是{what}") from None
    except OSError as exc:
        raise InputError(f"{label}：无法读取{what}（{exc.strerror or exc}）") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{label}：这是一个目录，不是{what}")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{label}：不是普通文件（设备、管道或套接字），不能作为{what}读取")
        if os.name == "posix":
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 * MB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise InputError(f"{label}：{what}过大（超过 {_size(max_bytes)}）")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{label}：无法读取{what}（{exc.strerror or exc}）") from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{n // 1024} KB" if n >= 1024 else f"{n} 字节"


def check_zip(archive: zipfile.ZipFile, where: str, limits: Limits = LIMITS) -> None:
    """Refuse a zip bomb before anything is decompressed: member count, total and per-member
    uncompressed size, and the compression ratio of large members.

    Python's zipfile never yields more than a member's declared size, so checking the
    declared sizes bounds what a reader can be made to inflate.
    """
    infos = archive.infolist()
    if len(infos) > limits.zip_members:
        raise breach(where, "zip_members", len(infos), limits)
    total = 0
    for info in infos:
        if info.file_size > limits.zip_member_bytes:
            raise breach(f"{where} 成员 {_safe(info.filename)}", "zip_member_bytes", _size(info.file_size), limits)
        if info.file_size > MB and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise breach(f"{where} 成员 {_safe(info.filename)}", "zip_ratio", ratio, limits)
        total += info.file_size
    if total > limits.zip_bytes:
        raise breach(where, "zip_bytes", _size(total), limits)


def open_zip(data: bytes | IO[bytes], where: str, *, what: str = "文件", limits: Limits = LIMITS) -> zipfile.ZipFile:
    """A checked :class:`zipfile.ZipFile` over bytes or a binary file."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{where}：无法打开{what}（文件已损坏或不是 zip 格式）") from None
    try:
        check_zip(archive, where, limits)
    except InputError:
        archive.close()
        raise
    return archive


# ------------------------------------------------------------------ numbers

def number_problem(value: Decimal, limits: Limits = LIMITS) -> str | None:
    """Why *value* cannot be printed as the genre writes figures, or None when it can.

    Digits beyond :attr:`Limits.number_digits` or a magnitude beyond 10^±number_exponent
    (1E-999999999, 1e308) would print as a wall of digits no speech contains.
    """
    if not value.is_finite():
        return "应为有限的数字"
    _, digits, exp = value.as_tuple()
    assert isinstance(exp, int)
    bound = limits.number_exponent
    if value != 0 and not -bound <= value.adjusted() <= bound:
        return f"数量级超出范围（绝对值应在 1e-{bound} 到 1e{bound} 之间）"
    if len(digits) > limits.number_digits or -exp > limits.number_digits or exp > bound:
        return f"位数过多（有效数字、小数位都不超过 {limits.number_digits} 位）"
    return None


def check_number(value: Decimal, where: str, limits: Limits = LIMITS) -> Decimal:
    problem = number_problem(value, limits)
    if problem:
        raise InputError(f"{where}：{problem}")
    return value


def plain_digits(text: str) -> bool:
    """True for an integer written the way a writer writes one ("12", "-3"): no underscores,
    no base prefixes, no exponent, no booleans."""
    t = text.strip()
    if t[:1] in "+-":
        t = t[1:]
    return t.isascii() and t.isdigit() and 0 < len(t) <= 18


_DECIMAL_CHARS = frozenset("0123456789+-.eE")


def plain_decimal(text: str) -> bool:
    """True for a figure written the way a writer writes one ("5.8", "-2", ".5", "1.2e3"):
    ASCII digits only, no underscores, no base prefixes, no inf/nan."""
    t = text.strip()
    if not t or len(t) > 400 or not _DECIMAL_CHARS.issuperset(t):
        return False
    try:
        return Decimal(t).is_finite()
    except ArithmeticError:
        return False


# ------------------------------------------------------------------ counters

class Budget:
    """A counter that raises the located breach once *limit* is passed (aliases, nodes,
    references, template output…)."""

    __slots__ = ("name", "limit", "where", "used", "limits")

    def __init__(self, name: str, where: str, limits: Limits = LIMITS, *, limit: int | None = None) -> None:
        self.name, self.where, self.limits = name, where, limits
        self.limit = int(getattr(limits, name)) if limit is None else limit
        self.used = 0

    def spend(self, n: int = 1, where: str | None = None) -> None:
        self.used += n
        if self.used > self.limit:
            raise breach(where or self.where, self.name, None, self.limits)


class Deadline:
    """Wall clock for one piece of work (a render, a regex pass)."""

    __slots__ = ("name", "seconds", "end", "where")

    def __init__(self, name: str, where: str, seconds: float) -> None:
        self.name, self.where, self.seconds = name, where, seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise breach(self.where, self.name, None)


def _safe(name: str) -> str:
    return strip_bad_chars(name)[:120]


def limit_rows() -> str:
    """The README table of limits (| 限制 | 上限 | field |), generated from :data:`LIMITS`."""
    lines = ["| 限制 | 上限 | 字段 |", "|---|---|---|"]
    lines += [f"| {d} | {v} | `{f}` |" for f, d, v in describe()]
    return "\n".join(lines)


def setting(name: str) -> float:
    """A time limit, overridable per process with ``SPEECHGEN_<NAME>`` (e.g.
    ``SPEECHGEN_RENDER_SECONDS=5`` on a busy server); only lower values than the default are
    taken, so the environment can tighten a limit but never lift it."""
    default = float(getattr(LIMITS, name))
    raw = os.environ.get(f"SPEECHGEN_{name.upper()}", "")
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if 0 < value < default else default
