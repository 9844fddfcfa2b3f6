"""Form ⇄ YAML ⇄ spec conversions behind the page's tabs, the table upload and "从旧讲话开始".

The form is rendered from the model's widgets (:mod:`.specform`) with the spec's values.  A spec
that does not validate yet (the writer is still typing) is shown as it stands, with the errors.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

import jinja2

from speechgen import api
from speechgen.errors import InputError, SpeechgenError

from speechgen.web import service, specform, uploads
from speechgen.web.service import Settings
from speechgen.web.tables import inspect
from speechgen.web.workspace import Workspace, check_name
from speechgen.web.yamlio import dump_yaml, expand_yaml_boxes, spec_yaml, strip_empty



def blank_spec() -> dict[str, Any]:
    """A new draft: only the meeting's frame is set, nothing that the writer did not supply."""
    return {"meeting": {"type": "quarterly_analysis", "title": "", "period": "一季度", "year": _dt.date.today().year,
                        "region": "全市", "superior": "全省"}}


def page_context(spec_text: str, settings: Settings) -> dict[str, Any]:
    """What the main page needs: the form's widgets and values, the YAML text."""
    values, yaml_text, errors = blank_spec(), "", []
    if spec_text:
        try:
            spec = service.spec_from_yaml(spec_text, settings)
            values, yaml_text = specform.form_values(spec), spec_yaml(spec)
        except InputError as exc:
            errors, yaml_text = exc.problems, spec_text
    return {"widgets": specform.spec_widgets(), "values": values, "yaml_text": yaml_text or dump_yaml(values),
            "load_errors": errors, "profiles": service.PROFILES, "varieties": service.VARIETIES}


def to_yaml(payload: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """The form's data → YAML text (canonical when it validates, as typed otherwise)."""
    data = payload.get("spec")
    if not isinstance(data, dict):
        raise InputError("请求中没有讲话稿的设置（spec）")
    try:
        spec = service.spec_from_data(dict(data), settings)
        return {"ok": True, "yaml": spec_yaml(spec), "errors": []}
    except InputError as exc:
        raw = strip_empty(_expand_quietly(data))
        return {"ok": False, "yaml": dump_yaml(raw), "errors": exc.problems, "fields": service.field_errors(exc)}


def _expand_quietly(data: Any) -> Any:
    try:
        return expand_yaml_boxes(data)
    except InputError:
        return data


def to_form(payload: Mapping[str, Any], settings: Settings, env: jinja2.Environment) -> dict[str, Any]:
    """``{"yaml": text}`` or ``{"spec": data}`` → the form's HTML (and the canonical YAML)."""
    if isinstance(payload.get("yaml"), str):
        spec = service.spec_from_yaml(payload["yaml"], settings)  # errors go back to the YAML tab
        values = specform.form_values(spec)
    else:
        data = payload.get("spec")
        if not isinstance(data, dict):
            raise InputError("请求中没有讲话稿的设置（spec）")
        try:
            spec = service.spec_from_data(dict(data), settings)
            values = specform.form_values(spec)
        except InputError:
            spec, values = None, strip_empty(_expand_quietly(data))
    return {"ok": True, "html": render_form(env, values), "yaml": spec_yaml(spec) if spec else dump_yaml(values)}


def render_form(env: jinja2.Environment, values: dict[str, Any]) -> str:
    return env.get_template("_form.html").render(widgets=specform.spec_widgets(), values=values)


def inspect_table(filename: str, data: bytes, sheet: str, mapping: dict[int, str], settings: Settings,
                  env: jinja2.Environment) -> dict[str, Any]:
    name = uploads.check_upload(filename, data, uploads.TABLE_TYPES, limit=settings.max_upload)
    with uploads.temporary_copy(name, data) as path:
        try:
            result = inspect(path, sheet=sheet or None, mapping=mapping)
        except InputError as exc:
            problems = [uploads.hide_folder(p, path) for p in exc.problems]
            raise InputError("\n".join(problems), problems=problems) from None
    html = env.get_template("_table.html").render(t=result)
    return {"ok": True, "html": html, **result.to_dict()}


def from_speech(filename: str, data: bytes, settings: Settings, env: jinja2.Environment) -> dict[str, Any]:
    """"从旧讲话开始": last year's speech → a spec skeleton shown in the form for review."""
    name = uploads.check_upload(filename, data, uploads.SPEECH_TYPES, limit=settings.max_upload)
    with uploads.temporary_copy(name, data) as path:
        try:
            skeleton = api.outline_spec(path)
        except SpeechgenError as exc:
            raise type(exc)(uploads.hide_folder(str(exc), path)) from None
    skeleton = strip_empty(skeleton)
    try:
        spec = service.spec_from_data(dict(skeleton), settings)
        values, text, errors = specform.form_values(spec), spec_yaml(spec), []
    except InputError as exc:
        values, text, errors = skeleton, dump_yaml(skeleton), exc.problems
    return {"ok": True, "html": render_form(env, values), "yaml": text, "errors": errors,
            "notice": f"已从 {name} 提取会议信息、成绩、问题、任务和要求，请逐项核对并更新为今年的内容。"}


def save(payload: Mapping[str, Any], settings: Settings, workspace: Workspace) -> str:
    """Save the spec (.yaml) or the draft (.docx/.md/.txt) under the writer's name."""
    name = check_name(str(payload.get("name") or "").strip(), suffixes=(".yaml", ".docx", ".md", ".txt"))
    fmt = name.rsplit(".", 1)[-1].lower()
    data, _ = service.download(payload, fmt, settings, ignore_check=bool(payload.get("ignore_check")))
    workspace.save(name, data, overwrite=bool(payload.get("overwrite")))
    return name
