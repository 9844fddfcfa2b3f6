"""Every heading kind has a Word outline level, so the navigation pane shows the whole structure."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import speechgen
from speechgen.core.draft import Draft, Heading, Paragraph, Run
from speechgen.exporters import export_bytes

from word_helpers import q

ROOT = Path(__file__).resolve().parents[2]


def outline_levels(data: bytes) -> list[tuple[str, int | None]]:
    """(paragraph text, effective 1-based outline level or None) for every body paragraph."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"))
        styles = etree.fromstring(zf.read("word/styles.xml"))
    by_id = {s.get(q("styleId")): s for s in styles.iter(q("style"))}

    def style_level(style_id: str | None) -> int | None:
        seen = set()
        while style_id and style_id in by_id and style_id not in seen:
            seen.add(style_id)
            node = by_id[style_id].find(f"{q('pPr')}/{q('outlineLvl')}")
            if node is not None:
                return int(node.get(q("val")))
            based = by_id[style_id].find(q("basedOn"))
            style_id = based.get(q("val")) if based is not None else None
        return None

    out = []
    for p in doc.find(q("body")).findall(q("p")):
        text = "".join(t.text or "" for t in p.iter(q("t")))
        direct = p.find(f"{q('pPr')}/{q('outlineLvl')}")
        style = p.find(f"{q('pPr')}/{q('pStyle')}")
        level = int(direct.get(q("val"))) if direct is not None else style_level(
            style.get(q("val")) if style is not None else None)
        out.append((text, None if level is None or level >= 9 else level + 1))
    return out


def _level_of(levels: list[tuple[str, int | None]], start: str) -> int | None:
    found = [lvl for text, lvl in levels if text.startswith(start)]
    assert len(found) == 1, (start, levels)
    return found[0]


BODY = [Run("正文内容。")]
KINDS = [
    # (blocks, paragraph start → expected level)
    ([Heading(1, "一级标题")], {"一、一级标题": 1}),
    ([Heading(1, "一级"), Heading(2, "二级标题")], {"（一）二级标题": 2}),
    ([Heading(1, "一级"), Heading(2, "二级"), Heading(3, "三级标题")], {"1.三级标题": 3}),
    ([Heading(1, "一级"), Heading(2, "二级"), Heading(3, "三级"), Heading(4, "四级标题")], {"（1）四级标题": 4}),
    ([Heading(1, "一级"), Heading(2, "二级标题。", body=BODY)], {"（一）二级标题。正文": 2}),
    ([Heading(1, "一级"), Heading(2, "二级"), Heading(3, "三级标题。", body=BODY)], {"1.三级标题。": 3}),
    ([Heading(1, "抓好春耕。", marker="一要", body=BODY)], {"一要抓好春耕。": 1}),
    ([Heading(1, "一级"), Paragraph([Run("一是稳住工业。", bold=True), Run("正文。")])], {"一是稳住工业。": 2}),
    ([Heading(1, "一级"), Heading(2, "二级。", body=BODY),
      Paragraph([Run("一要压实责任。", bold=True), Run("正文。")])], {"一要压实责任。": 3}),
    ([Paragraph([Run("第一，提高站位。", bold=True), Run("正文。")])], {"第一，提高站位。": 1}),
    ([Paragraph([Run("首先，", bold=True), Run("正文。")])], {"首先，": 1}),
]


@pytest.mark.parametrize("blocks,expected", KINDS, ids=[next(iter(e)) for _, e in KINDS])
def test_every_heading_kind_has_an_outline_level(blocks, expected) -> None:
    draft = Draft(title="标题", blocks=[Paragraph([Run("同志们：")], kind="salutation"), *blocks,
                                      Paragraph([Run("一般正文，不是标题。")])]).number()
    levels = outline_levels(export_bytes(draft, "docx"))
    for start, level in expected.items():
        assert _level_of(levels, start) == level
    assert _level_of(levels, "一般正文") is None
    assert _level_of(levels, "同志们") is None


def test_plain_bold_sentence_is_not_a_heading() -> None:
    draft = Draft(title="标题", blocks=[Paragraph([Run("必须清醒认识到。", bold=True), Run("正文。")])])
    assert _level_of(outline_levels(export_bytes(draft, "docx")), "必须清醒") is None


@pytest.mark.parametrize("sample", ["county_dispatch", "city_q1", "county_statement", "county_work_report"])
def test_samples_show_their_whole_structure(sample: str) -> None:
    draft = speechgen.render(ROOT / "samples" / f"{sample}.yaml")
    levels = outline_levels(export_bytes(draft, "docx"))
    headed = [(t, lvl) for t, lvl in levels if lvl is not None]
    expected = len(draft.headings()) + sum(
        1 for p in draft.paragraphs() if p.kind == "body" and p.runs and p.runs[0].bold)
    assert len(headed) == expected > 0
    previous = 0
    for _, level in headed:  # levels nest: never deeper than one below the previous heading
        assert level <= previous + 1
        previous = level
