"""Outlining existing speeches: levels from context, roles, title/opening/closing, noise."""
from __future__ import annotations

from pathlib import Path

import pytest

from speech_samples import (
    ANNUAL, ANNUAL_HEADINGS, BUREAU_HEADINGS, BUREAU_REPORT, DISPATCH_HEADINGS, DISPATCH_WEB,
    QUARTERLY, QUARTERLY_HEADINGS, pdf_text,
)
from speechgen.core.draft import Heading, Paragraph
from speechgen.core.markers import cn_value, run_in_tokens, start_token
from speechgen.outline.parse import outline_file, outline_text
from speechgen.outline.roles import item_role, part_role
from speechgen.outline.clean import is_noise, normalise

SAMPLES = {
    "quarterly": (QUARTERLY, QUARTERLY_HEADINGS, 4),
    "dispatch_web": (DISPATCH_WEB, DISPATCH_HEADINGS, 6),
    "bureau": (BUREAU_REPORT, BUREAU_HEADINGS, 5),
    "annual": (ANNUAL, ANNUAL_HEADINGS, 5),
}
FRONT = {  # title, subtitle, opening, closing
    "quarterly": ("在全市2025年一季度经济运行分析会上的讲话", ["市长\u3000周立新", "（2025年4月16日）"], True, True),
    "dispatch_web": ("在全市稳增长攻坚调度会上的讲话", [], True, True),
    "bureau": ("市商务局上半年工作汇报", [], True, False),
    "annual": ("坚定信心\u3000攻坚克难——在全县2024年经济工作会议上的讲话", ["县长\u3000王建华", "（2024年1月12日）"],
               True, True),
}


def _summary(outline) -> list[tuple[int, str, str, str]]:
    return [(h["level"], h["marker"], h["text"], h["role"]) for h in outline.to_dict()["headings"]]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("variant", ["clean", "pdf"])
def test_headings_levels_and_roles(name: str, variant: str) -> None:
    paragraphs, expected, head = SAMPLES[name]
    text = "\n".join(paragraphs) if variant == "clean" else pdf_text(paragraphs, head=head).text
    assert _summary(outline_text(text)) == expected


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("variant", ["clean", "pdf"])
def test_title_opening_closing(name: str, variant: str) -> None:
    paragraphs, _, head = SAMPLES[name]
    text = "\n".join(paragraphs) if variant == "clean" else pdf_text(paragraphs, head=head).text
    d = outline_text(text).to_dict()
    assert (d["title"], d["subtitle"], d["opening"], d["closing"]) == FRONT[name]


@pytest.mark.parametrize("columns", [50, 53, 56, 59, 62, 67, 72])
@pytest.mark.parametrize("name", ["quarterly", "dispatch_web", "bureau"])
def test_any_page_width_gives_the_clean_outline(name: str, columns: int) -> None:
    paragraphs, expected, head = SAMPLES[name]
    outline = outline_text(pdf_text(paragraphs, head=head, columns=columns, per_page=9).text)
    assert _summary(outline) == expected
    assert (outline.opening, outline.closing) == FRONT[name][2:]


def test_lines_point_at_the_markers_in_pdf_text() -> None:
    pdf = pdf_text(QUARTERLY, head=4)
    lines = pdf.text.splitlines()
    headings = outline_text(pdf.text).to_dict()["headings"]
    assert len(headings) == len(QUARTERLY_HEADINGS)
    for h in headings:
        para = next(i for i, p in enumerate(QUARTERLY) if h["text"][:6] in p)
        offset = QUARTERLY[para].rfind(h["marker"], 0, QUARTERLY[para].index(h["text"][:6]))
        assert h["line"] == pdf.line_of(para, offset), h
        assert h["marker"][0] in lines[h["line"] - 1]


def test_lines_in_clean_text_are_one_based() -> None:
    headings = outline_text("\n".join(QUARTERLY)).to_dict()["headings"]
    assert [h["line"] for h in headings if h["level"] == 1] == [6, 12, 18]
    assert {h["line"] for h in headings if h["marker"] in {"一是", "二是", "三是"} and h["level"] == 3} == {11}


def test_pdf_noise_never_reaches_the_draft() -> None:
    draft = outline_text(pdf_text(QUARTERLY, head=4).text).draft
    text = draft.text
    for noise in ("— 2 —", "- 3 -", "第4页", "材料汇编", "共 9 页"):
        assert noise not in text
    body = "".join(p.text for p in draft.paragraphs())
    assert "同比增长5.9%，高于全省平均水平0.4个百分点" in body  # a sentence broken over lines is whole again


def test_same_token_gets_its_level_from_context() -> None:
    summary = _summary(outline_text("\n".join(DISPATCH_WEB)))
    levels = {level for level, marker, _, _ in summary if marker == "一是"}
    assert levels == {2, 3}


def test_run_in_headings_keep_their_body() -> None:
    draft = outline_text("\n".join(QUARTERLY)).draft
    first = next(h for h in draft.headings() if h.marker == "首先，")
    assert first.text == "全力稳住工业基本盘。" and first.run_in
    assert first.body[0].text.startswith("对重点工业企业实行一企一策")
    own_line = draft.headings(1)[0]
    assert not own_line.run_in


def test_draft_blocks_are_salutation_opening_headings_closing() -> None:
    draft = outline_text("\n".join(QUARTERLY)).draft
    kinds = [b.kind for b in draft.blocks if isinstance(b, Paragraph)]
    assert kinds[0] == "salutation" and kinds[-1] == "closing"
    assert isinstance(draft.blocks[1], Paragraph) and draft.blocks[1].text.startswith("今天，市政府召开")
    assert isinstance(draft.blocks[2], Heading) and draft.blocks[2].marker == "一、"


@pytest.mark.parametrize("lines, heading", [
    (["一、坚定信心、迎难", "而上，全力以赴稳增长", "今年以来，各项工作有序推进，成效明显。"], "坚定信心、迎难而上，全力以赴稳增长"),
    (["一、坚定信心，", "全力以赴稳增长", "今年以来，各项工作有序推进，成效明显。"], "坚定信心，全力以赴稳增长"),
    (["一、加快补齐薄弱指", "标。要对照目标逐项研究。"], "加快补齐薄弱指标"),
    (["一、狠抓落实", "要抓紧。"], "狠抓落实"),  # a short body sentence is no tail
])
def test_split_headings_in_one_paragraph_per_line_text(lines: list[str], heading: str) -> None:
    text = "\n".join(["同志们：", "下面讲几点意见。", *lines, "二、其他工作", "要抓紧。"])
    heads = outline_text(text).to_dict()["headings"]
    assert (heads[0]["text"], heads[0]["line"]) == (heading, 3)
    assert heads[-1]["text"] == "其他工作"


@pytest.mark.parametrize("text, expected", [
    ("一要坚定信心。\n内容。\n二要狠抓落实。\n内容。", [(1, "一要"), (1, "二要")]),  # 一要 as the top level
    ("一、总体\n首先，抓工业。其次，抓投资。三是抓消费。", [(1, "一、"), (2, "首先"), (2, "其次"), (2, "三是")]),
    ("一、总体\n第一个问题：人的问题。第二个问题：钱的问题。", [(1, "一、"), (2, "第一个问题："), (2, "第二个问题：")]),
    ("一、总体\n(一)工业\n（二）投资\n1.抓开工\n2.抓入库", [(1, "一、"), (2, "(一)"), (2, "（二）"), (3, "1."), (3, "2.")]),
    ("一、总体\n1、抓开工\n2、抓入库", [(1, "一、"), (2, "1、"), (2, "2、")]),
    ("一、总体\n（二）、投资\n（三）、消费", [(1, "一、"), (2, "（二）、"), (2, "（三）、")]),  # first item misnumbered
    ("一、总体\n工作一方面抓好投资。二是抓好消费。", [(1, "一、")]),  # a stray 二是 is no heading
    ("一、总体\n统一是前提，唯一是标准。", [(1, "一、")]),
    ("一、二季度工作很重要。\n二、要抓紧。", [(1, "二、")]),  # 一、二季度 is a date range, not a marker
])
def test_marker_schemes(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(h["level"], h["marker"]) for h in outline_text(text).to_dict()["headings"]] == expected


@pytest.mark.parametrize("text, scheme, ordinal, marker", [
    ("一、总体要求", "cn", 1, "一、"), ("十二、其他", "cn", 12, "十二、"), ("(三)项目", "pcn", 3, "(三)"),
    ("（四）、消费", "pcn", 4, "（四）、"), ("3.开工", "ar", 3, "3."), ("（2）入库", "par", 2, "（2）"),
    ("②加强", "circ", 2, "②"), ("五是抓好", "shi", 5, "五是"), ("十要严明纪律", "yao", 10, "十要"),
    ("第三，强化", "diyi", 3, "第三，"), ("其次，扩大", "seq", 2, "其次，"), ("第二部分 工作", "part", 2, "第二部分"),
])
def test_start_tokens(text: str, scheme: str, ordinal: int, marker: str) -> None:
    tok = start_token(text, 0)
    assert tok is not None and (tok.scheme, tok.ordinal, tok.marker) == (scheme, ordinal, marker)


@pytest.mark.parametrize("text", ["1.5万亿元的投资", "2024年以来", "一、", "首先要说明", "十分重要", "统一是前提"])
def test_not_start_tokens(text: str) -> None:
    assert start_token(text, 0) is None


def test_run_in_tokens_need_a_sentence_boundary() -> None:
    found = run_in_tokens("主要有：一是抓项目。二是抓投资，三是统一是关键。增长1.5%。", 0)
    assert [(t.marker, t.comma) for t in found] == [("一是", False), ("二是", False), ("三是", True)]


@pytest.mark.parametrize("text, value", [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23)])
def test_cn_value(text: str, value: int) -> None:
    assert cn_value(text) == value


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "－5－", "第3页", "第 3 页 共 10 页", "3/10", "7", "Page 2 of 9",
                                  "一、坚定信心\t3", "二、狠抓落实……………5", "目  录", "首页 > 新闻中心 > 领导讲话",
                                  "发布时间：2024-01-05 来源：市政府办公室", "【字体：大 中 小】", "推荐访问", "上一篇：关于……"])
def test_noise_lines(line: str) -> None:
    assert is_noise(line)


@pytest.mark.parametrize("line", ["一、坚定信心", "同比增长5.6%。", "2024年", "来源于企业的诉求要及时回应。", "同志们："])
def test_not_noise(line: str) -> None:
    assert not is_noise(line)


@pytest.mark.parametrize("raw, clean", [
    ("坚 持 稳 中 求 进", "坚持稳中求进"), ("增长 5.6 %，GDP 总量", "增长5.6%，GDP总量"),
    ("周调度 , 月通报", "周调度，月通报"), ("要素保障 and 服务", "要素保障和服务"), ("Page one", "Page one"),
    ("1,234 万元", "1,234万元"), ("\u3000\u3000首先，", "首先，"),
])
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize("heading, children, body, index, count, role", [
    ("关于上半年经济运行情况", [], "", 0, 3, "achievements"),
    ("认清形势，坚定信心", [], "", 0, 3, "situation"),
    ("正视存在的困难和问题", [], "", 1, 4, "problems"),
    ("突出重点，全力抓好下半年重点工作", [], "", 1, 3, "tasks"),
    ("转变作风，狠抓落实", [], "", 2, 3, "requirements"),
    ("知势而为，矢志追赶", ["发展改革积势蓄能，基础愈加牢固", "财政工作开源节流，支撑有力"], "过去的一年，全市实现生产总值增长5.6%", 0, 3,
     "achievements"),
    ("关于几点建议", [], "", 2, 3, "other"),
    ("统一思想", [], "", 2, 3, "requirements"),  # no role words: position decides
])
def test_part_roles(heading: str, children: list[str], body: str, index: int, count: int, role: str) -> None:
    assert part_role(heading, children, body, index, count) == role


@pytest.mark.parametrize("text, parent, lead_in, role", [
    ("工业增长后劲不足。", "achievements", "", "problems"),
    ("项目推进较快。", "achievements", "但也存在以下问题：", "problems"),
    ("项目推进较快。", "achievements", "困难不少。", "achievements"),
    ("要坚持问题导向，建立台账", "situation", "", "situation"),
    ("加快项目建设。", "tasks", "", "tasks"),
    ("强化作风建设，严肃责任追究", "tasks", "", "requirements"),
])
def test_item_roles(text: str, parent: str, lead_in: str, role: str) -> None:
    assert item_role(text, parent, lead_in) == role


def test_empty_and_noise_only_input() -> None:
    empty = outline_text("")
    assert empty.to_dict() == {"title": "", "opening": False, "closing": False, "headings": [], "subtitle": [],
                               "source": "<文本>"}
    assert outline_text("— 1 —\n\n第2页\n").to_dict()["headings"] == []


def test_no_markers_at_all_gives_no_headings() -> None:
    d = outline_text("同志们：\n今天开会。\n大家要努力。\n谢谢大家！").to_dict()
    assert d["headings"] == [] and d["opening"] is True and d["closing"] is False


def test_markdown_file_from_the_exporter(tmp_path: Path) -> None:
    import speechgen
    from speechgen.exporters import export_bytes

    draft = speechgen.render(Path(__file__).resolve().parents[2] / "samples" / "city_q1.yaml", seed=0)
    path = tmp_path / "q1.md"
    path.write_bytes(export_bytes(draft, "md"))
    outline = outline_file(path)
    want = [(h.level, h.marker, h.text.rstrip("。")) for h in draft.headings() if h.level <= 2]
    found = outline.to_dict()["headings"]
    got = [(h["level"], h["marker"], h["text"]) for h in found if h["level"] <= 2 and not h["marker"].endswith("要")]
    assert got == want
    # the template's bold 一要… leads under the requirements part are level-2 items too
    leads = [(h["level"], h["role"]) for h in found if h["marker"].endswith("要")]
    assert leads and set(leads) == {(2, "requirements")}
    assert outline.draft.title == draft.title and outline.closing and outline.opening


def test_docx_styles_numbering_and_bold_leads(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.add_paragraph("在全市项目建设推进会上的讲话", style="Title")
    doc.add_paragraph("同志们：")
    doc.add_paragraph("今天召开项目建设推进会，我讲三点意见。")

    def heading(text: str) -> None:
        p = doc.add_paragraph(text, style="Heading 1")
        num = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            num.append(el)
        p._p.get_or_add_pPr().append(num)

    def lead(bold: str, rest: str) -> None:
        p = doc.add_paragraph()
        p.add_run(bold).bold = True
        p.add_run(rest)

    heading("充分肯定成绩，坚定发展信心")
    lead("项目建设提速增效。", "新开工项目46个，完成投资73亿元。")
    lead("营商环境持续优化。", "企业开办时间压缩至1个工作日。")
    heading("聚焦重点任务，全力冲刺全年目标")
    lead("一要抓项目扩投资。", "实行周调度、月通报。")
    lead("二要抓企业稳工业。", "开展一企一策包联服务。")
    heading("强化责任落实，确保任务落地见效")
    doc.add_paragraph("各牵头单位要靠前指挥，压实责任。")
    doc.add_paragraph("同志们，时间紧、任务重。让我们真抓实干，确保完成全年目标任务！")
    path = tmp_path / "speech.docx"
    doc.save(str(path))
    d = outline_file(path).to_dict()
    assert d["title"] == "在全市项目建设推进会上的讲话" and d["opening"] and d["closing"]
    assert [(h["level"], h["marker"], h["text"], h["role"], h["line"]) for h in d["headings"]] == [
        (1, "一、", "充分肯定成绩，坚定发展信心", "achievements", 4),
        (2, "", "项目建设提速增效", "achievements", 5),
        (2, "", "营商环境持续优化", "achievements", 6),
        (1, "二、", "聚焦重点任务，全力冲刺全年目标", "tasks", 7),
        (2, "一要", "抓项目扩投资", "tasks", 8),
        (2, "二要", "抓企业稳工业", "tasks", 9),
        (1, "三、", "强化责任落实，确保任务落地见效", "requirements", 10),
    ]


MARKUP = """::title 在全市项目推进会上的讲话
::salutation 同志们：

今天召开项目推进会，我讲三点意见。

# 充分肯定成绩，坚定发展信心
## 项目建设提速增效。
新开工项目20个，完成投资35亿元。
# 突出重点，全力抓好下半年工作
## 抓项目扩投资。
实行周调度、月通报。
# 压实责任，狠抓落实
::closing 同志们，让我们真抓实干，确保完成全年目标任务！
"""


@pytest.mark.parametrize("via_file", [False, True])
def test_our_own_markup_goes_through_the_markup_parser(tmp_path: Path, via_file: bool) -> None:
    if via_file:
        path = tmp_path / "draft.md"
        path.write_text(MARKUP, encoding="utf-8")
        outline = outline_file(path)
    else:
        outline = outline_text(MARKUP)
    d = outline.to_dict()
    assert (d["title"], d["opening"], d["closing"]) == ("在全市项目推进会上的讲话", True, True)
    assert [(h["level"], h["marker"], h["text"], h["role"], h["line"]) for h in d["headings"]] == [
        (1, "一、", "充分肯定成绩，坚定发展信心", "achievements", 6),
        (2, "（一）", "项目建设提速增效", "achievements", 7),
        (1, "二、", "突出重点，全力抓好下半年工作", "tasks", 9),
        (2, "（一）", "抓项目扩投资", "tasks", 10),
        (1, "三、", "压实责任，狠抓落实", "requirements", 12),
    ]


def test_outline_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    from speechgen.errors import InputError

    with pytest.raises(InputError, match="文件不存在"):
        outline_file(tmp_path / "nope.txt")
