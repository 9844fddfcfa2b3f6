"""Spec → Draft: the sandboxed Jinja2 engine, the template context and its views, the phrase bank, and narration."""
from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # what the old flat module ``speechgen.compose`` offered
    from speechgen._compat import forward

    return forward(__name__, "engine", name)
