"""`speechgen profiles` (Word layout profiles)."""
from __future__ import annotations

from . import main  # noqa: F401
