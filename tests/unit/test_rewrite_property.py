"""Property: whatever shape a note takes, the rewriter keeps every number (with its unit), date,
name and quoted slogan of it verbatim, ends every sentence properly, and is deterministic."""
from __future__ import annotations

import random
import re

from hypothesis import given, settings, strategies as st

from speechgen.compose.rewrite import VOICES, NoteStyle, rewrite_notes

NUMBERS = st.builds(lambda n, d, u: f"{n}{d}{u}", st.integers(0, 99999).map(str),
                    st.sampled_from(["", ".5", ".86", ",200"]),
                    st.sampled_from(["亿元", "万元", "%", "个", "户", "家", "公里", "万平方米", "个百分点", "万人次"]))
DATES = st.sampled_from(["12月10日前", "11月底前", "2025年3月", "年底前", "6月中旬", "10月24日", "三季度末"])
NAMES = st.sampled_from(["县发改局", "恒远新材料", "滨河物流园一期", "赵文博", "市统计局", "各乡镇（街道）",
                         "城东产业园", "县供电公司", "常务副县长孙立群"])
SLOGANS = st.sampled_from(["“亩均论英雄”", "“一项目一方案”", "“双过半”", "“五比五晒”", "“四季消费节”", "“智改数转”"])
WORDS = st.sampled_from(["加快推进", "项目建设", "督促", "冷链仓储二期", "危化品", "防汛备汛", "抓好", "招商引资",
                         "完成投资", "新增", "企业", "升规入统", "对欠税企业逐户清缴", "信息平台", "已建成投用",
                         "要", "确保", "力争", "均", "我局将", "下一步", "培训", "消费季"])
SEPARATORS = st.sampled_from(["", "、", "，", "；", "：", ",", ";", ":", "\n", " ", "。"])
BULLETS = st.sampled_from(["", "1) ", "（2）", "- ", "• ", "③ ", "一是", "第一，"])
FACTS = st.one_of(NUMBERS, DATES, NAMES, SLOGANS)


@st.composite
def notes(draw):
    pieces, facts = [], []
    for _ in range(draw(st.integers(1, 7))):
        if draw(st.booleans()):
            fact = draw(FACTS)
            facts.append(fact)
            pieces.append(fact)
        else:
            pieces.append(draw(WORDS))
        pieces.append(draw(SEPARATORS))
    return draw(BULLETS) + "".join(pieces), facts


@settings(max_examples=400, deadline=None)
@given(notes(), st.sampled_from(VOICES), st.sampled_from(["general", "investment", "safety", "consumption"]),
       st.sampled_from(["", "加快项目建设", "抓好安全生产"]), st.integers(0, 5))
def test_facts_survive_verbatim(note_facts, voice, field, heading, seed):
    note, facts = note_facts
    style = NoteStyle(voice, field, heading, "县住建局")
    out = rewrite_notes([note], style, random.Random(seed))
    text = "".join(out)
    for fact in facts:
        assert fact in text or fact in heading, (note, text)
    for s in out:
        assert s and s[-1] in "。！？", (note, s)
        assert not re.search(r"[;:]|(?<!\d),|,(?!\d)|^[-•]|[，；：、]。", s), (note, s)
    assert out == rewrite_notes([note], style, random.Random(seed))  # deterministic


@settings(max_examples=200, deadline=None)
@given(st.lists(notes(), min_size=1, max_size=4), st.sampled_from(VOICES), st.integers(0, 3))
def test_every_note_of_an_item_survives(items, voice, seed):
    out = "".join(rewrite_notes([n for n, _ in items], NoteStyle(voice), random.Random(seed)))
    for _, facts in items:
        for fact in facts:
            assert fact in out, (items, out)


ITEMS = st.sampled_from(["防止规模性返贫", "帮扶产业提质增效", "易地搬迁后续扶持", "项目入库纳统", "土地报批", "要素保障",
                         "加强调度", "技改投资", "夜间经济", "完成投资41亿元", "新增规上企业15家", "“智改数转”"])
MARKS = st.sampled_from([("{}.", ";"), ("{}、", "；"), ("（{}）", ""), ("{}.", " "), ("{}.", "，")])


@settings(max_examples=150, deadline=None)
@given(st.lists(ITEMS, min_size=2, max_size=4, unique=True), MARKS, st.sampled_from(VOICES), st.integers(0, 3))
def test_inline_numbering_is_never_left_in_the_text(items, mark, voice, seed):
    number, sep = mark
    note = sep.join(number.format(i + 1) + item for i, item in enumerate(items))
    text = "".join(rewrite_notes([note], NoteStyle(voice, "general"), random.Random(seed)))
    assert not re.search(r"(?<![\d.])[1-4](?:[.、）]|\.)(?!\d)|（[1-4]）", text), (note, text)
    for item in items:
        for fact in re.findall(r"\d+(?:\.\d+)?[亿万]?[元家个]|“[^”]+”", item):
            assert fact in text, (note, text)
