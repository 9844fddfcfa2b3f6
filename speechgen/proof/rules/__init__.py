"""The checker's rules, one small module per family, registered by id.

Importing this package registers every built-in rule; :mod:`speechgen.check`
is the public entry point.
"""
from __future__ import annotations

from speechgen.proof.rules import text as text_rules
from speechgen.proof.rules import figures
from speechgen.proof.rules import sense
from speechgen.proof.rules import norms
from speechgen.proof.rules import punct
from speechgen.proof.rules import structure
from speechgen.proof.rules import logic
from speechgen.proof.rules import quotes
from speechgen.proof.rules.base import Doc, DocLine, Finding, HeadingInfo, descriptions, register, registry

__all__ = ["Doc", "DocLine", "Finding", "HeadingInfo", "descriptions", "register", "registry"]
