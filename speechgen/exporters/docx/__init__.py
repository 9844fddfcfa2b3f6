"""Draft → .docx: the one place that writes raw OOXML."""
from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # what the old flat module ``speechgen.exporters.docx`` offered
    import importlib
    import importlib.util

    if importlib.util.find_spec(f"{__name__}.{name}") is not None:  # a submodule (``from . import ooxml``)
        return importlib.import_module(f"{__name__}.{name}")
    from speechgen._compat import forward

    return forward(__name__, "writer", name)
