"""One settings object for a rendering run, built alike by the API, the CLI, ``batch`` and the web workbench.

Every option that changes a draft or its file lives here once, so no entry point can drift from
another (``batch --profile`` renders exactly what ``render --profile`` does).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

VARIETIES = ("low", "normal", "high")


@dataclass(frozen=True)
class RenderSettings:
    """What to render and how to write it.

    ``seed`` None means the spec's own ``seed`` (else 0); ``indicators`` replaces the spec's indicator
    table with an .xlsx/.csv file (``sheet`` names the worksheet); ``profile`` and ``reference_docx``
    only matter for .docx; ``check`` refuses drafts the checker finds errors in;
    ``standard_requirements`` writes a short standard requirements part when the spec has none
    (never in a dispatch meeting; off by default: a draft does not pad); ``avoid`` names
    earlier speeches (.docx/.md/.txt) whose sentences the phrase picker steers away from.
    """

    seed: int | None = None
    variety: str = "normal"
    meeting_type: str | None = None
    templates: tuple[Path, ...] = ()
    phrases: tuple[Path, ...] = ()
    table: bool = False
    indicators: Path | None = None
    sheet: str | None = None
    profile: str | None = None
    reference_docx: Path | None = None
    check: bool = True
    avoid: tuple[Path, ...] = ()
    explain: bool = False  # .docx: a comment on every computed figure saying how it was computed
    standard_requirements: bool = False
    placeholders: bool = False  # mark parts without input (【形势：待补】) instead of leaving them out
    allow_outside: bool = False  # let a spec's `indicators: {file: …}` reach outside the spec's folder
    unfilled_ok: bool = False  # render a spec that still holds 【待填】 (the workbench's live preview; the
    #                            checker then flags the placeholders in the draft)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def make(cls, *, templates: Sequence[str | Path] = (), phrases: Sequence[str | Path] = (),
             indicators: str | Path | None = None, reference_docx: str | Path | None = None,
             avoid: Sequence[str | Path] = (), **options: Any) -> "RenderSettings":
        """Build settings from loose values (paths as strings, lists instead of tuples)."""
        return cls(templates=tuple(Path(t) for t in templates), phrases=tuple(Path(p) for p in phrases),
                   avoid=tuple(Path(a) for a in avoid),
                   indicators=Path(indicators) if indicators is not None else None,
                   reference_docx=Path(reference_docx) if reference_docx is not None else None, **options)

    def with_(self, **changes: Any) -> "RenderSettings":
        return replace(self, **changes)

    def export_options(self, fmt: str) -> dict[str, Any]:
        """Keyword options of the exporter for *fmt* (only .docx takes any)."""
        if fmt not in ("docx", "pdf"):
            return {}
        return {k: v for k, v in {"profile": self.profile, "reference_docx": self.reference_docx,
                                  "explain": self.explain and fmt == "docx"}.items() if v}
