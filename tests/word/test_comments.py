"""Word comments on exact characters, in files speechgen did not write."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from speechgen.exporters.docx.comments import Comment, annotate, paragraph_texts

from word_helpers import anchored, body, comments, q, references

DATA = Path(__file__).resolve().parents[1] / "data" / "word"
LO_FILE = DATA / "lo_tracked.docx"  # written by LibreOffice from lo_tracked.fodt; has tracked changes


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_comments_land_on_exact_characters_in_a_libreoffice_file() -> None:
    data = LO_FILE.read_bytes()
    texts = paragraph_texts(data)
    para = texts[3]
    i = para.index("XX%")
    j = para.index("切实强化")  # "切实" is a tracked insertion by another author
    notes = [Comment(4, i, i + 3, "placeholder：遗留占位符\n改法：填入实际数字"),
             Comment(4, j, j + 4, "提法"), Comment(3, 0, 9, "加粗小标题"), Comment(5, 4, 15, "日期")]
    out = annotate(data, notes)
    spans = anchored(out)
    assert sorted(spans.values()) == sorted([(4, "XX%"), (4, "切实强化"), (3, "一要抓好春耕备耕。"),
                                             (5, texts[4][4:15])])
    assert sorted(comments(out).values()) == sorted(n.text for n in notes)
    assert sorted(references(out)) == sorted(spans)
    assert paragraph_texts(out) == texts


def test_everything_else_is_kept() -> None:
    data = LO_FILE.read_bytes()
    out = annotate(data, [Comment(3, 2, 4, "一处")])
    before, after = _parts(data), _parts(out)
    changed = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert set(after) == set(before) | {"word/comments.xml"}
    assert all(after[n] == before[n] for n in before if n not in changed)
    old_body, new_body = body(data), body(out)
    for kind in ("ins", "del"):  # the other author's tracked changes are still there, untouched
        assert [(e.get(q("author")), e.get(q("date"))) for e in old_body.iter(q(kind))] == \
            [(e.get(q("author")), e.get(q("date"))) for e in new_body.iter(q(kind))]
    ct = after["[Content_Types].xml"].decode()
    assert "/word/comments.xml" in ct and "comments+xml" in ct
    assert b"relationships/comments" in after["word/_rels/document.xml.rels"]
    reopened = Document(io.BytesIO(out))  # python-docx still opens it
    assert reopened.paragraphs[0].text == paragraph_texts(data)[0]


def test_existing_comments_are_extended_with_fresh_ids() -> None:
    first = annotate(LO_FILE.read_bytes(), [Comment(2, 0, 3, "第一条")])
    second = annotate(first, [Comment(3, 0, 2, "第二条")])
    found = comments(second)
    assert sorted(found.values()) == ["第一条", "第二条"]
    assert len(set(found)) == 2
    ids = [e.get(q("id")) for e in body(second).iter(q("ins"), q("del"))]
    assert not set(ids) & set(found)  # annotation ids stay unique


def test_empty_ranges_and_empty_paragraphs() -> None:
    doc = Document()
    doc.add_paragraph("")
    doc.add_paragraph("短句。")
    buf = io.BytesIO()
    doc.save(buf)
    out = annotate(buf.getvalue(), [Comment(1, 0, 0, "空段"), Comment(2, 3, 3, "段末")])
    spans = anchored(out)
    assert sorted(spans.values()) == [(1, ""), (2, "。")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="一二三四五，。%ab1.", min_size=1, max_size=6), min_size=1, max_size=6),
       st.data())
def test_any_range_over_any_runs(runs: list[str], data: st.DataObject) -> None:
    doc = Document()
    p = doc.add_paragraph()
    for k, text in enumerate(runs):
        p.add_run(text).bold = bool(k % 2)
    buf = io.BytesIO()
    doc.save(buf)
    full = "".join(runs)
    start = data.draw(st.integers(0, len(full) - 1))
    end = data.draw(st.integers(start + 1, len(full)))
    out = annotate(buf.getvalue(), [Comment(1, start, end, "注")])
    assert list(anchored(out).values()) == [(1, full[start:end])]
    assert paragraph_texts(out) == [full]
    bold = [r.bold for r in Document(io.BytesIO(out)).paragraphs[0].runs for _ in r.text]
    assert bold == [bool(k % 2) for k, text in enumerate(runs) for _ in text]  # formatting kept per character


def test_a_paragraph_out_of_range_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        annotate(LO_FILE.read_bytes(), [Comment(99, 0, 1, "x")])
