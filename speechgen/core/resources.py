"""The one place that knows where built-in templates and corpora live.

In a wheel they are carried inside the package as ``speechgen/_data/``; in a
source checkout (editable install, tests) they sit at the top of the repository.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the speechgen package


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    """Return the directory of built-in resource *name* (``templates`` or ``corpora``)."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"speechgen resource directory {name!r} not found")


def templates_dir() -> Path:
    return resource_dir("templates")


def corpora_dir() -> Path:
    return resource_dir("corpora")
