"""Draft markup parsing, automatic heading numbering and the JSON form."""
from __future__ import annotations

import pytest

from speechgen.core.draft import Draft, Heading, Paragraph, Run
from speechgen.core.markup import parse_markup, parse_runs
from speechgen.core.numbers import cn_int, enum_word, heading_marker

MARKUP = """\
::title 在全市一季度经济运行分析会上的讲话
::subtitle 市长　李华
::subtitle （2025年4月18日）
::salutation 同志们：

开场第一行，
接着同一段。

# 第一部分
## 小节甲

## 小节乙。
紧跟的正文与标题同段。
### 细目
#### 更细
### 细目二
# 第二部分

**一要压实责任。**各部门要亲自抓。
#! 不编号的标题
# 第三部分
## 再起一节
::closing 同志们，让我们**共同努力**！
"""


def test_markup_structure() -> None:
    d = parse_markup(MARKUP)
    assert d.title == "在全市一季度经济运行分析会上的讲话"
    assert d.subtitle == ["市长　李华", "（2025年4月18日）"]
    kinds = [(type(b).__name__, getattr(b, "kind", "")) for b in d.blocks[:2]]
    assert kinds == [("Paragraph", "salutation"), ("Paragraph", "body")]
    assert d.blocks[1].text == "开场第一行，接着同一段。"
    assert [h.full_text for h in d.headings()] == [
        "一、第一部分", "（一）小节甲", "（二）小节乙。", "1.细目", "（1）更细", "2.细目二",
        "二、第二部分", "不编号的标题", "三、第三部分", "（一）再起一节",
    ]


def test_run_in_heading_and_bold_lead() -> None:
    d = parse_markup(MARKUP)
    second = d.headings(2)[1]
    assert second.run_in and second.body == [Run("紧跟的正文与标题同段。")]
    assert not d.headings(2)[0].run_in
    lead = next(p for p in d.paragraphs() if p.text.startswith("一要"))
    assert lead.runs == [Run("一要压实责任。", bold=True), Run("各部门要亲自抓。")]
    closing = [p for p in d.paragraphs() if p.kind == "closing"][0]
    assert closing.runs[1] == Run("共同努力", bold=True)


def test_renumbering_after_reorder() -> None:
    d = parse_markup(MARKUP)
    h = d.headings(1)
    for block in d.blocks:
        if isinstance(block, Heading) and block.marker and block.marker != "":
            block.marker = None
    d.blocks.remove(h[0])
    d.number()
    assert [x.marker for x in d.headings(1)] == ["一、", "", "二、"]


def test_dict_round_trip() -> None:
    d = parse_markup(MARKUP)
    again = Draft.from_dict(d.to_dict())
    assert again == d
    assert again.to_dict()["blocks"][0] == {"type": "paragraph", "runs": [{"text": "同志们：", "bold": False}],
                                            "kind": "salutation"}


@pytest.mark.parametrize(
    ("text", "runs"),
    [("平常文字", [Run("平常文字")]), ("**全粗**", [Run("全粗", True)]),
     ("前**中**后", [Run("前"), Run("中", True), Run("后")]), ("未闭合**星号", [Run("未闭合**星号")])],
)
def test_parse_runs(text: str, runs: list[Run]) -> None:
    assert parse_runs(text) == runs


@pytest.mark.parametrize(
    ("n", "cn"), [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (100, "一百")]
)
def test_cn_int(n: int, cn: str) -> None:
    assert cn_int(n) == cn


@pytest.mark.parametrize(
    ("level", "n", "marker"), [(1, 3, "三、"), (2, 12, "（十二）"), (3, 4, "4."), (4, 2, "（2）")]
)
def test_heading_markers(level: int, n: int, marker: str) -> None:
    assert heading_marker(level, n) == marker


@pytest.mark.parametrize(("n", "style", "word"), [(1, "是", "一是"), (3, "要", "三要"), (2, "第", "第二，"), (2, "首先", "其次，")])
def test_enum_words(n: int, style: str, word: str) -> None:
    assert enum_word(n, style) == word


def test_paragraph_text_joins_runs() -> None:
    assert Paragraph([Run("甲"), Run("乙", True)]).text == "甲乙"
