"""Reading existing documents safely: corrupt, encrypted, bomb-like and non-UTF-8 inputs fail clearly."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from speechgen.errors import InputError
from speechgen.outline.read import read_lines


def test_text_lines_are_numbered(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("标题\n\n同志们：\n", encoding="utf-8")
    assert [(l.number, l.text) for l in read_lines(path)] == [(1, "标题"), (2, ""), (3, "同志们：")]


def test_docx_paragraphs_with_styles(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("一、总体情况", level=1)
    p = doc.add_paragraph()
    p.add_run("一要压实责任。").bold = True
    p.add_run("正文。")
    path = tmp_path / "a.docx"
    doc.save(path)
    lines = read_lines(path)
    assert lines[0].text == "一、总体情况" and lines[0].style.startswith("Heading")
    assert lines[1].bold and lines[1].number == 2


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"not a zip at all", "不是有效的 .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "加密"),
    ],
)
def test_bad_docx(tmp_path: Path, payload: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(payload)
    with pytest.raises(InputError, match=message):
        read_lines(path)


def test_zip_without_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "x")
    with pytest.raises(InputError, match="document.xml"):
        read_lines(path)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b"a" * (30 * 1024 * 1024))
    with pytest.raises(InputError, match="过大"):
        read_lines(path)


def test_truncated_docx(tmp_path: Path) -> None:
    from docx import Document

    good = tmp_path / "good.docx"
    Document().save(good)
    bad = tmp_path / "cut.docx"
    bad.write_bytes(good.read_bytes()[:-200])
    with pytest.raises(InputError):
        read_lines(bad)


@pytest.mark.parametrize("suffix, message", [(".doc", "不是有效的旧版 Word"), (".pdf", "无法读取 PDF"),
                                             (".xlsx", "不支持")])
def test_broken_or_unsupported_formats(tmp_path: Path, suffix: str, message: str) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(b"whatever")
    with pytest.raises(InputError, match=message):
        read_lines(path)


def test_old_doc_without_libreoffice_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import speechgen.outline.pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(pdf.OLE_MAGIC + b"\0" * 504)
    with pytest.raises(InputError, match="另存为 .docx.*LibreOffice"):
        read_lines(path)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    from docx import Document

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    good = tmp_path / "good.docx"
    doc = Document()
    doc.add_paragraph("PLACEHOLDER")
    doc.save(good)
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, body = text.split("?>", 1)
                doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                data = (head + "?>" + doctype + body.replace("PLACEHOLDER", "&xxe;")).encode("utf-8")
            dst.writestr(info, data)
    try:
        lines = read_lines(evil)
    except InputError:
        return  # refusing the file is fine too
    assert all("TOP-SECRET" not in line.text for line in lines)
