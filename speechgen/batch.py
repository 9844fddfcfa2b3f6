"""Render many specs in parallel: one failure never stops the rest.

Work items are rendered in worker processes (default: one per core); each
result reports success with the output path and length, or the Chinese error.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from speechgen.api import build
from speechgen.core.files import write_atomic
from speechgen.core.names import safe_file_name, unique_names
from speechgen.errors import SpeechgenError
from speechgen.settings import RenderSettings
from speechgen.spec.model import Spec


@dataclass(frozen=True)
class BatchItem:
    """One draft to produce: a spec (path or dict) and where to write it."""

    name: str
    spec: Path | Mapping[str, Any] | Spec
    output: Path
    note: str = ""  # e.g. the file name was changed to avoid a collision


@dataclass
class BatchResult:
    name: str
    output: Path
    ok: bool
    chars: int = 0
    error: str = ""


@dataclass(frozen=True)
class BatchOptions:
    """The output format, overwrite permission and the one :class:`RenderSettings` of every draft."""

    fmt: str = "docx"
    force: bool = False
    settings: RenderSettings = field(default_factory=RenderSettings)


def plan(specs: Iterable[Path], out_dir: Path, fmt: str) -> list[BatchItem]:
    """One item per spec file, named after the file; duplicate names get a suffix."""
    paths = [Path(s) for s in specs]
    names = unique_names([safe_file_name(p.stem, fallback="讲话稿") for p in paths])
    return [BatchItem(name, p, out_dir / f"{name}.{fmt}", note) for p, (name, note) in zip(paths, names)]


REGION_SLOT = "{地区}"


def plan_regions(spec_path: Path, table: Path, out_dir: Path, *, fmt: str, by: str | None = None,
                 sheet: str | None = None, allow_outside: bool = False) -> list[BatchItem]:
    """One item per region of a multi-region table, sharing *spec_path*'s meeting facts and tasks.

    The sheet holding the region table is found when *sheet* is None (see
    :mod:`speechgen.spec.tables.regionsheet`).  Each region gets its own indicator rows with ranks
    and the comparison figure computed from the table (see :mod:`speechgen.spec.tables.regions`),
    ``{地区}`` replaced by its name everywhere and its own level in the body (see
    :mod:`speechgen.spec.regional`); the item's note says what of the shared spec may not fit.
    """
    from speechgen.spec.loader import load_spec, meeting_when
    from speechgen.spec.regional import regional_spec
    from speechgen.spec.tables.regions import region_table

    base = load_spec(Path(spec_path), allow_outside=allow_outside)
    data = region_table(table, region_column=by, sheet=sheet, origin=str(table), when=meeting_when(base))
    average = any(b == "average" for b in data.basis.values())
    items = []
    names = iter(unique_names([safe_file_name(r) for r in data.regions]))
    shared_notes: list[str] = []
    for region, rows in data.regions.items():
        spec, notes = regional_spec(base, region, rows, total_label=data.total_label, average=average)
        safe, note = next(names)
        fresh = [n for n in notes if n not in shared_notes]
        shared_notes += fresh
        text = "；".join(([f"{region}：{note}"] if note else []) + fresh)
        items.append(BatchItem(safe, spec, out_dir / f"{safe}.{fmt}", text))
    return items


def run_batch(
    items: Sequence[BatchItem],
    options: BatchOptions,
    *,
    workers: int | None = None,
    progress: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Render every item; results come back in input order (streamed to *progress* as they end).

    *workers* is capped by :func:`effective_jobs` (the caller decides about forcing).  The parent
    warms up (imports, phrase bank, templates, rules) before forking, so workers start warm;
    workers end with the parent (see :mod:`speechgen.core.workers`)."""
    from speechgen.core.workers import pool

    workers = max(1, min(workers or effective_jobs(None), len(items) or 1))
    results: dict[int, BatchResult] = {}
    if workers == 1:
        for i, item in enumerate(items):
            results[i] = render_one(item, options)
            if progress:
                progress(results[i])
        return [results[i] for i in range(len(items))]
    _warm_up(options.fmt, options.settings)
    frozen = gc.get_freeze_count()
    gc.freeze()  # what the warm-up built is shared with the forked workers: their collector leaves it alone
    try:
        for i, result in pool(render_one, [(item, options) for item in items], workers):
            if result is None:  # a crashed worker: report, keep going
                item = items[i]
                result = BatchResult(item.name, item.output, False, error="处理进程意外退出，本篇未生成")
            results[i] = result
            if progress:
                progress(result)
    finally:
        if not frozen:  # never thaw what the host program froze itself
            gc.unfreeze()
    return [results[i] for i in range(len(items))]


def effective_jobs(jobs: int | None, *, force: bool = False) -> int:
    """Worker processes for ``-j``: the usable CPU count by default; more only when *force*d."""
    try:
        cpus = len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if jobs is None:
        return cpus
    if jobs < 1:
        return 1
    return jobs if force else min(jobs, cpus)


def _warm_up(fmt: str, settings: RenderSettings) -> None:
    """Pay imports and built-in data once, before the workers fork, not once per worker."""
    from speechgen.compose import engine as compose
    from speechgen.compose import bank as phrasebank
    from speechgen.proof.rules.norms import builtin_norms
    from speechgen.spec.fields import taxonomy

    phrasebank.builtin_bank()
    compose.environment(())
    builtin_norms()
    taxonomy()
    if fmt in ("docx", "pdf"):
        from speechgen.exporters.docx import writer as docx
        from speechgen.exporters.profiles import load_profile

        if not settings.reference_docx:  # the package skeleton of the profile (or of both defaults)
            for name in [settings.profile] if settings.profile else ["speech", "gbt9704"]:
                docx.warm_skeleton(load_profile(name))


def render_one(item: BatchItem, options: BatchOptions) -> BatchResult:
    """Render one item exactly as ``speechgen render`` would; errors become a failed result."""
    try:
        product = build(item.spec, options.settings, options.fmt)
        write_atomic(item.output, product.data, force=options.force)
        return BatchResult(item.name, item.output, True, chars=product.draft.char_count())
    except SpeechgenError as exc:
        return BatchResult(item.name, item.output, False, error=str(exc))


def render_many(specs: Sequence[str | Path], out_dir: str | Path, *, fmt: str = "docx", workers: int | None = None,
                seed: int | None = None, force: bool = False,
                settings: RenderSettings | None = None) -> list[BatchResult]:
    """Render many spec files into *out_dir* in parallel; one result per spec, failures included."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = settings or RenderSettings(seed=seed)
    return run_batch(plan([Path(s) for s in specs], out, fmt), BatchOptions(fmt=fmt, force=force, settings=settings),
                     workers=workers)
