"""speechgen: first drafts of Chinese government meeting speeches and work reports.

    >>> import speechgen
    >>> spec = speechgen.load("samples/city_q1.yaml")        # path, YAML text or dict
    >>> draft = speechgen.render(spec, seed=1)                 # a Draft; draft.to_dict() is stable JSON
    >>> speechgen.export(draft, "讲话.docx")                   # atomic write; or export(draft, fmt="md")
    >>> speechgen.proofread(draft, spec=spec)                   # proofreading findings
    >>> speechgen.outline_speech("旧讲话.docx").to_dict()          # structure of an existing speech
    >>> speechgen.render_many(["a.yaml", "b.yaml"], "out/")      # many drafts in parallel
    >>> speechgen.mine_phrases(["历年讲话/"])                    # office phrase mining (loads jieba)

Only light modules load on import; python-docx and jieba load when first used.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

import logging as _logging

_logging.getLogger(__name__).addHandler(_logging.NullHandler())  # the library never prints

from speechgen import _compat  # noqa: E402  (old flat module paths keep working, with a warning)

_compat.install()

_LAZY = {
    "load": "api", "render": "api", "export": "api", "replace_indicators": "api",
    "outline_speech": "api", "outline_spec": "api", "proofread": "api", "mine_phrases": "api",
    "build": "api", "render_many": "batch", "RenderSettings": "settings",
    "Draft": "core.draft", "Spec": "spec.model",
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
