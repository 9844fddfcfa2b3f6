"""The Starlette application: pages, the JSON endpoints of the page's script, downloads.

Handlers are thin: they read the request, call :mod:`.service` (in a worker thread: rendering is
CPU work) and turn :class:`~speechgen.errors.SpeechgenError` into the same Chinese message the
CLI prints.  Anything unexpected becomes a Chinese "internal error" page, never a traceback.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import speechgen
from speechgen.errors import CheckFailed, InputError, SpeechgenError

from speechgen.web import forms, service
from speechgen.web.specform import note_lines
from speechgen.web.config import ENV_CONFIG, ServerConfig
from speechgen.web.security import CSRF_COOKIE, Guard
from speechgen.web.workspace import Exists, Workspace
from speechgen.web.yamlio import dump_yaml

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
JSON_LIMIT = 4 * 1024 * 1024


def create_app(config: ServerConfig | None = None) -> Any:
    """The ASGI application (wrapped in the security guard)."""
    config = config or ServerConfig()
    workspace = Workspace(config.settings.workspace) if config.settings.workspace else None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["yaml"] = dump_yaml
    env.filters["note_lines"] = note_lines
    pages = Pages(env, config.settings, workspace)
    routes = [
        Route("/", pages.index, methods=["GET"]),
        Route("/files/{name:str}", pages.workspace_file, methods=["GET"]),
        Route("/api/preview", pages.api(pages.preview), methods=["POST"]),
        Route("/api/yaml", pages.api(pages.to_yaml), methods=["POST"]),
        Route("/api/form", pages.api(pages.to_form), methods=["POST"]),
        Route("/api/table", pages.api(pages.table), methods=["POST"]),
        Route("/api/outline", pages.api(pages.outline), methods=["POST"]),
        Route("/api/download", pages.download, methods=["POST"]),
        Route("/api/save", pages.api(pages.save), methods=["POST"]),
        Route("/api/workspace", pages.api(pages.listing), methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers: dict[Any, Callable[..., Awaitable[Response]]] = {
        HTTPException: pages.http_error, Exception: pages.internal_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    return Guard(app, config.guard, pages.refuse)


def from_environment() -> Any:
    """The application of one worker process: its configuration comes from the parent (see ``to_json``)."""
    return create_app(ServerConfig.from_json(os.environ[ENV_CONFIG]))


class Pages:
    def __init__(self, env: jinja2.Environment, settings: service.Settings, workspace: Workspace | None) -> None:
        self.env = env
        self.settings = settings
        self.workspace = workspace
        self.previews = RecentPreviews()

    # ------------------------------------------------------------------ pages
    async def index(self, request: Request) -> Response:
        csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        opened = request.query_params.get("open", "")
        spec_text, notice = "", ""
        if opened:
            spec_text, notice = await run_in_threadpool(self._open, opened)
        context = await run_in_threadpool(forms.page_context, spec_text, self.settings)
        html = self.env.get_template("index.html").render(
            csrf=csrf, notice=notice, opened=opened if spec_text else "", version=speechgen.__version__,
            workspace=self._entries(), has_workspace=self.workspace is not None, **context)
        response = HTMLResponse(html, headers={"Cache-Control": "no-store"})
        response.set_cookie(CSRF_COOKIE, csrf, httponly=False, samesite="strict", path="/")
        return response

    def _open(self, name: str) -> tuple[str, str]:
        if self.workspace is None:
            return "", "没有设置工作区（--workspace），无法打开已保存的文件。"
        try:
            data = self.workspace.read(name, suffixes=(".yaml", ".yml"))
            return data.decode("utf-8-sig"), f"已打开工作区中的 {name}"
        except (SpeechgenError, UnicodeDecodeError) as exc:
            return "", f"无法打开 {name}：{exc}"

    def _entries(self) -> list[Any]:
        return self.workspace.entries() if self.workspace else []

    async def workspace_file(self, request: Request) -> Response:
        if self.workspace is None:
            raise HTTPException(404, "没有设置工作区（--workspace）。")
        name = request.path_params["name"]
        try:
            data = await run_in_threadpool(self.workspace.read, name)
        except SpeechgenError as exc:
            raise HTTPException(404, str(exc)) from None
        return attachment(data, name)

    # ------------------------------------------------------------------ JSON endpoints
    def api(self, handler: Callable[[Request], Awaitable[dict[str, Any]]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return JSONResponse(await handler(request), headers={"Cache-Control": "no-store"})
            except SpeechgenError as exc:
                return error_json(exc)

        return endpoint

    async def preview(self, request: Request) -> dict[str, Any]:
        body = await request.body()
        cached = self.previews.get(body)
        if cached is not None:  # the same request again (a blur after typing, a tab switch)
            return cached
        payload = await read_json(request)
        result = (await run_in_threadpool(service.preview, payload, self.settings)).to_dict()
        if not any(key.encode() in body for key in service.FILE_KEYS):  # a workspace file may change
            self.previews.put(body, result)
        return result

    async def to_yaml(self, request: Request) -> dict[str, Any]:
        payload = await read_json(request)
        return await run_in_threadpool(forms.to_yaml, payload, self.settings)

    async def to_form(self, request: Request) -> dict[str, Any]:
        payload = await read_json(request)
        return await run_in_threadpool(forms.to_form, payload, self.settings, self.env)

    async def table(self, request: Request) -> dict[str, Any]:
        form, filename, data = await read_upload(request, "请选择要上传的指标表（.xlsx 或 .csv）")
        mapping = _mapping(str(form.get("mapping") or "{}"))
        return await run_in_threadpool(forms.inspect_table, filename, data, str(form.get("sheet") or ""), mapping,
                                       self.settings, self.env)

    async def outline(self, request: Request) -> dict[str, Any]:
        _, filename, data = await read_upload(request, "请选择去年的讲话稿（.docx、.txt、.md 或 .pdf）")
        return await run_in_threadpool(forms.from_speech, filename, data, self.settings, self.env)

    async def save(self, request: Request) -> dict[str, Any]:
        if self.workspace is None:
            raise InputError("没有设置工作区：启动时加 --workspace 目录，才能在服务器上保存文件。")
        payload = await read_json(request)
        name = await run_in_threadpool(forms.save, payload, self.settings, self.workspace)
        return {"ok": True, "saved": name, "workspace": [e.__dict__ for e in self._entries()]}

    async def listing(self, request: Request) -> dict[str, Any]:
        return {"ok": True, "workspace": [e.__dict__ for e in self._entries()]}

    async def download(self, request: Request) -> Response:
        payload = await read_json(request)
        fmt = str(payload.get("format") or "docx")
        try:
            data, name = await run_in_threadpool(service.download, payload, fmt, self.settings,
                                                 ignore_check=bool(payload.get("ignore_check")))
        except SpeechgenError as exc:
            return error_json(exc)
        return attachment(data, name)

    # ------------------------------------------------------------------ errors
    async def refuse(self, scope: dict[str, Any], status: int, message: str) -> Response:
        return self.error_response(scope.get("path", ""), _accepts_json(scope), status, message)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "")
        message = {404: "页面不存在。", 405: "不支持这种请求方式。"}.get(status, "") if not _chinese(detail) else detail
        return self.error_response(request.url.path, _accepts_json(request.scope), status, message or "请求无法处理。")

    async def internal_error(self, request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return self.error_response(request.url.path, _accepts_json(request.scope), 500,
                                   f"内部错误（{type(exc).__name__}），请把操作步骤告诉管理员。")

    def error_response(self, path: str, as_json: bool, status: int, message: str) -> Response:
        if as_json or path.startswith("/api/"):
            return JSONResponse({"ok": False, "errors": [message]}, status_code=status)
        html = self.env.get_template("error.html").render(status=status, message=message)
        return HTMLResponse(html, status_code=status)


def error_json(exc: SpeechgenError) -> Response:
    """The Chinese message(s) of a library error for the page's script (fields to mark, flags to act on)."""
    if isinstance(exc, Exists):
        return JSONResponse({"ok": False, "exists": True, "errors": [str(exc)]}, status_code=409)
    if isinstance(exc, CheckFailed):
        return JSONResponse({"ok": False, "check_failed": True, "errors": [str(exc)]}, status_code=422)
    if isinstance(exc, InputError):
        return JSONResponse({"ok": False, "errors": exc.problems, "fields": service.field_errors(exc)},
                            status_code=422)
    return JSONResponse({"ok": False, "errors": [str(exc)]}, status_code=422)


class RecentPreviews:
    """The last few preview answers by request body (the same body always gives the same answer)."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self.items: OrderedDict[bytes, dict[str, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: bytes) -> dict[str, Any] | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: bytes, value: dict[str, Any]) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)


async def read_json(request: Request) -> dict[str, Any]:
    body = await request.body()
    if len(body) > JSON_LIMIT:
        raise InputError(f"请求内容过大（超过 {JSON_LIMIT // 1024 // 1024} MB）")
    try:
        data = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("请求内容不是有效的 JSON") from None
    if not isinstance(data, dict):
        raise InputError("请求内容应为 JSON 对象")
    return data


async def read_upload(request: Request, missing: str) -> tuple[Any, str, bytes]:
    """The multipart form, the uploaded file's name and bytes (InputError *missing* without a file)."""
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise InputError(missing)
    return form, upload.filename or "", await upload.read()


def _mapping(text: str) -> dict[int, str]:
    try:
        raw = json.loads(text)
        return {int(k): str(v) for k, v in dict(raw).items()}
    except (ValueError, TypeError):
        raise InputError("表头对应关系（mapping）格式不对") from None


def attachment(data: bytes, name: str) -> Response:
    media = service.FORMATS.get(Path(name).suffix.lstrip(".").lower(), "application/octet-stream")
    if name.lower().endswith(".xlsx"):
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ascii_name = "speechgen" + Path(name).suffix
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def _accepts_json(scope: dict[str, Any]) -> bool:
    for key, value in scope.get("headers", []):
        if key == b"accept" and b"application/json" in value:
            return True
    return False


def _chinese(text: Any) -> bool:
    return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)
