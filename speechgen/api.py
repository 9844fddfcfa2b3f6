"""The functions ``import speechgen`` exposes.  Heavy modules load lazily."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.core.draft import Draft
from speechgen.exporters import export_bytes, format_for_path
from speechgen.core.files import write_atomic
from speechgen.spec.loader import load_spec, meeting_when, with_regions
from speechgen.spec.placeholders import ensure_filled
from speechgen.errors import InputError
from speechgen.settings import RenderSettings
from speechgen.spec.model import Spec

if TYPE_CHECKING:
    from speechgen.proof.checker import Finding
    from speechgen.mining.miner import MiningResult
    from speechgen.outline.parse import Outline


def load(source: str | Path | Mapping[str, Any]) -> Spec:
    """Load and validate a spec from a path, YAML text or a dict (raises :class:`InputError`)."""
    return load_spec(source)


def render(
    spec: str | Path | Mapping[str, Any] | Spec,
    settings: RenderSettings | None = None,
    *,
    seed: int | None = None,
    variety: str = "normal",
    meeting_type: str | None = None,
    templates: Sequence[str | Path] = (),
    phrases: Sequence[str | Path] = (),
    table: bool = False,
    indicators: str | Path | Sequence[Any] | None = None,
    sheet: str | None = None,
    standard_requirements: bool = False,
) -> Draft:
    """Render a spec into a numbered :class:`Draft` (deterministic for a given seed).

    Pass a :class:`RenderSettings`, or the same options as keywords.  *indicators* replaces the
    spec's indicator table: a list of ``Indicator`` or the path of an .xlsx/.csv table (*sheet*
    names the worksheet).
    """
    spec_obj = spec if isinstance(spec, Spec) else load_spec(spec)
    if settings is None:
        rows = None if indicators is None or isinstance(indicators, (str, Path)) else list(indicators)
        settings = RenderSettings.make(seed=seed, variety=variety, meeting_type=meeting_type,
                                       templates=templates, phrases=phrases, table=table, sheet=sheet,
                                       indicators=indicators if rows is None else None,
                                       standard_requirements=standard_requirements)
        if rows is not None:
            spec_obj = spec_obj.model_copy(update={"indicators": rows})
    if not settings.unfilled_ok:
        ensure_filled(spec_obj)
    return render_draft(_with_table(spec_obj, settings), _options(spec_obj, settings))


def build(spec: str | Path | Mapping[str, Any] | Spec, settings: RenderSettings, fmt: str) -> Product:
    """The whole pipeline of ``render``, ``batch`` and the workbench: load → render → check → bytes.

    Raises :class:`CheckFailed` when ``settings.check`` and the checker finds errors; nothing is
    written here (see :func:`export` / :func:`write_product`).
    """
    spec_obj = spec if isinstance(spec, Spec) else load_spec(spec, allow_outside=settings.allow_outside)
    if not settings.unfilled_ok:
        ensure_filled(spec_obj)
    spec_obj = _with_table(spec_obj, settings)
    draft = render_draft(spec_obj, _options(spec_obj, settings))
    findings: list[Any] = []
    if settings.check:
        from speechgen.proof.checker import ensure_clean

        findings = ensure_clean(draft, spec=spec_obj, placeholders=settings.placeholders)
    data = export_bytes(draft, fmt, **settings.export_options(fmt))
    return Product(spec_obj, draft, data, findings)


@dataclass
class Product:
    """What :func:`build` returns: the spec used, the draft, the file's bytes, checker warnings."""

    spec: Spec
    draft: Draft
    data: bytes
    warnings: list[Any]

    @property
    def notes(self) -> list[str]:
        """What the writer should know that is not a checker finding (the draft's warnings)."""
        return list(self.draft.warnings)


def _with_table(spec: Spec, settings: RenderSettings) -> Spec:
    if settings.indicators is None:
        if settings.sheet:
            raise InputError("--sheet 需要与 --indicators 一起使用")
        return spec
    return replace_indicators(spec, settings.indicators, sheet=settings.sheet)


def _options(spec: Spec, settings: RenderSettings) -> RenderOptions:
    seed = settings.seed if settings.seed is not None else (spec.seed if spec.seed is not None else 0)
    return RenderOptions(seed=seed, variety=settings.variety, meeting_type=settings.meeting_type,
                         template_dirs=list(settings.templates), phrase_files=list(settings.phrases),
                         table=settings.table, standard_requirements=settings.standard_requirements,
                         extra={**settings.extra, "placeholders": settings.placeholders},
                         avoid_texts=tuple(_avoid_texts(spec, settings)))


def _avoid_texts(spec: Spec, settings: RenderSettings) -> list[str]:
    """The text of every earlier speech named by ``--avoid`` or the spec's ``avoid:``."""
    paths = [*settings.avoid, *(Path(a) for a in spec.avoid)]
    if not paths:
        return []
    from speechgen.outline.read import read_text

    return [read_text(p) for p in dict.fromkeys(paths)]


def replace_indicators(spec: Spec, indicators: str | Path | Sequence[Any], *, sheet: str | None = None) -> Spec:
    """A copy of *spec* whose indicator table is *indicators* (rows, or an .xlsx/.csv path)."""
    if isinstance(indicators, (str, Path)):
        from speechgen.spec.tables.rows import read_indicator_file

        workbook = Path(indicators)
        indicators = read_indicator_file(workbook, sheet=sheet, origin="--indicators", when=meeting_when(spec))
        if spec.regions is not None and spec.regions.pending and spec.regions.file is None:
            spec = with_regions(spec, workbook, origin="--indicators regions")  # one workbook, two sheets
    return spec.model_copy(update={"indicators": list(indicators)})


def check_spec(draft: str | Path, spec: str | Path | Spec | None = None, *, indicators: str | Path | None = None,
               sheet: str | None = None) -> Spec | None:
    """The spec a draft file is checked against (``speechgen check``): *spec* with its indicator table
    replaced by the *indicators* workbook exactly as ``render`` does; with a table and no spec, the
    meeting read from the draft itself (its title, period, year) and the table."""
    if indicators is None:
        if sheet:
            raise InputError("--sheet 需要与 --indicators 一起使用")
        return spec if spec is None or isinstance(spec, Spec) else load_spec(Path(spec))
    base = spec if isinstance(spec, Spec) else load_spec(Path(spec)) if spec is not None else _meeting_of(Path(draft))
    return replace_indicators(base, Path(indicators), sheet=sheet)


def _meeting_of(draft: Path) -> Spec:
    """A spec holding only the meeting facts the draft states (what the checker needs for dates,
    periods and time progress), never its text: its numbers are what is being checked."""
    from pydantic import ValidationError

    meeting = dict(outline_spec(draft).get("meeting") or {})
    keep = {k: meeting[k] for k in ("type", "title", "period", "year", "date", "region", "superior") if meeting.get(k)}
    fallback = {"type": "quarterly_analysis", "title": draft.stem, "period": "year", "year": 2000}
    for attempt in ({**fallback, **keep}, fallback):
        try:
            return Spec.model_validate({"meeting": attempt})
        except ValidationError:
            continue
    raise InputError(f"{draft}：无法从稿件读出会议信息，请用 --spec 给出 spec")  # pragma: no cover - fallback validates


def export(draft: Draft, path: str | Path | None = None, *, fmt: str | None = None,
           force: bool = False, **options: Any) -> bytes:
    """Serialise *draft* (``docx``/``md``/``txt``/``json``, default from the path's suffix).

    With *path*, the file is written atomically and never overwritten unless *force*.
    Returns the bytes either way.
    """
    if fmt is None:
        fmt = format_for_path(str(path)) if path is not None else "md"
    data = export_bytes(draft, fmt, **options)
    if path is not None:
        write_atomic(Path(path), data, force=force)
    return data


def outline_speech(source: str | Path) -> "Outline":
    """Outline an existing speech (.txt/.md/.docx path): title, opening/closing, headings with roles.

    ``outline_speech(path).to_dict()`` is the ``speechgen outline --json`` shape; ``.draft`` is a Draft.
    """
    from speechgen.outline.parse import outline_file

    return outline_file(source)


def outline_spec(source: str | Path) -> dict[str, Any]:
    """A spec skeleton (dict in the input format) read from an existing speech."""
    from speechgen.outline.parse import outline_file
    from speechgen.outline.to_spec import spec_dict

    return spec_dict(outline_file(source))


def proofread(draft_or_path: Draft | str | Path, *, spec: Spec | str | Path | Mapping[str, Any] | None = None,
          rules: str | Path | None = None) -> list["Finding"]:
    """Proofread a Draft or a .txt/.md/.docx file; findings are values (rule, severity, line, text, message)."""
    from speechgen.proof.checker import check_draft, check_file

    if isinstance(draft_or_path, Draft):
        return check_draft(draft_or_path, spec=spec, rules=rules)
    return check_file(draft_or_path, spec=spec, rules_file=rules)


def mine_phrases(corpus: str | Path | Sequence[str | Path], *, min_freq: int = 2, min_docs: int = 2,
         progress: Callable[[int, int], None] | None = None) -> "MiningResult":
    """Mine past speeches (files or folders) for the office's formulaic expressions (loads jieba).

    ``speechgen.mining.bank_yaml(result)`` gives a phrase bank usable with ``render(phrases=...)``.
    """
    from speechgen.mining.miner import mine as _mine

    paths = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    return _mine(paths, min_freq=min_freq, min_docs=min_docs, progress=progress)


def redline_files(old: str | Path, new: str | Path, *, author: str = "speechgen") -> tuple[bytes, int]:
    """Tracked changes turning the .docx *old* into *new* (.docx/.txt/.md): (the file's bytes, revisions added).

    The changes are dated with the new version's modification time (its core properties, or the file's).
    """
    import datetime as dt

    from speechgen.core.files import check_docx_zip, stat_input
    from speechgen.exporters.docx.redline import modified_date, redline, revision_count

    old, new = Path(old), Path(new)
    if old.suffix.lower() != ".docx":
        raise InputError(f"{old}：底稿（旧稿）须为 .docx 文件，修订写在其中")
    for path in (old, new):
        stat_input(path, max_bytes=50 * 1024 * 1024)
    check_docx_zip(old)
    base = old.read_bytes()
    if new.suffix.lower() == ".docx":
        check_docx_zip(new)
        target: Any = new.read_bytes()
        date = modified_date(target)
    else:
        from speechgen.outline.read import read_lines

        target = [ln.text for ln in read_lines(new, markdown=True)]
        date = None
    if date is None:
        stamp = dt.datetime.fromtimestamp(new.stat().st_mtime, tz=dt.timezone.utc).replace(microsecond=0)
        date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    data = redline(base, target, author=author, date=date, source=str(old))
    return data, revision_count(data) - revision_count(base)


# Module names (check, outline, batch, mining, exporters) are taken by subpackages, so the verbs differ.
__all__ = ["load", "render", "export", "replace_indicators", "check_spec", "outline_speech", "outline_spec", "proofread",
           "mine_phrases", "build", "Product", "RenderSettings"]
