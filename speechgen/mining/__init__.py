"""Mine an archive of past speeches for an office's own formulas (the only jieba import)."""
from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # what the old flat module ``speechgen.mining`` offered
    from speechgen._compat import forward

    return forward(__name__, "miner", name)
