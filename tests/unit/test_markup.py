"""Markup additions: literal and styled heading markers (一要、一是、第一，、首先，)."""
from __future__ import annotations

from speechgen.core.markup import parse_markup


def test_styled_markers_are_numbered_among_siblings():
    draft = parse_markup("#[要] 认清形势抓紧迫。\n正文。\n\n#[要] 聚焦工业抓运行。\n## 子项\n#[要] 盯紧项目抓投资。\n")
    parts = draft.headings(1)
    assert [h.marker for h in parts] == ["一要", "二要", "三要"]
    assert parts[0].run_in and "".join(r.text for r in parts[0].body) == "正文。"
    assert draft.headings(2)[0].marker == "（一）"


def test_other_styles_and_literal_markers():
    draft = parse_markup("##[第] 甲。\n##[第] 乙。\n# 部分\n##[首先] 丙。\n##[首先] 丁。\n#[甲要] 字面。\n")
    assert [h.marker for h in draft.headings()] == ["第一，", "第二，", "一、", "首先，", "其次，", "甲要"]


def test_plain_headings_still_number_automatically():
    draft = parse_markup("# 一部分\n## 小项\n#! 不编号\n# 二部分\n")
    assert [h.marker for h in draft.headings()] == ["一、", "（一）", "", "二、"]
