"""Compiled regular expressions kept between runs of the command line.

A cold ``speechgen`` process compiles several hundred regular expressions (ours, and those of
click, PyYAML, Jinja2 and pydantic) before it writes a word; compiling them is about a sixth of
its CPU time.  :func:`install` lets the ``re`` module take the compiled program of a pattern it
has seen before from the user's private cache (:mod:`speechgen.core.cache`: owner-checked,
checksummed, stamped with the exact Python build and regex engine version) and records the
programs of new patterns, which :func:`save` stores at exit.

Only the step from pattern text to the engine's program is skipped; the engine (``_sre``) still
validates every program it is given, ``re``'s own in-process cache works as before, and any
pattern the table does not hold (or a Python whose ``re`` internals differ) is compiled the
ordinary way.  ``SPEECHGEN_NO_CACHE=1`` turns it off with every other cache.  Only the command
line installs it: a library must not change ``re`` for its host program.
"""
from __future__ import annotations

import atexit
import re
import sys
from typing import Any

NAME = "regex-programs"
MAX_PATTERNS = 4000  #: a table never grows past this (a long-running server compiles what it likes)
MAX_PATTERN_CHARS = 4000

_table: dict[tuple[str, int], tuple[Any, ...]] = {}
_new = 0
_original: Any = None


def _stamp() -> bytes | None:
    compiler = getattr(re, "_compiler", None)
    parser = getattr(re, "_parser", None)
    if compiler is None or parser is None or not hasattr(compiler, "_code") or not hasattr(compiler, "_sre"):
        return None  # another re implementation (Python 3.10, PyPy): nothing to do
    sre = compiler._sre
    return f"{NAME}-1 {sys.version} {sys.implementation.cache_tag} {sre.MAGIC} {sre.CODESIZE}".encode()


def install() -> None:
    """Serve ``re`` compilations from the cached table and record new ones (idempotent)."""
    global _original
    stamp = _stamp()
    if _original is not None or stamp is None:
        return
    from speechgen.core import cache

    saved = cache.load(NAME, stamp)
    if isinstance(saved, dict):
        _table.update(saved)
    _original = re._compiler.compile  # type: ignore[attr-defined]
    re._compiler.compile = _compile  # type: ignore[attr-defined]
    atexit.register(save)


def uninstall() -> None:
    global _original
    if _original is not None:
        re._compiler.compile = _original  # type: ignore[attr-defined]
        _original = None


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` with the table in front (same result, same errors)."""
    global _new
    if type(p) is not str or type(flags) is not int or flags & re.DEBUG or len(p) > MAX_PATTERN_CHARS:
        return _original(p, flags)
    compiler, sre = re._compiler, re._compiler._sre  # type: ignore[attr-defined]
    entry = _table.get((p, flags))
    if entry is not None and _valid(entry):
        try:
            return sre.compile(p, *entry)
        except (RuntimeError, TypeError, ValueError):  # a program the engine refuses: compile anew
            pass
    tree = re._parser.parse(p, flags)  # type: ignore[attr-defined]
    code = [int(op) for op in compiler._code(tree, flags)]  # opcodes are int subclasses: plain ints marshal
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[Any] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))
    compiled = sre.compile(p, *entry)
    if len(_table) < MAX_PATTERNS:
        _table[(p, flags)] = entry
        _new += 1
    return compiled


def _valid(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 5 and isinstance(entry[0], int) and isinstance(entry[1], list)
            and isinstance(entry[2], int) and isinstance(entry[3], dict) and isinstance(entry[4], tuple))


def save() -> None:
    """Store the table when this process compiled patterns it did not hold (best effort)."""
    global _new
    stamp = _stamp()
    if not _new or stamp is None:
        return
    from speechgen.core import cache

    cache.store(NAME, stamp, dict(_table))
    _new = 0
