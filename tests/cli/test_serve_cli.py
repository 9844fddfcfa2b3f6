"""`speechgen serve`: starts the workbench; the CLI and library work without the web extra."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from speechgen.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_cli_does_not_import_the_web_stack():
    code = ("import sys, speechgen, speechgen.cli; from speechgen.cli import main; "
            "bad = [m for m in ('starlette', 'uvicorn', 'speechgen.web', 'multipart') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_serve_without_the_web_extra(runner, monkeypatch):
    for name in ("starlette", "uvicorn"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as if not installed
    for name in [m for m in sys.modules if m.startswith("speechgen.web")]:
        monkeypatch.delitem(sys.modules, name)
    result = runner.invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert 'pip install "speechgen[web]"' in result.output and "Traceback" not in result.output


def test_other_commands_work_without_the_web_extra(runner, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "starlette", None)
    out = tmp_path / "x.md"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# ")


def test_serve_help_is_chinese(runner):
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--workspace" in result.output and "访问令牌" in result.output


def test_serve_refuses_a_missing_workspace(runner, tmp_path):
    pytest.importorskip("uvicorn")
    result = runner.invoke(main, ["serve", "--workspace", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "工作区目录不存在" in result.output


def test_serve_off_loopback_prints_a_token_and_requires_it(tmp_path):
    """Two worker processes, as an office server runs: both enforce the token."""
    pytest.importorskip("uvicorn")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "speechgen", "serve", "--host", "0.0.0.0", "--port", "0",
                             "--workspace", str(tmp_path), "--workers", "2"], stderr=subprocess.PIPE, text=True,
                            env=env)
    try:
        line = proc.stderr.readline()
        match = re.search(r"http://\S+:(\d+)/\?token=(\S+)", line)
        assert match, line
        port, token = match.groups()
        base = f"http://127.0.0.1:{port}/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(base)
        assert refused.value.code == 403 and "需要访问令牌" in refused.value.read().decode("utf-8")
        assert "speechgen 写作台" in _get(f"{base}?token={token}")
        for _ in range(4):  # whichever worker answers, the cookie opens the page
            assert "speechgen 写作台" in _get(base)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


_OPENER = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())  # keeps the token cookie


def _get(url: str) -> str:
    deadline = time.monotonic() + 10
    while True:
        try:
            with _OPENER.open(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except urllib.error.URLError as exc:
            if isinstance(exc, urllib.error.HTTPError) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
