"""The work report in the 公文 layout: 主送机关, body, 附件说明, 署名 and 成文日期 (GB/T 9704-2012 7.3)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

import speechgen
from speechgen.exporters.docx.report import char_width, right_indents

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "county_work_report.yaml"


@pytest.fixture
def report(make_spec):
    spec = speechgen.load(SAMPLE)
    data = spec.model_dump(mode="json", exclude_none=True)
    data["meeting"].update(recipient="县人民政府", attachments=["重点项目推进情况表", "主要经济指标表"])
    return speechgen.render(data)


def test_report_layout_golden(report, golden) -> None:
    text = speechgen.export(report, fmt="txt").decode("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    head, tail = lines[:3], lines[-6:]
    golden("\n".join([*head, "……", *tail]) + "\n", "report_layout/report.txt")


def test_docx_places_each_part(report) -> None:
    doc = Document(io.BytesIO(speechgen.export(report, fmt="docx")))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    title, recipient = paras[0], paras[1]
    assert title.text == "关于2025年上半年发展改革工作情况的报告"
    assert recipient.text == "县人民政府："  # no byline or date under the title; the recipient comes next
    assert recipient.paragraph_format.first_line_indent in (None, 0) or recipient.style.name == "称谓"
    *_, closing, first_att, second_att, office, date = paras
    assert closing.text == "特此报告。"
    assert first_att.text == "附件：1.重点项目推进情况表" and second_att.text == "2.主要经济指标表"
    assert second_att.paragraph_format.left_indent > 0  # lined up under the first name
    assert (office.text, date.text) == ("县发展和改革局", "2025年7月8日")
    for p in (office, date):
        assert p.paragraph_format.alignment == 2  # right
    size = 16 * 12700  # 三号 in EMU per point
    right = {p.text: p.paragraph_format.right_indent for p in (office, date)}
    start = {t: right[t] + char_width(t) * size for t in right}  # distance of the first character from the margin
    assert round((start["县发展和改革局"] - start["2025年7月8日"]) / size) == 2  # date starts two characters right
    assert office.paragraph_format.space_before > 0  # one blank line under the body


@pytest.mark.parametrize("office,date,expected", [
    ("县发展和改革局", "2025年7月8日", {"signature": 5.0, "dateline": 4.0}),  # the date is longer: 右空四字
    ("某某县人民政府办公室综合科", "2025年7月8日", {"signature": 2.0, "dateline": 7.0}),  # 署名右空二字
])
def test_signature_and_date_indents(office: str, date: str, expected: dict[str, float]) -> None:
    from speechgen.core.draft import Draft, Paragraph, Run

    draft = Draft(blocks=[Paragraph([Run(office)], kind="signature"), Paragraph([Run(date)], kind="dateline")])
    indents = right_indents(draft)
    assert indents == expected
    assert indents["signature"] + char_width(office) - (indents["dateline"] + char_width(date)) == 2


def test_speech_keeps_its_byline() -> None:
    draft = speechgen.render(ROOT / "samples" / "city_q1.yaml")
    assert draft.subtitle and not any(p.kind in ("signature", "dateline", "recipient") for p in draft.paragraphs())
