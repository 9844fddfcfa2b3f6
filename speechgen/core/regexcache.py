"""Compiled regular expressions and dataclass methods kept between runs of the command line.

A cold ``speechgen`` process compiles several hundred regular expressions (ours, and those of
click, PyYAML, Jinja2 and pydantic) and the source of about five hundred methods ``@dataclass``
writes for the classes it imports; together that is about a quarter of its CPU time.
:func:`install` lets ``re`` take the program of a pattern it has seen before, and ``dataclasses``
the code object of a method text it has compiled before, from a :class:`~.runcache.RunTable` in
the user's private cache (stamped with the exact Python build, the bytecode magic number and the
regex engine's version), and records what is new.

Only the step from text to program is skipped: the regex engine (``_sre``) still validates every
program it is given, ``re``'s in-process cache works as before, a dataclass method is still
executed from its code object exactly as ``dataclasses`` would, and anything the table does not
hold (or a Python whose internals differ) is compiled the ordinary way.  ``SPEECHGEN_NO_CACHE=1``
turns it off with every other cache.  Only the command line installs it: a library must not
change ``re`` or ``dataclasses`` for its host program.
"""
from __future__ import annotations

import dataclasses
import re
import sys
import types
from importlib.util import MAGIC_NUMBER
from typing import Any

from speechgen.core.runcache import RunTable

MAX_PATTERN_CHARS = 4000

_regex: RunTable | None = None
_methods: RunTable | None = None
_original: Any = None
_original_fn: Any = None


def _regex_stamp() -> bytes | None:
    compiler = getattr(re, "_compiler", None)
    parser = getattr(re, "_parser", None)
    if compiler is None or parser is None or not hasattr(compiler, "_code") or not hasattr(compiler, "_sre"):
        return None  # another re implementation (Python 3.10, PyPy): nothing to do
    sre = compiler._sre
    return f"regex-programs-3 {sys.version} {sys.implementation.cache_tag} {sre.MAGIC} {sre.CODESIZE}".encode()


def _methods_stamp() -> bytes | None:
    fn = getattr(dataclasses, "_create_fn", None)
    if sys.version_info[:2] != (3, 11) or fn is None or sys.implementation.name != "cpython":
        return None  # checked against 3.11's dataclasses only (3.13 builds methods differently)
    if fn.__code__.co_varnames[:6] != ("name", "args", "body", "globals", "locals", "return_type"):
        return None
    return f"dataclass-methods-1 {sys.version} {MAGIC_NUMBER.hex()}".encode()


def install() -> None:
    """Serve ``re`` and ``dataclasses`` compilations from the cached tables (idempotent)."""
    global _original, _original_fn, _regex, _methods
    if _original is None and (stamp := _regex_stamp()) is not None:
        _regex = RunTable("regex-programs", stamp, limit=2500).load()
        _original = re._compiler.compile  # type: ignore[attr-defined]
        re._compiler.compile = _compile  # type: ignore[attr-defined]
    if _original_fn is None and (stamp := _methods_stamp()) is not None:
        _methods = RunTable("dataclass-methods", stamp, limit=5000).load()
        _original_fn = dataclasses._create_fn  # type: ignore[attr-defined]
        dataclasses._create_fn = _create_fn  # type: ignore[attr-defined]


def uninstall() -> None:
    global _original, _original_fn
    if _original is not None:
        re._compiler.compile = _original  # type: ignore[attr-defined]
        _original = None
    if _original_fn is not None:
        dataclasses._create_fn = _original_fn  # type: ignore[attr-defined]
        _original_fn = None


# ------------------------------------------------------------------ regular expressions

def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` with the table in front (same result, same errors)."""
    if (_regex is None or type(p) is not str or type(flags) is not int or flags & re.DEBUG
            or len(p) > MAX_PATTERN_CHARS):
        return _original(p, flags)
    compiler, sre = re._compiler, re._compiler._sre  # type: ignore[attr-defined]
    key = (p, flags)
    entry = _regex.get(key, _program_ok)
    if entry is not None:
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
    _regex.put(key, entry)
    return compiled


def _program_ok(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 5 and isinstance(entry[0], int) and isinstance(entry[1], list)
            and isinstance(entry[2], int) and isinstance(entry[3], dict) and isinstance(entry[4], tuple))


# ------------------------------------------------------------------ dataclass methods

def _create_fn(name: str, args: list[str], body: list[str], *, globals: Any = None, locals: Any = None,
               return_type: Any = dataclasses.MISSING) -> Any:
    """``dataclasses._create_fn`` of Python 3.11, the text compiled once across runs (compiled as
    ``exec`` would in ``dataclasses``: no ``__future__`` flags of this module)."""
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    body_text = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({','.join(args)}){return_annotation}:\n{body_text}"
    txt = f"def __create_fn__({', '.join(locals.keys())}):\n{txt}\n return {name}"
    code = _methods.get(txt, lambda c: isinstance(c, types.CodeType)) if _methods is not None else None
    if code is None:
        code = compile(txt, "<string>", "exec", dont_inherit=True)
        if _methods is not None:
            _methods.put(txt, code)
    ns: dict[str, Any] = {}
    exec(code, globals, ns)
    return ns["__create_fn__"](**locals)


def save() -> None:
    """Store what this run compiled anew (also done at exit)."""
    for table in (_regex, _methods):
        if table is not None:
            table.save()
