"""Uploads (indicator tables, old speeches) and the workspace: limits, types, names, no clobbering."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from speechgen.errors import InputError
from speechgen.web.workspace import Workspace, check_name, resolve_inside
from webclient import SAMPLES, Browser, make_client

XLSX = SAMPLES / "city_q1_indicators.xlsx"

SPEECH = """在全县上半年经济运行分析会上的讲话
（2024年7月20日）
同志们：
　　今天我们召开全县上半年经济运行分析会，主要任务是总结成绩、查找不足、部署下半年工作。
　　一、上半年经济运行总体平稳
　　（一）项目建设提速。新开工项目二十个，重点项目进展顺利。
　　二、存在的主要问题
　　（一）工业增长乏力。部分企业订单不足，开工率偏低。
　　三、扎实做好下半年工作
　　（一）抓项目扩投资。实行重大项目周调度、月通报。
　　同志们，任务艰巨，责任重大，让我们奋力完成全年目标任务！
"""


def test_table_upload_shows_headers_and_rows(browser):
    r = browser.post("/api/table", files={"file": (XLSX.name, XLSX.read_bytes())})
    data = r.json()
    assert r.status_code == 200 and data["ok"], data
    assert data["count"] == 8 and data["sheets"] == ["一季度", "分县区"]
    fields = {c["title"]: c["field"] for c in data["columns"]}
    assert fields["指标名称"] == "name" and fields["全省排位"] == "rank"
    assert data["indicators"][0]["name"] == "地区生产总值" and data["indicators"][0]["growth"] == "5.8"
    assert 'data-col="1"' in data["html"]


CSV = "指标名称,单位,本期值,同比增长(%),省里名次\n地区生产总值,亿元,300,五,3\n工业,,,4.5,2\n"


def test_cell_errors_are_shown_on_their_cells(browser):
    data = browser.post("/api/table", files={"file": ("指标.csv", CSV.encode())}).json()
    assert data["errors"] == ["指标.csv!D2（同比增长(%)）：应为数字，收到 '五'"]
    assert re.search(r'<td class="sg-cell-error" title="应为数字，收到 &#39;五&#39;">五</td>', data["html"])
    assert [i["name"] for i in data["indicators"]] == ["工业"]


def test_mapping_is_editable(browser):
    # the unknown header "省里名次" is read as rank when the writer says so; "同比增长" can be ignored
    mapping = '{"5": "rank", "4": ""}'
    data = browser.post("/api/table", files={"file": ("指标.csv", CSV.encode())}, data={"mapping": mapping}).json()
    assert data["errors"] == []
    assert {"name": "地区生产总值", "unit": "亿元", "value": "300", "rank": 3} in data["indicators"]
    fields = {c["title"]: c["field"] for c in data["columns"]}
    assert fields["省里名次"] == "rank" and fields["同比增长(%)"] == ""


def test_other_sheet(browser):
    r = browser.post("/api/table", files={"file": (XLSX.name, XLSX.read_bytes())}, data={"sheet": "不存在"})
    assert r.status_code == 422 and "找不到工作表" in r.json()["errors"][0]


def _zip_bomb(member: bytes = b"\0" * (4 * 1024 * 1024)) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", member)
    return buf.getvalue()


def test_unzipped_size_is_limited(browser, monkeypatch):
    from speechgen.web import uploads

    monkeypatch.setattr(uploads, "MAX_UNZIPPED", 256 * 1024)
    r = browser.post("/api/table", files={"file": ("大.xlsx", _zip_bomb(bytes(range(256)) * 2048))})
    assert r.status_code == 422 and "解压后过大" in r.json()["errors"][0]


@pytest.mark.parametrize("name, data, message", [
    ("病毒.exe", b"MZ\x90\x00", "不支持的文件类型 .exe"),
    ("老表.xls", b"\xd0\xcf\x11\xe0", "不支持的文件类型 .xls"),
    ("假的.xlsx", b"just text", "不是有效的 Office 文件"),
    ("坏的.xlsx", b"PK\x03\x04broken", "文件已损坏"),
    ("空.csv", b"", "文件是空的"),
    ("二进制.csv", b"\x00\x01\x02" * 100, "不是文本文件"),
    ("炸弹.xlsx", None, "疑似压缩炸弹"),
])
def test_bad_table_uploads(browser, name, data, message):
    data = _zip_bomb() if data is None else data
    r = browser.post("/api/table", files={"file": (name, data)})
    assert r.status_code == 422 and message in r.json()["errors"][0]
    assert "/tmp" not in r.text and "speechgen-web-" not in r.text


def test_upload_over_the_file_limit(tmp_path):
    b = Browser(make_client(max_upload=1024 * 1024))
    r = b.post("/api/table", files={"file": ("大.csv", b"a,b\n" * 400_000)})
    assert r.status_code == 422 and "文件过大" in r.json()["errors"][0] and "上限 1 MB" in r.json()["errors"][0]


def test_upload_without_file(browser):
    r = browser.post("/api/table", data={"mapping": "{}"})
    assert r.status_code == 422 and "请选择" in r.json()["errors"][0]


def test_upload_name_cannot_escape(browser):
    r = browser.post("/api/table", files={"file": ("../../etc/指标.csv", CSV.encode())})
    assert r.status_code == 200 and r.json()["source"] == "指标.csv"


def test_old_speech_becomes_a_form(browser):
    r = browser.post("/api/outline", files={"file": ("去年.txt", SPEECH.encode("utf-8"))})
    data = r.json()
    assert r.status_code == 200 and data["ok"], data
    assert "全县上半年经济运行分析会" in data["yaml"]
    assert "抓项目扩投资" in data["html"] and "工业增长乏力" in data["html"]
    assert "请逐项核对" in data["notice"]


@pytest.mark.parametrize("name, data, message", [
    ("旧讲话.doc", b"\xd0\xcf\x11\xe0", "不支持的文件类型 .doc"),
    ("旧讲话.pdf", b"not a pdf", "不是 PDF 文件"),
    ("旧讲话.docx", b"PK\x03\x04broken", "文件已损坏"),
])
def test_bad_speech_uploads(browser, name, data, message):
    r = browser.post("/api/outline", files={"file": (name, data)})
    assert r.status_code == 422 and message in r.json()["errors"][0]


# ------------------------------------------------------------------ workspace

@pytest.mark.parametrize("name", [
    "../x.yaml", "a/b.yaml", "..\\x.yaml", "/etc/passwd", "C:\\x.yaml", ".hidden.yaml", "con.yaml", "x.yaml\x00.txt",
    "x.exe", "", " x.yaml", "x" * 200 + ".yaml", "a..b.yaml",
])
def test_bad_names_are_refused(name):
    with pytest.raises(InputError):
        check_name(name)


@pytest.mark.parametrize("name", ["一季度分析会.yaml", "2025年全市一季度讲话稿.docx", "draft v2.md"])
def test_good_names(name):
    assert check_name(name) == name


def test_links_cannot_leave_the_workspace(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    (tmp_path / "secret.yaml").write_text("x: 1")
    (root / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    with pytest.raises(InputError, match="不在工作区内"):
        resolve_inside(root, "link.yaml")
    assert [e.name for e in Workspace(root).entries()] == []


def test_save_list_open_and_never_clobber(workspace_browser, q1_yaml):
    b = workspace_browser
    r = b.post("/api/save", json={"yaml": q1_yaml, "name": "一季度.yaml"})
    assert r.status_code == 200 and r.json()["saved"] == "一季度.yaml"
    assert (b.root / "一季度.yaml").read_text(encoding="utf-8").startswith("meeting:")
    r = b.post("/api/save", json={"yaml": q1_yaml, "name": "一季度.yaml"})
    assert r.status_code == 409 and r.json()["exists"] and "未覆盖" in r.json()["errors"][0]
    r = b.post("/api/save", json={"yaml": q1_yaml.replace("张明", "王芳"), "name": "一季度.yaml", "overwrite": True})
    assert r.status_code == 200 and "王芳" in (b.root / "一季度.yaml").read_text(encoding="utf-8")
    r = b.post("/api/save", json={"yaml": q1_yaml, "name": "一季度讲话.docx"})
    assert r.status_code == 200 and (b.root / "一季度讲话.docx").read_bytes()[:2] == b"PK"
    page = b.get("/").text
    assert "一季度.yaml" in page and "一季度讲话.docx" in page
    opened = b.get("/?open=一季度.yaml").text
    assert "已打开工作区中的 一季度.yaml" in opened and 'value="王芳"' in opened
    assert b.get("/files/一季度讲话.docx").content[:2] == b"PK"
    assert sorted(p.name for p in b.root.iterdir()) == ["一季度.yaml", "一季度讲话.docx"]  # no temp files left


@pytest.mark.parametrize("name", ["../escape.yaml", "sub/x.yaml", ".x.yaml", "x.sh"])
def test_save_refuses_path_tricks(workspace_browser, q1_yaml, name):
    r = workspace_browser.post("/api/save", json={"yaml": q1_yaml, "name": name})
    assert r.status_code == 422 and "文件名" in r.json()["errors"][0]
    assert not (workspace_browser.root.parent / "escape.yaml").exists()


@pytest.mark.parametrize("path", ["/files/..%2Fsecret.yaml", "/files/%2E%2E%2Fsecret.yaml", "/files/.secret.yaml",
                                  "/?open=..%2Fsecret.yaml", "/?open=%2Fetc%2Fpasswd"])
def test_reading_refuses_path_tricks(workspace_browser, path):
    (workspace_browser.root.parent / "secret.yaml").write_text("secret: 1")
    r = workspace_browser.get(path)
    assert "secret: 1" not in r.text
    assert r.status_code in (200, 404)
    if r.status_code == 200:
        assert "无法打开" in r.text


def test_save_without_workspace(browser, q1_yaml):
    r = browser.post("/api/save", json={"yaml": q1_yaml, "name": "x.yaml"})
    assert r.status_code == 422 and "没有设置工作区" in r.json()["errors"][0]
    assert browser.get("/files/x.yaml").status_code == 404
