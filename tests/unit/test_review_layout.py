"""The review organised like a writer's (issue 15): headline first, one group per field with the
genre's lead-ins, sub-items after their parent, no figure twice, no paragraph over 400 characters,
level-2 sub-parts by field for analysis meetings with many indicators."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import speechgen
from speechgen.compose.review import MAX_PARAGRAPH, pack
from speechgen.core.draft import Heading
from speechgen.spec.loader import load_spec

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _review_blocks(draft) -> list:
    """The blocks of part 一 (up to the problems' transition)."""
    out, inside = [], False
    for block in draft.blocks:
        if isinstance(block, Heading) and block.level == 1:
            if inside:
                break
            inside = True
            continue
        if inside:
            out.append(block)
    return out


def _text(block) -> str:
    if isinstance(block, Heading):
        return block.text + "".join(r.text for r in (block.body or []))
    return "".join(r.text for r in block.runs)


@pytest.fixture(scope="module", params=[0, 1, 5])
def analysis(request):
    spec = load_spec(SAMPLES / "city_q3_analysis.yaml")
    return spec, speechgen.render(spec, seed=request.param)


def test_headline_first_then_fields_in_the_writers_order(analysis) -> None:
    spec, draft = analysis
    blocks = _review_blocks(draft)
    first = _text(blocks[0])
    assert re.search("地区生产总值(实现|完成)2186.4亿元", first) and "项主要指标" in first
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 2]
    order = ["223.0亿元", "907.4亿元", "1056.0亿元", "856.2亿元", "128.36亿元", "县（市、区）"]
    positions = [next(i for i, b in enumerate(blocks) if w in _text(b)) for w in order]
    assert positions == sorted(positions)
    assert len(headings) >= 5  # sub-parts by field in an analysis meeting with many indicators
    assert "工业生产提速增效。" in headings  # the writer's achievement title heads the industry sub-part


def test_sub_items_follow_their_parent(analysis) -> None:
    _, draft = analysis
    text = speechgen.export(draft, fmt="md").decode("utf-8")
    assert re.search(r"规上工业增加值[^。]*。其中，装备制造业增加值", text)
    assert re.search(r"一般公共预算收入[^。]*。其中，税收收入", text)
    assert "当月产值负增长的企业" in text and "重点工业企业中" in text


def test_no_figure_twice_and_no_long_paragraph(analysis) -> None:
    _, draft = analysis
    blocks = _review_blocks(draft)
    for b in blocks:
        body = "".join(r.text for r in b.body) if isinstance(b, Heading) and b.body else _text(b)
        assert len(body) <= MAX_PARAGRAPH, body
    review = "".join(_text(b) for b in blocks)
    for figure in ("2186.4亿元", "5.7%", "7.1%", "856.2亿元", "128.36亿元", "2.9个百分点", "38.6%", "19家"):
        assert review.count(figure) == 1, figure


def test_tallies_count_headline_indicators_only(analysis) -> None:
    spec, draft = analysis
    first = _text(_review_blocks(draft)[0])
    headline = [i for i in spec.indicator_rows if i.name in
                ("地区生产总值", "规上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入", "进出口总额")]
    assert f"{len(headline)}项主要指标" in first
    above = sum(i.growth > i.superior_growth for i in headline)
    assert re.search(rf"{above}项增速(高于|快于)", first)


def test_flat_layout_groups_with_lead_ins() -> None:
    spec = load_spec(SAMPLES / "city_q3.yaml")
    draft = speechgen.render(spec)
    blocks = _review_blocks(draft)
    text = "".join(_text(b) for b in blocks)
    assert "工业方面，规上工业增加值" in text and "消费方面，社会消费品零售总额" in text
    assert text.index("工业方面") < text.index("消费方面") < text.index("外贸方面")
    for b in blocks:
        assert len(_text(b)) <= MAX_PARAGRAPH + 40  # a bold run-in title may precede the body


def test_pack_keeps_paragraphs_short() -> None:
    sentences = ["甲" * 150 + "。", "乙" * 300 + "。", "丙" * 120 + "；" + "丁" * 350 + "。"]
    paragraphs = pack(sentences)
    assert all(len(p) <= MAX_PARAGRAPH for p in paragraphs)
    assert "".join(paragraphs).replace("。", "").replace("；", "") == "".join(sentences).replace("。", "").replace("；", "")
