"""Issue 20, high findings: template loading escapes, YAML alias bombs, workbook zip bombs."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from hostile import BASE, dump, only, refused, run_cli

SECRET = "TOP-SECRET-6f1c"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _templates(tmp_path: Path, body: str) -> Path:
    tdir = tmp_path / "mine"
    (tdir / "blocks").mkdir(parents=True)
    (tdir / "blocks" / "closing.j2").write_text(body, encoding="utf-8")
    return tdir


@pytest.mark.parametrize("target", ["secret", "/etc/passwd", "/proc/self/environ"])
def test_symlink_in_template_folder_is_not_followed_out(tmp_path: Path, secret: Path, target: str) -> None:
    tdir = _templates(tmp_path, '{% include "blocks/leak.j2" %}\n')
    os.symlink(secret if target == "secret" else target, tdir / "blocks" / "leak.j2")
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    run = run_cli("render", "s.yaml", "--templates", tdir, "-o", "out.md", "--no-check", cwd=tmp_path)
    refused(run, "leak.j2", "模板目录")
    assert SECRET not in run.out + run.err and "root:" not in run.out + run.err
    assert not (tmp_path / "out.md").exists()


@pytest.mark.parametrize("name", ["../outside/secret.txt", "/etc/passwd", "blocks/../../outside/secret.txt",
                                  "builtin/../../../../etc/passwd"])
def test_include_names_cannot_leave_the_search_path(tmp_path: Path, secret: Path, name: str) -> None:
    tdir = _templates(tmp_path, f'{{% include "{name}" %}}\n')
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    run = run_cli("render", "s.yaml", "--templates", tdir, "-o", "out.md", "--no-check", cwd=tmp_path)
    refused(run, "模板")
    assert SECRET not in run.out + run.err and "root:" not in run.out + run.err
    assert not (tmp_path / "out.md").exists()


def test_templates_listing_does_not_follow_names_outside(tmp_path: Path, secret: Path) -> None:
    tdir = _templates(tmp_path, '{% include "../outside/secret.txt" %}\n')
    (tdir / "quarterly_analysis.j2").write_text('{% include "../outside/secret.txt" %}\n', encoding="utf-8")
    run = run_cli("templates", "--templates", tdir, cwd=tmp_path)
    assert run.code in (0, 2), str(run)
    assert "内部错误" not in run.err
    assert str(secret) not in run.out and SECRET not in run.out + run.err


LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
meeting: {type: quarterly_analysis, title: *i, period: Q1, year: 2025}
"""


def test_billion_laughs_spec_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(LAUGHS, encoding="utf-8")
    assert len(LAUGHS.encode()) < 1000
    run = run_cli("render", "bomb.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, "bomb.yaml", "YAML")
    only(tmp_path, "bomb.yaml")


def test_billion_laughs_phrase_file_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    (tmp_path / "p.yaml").write_text(LAUGHS.replace("meeting:", "category: closing\nentries: *i\nx:"), encoding="utf-8")
    run = run_cli("render", "s.yaml", "--phrases", "p.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, "p.yaml", "YAML")
    assert not (tmp_path / "out.md").exists()


def _bomb_xlsx(path: Path, megabytes: int) -> None:
    """A valid-looking workbook whose sheet XML inflates to *megabytes* of whitespace."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["指标名称", "同比增长(%)"])
    wb.save(path)
    with zipfile.ZipFile(path) as src:
        members = {i.filename: src.read(i) for i in src.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    head, tail = sheet.split(b"<sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for name, data in members.items():
            if name != "xl/worksheets/sheet1.xml":
                dst.writestr(name, data)
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head + b"<sheetData>")
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(block)
            fh.write(tail)


def test_xlsx_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    _bomb_xlsx(tmp_path / "t.xlsx", 300)
    assert (tmp_path / "t.xlsx").stat().st_size < 1_000_000
    (tmp_path / "s.yaml").write_text(dump({**BASE, "indicators": {"file": "t.xlsx"}}), encoding="utf-8")
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, "t.xlsx", "超出限制")
    assert not (tmp_path / "out.md").exists()


def test_xlsx_zip_bomb_on_the_command_line_and_in_regions(tmp_path: Path) -> None:
    _bomb_xlsx(tmp_path / "t.xlsx", 50)
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    run = run_cli("render", "s.yaml", "--indicators", "t.xlsx", "-o", "out.md", cwd=tmp_path)
    refused(run, "t.xlsx", "超出限制")
    run = run_cli("batch", "s.yaml", "--regions", "t.xlsx", "-o", "out", cwd=tmp_path)
    refused(run, "t.xlsx", "超出限制")
    assert not any((tmp_path / "out").iterdir()) if (tmp_path / "out").exists() else True
