"""Fixtures of the workbench tests (skipped as a whole without the ``web`` extra)."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install '.[web]'")

from webclient import SAMPLES, Browser, make_client  # noqa: E402


@pytest.fixture
def browser() -> Browser:
    return Browser(make_client())


@pytest.fixture
def workspace_browser(tmp_path: Path) -> Browser:
    ws = tmp_path / "ws"
    ws.mkdir()
    b = Browser(make_client(workspace=ws))
    b.root = ws  # type: ignore[attr-defined]
    return b


@pytest.fixture
def q1_yaml() -> str:
    return (SAMPLES / "city_q1.yaml").read_text(encoding="utf-8")
