"""`speechgen check` (the proofreader)."""
from __future__ import annotations

from . import main  # noqa: F401
