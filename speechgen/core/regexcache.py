"""Compiled regular expressions kept between runs of the command line.

A cold ``speechgen`` process compiles several hundred regular expressions (ours, and those of
click, PyYAML, Jinja2 and pydantic) before it writes a word; compiling them is about a sixth of
its CPU time.  :func:`install` lets the ``re`` module take the compiled program of a pattern it
has seen before from the user's private cache (:mod:`speechgen.core.cache`: owner-checked,
checksummed, stamped with the exact Python build and regex engine version) and records the
programs of new patterns, which :func:`save` stores at exit.  A pattern no run has used in the last
``KEEP_RUNS`` saves is dropped then, so patterns made from one input's text (an escaped indicator
name) do not pile up.

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
MAX_PATTERNS = 2500  #: a table never grows past this (a long-running server compiles what it likes)
MAX_PATTERN_CHARS = 4000
KEEP_RUNS = 30

_table: dict[tuple[str, int], tuple[Any, ...]] = {}  # (pattern, flags) → (program…, last save that used it)
_used: set[tuple[str, int]] = set()
_run = 0
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
    global _original, _run
    stamp = _stamp()
    if _original is not None or stamp is None:
        return
    from speechgen.core import cache

    saved = cache.load(NAME, stamp)
    if isinstance(saved, tuple) and len(saved) == 2 and isinstance(saved[0], int) and isinstance(saved[1], dict):
        _run = saved[0]
        _table.update(saved[1])
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
    key = (p, flags)
    entry = _table.get(key)
    if entry is not None and _valid(entry):
        try:
            compiled = sre.compile(p, *entry[:5])
            _used.add(key)
            return compiled
        except (RuntimeError, TypeError, ValueError):  # a program the engine refuses: compile anew
            pass
    tree = re._parser.parse(p, flags)  # type: ignore[attr-defined]
    code = [int(op) for op in compiler._code(tree, flags)]  # opcodes are int subclasses: plain ints marshal
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[Any] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup), _run)
    compiled = sre.compile(p, *entry[:5])
    if len(_table) < MAX_PATTERNS or key in _table:
        _table[key] = entry
        _used.add(key)
        _new += 1
    return compiled


def _valid(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 6 and isinstance(entry[0], int) and isinstance(entry[1], list)
            and isinstance(entry[2], int) and isinstance(entry[3], dict) and isinstance(entry[4], tuple)
            and isinstance(entry[5], int))


def save() -> None:
    """Store the table when this process compiled patterns it did not hold (best effort): the
    patterns this process used are stamped with this save, those unused for ``KEEP_RUNS`` dropped."""
    global _new, _run
    stamp = _stamp()
    if not _new or stamp is None:
        return
    from speechgen.core import cache

    _run += 1
    kept = {k: (*e[:5], _run if k in _used else e[5]) for k, e in _table.items()
            if k in _used or e[5] > _run - KEEP_RUNS}
    cache.store(NAME, stamp, (_run, kept))
    _table.clear()
    _table.update(kept)
    _new = 0
