"""Old import paths (``speechgen.model``, ``speechgen.check``…) from before the subpackages.

Importing one still works and gives the new module itself, with a :class:`DeprecationWarning`
naming the new path.  Installed by ``speechgen/__init__.py``; nothing here is imported eagerly.
"""
from __future__ import annotations

import importlib
import sys
import warnings
from types import ModuleType
from typing import Any, Sequence

MOVED = {
    "document": "core.draft", "numbers": "core.numbers", "markers": "core.markers", "markup": "core.markup",
    "periods": "core.periods", "fsutil": "core.files", "yamlsrc": "core.yamlsrc", "resources": "core.resources",
    "model": "spec.model", "loader": "spec.loader", "carry": "spec.carry", "starter": "spec.starter",
    "table_io": "spec.tables.grid", "table_headers": "spec.tables.headers", "tables": "spec.tables.rows",
    "regions": "spec.tables.regions", "context": "compose.context", "wording": "compose.views",
    "phrasebank": "compose.bank", "narrate": "compose.narration", "narration": "compose.narration",
    "readers": "outline.read", "textclean": "outline.clean", "frontmatter": "outline.front",
    "hierarchy": "outline.hierarchy", "roles": "outline.roles", "outline_spec": "outline.to_spec",
    "check": "proof.checker", "checks": "proof.rules", "mining_rules": "mining.rules",
    "exporters.wordstyles": "exporters.docx.styles", "exporters.wordtable": "exporters.docx.table",
    "exporters.ooxml": "exporters.docx.ooxml", "exporters.reference": "exporters.docx.reference",
    "exporters.text": "core.draft",
}


class _Alias:  # a loader (duck-typed: importlib.abc costs ~10 ms of import time)
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: Any) -> ModuleType:
        warnings.warn(f"{spec.name} 已移至 {self.target}（{spec.name} is deprecated: import {self.target}）",
                      DeprecationWarning, stacklevel=3)
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:  # the target is already executed
        return None


class OldPaths:  # a meta path finder (duck-typed)
    """Resolve ``speechgen.<old>`` to its new module."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None, target: Any = None) -> Any:
        if not fullname.startswith("speechgen."):
            return None
        new = MOVED.get(fullname[len("speechgen."):])
        if new is None:
            return None
        from importlib.machinery import ModuleSpec

        return ModuleSpec(fullname, _Alias("speechgen." + new))


def install() -> None:
    if not any(isinstance(f, OldPaths) for f in sys.meta_path):
        sys.meta_path.append(OldPaths())


def forward(package: str, module: str, name: str) -> Any:
    """``__getattr__`` helper: names the old flat module had, now in *module* of *package*."""
    target = importlib.import_module(f"{package}.{module}")
    try:
        return getattr(target, name)
    except AttributeError:
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
