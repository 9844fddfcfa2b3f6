"""Read an existing speech (txt/md/docx) → clean → front matter → heading hierarchy → roles → spec skeleton."""
from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # what the old flat module ``speechgen.outline`` offered
    from speechgen._compat import forward

    return forward(__name__, "parse", name)
