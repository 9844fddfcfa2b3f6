"""The parts of a speech around its numbered body: title block, salutation, closing.

Title: the first short lines before the salutation that read like a title
(``在…上的讲话``, ``…工作报告``), then byline and date lines.  Closing: the last
paragraph if it opens like one (``同志们，`` ``让我们`` ``谢谢大家``) or is a rallying
slogan (``时不我待，只争朝夕！``), skipping trailers such as ``（根据录音整理）``.
"""
from __future__ import annotations

import re

from speechgen.core.draft import Draft, Paragraph, Run
from speechgen.core.markers import start_token
from speechgen.outline.clean import CleanLine, Para, normalise

SALUTATION = re.compile(r"^(?:各位[^。！？]{0,30}[、，])?(?:同志们|各位(?:领导|代表|委员|同事)[^。！？]{0,20})[：:！!]$")
_DATE_LINE = re.compile(r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^。，]{1,12}?[）)]?$")
_BYLINE = re.compile(r"^[\u4e00-\u9fff·、（）()]{0,24}?(?:书记|市长|县长|区长|省长|州长|旗长|镇长|乡长|主任|局长|部长|厅长|主席|委员|秘书长|行长|经理)?[ 　]?[\u4e00-\u9fff·]{2,4}$")
_TITLE_WORDS = re.compile(r"讲话|发言|报告|致辞|汇报|总结|会议|会上|意见|提纲|材料|动员|在.{2,40}上")
_TITLE_STYLE = re.compile(r"^(?:Title|标题|Subtitle|副标题)$", re.I)
HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.I)
_CLOSING_START = re.compile(
    r"^(?:同志们[，,！!]|让我们|谢谢大家|谢谢！|总之[，,]|以上(?:几|[一二三四五六七八九十]|\d)(?:点|个方面)|通过今天的会议"
    r"|希望大家|最后[，,]希望)")
_SLOGAN_START = re.compile(r"^[\u4e00-\u9fff]{2,8}[，,][\u4e00-\u9fff]{2,8}[！!。；]")
_RALLY = re.compile(r"让我们|希望大家|确保完成|以优异成绩|新的更大贡献|努力奋斗|满意的答卷|奋力夺取|谢谢大家|时不我待|只争朝夕|时不等人")
_TRAILER = re.compile(r"^(?:[（(][^（）()]{1,30}[）)]|\d{4}年\d{1,2}月\d{1,2}日)$")


def front(lines: list[CleanLine], draft: Draft) -> list[CleanLine]:
    """Title, byline/date lines and the salutation; returns the remaining lines."""
    i, title, sub = 0, [], []
    while i < len(lines) and i < 8:
        c = lines[i]
        text = c.text
        if SALUTATION.match(text) or (c.style and HEADING_STYLE.match(c.style) and title):
            break
        if title and (_DATE_LINE.match(text) or (_BYLINE.match(text) and len(text) <= 24)):
            dated = _DATE_LINE.match(text)  # a date keeps no inner spaces (PDF: 2024 年4 月17 日)
            sub.append(text if dated or not c.raw else re.sub(r"[ \u3000\t]+", "\u3000", c.raw))
        elif not sub and (_TITLE_STYLE.match(c.style) or _title_fragment(text)):
            title.append(_ENTRY.sub("", _title_text(c)) if not title else _title_text(c))
        else:
            break
        i += 1
    if title and not (_TITLE_WORDS.search("".join(title)) or _TITLE_STYLE.match(lines[0].style)
                      or HEADING_STYLE.match(lines[0].style)):
        i, title, sub = 0, [], []
    draft.title, draft.subtitle = "".join(title), sub
    if i < len(lines) and SALUTATION.match(lines[i].text):
        draft.blocks.append(Paragraph([Run(lines[i].text)], kind="salutation"))
        i += 1
    return lines[i:]


def _title_text(c: CleanLine) -> str:
    """A title line, normalised, but a wide gap (two spaces, a full-width space) stays a gap."""
    gapped = re.sub(r"(?<=\S)(?: {2,}|\u3000+|\t+)(?=\S)", "\ue000", c.raw or c.text)
    return normalise(gapped).replace("\ue000", "\u3000")


def _title_fragment(text: str) -> bool:
    """A line of the title: short and unpunctuated; up to 90 characters when it names the speech
    (``…——在…会议上的讲话``); a numbered line only when it is a compilation's entry
    (``一、王某同志在全县经济工作会议上的讲话``), not a part heading."""
    if any(ch in text for ch in "。；;，,") or text[-1] in "：:":
        return False
    tok = start_token(text, 0)
    if tok is not None:
        return tok.scheme in {"cn", "ar"} and bool(_SPEECH_TITLE.search(text[tok.end:]))
    return len(text) <= 40 or (len(text) <= 90 and bool(_SPEECH_TITLE.search(text)))


_SPEECH_TITLE = re.compile(r"在.{2,50}上的.{0,4}(?:讲话|发言|报告|致辞|汇报)$|(?:讲话|发言|报告|致辞|汇报)$")
_ENTRY = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、．.]\s*")


def closing_start(paras: list[Para], body_from: int) -> int:
    """Index of the first closing paragraph (``len(paras)`` if the speech has no closing)."""
    n = len(paras)
    last = n - 1
    while last > body_from and _TRAILER.match(paras[last].text):
        last -= 1  # （根据录音整理） / a date under the text
    if n == 0 or last <= body_from:
        return n
    if paras[last].text.startswith(("谢谢大家", "谢谢！")) and last - 1 > body_from:
        if _is_closing(paras[last - 1].text):
            return last - 1
        return last
    return last if _is_closing(paras[last].text) else n


def _is_closing(text: str) -> bool:
    if start_token(text, 0) is not None:
        return False
    if _CLOSING_START.match(text):
        return True
    if _SLOGAN_START.match(text) and (_RALLY.search(text) or text.endswith(("！", "!"))):
        return True
    # a short pledge or call that ends the speech (我们将以这次会议为契机，…作出新的更大贡献！)
    return len(text) <= 150 and text.endswith(("！", "!")) and bool(_RALLY.search(text))
