"""Draft → .docx: the one place that writes raw OOXML."""
from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # what the old flat module ``speechgen.exporters.docx`` offered
    from speechgen._compat import forward

    return forward(__name__, "writer", name)
