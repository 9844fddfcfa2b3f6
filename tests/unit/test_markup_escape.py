"""The writer's text is escaped for the markup, never cleaned: every character survives."""
from __future__ import annotations

import pytest

import speechgen
from speechgen.core.markup import escape_text, parse_markup
from speechgen.proof.checker import check_draft

SPEC = {
    "meeting": {"type": "quarterly_analysis", "title": "#1号全县一季度经济运行分析会", "period": "Q1", "year": 2025,
                "region": "全县", "superior": "全市", "speaker": {"name": "李华", "post": "县长"}},
    "tasks": [{"title": "抓项目扩投资", "items": ["新开工亿元以上项目**个", "::坚持*周调度*、[月通报]"]}],
}


def _draft():
    """Rendered below the API: ``speechgen.render`` refuses a spec holding a mask (issue 12)."""
    from speechgen.compose.engine import render_draft
    from speechgen.spec.loader import load_spec

    return render_draft(load_spec(SPEC))


def test_render_refuses_the_masked_spec() -> None:
    from speechgen.errors import PlaceholderError

    with pytest.raises(PlaceholderError, match=r"tasks\[0\]|achievements\[0\]"):
        speechgen.render(SPEC)


def test_masks_and_markup_characters_in_items_survive_into_the_draft() -> None:
    draft = _draft()
    text = draft.text
    assert "新开工亿元以上项目**个" in text
    assert "::坚持*周调度*、[月通报]" in text
    assert "#1号全县一季度经济运行分析会" in draft.title


def test_the_checker_reports_the_mask_as_a_placeholder() -> None:
    draft = _draft()
    found = [f for f in check_draft(draft) if f.rule == "placeholder"]
    assert any("**" in f.text for f in found)


def test_escape_round_trip_through_the_parser() -> None:
    for raw in ["# 不是标题", "**不是加粗**", "::title 不是指令", "[要] 方括号", "a*b**c***"]:
        draft = parse_markup("正文：" + escape_text(raw) + "\n\n" + escape_text(raw))
        assert [p.text for p in draft.paragraphs()] == ["正文：" + raw, raw]
