"""The guard in front of every request (a plain ASGI middleware).

* **Host**: bound to loopback, only ``localhost``/``127.0.0.1``/``[::1]`` are accepted (a DNS
  rebinding page cannot reach the server under its own name); bound elsewhere, IP literals, this
  machine's names and ``--allow-host`` names.
* **Token**: any bind other than loopback requires the access token (``?token=`` once, which sets
  an HttpOnly SameSite=Strict cookie, or ``Authorization: Bearer``).
* **Origin**: a POST whose ``Origin`` (or, without it, ``Referer``) is another site is refused.
* **CSRF**: every POST carries ``X-CSRF-Token`` equal to the page's ``sg_csrf`` cookie
  (double submit; the cookie is SameSite=Strict, so another site can neither send nor read it).
* **Size**: a body over the limit is refused before it is read (Content-Length) or while it is
  read (chunked uploads).
Every refusal is a Chinese page (or JSON for the page's script), never a traceback.
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse

Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]

TOKEN_COOKIE = "sg_token"
CSRF_COOKIE = "sg_csrf"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class GuardConfig:
    bind: str = "127.0.0.1"
    token: str | None = None  # required unless bound to loopback
    allowed_hosts: tuple[str, ...] = ()  # extra names accepted in Host (besides IP literals)
    max_body: int = 12 * 1024 * 1024
    machine_names: tuple[str, ...] = field(default_factory=lambda: _machine_names())

    @property
    def loopback(self) -> bool:
        return is_loopback(self.bind)

    def host_allowed(self, host: str) -> bool:
        name = _host_name(host)
        if not name:
            return False
        if name.lower() in {h.lower() for h in self.allowed_hosts}:
            return True
        if self.loopback:
            return name in LOOPBACK_NAMES or _is_ip(name) and is_loopback(name)
        return _is_ip(name) or name in LOOPBACK_NAMES or name.lower() in self.machine_names


def _machine_names() -> tuple[str, ...]:
    try:
        names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    except OSError:  # pragma: no cover
        names = set()
    return tuple(sorted(n for n in names if n))


def _host_name(host: str) -> str:
    """'example:8000' → 'example'; '[::1]:8000' → '::1'."""
    host = host.strip()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class TooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"上传的内容过大，上限为 {limit // 1024 // 1024} MB。请压缩或拆分文件后再试。")


class Guard:
    def __init__(self, app: ASGIApp, config: GuardConfig,
                 refuse: Callable[[Scope, int, str], Awaitable[Any]]) -> None:
        self.app = app
        self.config = config
        self.refuse = refuse  # builds the Chinese error response (HTML or JSON) for a scope

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        problem = self._check(scope, headers)
        if problem is not None:
            status, message = problem
            response = await self.refuse(scope, status, message)
            await response(scope, receive, send)
            return
        login = self._token_from_query(scope)
        if login:
            await login(scope, receive, send)
            return
        await self.app(scope, self._limited(receive), _secure_headers(send))

    def _check(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if not self.config.host_allowed(host):
            return 400, (f"不接受主机名 “{host or '（空）'}” 的请求。请用启动时显示的地址访问；"
                         "如需用其他名称访问，启动时加 --allow-host 该名称。")
        if self.config.token and not self._has_token(scope, headers):
            return 403, "需要访问令牌：请使用启动服务时显示的完整地址（带 ?token=…）打开页面。"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.config.max_body:
            return 413, TooLarge(self.config.max_body).detail
        if scope["method"] in UNSAFE:
            return self._check_post(headers)
        return None

    def _check_post(self, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        origin = headers.get("origin")
        if origin is None and headers.get("referer"):
            parts = urlsplit(headers["referer"])
            origin = f"{parts.scheme}://{parts.netloc}"
        if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
            return 403, f"拒绝来自其他网站（{origin}）的请求。"
        cookie = _cookies(headers).get(CSRF_COOKIE, "")
        sent = headers.get(CSRF_HEADER, "")
        if not cookie or not sent or not hmac.compare_digest(cookie, sent):
            return 403, "安全校验失败（缺少或错误的 CSRF 令牌）：页面可能已过期，请刷新页面后重试。"
        return None

    def _has_token(self, scope: Scope, headers: dict[str, str]) -> bool:
        token = self.config.token or ""
        auth = headers.get("authorization", "")
        sent = _cookies(headers).get(TOKEN_COOKIE) or (auth[7:] if auth.lower().startswith("bearer ") else "")
        if not sent and scope["method"] == "GET":
            sent = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
        return bool(sent) and hmac.compare_digest(sent.encode(), token.encode())

    def _token_from_query(self, scope: Scope) -> Any:
        """``GET /?token=…`` with the right token: set the cookie and drop the token from the address."""
        if not self.config.token or scope["method"] != "GET":
            return None
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if "token" not in query:
            return None
        rest = urlencode({k: v for k, v in query.items() if k != "token"}, doseq=True)
        response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
        response.set_cookie(TOKEN_COOKIE, self.config.token, httponly=True, samesite="strict", path="/")
        return response

    def _limited(self, receive: Any) -> Any:
        limit = self.config.max_body
        seen = 0

        async def limited() -> dict:
            nonlocal seen
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(limit)
            return message

        return limited


def _secure_headers(send: Any) -> Any:
    async def wrapped(message: dict) -> None:
        if message.get("type") == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            for key, value in (("content-security-policy", CSP), ("x-content-type-options", "nosniff"),
                               ("referrer-policy", "same-origin"), ("x-frame-options", "DENY")):
                if key.encode() not in names:
                    headers.append((key.encode(), value.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no cookie
        return {}
    return {k: m.value for k, m in jar.items()}
