"""What the workbench does, without HTTP: spec from the form or the YAML tab, preview, downloads.

Handlers in :mod:`.app` parse requests and call these functions; tests and the benchmark call
them directly.  Every failure is a :class:`~speechgen.errors.SpeechgenError` with the Chinese
message the CLI would print.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from speechgen import api
from speechgen.errors import CheckFailed, ExportError, InputError
from speechgen.settings import VARIETIES, RenderSettings

from speechgen.spec.loader import load_spec_text, validate
from speechgen.spec.model import CHINESE_KEYS, Spec
from speechgen.core.yamlsrc import load_yaml
from speechgen.web import dropped
from speechgen.web.preview import draft_html, place
from speechgen.web.specform import path_label
from speechgen.web.workspace import resolve_inside, safe_name
from speechgen.web.yamlio import expand_yaml_boxes, spec_yaml, strip_empty

PROFILES = ("speech", "gbt9704", "podium")
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "md": "text/markdown; charset=utf-8", "txt": "text/plain; charset=utf-8",
           "yaml": "application/x-yaml; charset=utf-8", "json": "application/json; charset=utf-8"}
FORM_NAME = "表单"
YAML_NAME = "YAML"
FILE_KEYS = ("file", *CHINESE_KEYS.get("file", ()))
_PATH_IN_MESSAGE = re.compile(r"^(?:\S+)(?: 第\d+行)? ([A-Za-z_][\w.\[\]]*)：")


@dataclass
class Settings:
    """Server-side settings the requests cannot change."""

    workspace: Path | None = None
    templates: Sequence[Path] = ()
    phrases: Sequence[Path] = ()
    max_upload: int = 10 * 1024 * 1024  # bytes, per uploaded file


@dataclass
class Options:
    """What the writer chose above the preview."""

    seed: int = 0
    variety: str = "normal"
    profile: str = ""
    table: bool = False

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> "Options":
        try:
            seed = int(raw.get("seed") or 0)
        except (TypeError, ValueError):
            raise InputError(f"种子应为整数，收到 {raw.get('seed')!r}") from None
        variety = str(raw.get("variety") or "normal")
        if variety not in VARIETIES:
            raise InputError(f"措辞变化程度应为 {'、'.join(VARIETIES)} 之一，收到 {variety!r}")
        profile = str(raw.get("profile") or "")
        if profile and profile not in PROFILES:
            raise InputError(f"未知的版式 {profile!r}：可选 {'、'.join(PROFILES)}")
        return cls(seed=max(0, min(seed, 2**31 - 1)), variety=variety, profile=profile,
                   table=raw.get("table") in (True, "1", "true", "on"))


@dataclass
class Preview:
    spec: Spec
    draft: Any
    findings: list[Any]
    warnings: list[str] = field(default_factory=list)
    ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        placed = place(self.findings, self.draft)
        return {"ok": True, "html": str(draft_html(self.draft, placed)), "findings": [p.to_dict() for p in placed],
                "warnings": self.warnings, "chars": self.draft.char_count(), "title": self.draft.title,
                "errors": [], "ms": round(self.ms, 1)}


# ------------------------------------------------------------------ spec from a request

def spec_from_payload(payload: Mapping[str, Any], settings: Settings) -> Spec:
    """``{"yaml": text}`` or ``{"spec": data}`` → a validated spec (file references confined)."""
    if isinstance(payload.get("yaml"), str):
        return spec_from_yaml(payload["yaml"], settings)
    data = payload.get("spec")
    if not isinstance(data, dict):
        raise InputError("请求中没有讲话稿的设置（spec）")
    return spec_from_data(data, settings)


def spec_from_yaml(text: str, settings: Settings) -> Spec:
    if len(text.strip()) == 0:
        raise InputError(f"{YAML_NAME}：内容为空，请填写或粘贴 spec")
    if any(key in text for key in FILE_KEYS):  # only then can the spec name a server file
        data, _ = load_yaml(text, YAML_NAME)
        if isinstance(data, dict):
            confine_files(data, settings)
    return load_spec_text(text, name=YAML_NAME, base_dir=settings.workspace or Path.cwd())


def spec_from_data(data: dict[str, Any], settings: Settings) -> Spec:
    data = strip_empty(expand_yaml_boxes(data))
    data = confine_files(data, settings)
    try:
        return validate(data, name=FORM_NAME, lines={}, base_dir=settings.workspace or Path.cwd())
    except InputError as exc:
        raise in_words(exc) from None


def in_words(exc: InputError) -> InputError:
    """The form's errors with the fields named as the form names them: '表单 会议 标题（meeting.title）：…'."""
    fields = field_errors(exc)
    problems = []
    for problem in exc.problems:
        m = _PATH_IN_MESSAGE.match(problem)
        if m and problem.startswith(FORM_NAME):
            problem = f"{FORM_NAME} {path_label(m.group(1))}（{m.group(1)}）：{problem[m.end():]}"
        problems.append(problem)
    out = InputError("\n".join(problems), problems=problems)
    out.fields = fields  # type: ignore[attr-defined]
    return out


def confine_files(data: Any, settings: Settings, where: str = "") -> Any:
    """Every ``file:`` value in the spec must name a file inside the workspace."""
    if isinstance(data, dict):
        for key in list(data):
            here = f"{where}.{key}" if where else str(key)
            if key in FILE_KEYS and isinstance(data[key], str):
                data[key] = str(_confined(data[key], settings, here))
            else:
                confine_files(data[key], settings, here)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            confine_files(item, settings, f"{where}[{i}]")
    return data


def _confined(name: str, settings: Settings, where: str) -> Path:
    if settings.workspace is None:
        raise InputError(f"{where}：网页版不读取服务器上的文件（{name}），请在“指标表”页上传表格")
    return resolve_inside(settings.workspace, name, where=where)


def field_errors(exc: InputError) -> dict[str, str]:
    """Field path (``indicators[2].growth``) → message, for marking the form's inputs."""
    if hasattr(exc, "fields"):
        return dict(exc.fields)
    out: dict[str, str] = {}
    for problem in exc.problems:
        m = _PATH_IN_MESSAGE.match(problem)
        if m:
            out.setdefault(m.group(1), problem[m.end():])
    return out


# ------------------------------------------------------------------ preview and downloads

def render_settings(options: Options, settings: Settings, *, check: bool = True) -> RenderSettings:
    """The library's settings for this request (server options plus the writer's choices)."""
    # a half-filled form still previews (its 【待填】 marked in red by the checker); a download of it
    # fails the check unless the writer confirms
    return RenderSettings.make(seed=options.seed, variety=options.variety, templates=settings.templates,
                               phrases=settings.phrases, table=options.table, profile=options.profile or None,
                               check=check, unfilled_ok=True)


def preview(payload: Mapping[str, Any], settings: Settings) -> Preview:
    start = time.perf_counter()
    options = Options.parse(payload.get("options") or {})
    spec = spec_from_payload(payload, settings)
    draft = api.render(spec, render_settings(options, settings))
    findings = api.proofread(draft, spec=spec)
    warnings = dropped.collect(spec, draft)
    return Preview(spec, draft, findings, warnings, (time.perf_counter() - start) * 1000)


def download(payload: Mapping[str, Any], fmt: str, settings: Settings, *, ignore_check: bool = False
             ) -> tuple[bytes, str]:
    """The bytes of one download and its file name (from the meeting title)."""
    if fmt not in FORMATS:
        raise ExportError(f"不支持的下载格式 {fmt!r}，可选：{'、'.join(FORMATS)}")
    options = Options.parse(payload.get("options") or {})
    spec = spec_from_payload(payload, settings)
    name = file_stem(spec)
    if fmt == "yaml":
        return spec_yaml(spec).encode("utf-8"), f"{name}.yaml"
    try:
        product = api.build(spec, render_settings(options, settings, check=not ignore_check), fmt)
    except CheckFailed as exc:
        errors = getattr(exc, "findings", [])
        listing = "\n".join(f"  {f}" for f in errors[:10])
        raise CheckFailed(f"初稿未通过自动检查（{len(errors)} 处错误，见预览中标红的段落），未生成文件：\n{listing}") from None
    return product.data, f"{name}.{fmt}"


def file_stem(spec: Spec) -> str:
    """A file name from the meeting title: '2025年全市一季度经济运行分析会讲话'."""
    title = spec.meeting.title.strip() or "讲话稿"
    stem = title if title.startswith(str(spec.meeting.year)) else f"{spec.meeting.year}年{title}"
    suffix = "" if spec.meeting.type.value in ("work_report", "statement") else "讲话稿"
    return safe_name(stem + suffix, default="讲话稿")
