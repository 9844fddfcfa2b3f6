"""Indicators → statements with a verdict, summary sentences and an overall judgement.

The implementation lives in the :mod:`speechgen.narration` package; this module
keeps the stable import path ``from speechgen.narrate import narrate``.
"""
from __future__ import annotations

from .narration import Derived, Narration, NarrationRules, Statement, Verdict, narrate, previous_label

__all__ = ["narrate", "Narration", "Statement", "Derived", "NarrationRules", "Verdict", "previous_label"]
