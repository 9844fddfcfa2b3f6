"""The checker's rules, one small module per family, registered by id.

Importing this package registers every built-in rule; :mod:`speechgen.check`
is the public entry point.
"""
from __future__ import annotations

from . import text_rules, figures, sense, norms, punct, structure  # noqa: F401,I001  (registration order = report order)
from .base import Doc, DocLine, Finding, HeadingInfo, descriptions, register, registry

__all__ = ["Doc", "DocLine", "Finding", "HeadingInfo", "descriptions", "register", "registry"]
