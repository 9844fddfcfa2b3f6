"""Direction words against signs and data (``sign-verb``) and percentage points
written as percent (``percent-point``)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from speechgen.proof.rules.base import NUMBER, Doc, DocLine, Finding, finditer, register
from speechgen.proof.rules.facts import Facts, _round, facts_for

if TYPE_CHECKING:  # pragma: no cover
    from speechgen.spec.model import Indicator

_OPPOSITE = {"增长": "下降", "增加": "减少", "提高": "降低", "提升": "下降", "上升": "下降", "上涨": "下跌",
             "加快": "放缓", "扩大": "收窄", "攀升": "回落", "回升": "回落"}
_UP = "|".join(_OPPOSITE)
_DOWN = "下降|减少|降低|回落|下滑|下跌|收窄|放缓|缩小"
_NEG = r"(?:-|－|−|负)"
_UP_NEG = re.compile(rf"({_UP})了?\s*{_NEG}\s*({NUMBER})\s*(%|％|个百分点)?")
_DOWN_NEG = re.compile(rf"({_DOWN})了?\s*{_NEG}\s*({NUMBER})\s*(%|％|个百分点)?")
_ZERO = re.compile(r"(?<![\d.])(增长|下降)0(?:\.0+)?\s*[%％]")
_RANK_MOVE = re.compile(r"由第(\d+)[位名]?(上升|提升|前移|前进|下降|下滑|后移|后退|回落)(?:到|至)第(\d+)[位名]")
_RATE_MOVE = re.compile(rf"由({_NEG}?{NUMBER})\s*[%％]?(提高|加快|上升|回升|提升|增加|回落|放缓|下降|下滑|降低|减少)(?:到|至)({_NEG}?{NUMBER})\s*[%％]")
_SENTENCE = re.compile(r"[^。；！？]+")
_OTHER_RATES = ("当月", "两年平均", "两年平均增速为", "两年平均降幅为")

UP_WORDS = {"增长", "增加", "上升", "提高", "提升", "上涨", "加快", "回升", "攀升", "扩大", "前移", "前进", "进位",
            "高于", "高出", "快于", "超过", "超出", "领先"}


@register("sign-verb", "方向词与正负号或数据不符：增长-2%、下降-2%、实为下降却写“提高”")
def sign_verb(doc: Doc) -> Iterator[Finding]:
    prose = list(doc.prose())
    for ln, m in finditer(_UP_NEG, prose):
        verb, num, unit = m.group(1), m.group(2), m.group(3) or ""
        yield Finding("sign-verb", "error", ln.number, m.group(0),
                      f"“{verb}”后面不能跟负数：应写作“{_OPPOSITE[verb]}{num}{unit}”").at(m)
    for ln, m in finditer(_DOWN_NEG, prose):
        verb, num, unit = m.group(1), m.group(2), m.group(3) or ""
        yield Finding("sign-verb", "error", ln.number, m.group(0),
                      f"“{verb}”已表示负向，不能再加负号：应写作“{verb}{num}{unit}”（若实际是正增长，则写“增长{num}{unit}”）").at(m)
    for ln, m in finditer(_ZERO, prose):
        yield Finding("sign-verb", "warning", ln.number, m.group(0), "增速为0时应写“与上年持平”，不写“增长0%”").at(m)
    for ln, m in finditer(_RANK_MOVE, prose):
        a, verb, b = int(m.group(1)), m.group(2), int(m.group(3))
        better = verb in UP_WORDS or verb == "提升"
        if a != b and (b < a) != better:
            right = "上升" if b < a else "下降"
            yield Finding("sign-verb", "error", ln.number, m.group(0),
                          f"排位从第{a}位到第{b}位是{right}（数字变{'小' if b < a else '大'}），不能写“{verb}”").at(m)
    for ln, m in finditer(_RATE_MOVE, prose):
        a, verb, b = _signed(m.group(1)), m.group(2), _signed(m.group(3))
        if a != b and (b > a) != (verb in UP_WORDS):
            right = "提高" if b > a else "回落"
            yield Finding("sign-verb", "error", ln.number, m.group(0),
                          f"由{m.group(1)}%到{m.group(3)}%是{right}，不能写“{verb}”").at(m)
    facts = facts_for(doc)
    if facts is not None and facts.names:
        for ln in prose:
            yield from _against_data(ln, facts)


def _signed(text: str) -> Decimal:
    return -Decimal(text[1:]) if text[0] in "-－−负" else Decimal(text)


# ------------------------------------------------------------------ against the spec

_GROWTH = re.compile(rf"(增长|增加|上升|提高|提升|下降|减少|下滑|回落|降低)了?({NUMBER})\s*[%％]")
_LEVELS = r"(全国|全省|全市|全区|全州|全县|全盟|上级|(?:年度|全年|既定|预期)?目标(?:增速)?)(?:平均水平|平均)?"
_VERSUS = re.compile(rf"(高于|高出|快于|超过|超出|领先|低于|慢于|落后于?)了?{_LEVELS}的?({NUMBER})个百分点")
_PREV = re.compile(
    rf"(增速|增幅|降幅)?比(?:上年同期|上年|去年同期|去年|上季度|上期|上月|一季度|上半年|前三季度|1[—\-~]\d+月)"
    rf"[^，。；]{{0,6}}?(提高|加快|上升|回升|提升|扩大|回落|放缓|下降|下滑|收窄)了?({NUMBER})个百分点")
_MOVE = re.compile(rf"(前移|提升|上升|前进|进位|后移|下降|下滑|后退|回落)了?({NUMBER})个?(?:位次|位|名)")
_BLOCK = re.compile(r"增速|增幅|降幅|比重|占比|分别|其中")


def _against_data(ln: DocLine, facts: Facts) -> Iterator[Finding]:
    for sent in _SENTENCE.finditer(ln.text):
        text = sent.group(0)
        mentions = facts.mentions(text)
        if not mentions:
            continue
        for pattern, check in ((_GROWTH, _growth), (_VERSUS, _versus), (_PREV, _prev), (_MOVE, _move)):
            for m in pattern.finditer(text):
                if text[max(0, m.start() - 6):m.start()].endswith(_OTHER_RATES):
                    continue  # 当月增长, 两年平均下降: not the indicator's cumulative growth
                ind, gap = _subject(mentions, text, m.start())
                if ind is None or ind.name in facts.dupes:
                    continue
                message = check(m, ind, gap)
                if message:
                    yield Finding("sign-verb", "error", ln.number, m.group(0), message).at(m, sent.start())


def _subject(mentions: list[tuple[int, int, "Indicator"]], text: str, pos: int) -> tuple["Indicator | None", str]:
    before = [(s, e, ind) for s, e, ind in mentions if e <= pos]
    if not before:
        return None, ""
    _, end, ind = before[-1]
    return ind, text[end:pos]


def _same(written: str, actual: Decimal) -> bool:
    """Does the figure as written equal *actual* (rounded to the written precision)?"""
    value = Decimal(written)
    decimals = len(written.partition(".")[2])
    return value in (abs(actual), _round(abs(actual), decimals))


def _growth(m: re.Match[str], ind: "Indicator", gap: str) -> str:
    g = ind.growth
    if g is None or g == 0 or _BLOCK.search(gap) or not _same(m.group(2), g):
        return ""
    up = m.group(1) in UP_WORDS
    if up == (g > 0):
        return ""
    right = "下降" if g < 0 else "增长"
    return f"{ind.name}同比增速为{g}%，应写“{right}{abs(g)}%”，不能写“{m.group(1)}”"


def _versus(m: re.Match[str], ind: "Indicator", gap: str) -> str:
    verb, level = m.group(1), m.group(2)
    other = ind.target_growth if "目标" in level else ind.superior_growth
    if ind.growth is None or other is None or "分别" in gap:
        return ""
    diff = ind.growth - other
    if diff == 0 or not _same(m.group(3), diff) or (verb in UP_WORDS) == (diff > 0):
        return ""
    right = "高于" if diff > 0 else "低于"
    return f"{ind.name}增速{ind.growth}%，{level}为{other}%，应为“{right}{level}{abs(diff)}个百分点”"


def _prev(m: re.Match[str], ind: "Indicator", gap: str) -> str:
    if ind.growth is None or ind.prev_growth is None or "分别" in gap:
        return ""
    diff = ind.growth - ind.prev_growth
    if diff == 0 or not _same(m.group(3), diff):
        return ""
    verb = m.group(2)
    up = verb in UP_WORDS if verb not in ("收窄", "扩大") else (verb == "收窄") == (m.group(1) == "降幅")
    if up == (diff > 0):
        return ""
    return (f"{ind.name}增速由{ind.prev_growth}%变为{ind.growth}%，是{'提高' if diff > 0 else '回落'}"
            f"{abs(diff)}个百分点，不能写“{verb}”")


def _move(m: re.Match[str], ind: "Indicator", gap: str) -> str:
    if ind.rank is None or ind.prev_rank is None:
        return ""
    change = ind.prev_rank - ind.rank  # > 0: moved up
    if change == 0 or Decimal(m.group(2)) != abs(change) or (m.group(1) in UP_WORDS) == (change > 0):
        return ""
    return (f"{ind.name}排位由第{ind.prev_rank}位到第{ind.rank}位，是{'前移' if change > 0 else '后移'}"
            f"{abs(change)}位，不能写“{m.group(1)}”")


# ------------------------------------------------------------------ percent-point

_PP_LEVELS = (r"(?:(?:全国|全省|全市|全区|全州|全县|全盟|上级|同级|省|市)(?:平均水平|平均|同期)?|平均水平"
              r"|(?:年度|全年|既定|预期)?(?:计划)?目标(?:增速|进度)?|[序时]时?进度|时间进度|计划进度)")
_PP_VERSUS = re.compile(rf"(?:高于|低于|高出|低出|快于|慢于|领先|落后于?|超出?|差)了?{_PP_LEVELS}的?({NUMBER})\s*[%％]")
_PP_THAN = re.compile(rf"比{_PP_LEVELS}(?:增速|增幅)?(?:高出?|低|快|慢|提高|加快|回落|放缓)了?({NUMBER})\s*[%％]")
_PP_RATE = re.compile(
    rf"(?:增速|增幅|降幅|增长率|比重|占比|完成率|开工率|利用率|贡献率|进度)(?:[^，。；%％\d]{{0,14}}?)"
    rf"(?:提高|回落|加快|放缓|收窄|扩大|上升|下降|提升|下滑|回升|降低|高出?|低)了?({NUMBER})\s*[%％]")


@register("percent-point", "两个百分比之差应写“个百分点”，不写“%”（高于全省2%）")
def percent_point(doc: Doc) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    for pattern in (_PP_VERSUS, _PP_THAN, _PP_RATE):
        for ln, m in finditer(pattern, doc.prose()):
            key = (ln.number, m.end())
            if key in seen:
                continue
            seen.add(key)
            fixed = m.group(0)[: m.start(1) - m.start()] + m.group(1) + "个百分点"
            yield Finding("percent-point", "error", ln.number, m.group(0),
                          f"增速、比重之间的差值用“个百分点”：应为“{fixed}”").at(m)
