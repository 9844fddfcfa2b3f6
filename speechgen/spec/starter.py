"""`speechgen init`: a commented starter spec that validates as printed."""
from __future__ import annotations

from speechgen.core.resources import corpora_dir


def starter_spec(meeting_type: str) -> str:
    text = (corpora_dir() / "starter.yaml").read_text(encoding="utf-8")
    return text.replace("quarterly_analysis", meeting_type, 1)
