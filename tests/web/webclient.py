"""The workbench's test client: an app behind its security guard and a client that passes it."""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")  # starlette 1.x prefers httpx2 for its test client
    from starlette.testclient import TestClient

from speechgen.web.app import ServerConfig, create_app
from speechgen.web.security import CSRF_COOKIE, GuardConfig
from speechgen.web.service import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def make_client(*, workspace: Path | None = None, token: str | None = None, bind: str = "127.0.0.1",
                max_body: int = 12 * 1024 * 1024, max_upload: int = 10 * 1024 * 1024,
                templates: list[Path] = ()) -> TestClient:
    guard = GuardConfig(bind=bind, token=token, allowed_hosts=("testserver",), max_body=max_body)
    app = create_app(ServerConfig(guard=guard, settings=Settings(workspace=workspace, max_upload=max_upload, templates=tuple(templates))))
    return TestClient(app, raise_server_exceptions=False)


class Browser:
    """A client that opened the page (so it holds the CSRF cookie) and sends the header like the page."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        page = client.get("/")
        assert page.status_code == 200, page.text
        self.csrf = client.cookies.get(CSRF_COOKIE)
        self.headers = {"X-CSRF-Token": self.csrf, "Origin": "http://testserver"}

    def post(self, url: str, **kw: Any) -> Any:
        return self.client.post(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)
