"""The closing parts of a report in the 公文 layout of GB/T 9704-2012 (7.3.4, 7.3.5.2).

* 附件说明: under the body after one blank line, indented two characters ("附件：1.××"); the
  names of further attachments line up under the first name.
* 署名 and 成文日期 (a document without a seal): the issuing office one blank line under the
  body (or the attachment note), two characters in from the right; the date on the next line,
  its first character two characters right of the office's first character.  When the date is
  the longer of the two, the date keeps four characters from the right and the office moves
  right of it by the same rule.

Widths are counted in full-width characters (a digit is half a character).
"""
from __future__ import annotations

from lxml import etree

from speechgen.core.draft import Draft, Paragraph
import speechgen.exporters.docx.ooxml as ox

ATTACHMENT_LABEL = "附件："
REPORT_KINDS = ("attachment", "signature", "dateline")


def char_width(text: str) -> float:
    """Width of *text* in full-width characters (ASCII letters and digits count half)."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def right_indents(draft: Draft) -> dict[str, float]:
    """Right indents (characters) of the signature and the date line: {"signature": 2, "dateline": …}."""
    texts = {p.kind: p.text for p in draft.paragraphs() if p.kind in ("signature", "dateline")}
    sign, date = char_width(texts.get("signature", "")), char_width(texts.get("dateline", ""))
    if not sign or not date:
        return {"signature": 2.0, "dateline": 4.0}
    start_sign = 2 + sign  # from the right margin to the office's first character
    if start_sign - 2 >= date + 2:  # the date fits with its first character two right of the office's
        return {"signature": 2.0, "dateline": start_sign - 2 - date}
    return {"dateline": 4.0, "signature": 4 + date + 2 - sign}


def report_ppr(block: Paragraph, size_pt: float, pitch_pt: float, indents: dict[str, float],
               first_attachment: bool) -> list[etree._Element]:
    """Paragraph properties (indent, alignment, the blank line before) for a report's closing part."""
    twips = size_pt * 20
    blank = round(pitch_pt * 20)
    if block.kind == "attachment":
        if block.text.startswith(ATTACHMENT_LABEL) or first_attachment:
            return [ox.el("spacing", before=blank), ox.el("ind", firstLineChars=200, firstLine=round(2 * twips))]
        left = 2 + char_width(ATTACHMENT_LABEL)  # under the first attachment's name
        return [ox.el("ind", leftChars=round(left * 100), left=round(left * twips), firstLineChars=0, firstLine=0)]
    right = indents[block.kind]
    out = [ox.el("ind", rightChars=round(right * 100), right=round(right * twips), firstLineChars=0, firstLine=0),
           ox.el("jc", val="right")]
    if block.kind == "signature":
        out.insert(0, ox.el("spacing", before=blank))
    return out
