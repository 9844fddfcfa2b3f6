"""The functions ``import speechgen`` exposes.  Heavy modules load lazily."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from .compose import RenderOptions, render_draft
from .document import Draft
from .errors import InputError
from .exporters import export_bytes, format_for_path
from .fsutil import write_atomic
from .loader import load_spec
from .model import Spec

SpecSource = "str | Path | Mapping[str, Any] | Spec"


def load(source: str | Path | Mapping[str, Any]) -> Spec:
    """Load and validate a spec from a path, YAML text or a dict."""
    return load_spec(source)


def render(
    spec: str | Path | Mapping[str, Any] | Spec,
    *,
    seed: int | None = None,
    variety: str = "normal",
    meeting_type: str | None = None,
    templates: Sequence[str | Path] = (),
    phrases: Sequence[str | Path] = (),
    table: bool = False,
    indicators: str | Path | Sequence[Any] | None = None,
    sheet: str | None = None,
) -> Draft:
    """Render a spec into a numbered :class:`Draft` (deterministic for a given seed).

    *indicators* replaces the spec's indicator table: a list of ``Indicator``
    or the path of an .xlsx/.csv table (*sheet* names the worksheet).
    """
    spec_obj = spec if isinstance(spec, Spec) else load_spec(spec)
    if indicators is not None:
        spec_obj = replace_indicators(spec_obj, indicators, sheet=sheet)
    if seed is None:
        seed = spec_obj.seed if spec_obj.seed is not None else 0
    opts = RenderOptions(seed=seed, variety=variety, meeting_type=meeting_type,
                         template_dirs=[Path(t) for t in templates],
                         phrase_files=[Path(p) for p in phrases], table=table)
    return render_draft(spec_obj, opts)


def replace_indicators(spec: Spec, indicators: str | Path | Sequence[Any], *, sheet: str | None = None) -> Spec:
    """A copy of *spec* whose indicator table is *indicators* (rows, or an .xlsx/.csv path)."""
    if isinstance(indicators, (str, Path)):
        from .tables import read_indicator_file

        indicators = read_indicator_file(Path(indicators), sheet=sheet, origin="--indicators")
    return spec.model_copy(update={"indicators": list(indicators)})


def export(draft: Draft, path: str | Path | None = None, *, fmt: str | None = None,
           force: bool = False, **options: Any) -> bytes:
    """Serialise *draft*; write it atomically to *path* when given.  Returns the bytes."""
    if fmt is None:
        fmt = format_for_path(str(path)) if path is not None else "md"
    data = export_bytes(draft, fmt, **options)
    if path is not None:
        write_atomic(Path(path), data, force=force)
    return data


__all__ = ["load", "render", "export", "InputError"]
