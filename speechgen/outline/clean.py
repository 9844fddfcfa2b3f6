"""Cleaning extracted speech text before it is outlined.

Real archives hold text copied out of PDFs and web pages: page numbers
(``— 3 —``, ``第3页``), tables of contents (heading + tab + page), running
headers repeated on every page, web boilerplate (breadcrumbs, ``推荐访问``),
spaces inside words, half-width commas, and lines broken in mid-sentence.
This module removes the noise, normalises spacing and punctuation, and joins
physical lines into paragraphs, remembering for every character the source
line it came from (for ``line`` in the outline).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from speechgen.outline.read import Line

CJK = "\u4e00-\u9fff"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE = re.compile(r"(?<![A-Za-z0-9])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?![A-Za-z0-9])")
_HALF_STOP = re.compile(rf"(?<=[{CJK}”）])\.(?=[{CJK}“（]|$)")  # 情况.刚才 → 情况。刚才 (not 1.5, not 1.)
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")  # 1 286.4 亿元 (PDF spacing of thousands)
_AND = re.compile(rf"(?<=[{CJK}])and(?=[{CJK}])")
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT = re.compile(rf"(?<=[{CJK}”）])[,;:?!]|[,;:?!](?=[{CJK}“（])")

_PAGE = re.compile(
    r"^(?:[-—–－_~·•]+ ?\d{1,4} ?[-—–－_~·•]+|第 ?\d{1,4} ?页(?: ?[，,/／]? ?共 ?\d{1,4} ?页)?"
    r"|共 ?\d{1,4} ?页 ?第 ?\d{1,4} ?页|\d{1,4} ?[/／] ?\d{1,4}|[Pp]age ?\d{1,4}(?: ?of ?\d{1,4})?"
    r"|\d{1,3}|[（(]\d{1,3}[)）])$")
_TOC = re.compile(r"^[^。！？]{2,60}?(?:\t+|\s*[.．…·•]{3,}\s*)\d{1,3}$")
_TOC_TITLE = re.compile(r"^目\s*录$")
_BOILER = re.compile(
    r"推荐访问|猜你喜欢|相关阅读|相关新闻|相关链接|上一篇[:：]?|下一篇[:：]?|责任编辑|打印本页|关闭窗口|【打印】"
    r"|【关闭】|分享到|扫一扫|【字体|字体[:：]\s*[大中小]|浏览次数|阅读次数|访问量|发布时间[:：]|信息来源[:：]"
    r"|^来源[:：]|版权所有|网站地图|ICP备|联系我们|当前位置[:：]|您现在的位置|首页\s*[>＞»›]|\[\s*打印\s*\]")
_TAIL_BOILER = re.compile(r"^(?:推荐访问|猜你喜欢|相关阅读|相关新闻|相关链接|上一篇|下一篇|相关文章)")
_BREADCRUMB = re.compile(r"[>＞»›].*[>＞»›]")
_HEADERISH = re.compile(r"讲话|报告|会议|文件|人民政府|办公室|简报|材料|发言|汇编|内部")

#: a paragraph starts here: heading markers, run-in enumerators, dash leads, salutation/closing
START = re.compile(
    r"^(?:第[一二三四五六七八九十]{1,3}(?:部分|个?(?:问题|方面)|点|条)?[，,、：:]?"
    r"|[一二三四五六七八九十]{1,3}[、，,．.是要]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}(?:[、．)）]|\.(?!\d))|[①-⑳]|(?:首先|其次|再次|最后)[，,：:]|(?:首先|其次|再次)要|——|－－"
    r"|同志们[，,！!：:]|谢谢大家|各位)")
_OWN_LINE = re.compile(r"^(?:第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)])")
MAX_HEADING = 44  # characters with the marker; the genre's headings run 4–41 after it
_OPENER = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}[，,][\u4e00-\u9fff]{2,8}[！!]|让我们|希望大家|总之[，,]|谢谢)")
_FINAL = "。！？；：!?;:…"
_CONTINUES = "，、“《（—(-"


@dataclass
class Para:
    """A logical paragraph: its text and where each piece came from."""

    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # (offset, source line), ascending
    style: str = ""
    lead: str = ""        # leading bold text (Word / Markdown)
    numbered: bool = False  # Word automatic numbering

    def line_at(self, offset: int) -> int:
        i = bisect_right([s[0] for s in self.spans], offset) - 1
        return self.spans[max(i, 0)][1] if self.spans else 0


@dataclass
class CleanLine:
    number: int
    text: str
    style: str = ""
    lead: str = ""
    numbered: bool = False
    indent: bool = False
    after_gap: bool = False  # a blank line came before it
    after_noise: bool = False  # a noise line (page number …) was removed before it
    width: int = 0
    raw: str = ""  # the stripped source line (bylines keep their spacing)


def normalise(text: str) -> str:
    """Spacing and half-width punctuation as a Chinese text expects them."""
    text = text.translate(_ZERO_WIDTH)
    text = _THOUSANDS.sub("", text)
    text = _SPACE.sub("", text).strip()
    if "and" in text:
        text = _AND.sub("和", text)
    text = _HALF_PUNCT.sub(lambda m: _HALF[m.group(0)], text)
    return _HALF_STOP.sub("。", text) if "." in text else text


def display_width(text: str) -> int:
    """Columns on a page: CJK characters count 2, ASCII 1."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def is_noise(raw: str) -> bool:
    """Page numbers, TOC lines and web boilerplate (on the stripped raw line)."""
    squeezed = re.sub(r"[ \u3000\xa0]+", " ", raw.strip())
    if _PAGE.match(squeezed) or _TOC.match(squeezed) or _TOC_TITLE.match(squeezed):
        return True
    if len(squeezed) <= 80 and not squeezed.endswith("。"):
        if _BOILER.search(squeezed) or (len(squeezed) <= 60 and _BREADCRUMB.search(squeezed)):
            return True
    return False


def clean_lines(lines: list[Line]) -> list[CleanLine]:
    """Drop noise, normalise text; remember gaps, indentation and removed noise."""
    out: list[CleanLine] = []
    gap = noise = False
    for line in _cut_tail(lines):
        raw = line.text.replace("\f", "")
        if not raw.strip():
            gap = True
            continue
        if is_noise(raw):
            noise = True
            continue
        text = normalise(raw)
        if not text or (noise and out and _running_header(text)):  # the first lines are the title
            continue
        indent = raw[:1] in " \u3000\t\xa0"
        out.append(CleanLine(line.number, text, line.style, normalise(getattr(line, "lead", "") or ""),
                             bool(getattr(line, "numbered", False)), indent, gap, noise,
                             display_width(raw.strip()), raw.strip()))
        gap = noise = False
    return _drop_running_headers(out)


def _running_header(text: str) -> bool:
    """A short header-like line right after a page break (a header that appears only once)."""
    return (len(text) <= 30 and text[-1] not in _FINAL and not START.match(text)
            and _HEADERISH.search(text) is not None and "，" not in text)


def _cut_tail(lines: list[Line]) -> list[Line]:
    """Everything after a trailing '推荐访问 / 上一篇' block is web page furniture."""
    half = len(lines) // 2
    for i in range(half, len(lines)):
        text = lines[i].text.strip()
        if text and len(text) <= 40 and _TAIL_BOILER.match(text):
            return lines[:i]
    return lines


def _drop_running_headers(lines: list[CleanLine]) -> list[CleanLine]:
    """Short lines repeated on several pages (running headers, a repeated title)."""
    counts = Counter(c.text for c in lines if 4 <= len(c.text) <= 40 and c.text[-1] not in _FINAL)
    repeated = {t for t, n in counts.items() if n >= 3 or (n == 2 and _HEADERISH.search(t))}
    if not repeated:
        return lines
    kept: list[CleanLine] = []
    seen: set[str] = set()
    dropped = False
    for i, c in enumerate(lines):
        if c.text in repeated and not START.match(c.text):
            if c.text in seen or i > 6:
                dropped = True
                continue
            seen.add(c.text)
        if dropped:
            c.after_noise, dropped = True, False
        kept.append(c)
    return kept


# ------------------------------------------------------------------ paragraphs

def wrap_width(lines: list[CleanLine]) -> int:
    """The line width of hard-wrapped text (PDF extraction), or 0 if lines are paragraphs."""
    widths = sorted(c.width for c in lines if c.width >= 30)
    if len(widths) < 4:
        return 0
    top = widths[int(len(widths) * 0.9) - (1 if len(widths) >= 10 else 0)]
    near = sum(1 for w in widths if w >= top - 4)
    return top - 4 if near >= 0.5 * len(widths) and near >= 4 else 0


def join_paragraphs(lines: list[CleanLine], *, joinable: bool = True) -> list[Para]:
    """Physical lines → paragraphs (``joinable=False`` for Word, whose paragraphs are real)."""
    wrap = wrap_width(lines) if joinable else 0
    gaps_everywhere = sum(c.after_gap for c in lines) > 0.6 * max(len(lines), 1)
    indents = sum(c.indent for c in lines) > 0.2 * max(len(lines), 1)
    paras: list[Para] = []
    last: CleanLine | None = None
    for c in lines:
        if paras and last is not None and joinable and _joins(paras[-1], last, c, wrap, gaps_everywhere, indents):
            para = paras[-1]
            para.spans.append((len(para.text), c.number))
            para.text += c.text
        else:
            paras.append(Para(c.text, [(0, c.number)], c.style, c.lead, c.numbered))
        last = c
    return paras


def _joins(para: Para, last: CleanLine, nxt: CleanLine, wrap: int, gaps_everywhere: bool,
           indents: bool) -> bool:
    if para.style or nxt.style or nxt.lead:
        return False
    if indents and nxt.indent:
        return False
    if nxt.after_gap and not (nxt.after_noise or (gaps_everywhere and wrap)):
        return False  # a blank line ends a paragraph, unless every wrapped line is followed by one
    heading = START.match(para.text) is not None and not any(ch in para.text for ch in "。！？")
    if START.match(nxt.text):  # a marker starts a paragraph, unless a full line broke mid-sentence before it
        return bool(wrap) and last.width >= wrap and para.text[-1] not in _FINAL and not heading
    if wrap:  # hard-wrapped text: a full line continues, a short one ends its paragraph
        if heading and _OWN_LINE.match(para.text):
            return _heading_goes_on(para.text, last, nxt, wrap)
        if para.text[-1] in "。！？" and _OPENER.match(nxt.text):
            return False  # a closing slogan after a sentence that happened to fill its line
        if last.width >= wrap or para.text[-1] in _CONTINUES:
            return True
        return heading and nxt.width < wrap and _continues_heading(para.text, nxt.text)
    if ends_sentence(para.text):
        return False
    return _continues_heading(para.text, nxt.text) if heading else True


def _heading_goes_on(head: str, last: CleanLine, nxt: CleanLine, wrap: int) -> bool:
    """Hard-wrapped 一、/（一） heading line without 。: does *nxt* continue it?

    After a short line, only a short tail does.  After a full line, the heading may
    go on, but not past the genre's longest headings: a heading that exactly filled
    its line is followed by body text.
    """
    if head[-1] in _CONTINUES:
        return True
    if last.width < wrap:
        return nxt.width < wrap and _continues_heading(head, nxt.text)
    stop = next((i for i, ch in enumerate(nxt.text) if ch in "。！？"), -1)
    if stop >= 0:  # a run-in heading ends on this line: its tail before 。 is short
        return stop <= 12 and len(head) + stop <= MAX_HEADING
    return len(head) + len(nxt.text) <= MAX_HEADING


def _continues_heading(head: str, nxt: str) -> bool:
    """A heading line without final punctuation: is *nxt* its broken-off tail?

    Tails are short: the rest of a heading (…迎难 / 而上，全力以赴), or the last
    character or two of a run-in heading before its 。 (…薄弱指 / 标。正文…).
    """
    if head[-1] in _CONTINUES:
        return True
    if nxt[-1] in "：:；;":
        return False
    stop = next((i for i, ch in enumerate(nxt) if ch in "。！？"), -1)
    if stop >= 0:
        return stop <= 2 and len(head) + stop <= 70
    return len(nxt) <= 30 and len(head) + len(nxt) <= 70


def ends_sentence(text: str) -> bool:
    """True if *text* ends a sentence (。！？；： or those before a closing quote/bracket)."""
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in _FINAL:
        return True
    return text[-1] in "”’」』）)》" and len(text) > 1 and text[-2] in _FINAL
