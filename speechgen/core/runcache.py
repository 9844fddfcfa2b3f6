"""A table of derived programs kept between runs of the command line (see :mod:`.regexcache`).

A cold ``speechgen`` process spends a large share of its CPU time turning the same texts into
the same programs: regular expressions into the ``re`` engine's code, and the source of the
methods ``@dataclass`` writes (``__init__``, ``__eq__``…) into Python code objects.  A
:class:`RunTable` maps such a text to its program, marshalled, in the user's private cache
(:mod:`speechgen.core.cache`: owner-checked, checksummed, stamped with the exact Python build),
decodes an entry only when it is used, records what a run made anew, and drops what no run used
in the last ``KEEP_RUNS`` saves (so programs made from one input's text do not pile up).  It is
written at exit, and only when the run made something new.
"""
from __future__ import annotations

import atexit
import marshal
from typing import Any, Callable, Hashable

KEEP_RUNS = 30


class RunTable:
    """Texts → marshalled programs, loaded from and saved to the private cache entry *name*."""

    def __init__(self, name: str, stamp: bytes, limit: int) -> None:
        self.name, self.stamp, self.limit = name, stamp, limit
        self.blobs: dict[Hashable, bytes] = {}
        self.last: dict[Hashable, int] = {}  # key → the last save whose run used it
        self.used: set[Hashable] = set()
        self.run = 0
        self.new = 0

    def load(self) -> "RunTable":
        from speechgen.core import cache

        saved = cache.load(self.name, self.stamp)
        if (isinstance(saved, tuple) and len(saved) == 3 and isinstance(saved[0], int)
                and isinstance(saved[1], dict) and isinstance(saved[2], dict)):
            self.run = saved[0]
            self.blobs.update(saved[1])
            self.last.update(saved[2])
        atexit.register(self.save)
        return self

    def get(self, key: Hashable, valid: Callable[[Any], bool]) -> Any:
        """The stored program for *key* when it decodes and passes *valid*; else None."""
        blob = self.blobs.get(key)
        if not isinstance(blob, bytes):
            return None
        try:
            value = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            return None
        if not valid(value):
            return None
        self.used.add(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        """Record a program made in this run (unless the table is full)."""
        if len(self.blobs) >= self.limit and key not in self.blobs:
            return
        try:
            self.blobs[key] = marshal.dumps(value)
        except ValueError:
            return
        self.used.add(key)
        self.new += 1

    def save(self) -> None:
        """Store the table if this run made something new (best effort)."""
        if not self.new:
            return
        from speechgen.core import cache

        self.run += 1
        for key in self.used:
            self.last[key] = self.run
        for key in [k for k in self.blobs if self.last.get(k, 0) <= self.run - KEEP_RUNS]:
            del self.blobs[key]
            self.last.pop(key, None)
        cache.store(self.name, self.stamp, (self.run, dict(self.blobs), dict(self.last)))
        self.new = 0
