"""The guard: Host and Origin checks, the access token, CSRF, body limits — each refused in Chinese."""
from __future__ import annotations

import pytest

from speechgen.web.security import GuardConfig

from webclient import Browser, make_client


@pytest.mark.parametrize("bind, host, ok", [
    ("127.0.0.1", "127.0.0.1:8000", True),
    ("127.0.0.1", "localhost:8000", True),
    ("127.0.0.1", "[::1]:8000", True),
    ("127.0.0.1", "evil.example:8000", False),   # DNS rebinding: a foreign name resolving to 127.0.0.1
    ("127.0.0.1", "192.168.1.10:8000", False),
    ("127.0.0.1", "", False),
    ("0.0.0.0", "192.168.1.10:8000", True),       # intranet PCs use the server's address
    ("0.0.0.0", "[fe80::1]:8000", True),
    ("0.0.0.0", "evil.example", False),
    ("0.0.0.0", "evil.example:8000", False),
])
def test_host_table(bind, host, ok):
    assert GuardConfig(bind=bind, machine_names=("office-pc",)).host_allowed(host) is ok


def test_allowed_and_machine_names():
    cfg = GuardConfig(bind="0.0.0.0", allowed_hosts=("speech.intranet",), machine_names=("office-pc",))
    assert cfg.host_allowed("speech.intranet:8000") and cfg.host_allowed("OFFICE-PC:8000")


def test_foreign_host_header_is_refused(browser):
    r = browser.client.get("/", headers={"Host": "evil.example"})
    assert r.status_code == 400 and "不接受主机名" in r.text and "evil.example" in r.text


# ------------------------------------------------------------------ token

@pytest.fixture
def shared():
    return make_client(bind="0.0.0.0", token="s3cret-token-123")


def test_token_required_off_loopback(shared):
    r = shared.get("/")
    assert r.status_code == 403 and "需要访问令牌" in r.text


def test_wrong_token_is_refused(shared):
    r = shared.get("/?token=wrong-token-000")
    assert r.status_code == 403 and "需要访问令牌" in r.text
    assert shared.get("/", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert shared.get("/static/workbench.js").status_code == 403


def test_token_in_address_sets_a_cookie_and_is_dropped(shared):
    r = shared.get("/?token=s3cret-token-123&open=x.yaml", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?open=x.yaml"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=strict" in r.headers["set-cookie"]
    assert shared.get("/").status_code == 200  # the cookie now opens every page
    b = Browser(shared)
    assert b.post("/api/yaml", json={"spec": {}}).status_code == 200


def test_bearer_token_works(shared):
    assert shared.get("/", headers={"Authorization": "Bearer s3cret-token-123"}).status_code == 200


# ------------------------------------------------------------------ Origin and CSRF

@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://testserver.evil.example"},
])
def test_foreign_origin_is_refused(browser, headers):
    r = browser.post("/api/preview", json={"yaml": "x"}, headers=headers)
    assert r.status_code == 403 and "其他网站" in r.json()["errors"][0]


def test_foreign_referer_without_origin_is_refused(browser):
    headers = {"X-CSRF-Token": browser.csrf, "Referer": "http://evil.example/page"}
    r = browser.client.post("/api/preview", json={"yaml": "x"}, headers=headers)
    assert r.status_code == 403


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_csrf_token_required_on_every_post(browser, token, q1_yaml):
    headers = {"Origin": "http://testserver"}
    if token is not None:
        headers["X-CSRF-Token"] = token
    for url in ["/api/preview", "/api/yaml", "/api/form", "/api/download", "/api/save", "/api/table", "/api/outline"]:
        r = browser.client.post(url, json={"yaml": q1_yaml}, headers=headers)
        assert r.status_code == 403, url
        assert "CSRF" in r.json()["errors"][0]


def test_csrf_needs_the_cookie_too(q1_yaml):
    client = make_client()
    r = client.post("/api/preview", json={"yaml": q1_yaml}, headers={"X-CSRF-Token": "abc", "Origin": "http://testserver"})
    assert r.status_code == 403


def test_csrf_cookie_is_strict(browser):
    cookie = browser.client.get("/").headers.get("set-cookie", "")
    assert "sg_csrf=" in cookie and "SameSite=strict" in cookie


# ------------------------------------------------------------------ sizes

def test_oversize_body_is_refused_before_reading():
    b = Browser(make_client(max_body=1024 * 1024))
    r = b.post("/api/table", files={"file": ("大表.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024))})
    assert r.status_code == 413 and "过大" in r.json()["errors"][0]


def test_oversize_chunked_body_is_refused_while_reading():
    b = Browser(make_client(max_body=64 * 1024))

    def chunks():
        for _ in range(40):
            yield b"x" * 4096

    r = b.post("/api/preview", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "过大" in r.text


def test_security_headers(browser):
    r = browser.get("/")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
