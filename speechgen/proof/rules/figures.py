"""The ``number`` rule: with a spec, every figure in the draft must be an input
number, a number written in the spec's text, or a computation from them."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from speechgen.proof.rules.base import Doc, DocLine, Finding, register
from speechgen.proof.rules.facts import Facts, Pool, facts_for

if TYPE_CHECKING:  # pragma: no cover
    from speechgen.spec.model import Indicator

_FIGURE = re.compile(r"(?<![\dA-Za-z.．_,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\dA-Za-z_]|[.．]\d)"
                     r"(\s*(?:%|％|个百分点|亿元|万元|元|亿|万|位|名|个|项|家|户|人次|人|倍)?)")
# Numbers that belong to dates, ordinals of events and fixed expressions, not to the data.
_DATE_AFTER = re.compile(r"\s*(?:年|月|日|号|时|点|分钟|秒|周年|世纪)")
_RANGE_AFTER = re.compile(r"\s*[—\-–~～至到]\s*\d+(?:\.\d+)?\s*(?:年|月|日|号)")
_EVENT_AFTER = re.compile(r"(?:届|次|批|轮|期|号|条|款|章|节|版|代|个五年)")
_BOOK = re.compile(r"《[^》]*》|“[^”]{0,12}\+[^”]{0,12}”")
_LISTED = re.compile(r"分别|等\d*项|均|都|各")
_RANK_AFTER = re.compile(r"\s*(?:位|名|[，。；、]|$)")


@register("number", "数字与指标表不符（需 --spec）：每个数字都应来自 spec 或可由其算出")
def number(doc: Doc) -> Iterator[Finding]:
    facts = facts_for(doc)
    if facts is None:
        return
    for ln in doc.lines:
        if ln.kind in ("title",):
            continue
        yield from _line_figures(ln, facts)


def _line_figures(ln: DocLine, facts: Facts) -> Iterator[Finding]:
    text = ln.text
    shielded = [(m.start(), m.end()) for m in _BOOK.finditer(text)]
    marker_end = len(ln.heading.marker) if ln.heading is not None else 0
    mentions = facts.mentions(text) if facts.name_re is not None else []
    for m in _FIGURE.finditer(text):
        start, end = m.start(1), m.end(1)
        if start < marker_end or any(a <= start < b for a, b in shielded) or _ignored(text, start, end):
            continue
        rank = _rank_kind(text, start, end)
        written = m.group(1).replace(",", "")
        figure = Decimal(written)
        decimals = len(written.partition(".")[2])
        subject = _subject(mentions, text, start)
        regions = _regions(facts, mentions, text, start)
        if regions is not None:
            if regions.matches(figure, decimals, rank):
                continue
        elif facts.matches(figure, decimals, rank=rank, subject=subject):
            continue
        shown = ("第" if rank else "") + m.group(1) + m.group(2).strip()
        yield Finding("number", "error", ln.number, shown, _message(shown, subject))


def _ignored(text: str, start: int, end: int) -> bool:
    after = text[end:]
    before = text[:start]
    if _DATE_AFTER.match(after) or _RANGE_AFTER.match(after):
        return True
    if before.endswith("第") and _EVENT_AFTER.match(after):
        return True
    if before.endswith(("+", "×", "*", "/")) or after.startswith(("+", "×", "*", "/")):
        return True  # “1+N”, 7×24, ratios written as a/b
    if before.endswith(("（", "(")) and after.startswith(("）", ")")):
        return True  # an enumeration marker inside a paragraph
    if before.endswith(("：", ":")) and after.startswith(("：", ":")):
        return True  # 3:4:3 structures
    return "热线" in after[:3] or "热线" in before[-4:]


def _rank_kind(text: str, start: int, end: int) -> str:
    """"rank" for 第N位, "reverse" for 倒数第N位, "" otherwise."""
    if not (text[:start].endswith("第") and _RANK_AFTER.match(text[end:])):
        return ""
    return "reverse" if text[:start].endswith("倒数第") else "rank"


def _subject(mentions: list[tuple[int, int, "Indicator"]], text: str, pos: int) -> "Indicator | None":
    """The indicator the figure belongs to: the last one named earlier in its sentence.

    None (check against everything) when no indicator is named or when several
    are listed together (地区生产总值、固定资产投资分别增长5.8%、8.9%)."""
    head = text[:pos]
    cut = max(head.rfind(p) for p in "。；！？") + 1
    before = [(s, e, ind) for s, e, ind in mentions if s >= cut and e <= pos]
    if not before:
        return None
    start, end, ind = before[-1]
    if _LISTED.search(head[end:]) or head[cut:start].endswith(("、", "和", "与", "及", "以及")):
        return None
    return ind


def _regions(facts: Facts, mentions: list[tuple[int, int, "Indicator"]], text: str, pos: int) -> "Pool | None":
    """The figures of the regions (spec.regions) named in the figure's clause before it, after the
    last indicator named there: "白水县、西岭区分别下降6.8%和2.4%" may only use those regions' figures."""
    if facts.region_re is None:
        return None
    head = text[:pos]
    sentence_cut = max(head.rfind(p) for p in "。；！？") + 1
    cut = max(sentence_cut, head.rfind("，") + 1)
    last_indicator = max((e for s, e, _ in mentions if sentence_cut <= s and e <= pos), default=-1)
    found = [(s, r) for s, _, r in facts.region_mentions(head) if s >= sentence_cut and s > last_indicator]
    if not found:
        return None
    clause = [r for s, r in found if s >= cut]
    return facts.region_pool(clause or [r for _, r in found])


def _message(shown: str, ind: "Indicator | None") -> str:
    base = f"数字“{shown}”在指标表、spec 文字和由它们算出的结果中都找不到，请核对"
    if ind is None:
        return base + "（如是新增材料，请补进 spec）"
    return f"{base}（{ind.name}：{describe(ind)}）"


def describe(ind: "Indicator") -> str:
    """The row's input figures in one line, for a finding's message."""
    u = ind.unit
    fields = (("本期值", ind.value, u), ("增速", ind.growth, "%"), ("上级增速", ind.superior_growth, "%"),
              ("排第", ind.rank, "位" + (f"（共{ind.rank_total}个）" if ind.rank_total else "")),
              ("上期增速", ind.prev_growth, "%"), ("上期排第", ind.prev_rank, "位"),
              ("目标增速", ind.target_growth, "%"), ("年度目标", ind.annual_target, u),
              ("拉动", ind.pull, "个百分点"), ("贡献率", ind.contribution, "%"), ("占比", ind.share, "%"),
              ("两年平均增速", ind.two_year_avg, "%"), ("当月增速", ind.month_growth, "%"),
              ("个数", ind.count, f"（共{ind.count_of}）" if ind.count_of is not None else ""))
    parts = [f"{label}{value}{unit}" for label, value, unit in fields if value is not None]
    return "，".join(parts) or "无数据"
