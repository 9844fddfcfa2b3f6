"""Every route of the workbench through the test client: success, bad input, Chinese messages."""
from __future__ import annotations

import io
import re

import pytest
import yaml

import speechgen
from speechgen.web import specform

from webclient import SAMPLES


def test_page_is_self_contained_and_chinese(browser):
    page = browser.get("/")
    assert page.status_code == 200
    assert "speechgen 写作台" in page.text and 'lang="zh-CN"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ["/", "/static/workbench.js", "/static/workbench.css"]:
        text = browser.get(asset).text
        assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", text), asset  # no CDN, fonts or scripts from outside
        assert "https://" not in text and "@import" not in text and "url(http" not in text


def test_form_has_an_input_for_every_field_of_the_model(browser):
    page = browser.get("/").text
    for path in specform.leaf_paths(specform.spec_widgets()):
        assert f'data-key="{path.rsplit(".", 1)[-1]}"' in page, path


def test_preview_from_yaml(browser, q1_yaml):
    r = browser.post("/api/preview", json={"yaml": q1_yaml})
    data = r.json()
    assert r.status_code == 200 and data["ok"], data
    assert '在全市一季度经济运行分析会上的讲话' in data["html"]
    assert re.search(r'<h2 id="sg-b\d+" class="sg-h1">一、', data["html"])
    assert "<strong>" in data["html"] or "sg-head3" in data["html"]
    assert data["chars"] > 3000 and data["ms"] > 0 and data["errors"] == []


def test_preview_from_form_data_equals_yaml(browser, q1_yaml):
    values = specform.form_values(speechgen.load(SAMPLES / "city_q1.yaml"))
    from_form = browser.post("/api/preview", json={"spec": values}).json()
    from_yaml = browser.post("/api/preview", json={"yaml": q1_yaml}).json()
    assert from_form["html"] == from_yaml["html"]


def test_seed_changes_words_not_numbers_and_is_deterministic(browser, q1_yaml):
    def html(seed):
        return browser.post("/api/preview", json={"yaml": q1_yaml, "options": {"seed": seed}}).json()["html"]

    a, b = html(0), html(1)
    assert a == html(0)
    assert a != b
    numbers = lambda s: sorted(re.findall(r"\d+(?:\.\d+)?", re.sub(r"<[^>]+>", "", s)))  # noqa: E731
    assert numbers(a) == numbers(b)


def test_bad_value_is_reported_on_its_field(browser, spec_dict):
    spec_dict["indicators"][1]["growth"] = "5.6%"
    r = browser.post("/api/preview", json={"spec": spec_dict})
    assert r.status_code == 422
    data = r.json()
    assert data["ok"] is False
    assert any(e.startswith("表单 指标 第2项 同比增长（indicators[1].growth）：") and "5.6%" in e for e in data["errors"])
    assert "indicators[1].growth" in data["fields"]


def test_planted_placeholder_is_highlighted_on_its_paragraph(browser, spec_dict):
    spec_dict["achievements"][0]["items"] = ["新开工项目×××个，完成投资20亿元"]
    data = browser.post("/api/preview", json={"spec": spec_dict}).json()
    placeholder = [f for f in data["findings"] if f["rule"] == "placeholder"]
    assert placeholder and placeholder[0]["target"].startswith("sg-b")
    target = placeholder[0]["target"]
    element = re.search(rf'<[a-z0-9]+ id="{target}" class="([^"]+)"[^>]*>(.*?)</', data["html"], re.S)
    assert element and "sg-flag-error" in element.group(1)
    assert "<mark>×××</mark>" in data["html"]


def test_bad_options_are_refused(browser, q1_yaml):
    for options, word in [({"seed": "abc"}, "种子"), ({"variety": "wild"}, "措辞"), ({"profile": "/etc/passwd"}, "版式")]:
        r = browser.post("/api/preview", json={"yaml": q1_yaml, "options": options})
        assert r.status_code == 422 and word in r.json()["errors"][0]


@pytest.mark.parametrize("body, message", [
    (b"not json", "JSON"), (b"[1, 2]", "JSON 对象"), (b"{}", "spec"),
])
def test_malformed_requests(browser, body, message):
    r = browser.post("/api/preview", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and message in r.json()["errors"][0]


def test_yaml_errors_name_the_line(browser):
    r = browser.post("/api/preview", json={"yaml": "meeting:\n  type: quarterly_analysis\n  title: [\n"})
    assert r.status_code == 422
    assert re.search(r"YAML 第\d+行", r.json()["errors"][0])


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml") if "excel" not in p.name))
def test_form_yaml_round_trip_loses_nothing(browser, sample):
    spec = speechgen.load(SAMPLES / sample)
    values = specform.form_values(spec)
    text = browser.post("/api/yaml", json={"spec": values}).json()["yaml"]
    back = speechgen.load(text)
    assert back.model_dump() == spec.model_dump()
    form = browser.post("/api/form", json={"yaml": text}).json()
    assert form["ok"] and form["yaml"] == text


def test_yaml_of_an_unfinished_form_keeps_what_was_typed(browser):
    r = browser.post("/api/yaml", json={"spec": {"meeting": {"title": "全县半年工作会"}}}).json()
    assert r["ok"] is False and "全县半年工作会" in r["yaml"] and r["errors"]


def test_form_from_bad_yaml_is_refused_with_the_line(browser):
    r = browser.post("/api/form", json={"yaml": "meeting:\n  type: 茶话会\n  title: x\n  period: Q1\n  year: 2025\n"})
    assert r.status_code == 422 and "第2行" in r.json()["errors"][0] and "meeting.type" in r.json()["errors"][0]


def test_yaml_boxes_are_parsed(browser, spec_dict):
    spec_dict["narration"] = {"$yaml": "top_n: 2\nstrict_targets: true\n"}
    text = browser.post("/api/yaml", json={"spec": spec_dict}).json()["yaml"]
    assert "top_n: 2" in text and "strict_targets: true" in text


# ------------------------------------------------------------------ downloads

def test_download_docx_reopens(browser, q1_yaml):
    import docx

    r = browser.post("/api/download", json={"yaml": q1_yaml, "format": "docx", "options": {"table": True}})
    assert r.status_code == 200
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    doc = docx.Document(io.BytesIO(r.content))
    texts = [p.text for p in doc.paragraphs]
    assert "在全市一季度经济运行分析会上的讲话" in texts[0]
    assert doc.tables, "the appendix table was asked for"


@pytest.mark.parametrize("fmt, needle", [("md", "# 在全市"), ("txt", "同志们："), ("yaml", "title: 全市一季度经济运行分析会")])
def test_download_text_formats(browser, q1_yaml, fmt, needle):
    r = browser.post("/api/download", json={"yaml": q1_yaml, "format": fmt})
    assert r.status_code == 200 and needle in r.content.decode("utf-8")
    if fmt == "yaml":
        assert speechgen.load(r.content.decode("utf-8")).model_dump() == speechgen.load(q1_yaml).model_dump()


def test_download_refuses_a_draft_with_errors_unless_confirmed(browser, spec_dict):
    spec_dict["achievements"][0]["items"] = ["新开工项目×××个"]
    r = browser.post("/api/download", json={"spec": spec_dict, "format": "docx"})
    assert r.status_code == 422 and r.json()["check_failed"] and "未通过自动检查" in r.json()["errors"][0]
    r = browser.post("/api/download", json={"spec": spec_dict, "format": "docx", "ignore_check": True})
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_download_unknown_format(browser, q1_yaml):
    r = browser.post("/api/download", json={"yaml": q1_yaml, "format": "exe"})
    assert r.status_code == 422 and "不支持的下载格式" in r.json()["errors"][0]


# ------------------------------------------------------------------ errors

def test_unknown_page_is_a_chinese_page(browser):
    r = browser.get("/nothing-here")
    assert r.status_code == 404 and "页面不存在" in r.text and "Traceback" not in r.text


def test_wrong_method_is_chinese(browser):
    r = browser.client.get("/api/preview")
    assert r.status_code == 405 and "不支持这种请求方式" in r.text


def test_internal_error_never_shows_a_traceback(browser, monkeypatch, q1_yaml):
    from speechgen.web import service

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "preview", boom)
    r = browser.post("/api/preview", json={"yaml": q1_yaml})
    assert r.status_code == 500
    assert "内部错误" in r.json()["errors"][0] and "secret internals" not in r.text and "Traceback" not in r.text


def test_spec_cannot_read_server_files(browser, workspace_browser, spec_dict):
    spec_dict["indicators"] = {"file": "/etc/passwd"}
    r = browser.post("/api/preview", json={"spec": spec_dict})
    assert r.status_code == 422 and "网页版不读取服务器上的文件" in r.json()["errors"][0]
    for name in ["/etc/passwd", "../outside.csv", "a/../../outside.csv"]:
        spec_dict["indicators"] = {"文件": name}
        r = workspace_browser.post("/api/preview", json={"spec": spec_dict})
        assert r.status_code == 422 and "不在工作区内" in r.json()["errors"][0], name
    text = yaml.safe_dump({**spec_dict, "indicators": {"file": "../../etc/passwd"}}, allow_unicode=True)
    r = workspace_browser.post("/api/preview", json={"yaml": text})
    assert r.status_code == 422 and "不在工作区内" in r.json()["errors"][0]


def test_spec_may_name_a_table_inside_the_workspace(workspace_browser, spec_dict):
    (workspace_browser.root / "指标.csv").write_text("指标名称,单位,本期值,同比增长(%)\n地区生产总值,亿元,300,5.5\n",
                                                    encoding="utf-8")
    spec_dict["indicators"] = {"file": "指标.csv"}
    r = workspace_browser.post("/api/preview", json={"spec": spec_dict})
    assert r.status_code == 200 and "300亿元" in r.json()["html"]


def test_workspace_listing(workspace_browser, q1_yaml):
    assert workspace_browser.get("/api/workspace").json() == {"ok": True, "workspace": []}
    workspace_browser.post("/api/save", json={"yaml": q1_yaml, "name": "a.yaml"})
    entries = workspace_browser.get("/api/workspace").json()["workspace"]
    assert [(e["name"], e["kind"]) for e in entries] == [("a.yaml", "spec")]


FORBIDDEN_JS = {
    "=>": "arrow functions", "`": "template literals", "?.": "optional chaining (Chromium 80+)",
    "??": "nullish coalescing (Chromium 80+)", "async ": "async functions", "await ": "await",
    "let ": "let", "const ": "const", "class ": "classes", "fetch(": "fetch", "import ": "modules",
    ".replaceAll(": "replaceAll (Chromium 85+)", ".at(": "Array.at (Chromium 92+)",
}


def test_script_runs_in_old_browsers(browser):
    """The page's script is plain ES5 (old office PCs): none of the newer syntax or APIs."""
    import re as _re

    script = browser.get("/static/workbench.js").text
    code = _re.sub(r"/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\])*'", "''", script, flags=_re.S)
    used = {why for token, why in FORBIDDEN_JS.items() if token in code}
    assert used == set()
    css = browser.get("/static/workbench.css").text
    assert not _re.search(r"\bgap\s*:", css), "flex gap needs Chromium 84"


@pytest.mark.parametrize("attack", ["{{ cycler.__init__.__globals__.os.environ }}", "{% include '/etc/passwd' %}"])
def test_server_templates_stay_sandboxed(tmp_path, spec_dict, attack):
    """``serve --templates DIR``: the office's templates run in the library's sandbox; errors are Chinese."""
    from webclient import Browser, make_client

    (tmp_path / "quarterly_analysis.j2").write_text(f"::title 标题\n\n正文{attack}\n", encoding="utf-8")
    b = Browser(make_client(templates=[tmp_path]))
    r = b.post("/api/preview", json={"spec": spec_dict})
    assert r.status_code == 422 and "模板" in r.json()["errors"][0]
    assert "root:" not in r.text and "PATH" not in r.text and "Traceback" not in r.text


def test_package_carries_pages_and_assets():
    """The installed package (CI installs it non-editable) holds every page and asset: nothing from outside."""
    from speechgen.web.app import HERE

    for rel in ["templates/index.html", "templates/_form.html", "templates/_table.html", "templates/error.html",
                "static/workbench.js", "static/workbench.css", "static/favicon.svg"]:
        assert (HERE / rel).is_file(), rel
