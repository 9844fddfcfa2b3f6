"""Bind every figure of a speech to its subject: (indicator, field, value, period, source line).

A speech states figures in chains (genre.md §4.1): ``{ind}完成{v}{u}，同比增长{p}%，高于全省{pp}个
百分点，居全省第{r}位，比一季度前移{n}位``.  Sentences are split at 。！？, clauses at ，；.  Each
clause names its subject (an indicator alias from ``corpora/extract.yaml``) or continues the
previous clause's subject when it opens with a predicate (同比, 增长, 高于, 居…); a clause that
opens with another noun ends the chain, so a figure is never bound to a subject it does not
follow.  ``A、B分别增长x%、y%`` distributes in order; a count mismatch binds nothing.

Comparisons become fields by explained arithmetic (``高于全省0.6个百分点`` with growth 5.9 →
superior_growth 5.3, the note says so); comparisons with last year's same period are not
``prev_*`` fields (those mean the previous period) and are kept as uncertain notes.  预计 marks
estimates, forward-looking sentences (目标, 力争, 确保, 建议为…) give targets, masked figures (X, **,
×) are kept as masked.  Mechanisms only: names, units and masks are data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Callable

from ..core.resources import corpora_dir

_MASK_CHARS = "XＸx×*＊"
NUM = r"(-?\d+(?:\.\d+)?|[XＸx×*＊]{1,3}(?:\.[XＸx×*＊\d]{1,2})?)"
_LEVEL = r"(全国|全省|全市|全区|全州|全县|全盟|省|市|州)"
_PERIOD = (r"(一季度|二季度|三季度|四季度|第[一二三四]季度|上半年|下半年|前三季度|全年|1[—\-–~至到]\d{1,2}月(?:份)?"
           r"|\d{1,2}月份?(?:当月)?|去年|今年|上年)")
_FORWARD = re.compile(r"目标|预期|力争|确保|建议为|争取|计划|要达到|力求")
_PAST = re.compile(r"同比|上年同期|去年同期|居全|排名|位居|完成了|实现了|目标的|计划的|进度")
_CARRY = re.compile(r"^(?:仅|只|已|又|还|均|都|也|再|大幅|首次)?(?:同比|比|较|增长|增速|增幅|下降|回落|高于|低于|高出|快于|慢于|好于|居|位居|位列|排|列|"
                    r"总量|累计|完成|实现|达到|突破|分别|其中增速|增加|减少|降幅|由负|扭负|占|为|达|首次|连续|在)")
_SPLIT_SENT = re.compile(r"[^。！？!?]+[。！？!?]?")
_SPLIT_CLAUSE = re.compile(r"[^，；,;]+[，；,;]?")


@dataclass
class Figure:
    indicator: str
    field: str                 # value | growth | superior_growth | rank | rank_total | prev_growth | prev_rank | target
    value: Decimal | None      # None when masked or only described
    line: int
    source: str                # the sentence as written
    unit: str = ""
    note: str = ""             # arithmetic or the reason for doubt
    uncertain: bool = False
    masked: bool = False
    estimate: bool = False
    forward: bool = False
    period: str = ""           # period label as written (1—5月, 5月份当月, 一季度)
    bound: str = ""            # 左右 / 以上 / 以内 for targets
    clause: str = ""           # the clause that states it


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    import yaml

    data = yaml.safe_load((corpora_dir() / "extract.yaml").read_text(encoding="utf-8"))
    aliases = sorted(((a, name) for name, d in data["indicators"].items() for a in d["aliases"]),
                     key=lambda p: -len(p[0]))
    data["alias_re"] = re.compile("|".join(re.escape(a) for a, _ in aliases))
    data["alias_of"] = dict(aliases)
    data["unit_re"] = "|".join(re.escape(u) for u in sorted(data["units"], key=len, reverse=True))
    return data


def number(text: str) -> tuple[Decimal | None, bool]:
    """(value, masked) of a number slot."""
    if text and text[0] in _MASK_CHARS:
        return None, True
    try:
        return Decimal(text), False
    except InvalidOperation:
        return None, True


def mentions(text: str) -> list[tuple[int, str]]:
    lex = lexicon()
    return [(m.start(), lex["alias_of"][m.group(0)]) for m in lex["alias_re"].finditer(text)]


def figures(text: str, line_at: Callable[[int], int]) -> list[Figure]:
    """Every figure in *text*, bound to its indicator; *line_at* maps an offset to a source line."""
    out: list[Figure] = []
    period = ""
    for sm in _SPLIT_SENT.finditer(text):
        sent = sm.group(0)
        lead = re.match(rf"^(?:截至|截止)?{_PERIOD}(?:以来|末)?[，,]?", sent)
        if lead:
            period = lead.group(1)
        ctx = _Context(sent.strip(), line_at(sm.start()), period, bool(_FORWARD.search(sent)) and not _PAST.search(sent))
        out += _sentence(sent, ctx)
    return out


@dataclass
class _Context:
    sentence: str
    line: int
    period: str
    forward: bool
    estimate: bool = False
    clause: str = ""

    def fig(self, ind: str, field: str, value: Decimal | None, masked: bool, **kw: Any) -> Figure:
        return Figure(ind, field, value, self.line, self.sentence, masked=masked, estimate=self.estimate,
                      forward=self.forward, period=kw.pop("period", self.period), clause=self.clause, **kw)


def _sentence(sent: str, ctx: _Context) -> list[Figure]:
    out: list[Figure] = []
    subject: str | None = None
    lead_estimate = False
    for cm in _SPLIT_CLAUSE.finditer(sent):
        clause = cm.group(0).strip("，；,; ")
        ctx.clause = clause
        names_here = mentions(clause)
        if "预计" in clause:
            ctx.estimate, lead_estimate = True, not names_here  # 预计上半年，… governs the whole sentence
        elif names_here and ctx.estimate and not lead_estimate:
            ctx.estimate = False  # …预计增长5.4%，固定资产投资增长3.8%: the next indicator is an actual
        own = re.match(rf"^{_PERIOD}[，,]?", clause)
        if own:
            ctx.period = own.group(1)
        names = names_here
        if "分别" in clause and len(names) >= 2:
            out += _distribute(clause, [n for _, n in names], ctx)
            subject = names[-1][1]
            continue
        if names:
            subject = names[-1][1] if len({n for _, n in names}) == 1 else _subject_before_figure(clause, names)
        elif not _CARRY.match(re.sub(rf"^{_PERIOD}[，,]?", "", clause)):
            subject = None
        if subject is not None:
            out += _clause(clause, subject, ctx, out)
    return out


def _subject_before_figure(clause: str, names: list[tuple[int, str]]) -> str:
    """With several names in a clause (…其中工业投资增长…), the one right before the first figure."""
    m = re.search(r"\d|[XＸ×*＊]", clause)
    before = [n for pos, n in names if m is None or pos < m.start()]
    return before[-1] if before else names[0][1]


def _distribute(clause: str, names: list[str], ctx: _Context) -> list[Figure]:
    """``A、B分别增长x%、y%`` → growth x for A, y for B (in order; nothing on a count mismatch)."""
    tail = clause[clause.index("分别"):]
    unit_re = lexicon()["unit_re"]
    forms = (("growth", rf"(增长|下降|回落)(?:了)?((?:{NUM}%?[、和，,]?)+)"),
             ("value", rf"(?:完成|实现|达到|为)((?:{NUM}(?:{unit_re})?[、和，,]?)+)"),
             ("rank", rf"(?:居|排|位居|位列)(?:{_LEVEL})?第((?:{NUM}[、和，,]?)+)"))
    out: list[Figure] = []
    for field, pattern in forms:
        m = re.search(pattern, tail)
        if not m:
            continue
        values = re.findall(NUM, m.group(m.lastindex or 1))
        if len(values) != len(names):
            continue
        sign = -1 if field == "growth" and m.group(1) in {"下降", "回落"} else 1
        for name, raw in zip(names, values):
            v, masked = number(raw)
            out.append(ctx.fig(name, field, None if v is None else sign * v, masked,
                               note="“分别”按顺序对应"))
    return out


def _clause(clause: str, ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for reader in (_value, _growth, _superior, _rank, _prev):
        out += reader(clause, ind, ctx, done + out)
    return out


def _last(figs: list[Figure], ind: str, field: str) -> Figure | None:
    return next((f for f in reversed(figs) if f.indicator == ind and f.field == field), None)


def _value(clause: str, ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    unit_re = lexicon()["unit_re"]
    m = re.search(rf"(?:完成|实现|达到|突破|为|达|总量|累计)?(?<![比少多增减降])\s*{NUM}\s*({unit_re})(?!以上|百分点|月|[市县区州旗]|地区|城市)", clause)
    if not m or re.search(r"(?:比|较).{0,8}(?:多|少|增加|减少)\s*$", clause[:m.start() + 1]):
        return []
    v, masked = number(m.group(1))
    if ctx.forward:
        return [ctx.fig(ind, "target", v, masked, unit=m.group(2))]
    return [ctx.fig(ind, "value", v, masked, unit=m.group(2))]


def _growth(clause: str, ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    m = re.search(rf"(增长|下降|回落|减少|增加|下滑|增速为?|增幅为?|增长率为?)(?:了)?\s*{NUM}\s*[%％](左右|以上|以内)?", clause)
    if not m:
        return []
    v, masked = number(m.group(2))
    if re.search(r"(?:两年|三年|年|几年)平?均[^，。]{0,2}$", clause[:m.start()]) and not ctx.forward:
        return [ctx.fig(ind, "growth", None, masked, uncertain=True,
                        note=f"原文“{clause[max(0, m.start() - 4):m.end()]}”是多年平均增速，不是同比增速")]
    if v is not None and m.group(1) in {"下降", "回落", "减少", "下滑"}:
        v = -v
    if ctx.forward:
        return [ctx.fig(ind, "target", v, masked, bound=m.group(3) or "")]
    return [ctx.fig(ind, "growth", v, masked)]


def _superior(clause: str, ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    m = (re.search(rf"(高于|低于|高出|快于|慢于|好于|差)\s*{_LEVEL}(?:平均水平|平均|同期)?\s*{NUM}\s*个?百分点", clause)
         or re.search(rf"比\s*{_LEVEL}(?:平均水平|平均)?\s*(高|低|快|慢)\s*{NUM}\s*个?百分点", clause))
    if not m:
        return []
    if m.re.pattern.startswith("比"):
        level, word, raw = m.group(1), m.group(2), m.group(3)
    else:
        word, level, raw = m.group(1), m.group(2), m.group(3)
    pp, masked = number(raw)
    growth = _last(done, ind, "growth")
    below = word[0] in "低慢差"
    if masked or growth is None or growth.value is None or pp is None:
        return [ctx.fig(ind, "superior_growth", None, masked or growth is None or growth.masked, uncertain=True,
                        note=f"原文“{m.group(0)}”，缺少本级增速，无法推算{level}增速")]
    sup = growth.value + pp if below else growth.value - pp
    return [ctx.fig(ind, "superior_growth", sup, False, note=f"由增速 {growth.value}% 与“{m.group(0)}”推算",
                    unit=level)]


def _rank(clause: str, ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    total = re.search(r"(\d{1,3})个(?:市州|县市区|县区|市|县|区|州|地市|城市|地区|旗县)", clause)
    if total and re.search(r"第|倒数|末位|首位", clause):
        out.append(ctx.fig(ind, "rank_total", Decimal(total.group(1)), False))
    move = re.search(rf"由第\s*{NUM}\s*位?(?:上升|提升|前移|跃升|下降|后移|下滑)(?:到|至)第\s*{NUM}\s*位", clause)
    if move:
        (a, ma), (b, mb) = number(move.group(1)), number(move.group(2))
        return out + [ctx.fig(ind, "prev_rank", a, ma), ctx.fig(ind, "rank", b, mb)]
    m = re.search(rf"(?:居|排|位居|位列|排名|排在|列|位于|处于)\s*{_LEVEL}?(?:第\s*{NUM}\s*(?:位|名)?|(倒数第)\s*{NUM}|(首位|末位|第一|榜首))",
                  clause)
    if not m:
        return out
    if m.group(2) and re.search(r"总量|规模", clause[:m.start()]) and not re.search(r"增速|增幅", clause[:m.start()]):
        out.append(ctx.fig(ind, "rank", None, False, uncertain=True,
                           note=f"原文“{clause}”是总量排位，rank 指增速排位"))
    elif m.group(2):
        v, masked = number(m.group(2))
        out.append(ctx.fig(ind, "rank", v, masked))
    elif m.group(3):
        out.append(ctx.fig(ind, "rank", None, False, uncertain=True,
                           note=f"原文“倒数第{m.group(4)}位”：请按参评地区数填写 rank 和 rank_total"))
    elif m.group(5) in {"首位", "第一", "榜首"}:
        out.append(ctx.fig(ind, "rank", Decimal(1), False))
    else:
        out.append(ctx.fig(ind, "rank", None, False, uncertain=True, note="原文“末位”：rank 等于参评地区数，请填写"))
    return out


def _prev(clause: str, ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    rank_move = re.search(rf"(?:比|较)\s*([^，。]{{0,8}}?)\s*(前移|提升|上升|提高|进位|后移|下降|下滑|后退|退后)\s*{NUM}\s*(?:个)?(?:位次|位|名)",
                          clause)
    if rank_move:
        out += _prev_rank(rank_move, ind, ctx, done)
    m = re.search(rf"(?:增速|增幅|降幅)?(?<!占)(?:比(?![重例])|较)\s*([^，。]{{1,8}}?)\s*(提高|加快|回升|提升|上升|回落|放缓|下降|收窄|扩大|下滑)\s*{NUM}\s*个?百分点",
                  clause)
    if not m:
        bare = re.search(rf"(降幅|增幅|增速)(收窄|扩大|提高|回落|加快|放缓)\s*{NUM}\s*个?百分点", clause)
        if bare:
            out.append(ctx.fig(ind, "prev_growth", None, number(bare.group(3))[1], uncertain=True,
                               note=f"原文“{bare.group(0)}”：未写与哪一期比较"))
        return out
    base, word = m.group(1), m.group(2)
    pp, masked = number(m.group(3))
    growth = _last(done + out, ind, "growth")
    last_year = bool(re.search(r"上年|去年", base))
    if masked or pp is None or growth is None or growth.value is None or last_year:
        why = "与上年同期比较，不是上期增速" if last_year else "缺少本期增速，无法推算"
        return out + [ctx.fig(ind, "prev_growth", None, masked, uncertain=True, note=f"原文“{m.group(0)}”：{why}")]
    narrowing = "降幅" in clause[:m.start() + 3] or word in {"收窄", "扩大"}
    up = word in {"提高", "加快", "回升", "提升", "上升"} or (narrowing and word == "收窄")
    prev = growth.value - pp if up else growth.value + pp
    return out + [ctx.fig(ind, "prev_growth", prev, False, note=f"由增速 {growth.value}% 与“{m.group(0)}”推算",
                          period=base)]


def _prev_rank(m: re.Match[str], ind: str, ctx: _Context, done: list[Figure]) -> list[Figure]:
    base, word = m.group(1), m.group(2)
    n, masked = number(m.group(3))
    rank = _last(done, ind, "rank")
    last_year = bool(re.search(r"上年|去年", base))
    if masked or n is None or rank is None or rank.value is None or last_year:
        why = "与上年同期比较，不是上期排位" if last_year else "缺少本期排位，无法推算"
        return [ctx.fig(ind, "prev_rank", None, masked, uncertain=True, note=f"原文“{m.group(0)}”：{why}")]
    up = word in {"前移", "提升", "上升", "提高", "进位"}
    return [ctx.fig(ind, "prev_rank", rank.value + n if up else rank.value - n, False,
                    note=f"由排位第{rank.value}位与“{m.group(0)}”推算", period=base)]
