"""`speechgen outline` and `speechgen phrases …` (corpus tools)."""
from __future__ import annotations

from . import main  # noqa: F401
