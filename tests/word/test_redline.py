"""Redlines: accepting every change gives the new text, rejecting gives the old one."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from speechgen.exporters.docx.comments import paragraph_texts
from speechgen.exporters.docx.redline import edits, redline, sentences

from word_helpers import accept, body, q, reject

LO_FILE = Path(__file__).resolve().parents[1] / "data" / "word" / "lo_tracked.docx"

OLD = ["关于春耕生产的讲话", "同志们：", "今年以来，全县粮食播种面积达到12.5万亩，同比增长2%。农资储备总体充足。",
       "一要抓好春耕备耕。各乡镇要压实责任。", "二要强化农资供应。", "会议定于2025年4月8日召开。"]


def _docx(paragraphs: list[str], bold_first: bool = True) -> bytes:
    doc = Document()
    for k, text in enumerate(paragraphs):
        p = doc.add_paragraph(style="Title" if k == 0 else None)
        half = len(text) // 2
        p.add_run(text[:half]).bold = bold_first
        p.add_run(text[half:])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


CASES = {
    "numbers changed": [OLD[0], OLD[1], "今年以来，全县粮食播种面积达到13.1万亩，同比增长2.4%。农资储备总体充足。", *OLD[3:]],
    "sentence added": [*OLD[:3], "一要抓好春耕备耕。各乡镇要压实责任，县农业农村局要加强督导。", *OLD[4:]],
    "paragraph deleted": [*OLD[:4], OLD[5]],
    "paragraph inserted": [*OLD[:4], "新的一段：要做好防汛准备。", *OLD[4:]],
    "last paragraph deleted": OLD[:-1],
    "paragraph appended": [*OLD, "附件：春耕生产任务分解表"],
    "first paragraph replaced": ["关于春季农业生产的讲话", *OLD[1:]],
    "all new": ["完全不同的内容。", "另一段。"],
    "everything same": list(OLD),
}


@pytest.mark.parametrize("name", CASES)
def test_accept_gives_new_and_reject_gives_old(name: str) -> None:
    new = CASES[name]
    out = redline(_docx(OLD), _docx(new), date="2025-04-08T09:00:00Z")
    assert accept(out) == new
    assert reject(out) == OLD
    assert [t for t in paragraph_texts(out) if t] == [t for t in new if t]  # the visible text model agrees


def test_changes_carry_author_and_date_and_old_formatting() -> None:
    new = CASES["numbers changed"]
    out = redline(_docx(OLD), new, author="王科长", date="2025-04-08T09:00:00Z")
    marks = list(body(out).iter(q("ins"), q("del")))
    assert marks and all(m.get(q("author")) == "王科长" and m.get(q("date")) == "2025-04-08T09:00:00Z" for m in marks)
    assert len({m.get(q("id")) for m in marks}) == len(marks)
    doc = Document(io.BytesIO(out))
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[2].runs[0].bold  # the old run formatting is still there


def test_word_level_inside_a_sentence() -> None:
    old, new = OLD[2], CASES["numbers changed"][2]
    assert [(old[s:e], t) for s, e, t in edits(old, new)] == [("12.5", "13.1"), ("2%", "2.4%")]


def test_one_character_islands_fold_into_the_change() -> None:
    old, new = "经济增长较快。", "经济下降明显。"
    assert [(old[s:e], t) for s, e, t in edits(old, new)] == [("增长较快", "下降明显")]


def test_file_with_tracked_changes_of_another_author() -> None:
    data = LO_FILE.read_bytes()
    visible = paragraph_texts(data)
    new = [*visible[:3], visible[3].replace("XX%", "12%"), visible[4]]
    out = redline(data, new)
    assert accept(out) == new
    assert reject(out) == reject(data)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="一二三，。12.%", max_size=12), min_size=1, max_size=5),
       st.lists(st.text(alphabet="一二四，。12.%", max_size=12), min_size=1, max_size=5))
def test_property_any_texts(old: list[str], new: list[str]) -> None:
    out = redline(_docx(old, bold_first=False), new)
    assert accept(out) == new
    assert reject(out) == old


def test_sentences_keep_every_character() -> None:
    text = "一是抓好。二是落实！三是“说到做到。”最后"
    assert "".join(sentences(text)) == text
    assert sentences(text)[2] == "三是“说到做到。”"


def test_redline_command(runner, tmp_path: Path) -> None:
    from speechgen.cli import main

    old, new, out = tmp_path / "旧稿.docx", tmp_path / "新稿.md", tmp_path / "修订稿.docx"
    old.write_bytes(_docx(OLD))
    new_text = CASES["numbers changed"]
    new.write_text("\n".join(new_text) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["redline", str(old), str(new), "-o", str(out), "--author", "李秘书"])
    assert result.exit_code == 0, result.output
    assert "处修订" in result.output
    data = out.read_bytes()
    assert accept(data) == new_text and reject(data) == OLD
    assert {m.get(q("author")) for m in body(data).iter(q("ins"), q("del"))} == {"李秘书"}
    again = runner.invoke(main, ["redline", str(old), str(new), "-o", str(out)])
    assert again.exit_code == 2 and out.read_bytes() == data  # no clobbering without --force
    bad = runner.invoke(main, ["redline", str(new), str(old), "-o", str(tmp_path / "x.docx")])
    assert bad.exit_code == 2 and "须为 .docx" in bad.output
