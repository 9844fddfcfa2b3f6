"""speechgen: first drafts of Chinese government meeting speeches and work reports.

    >>> import speechgen
    >>> draft = speechgen.render("samples/city_q1.yaml", seed=1)
    >>> speechgen.export(draft, "讲话.docx")

Only light modules load on import; python-docx and jieba load when first used.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load": "api", "render": "api", "export": "api",
    "Draft": "document", "Spec": "model",
    "SpeechgenError": "errors", "InputError": "errors", "TemplateError": "errors",
    "PhraseBankError": "errors", "ExportError": "errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'speechgen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
