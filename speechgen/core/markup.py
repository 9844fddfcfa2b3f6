"""The small markup templates render, parsed into a :class:`Draft`.

::

    ::title 在全市一季度经济运行分析会上的讲话
    ::subtitle 市长  张明
    ::subtitle （2025年4月18日）
    ::salutation 同志们：

    Opening paragraph.  Consecutive lines join into one paragraph;
    a blank line ends it.

    # Level-1 heading (numbered 一、 automatically)
    ## Level-2 heading （一）
    ### Level-3 heading with run-in text。
    Text on the next line (no blank line) runs into the heading's paragraph.
    #! An unnumbered level-1 heading
    #[一要] A level-1 heading with a literal marker。
    #[要] A heading numbered in a run-in style: 一要 二要…  ([是] 一是, [第] 第一，,
    [首先] 首先， 其次， 再次，); text on the next line runs in, as in dispatch speeches.
    #@tasks A heading with its role (after the optional [marker]): achievements, situation,
    problems, tasks, requirements, closing, other; a heading without one takes its parent's.
    **一要压实责任。**Bold lead sentence, then body text.
    ::closing 同志们，……！        (a paragraph marked as the closing)
    ::recipient 县委、县政府：  ::attachment 附件：1.名称  ::signature 机关  ::dateline 2025年7月8日
                                  (a report's 主送机关, 附件说明, 署名, 成文日期: placed by the Word exporter)

Lines starting with ``{#`` are never produced (Jinja comments).  Values the template engine
prints are escaped with :func:`escape_text` (``*``, a leading ``#`` or ``:`` become private-use
characters) and the parser turns them back, so the writer's text is never read as markup and
never loses a character: "新开工亿元以上项目**个" stays as written (and the checker flags the mask).
"""
from __future__ import annotations

import re

from speechgen.core.draft import Draft, Heading, Paragraph, Run
from speechgen.core.numbers import enum_word

_HEADING = re.compile(r"^(#{1,4})(!?)(?:\[([^\]\s]+)\])?(?:@([a-z_]+))?\s+(.*\S)\s*$")
_DIRECTIVE = re.compile(r"^::(title|subtitle|salutation|closing|recipient|attachment|signature|dateline|meta)"
                        r"\s+(.*\S)\s*$")
STYLES = ("是", "要", "第", "首先")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ESCAPES = {"*": "\ue010", "#": "\ue011", ":": "\ue012", "[": "\ue013"}
_ESCAPE = str.maketrans(_ESCAPES)
_UNESCAPE = str.maketrans({v: k for k, v in _ESCAPES.items()})
#: whether there is anything to translate: most texts have no such character, and a regex scan is
#: far cheaper than str.translate's character-by-character table lookups over Chinese text
_MARKUP_CHAR = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_STAND_IN = re.compile("[" + "".join(_ESCAPES.values()) + "]")


def escape_text(text: str) -> str:
    """*text* with every character that could act as markup replaced by a private-use stand-in."""
    return text.translate(_ESCAPE) if _MARKUP_CHAR.search(text) else text


def unescape(text: str) -> str:
    return text.translate(_UNESCAPE) if _STAND_IN.search(text) else text


def parse_runs(text: str) -> list[Run]:
    """``**bold**`` spans → bold runs; everything else plain."""
    runs: list[Run] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            runs.append(Run(unescape(text[pos:m.start()])))
        runs.append(Run(unescape(m.group(1)), bold=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(unescape(text[pos:])))
    return runs


def parse_markup(text: str) -> Draft:
    """Parse template output into a numbered :class:`Draft`."""
    draft = Draft()
    pending: list[str] = []
    heading: Heading | None = None  # heading that may receive run-in text

    def flush() -> None:
        nonlocal heading
        if pending:
            joined = "".join(pending)
            if heading is not None:
                heading.body = parse_runs(joined)
            else:
                draft.blocks.append(Paragraph(parse_runs(joined)))
            pending.clear()
        heading = None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        m = _DIRECTIVE.match(line)
        if m:
            flush()
            _directive(draft, m.group(1), m.group(2))
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            marker = "" if m.group(2) else m.group(3)
            heading = Heading(level=len(m.group(1)), text=unescape(m.group(5)), marker=marker,
                              role=m.group(4) or "")
            draft.blocks.append(heading)
            continue
        pending.append(line)
    flush()
    _style_markers(draft)
    return draft.number().inherit_roles()


def _style_markers(draft: Draft) -> None:
    """Headings marked ``[要]`` etc. get 一要 二要…, counted among siblings at their level."""
    counters = [0] * 6
    for block in draft.blocks:
        if not isinstance(block, Heading):
            continue
        lvl = max(1, min(block.level, 4))
        counters[lvl] += 1
        for deeper in range(lvl + 1, 6):
            counters[deeper] = 0
        if block.marker in STYLES:
            block.marker = enum_word(counters[lvl], block.marker)


def _directive(draft: Draft, name: str, value: str) -> None:
    if name not in ("closing", "recipient", "attachment", "signature", "dateline"):  # parse_runs unescapes
        value = unescape(value)
    if name == "title":
        draft.title = value
    elif name == "subtitle":
        draft.subtitle.append(value)
    elif name == "salutation":
        draft.blocks.append(Paragraph([Run(value)], kind="salutation"))
    elif name in ("closing", "recipient", "attachment", "signature", "dateline"):
        draft.blocks.append(Paragraph(parse_runs(value), kind=name))  # type: ignore[arg-type]
    else:
        key, _, val = value.partition("=")
        draft.meta[key.strip()] = val.strip()
