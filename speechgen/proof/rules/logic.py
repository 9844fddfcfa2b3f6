"""The ``logic`` family: sentences whose judgement contradicts the data next to them, and frames
that do not fit (corpora/logic.yaml holds the words; this module the mechanisms).

Each judgement claim is checked against the facts of its own sentence — read from the draft's
figures (增长/下降 N%, 高于/低于 上级, 居…首位/倒数…) and, with ``--spec``, from the narrated
indicator table for the indicators the sentence names.  A claim about the whole picture
(这些成绩的取得, 总体可控) is checked against its paragraph and the one before it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Iterator

from speechgen.compose.views import echoes
from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.proof.rules.base import Doc, DocLine, Finding, register, snippet

_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
_UP = re.compile(r"(?:增长|增加|提高|上升)(\d+(?:\.\d+)?)%")
_DOWN = re.compile(r"(?:下降|减少|回落|下滑)(\d+(?:\.\d+)?)%")
_ABOVE = re.compile(r"(?:高于|高出|快于|领先)全(?:省|市|国|州|区)|比全(?:省|市|国|州|区)(?:平均水平)?高")
_BELOW = re.compile(r"(?:低于|慢于|落后)全(?:省|市|国|州|区)|比全(?:省|市|国|州|区)(?:平均水平)?低")
_FIRST = re.compile(r"(?:居|位居|排名|排|位列|列)全?[省市国州区县]{0,2}(?:首位|第一(?!季)|第1位)")
_BOTTOM = re.compile(r"倒数第|末位|排名靠后|位次靠后")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    path = corpora_dir() / "logic.yaml"
    data, _ = load_yaml_file(path)  # parsed once into the private cache
    return {k: re.compile("|".join(v)) if isinstance(v, list) else v for k, v in data.items()}


def _sentences(ln: DocLine) -> Iterator[tuple[int, str]]:
    for m in _SENT.finditer(ln.text):
        yield m.start(), m.group(0)


def _facts(doc: Doc) -> dict[str, dict[str, str]]:
    """Judgement facts per indicator name, from the spec's narrated table (empty without a spec)."""
    if "logic_facts" not in doc.cache:
        facts: dict[str, dict[str, str]] = {}
        if doc.spec is not None:
            try:
                from speechgen.compose.narration import narrate

                for st in narrate(doc.spec, rng=0).statements:
                    facts[st.indicator] = st.facts
            except Exception:  # the checker reports; it never fails because narration did
                facts = {}
        doc.cache["logic_facts"] = facts
    return doc.cache["logic_facts"]


def _named(doc: Doc, sentence: str) -> list[dict[str, str]]:
    return [f for name, f in _facts(doc).items() if name and name in sentence]


def _find(doc: Doc, ln: DocLine, start: int, text: str, rule: str, message: str) -> Finding:
    """Contradictions with the data are errors; frames that do not fit (logic-frame) are warnings:
    the writer may have typed them and should decide."""
    severity = "warning" if rule == "logic-frame" else "error"
    return Finding(rule, severity, ln.number, snippet(ln.text, start, start + len(text), 0)[:40], message)


def _claims(doc: Doc, words: str, contradicts: "Callable[[str, str, list[dict[str, str]]], bool]", rule: str,
            why: str) -> Iterator[Finding]:
    """A judgement word of *words* (corpora/logic.yaml) in a sentence whose figures, or the facts of
    the indicators it names, *contradict* it."""
    bad = lexicon()[words]
    for ln in doc.prose():
        for start, s in _sentences(ln):
            m = bad.search(s)
            if m and contradicts(s, m.group(0), _named(doc, s)):
                yield _find(doc, ln, start + m.start(), m.group(0), rule, f"“{m.group(0)}”{why}")


@register("logic-rank", "判断与排位矛盾：排名第一、靠前却说“靠后”“不相称”“落后”")
def rank_claims(doc: Doc) -> Iterator[Finding]:
    def top(s: str, word: str, named: list[dict[str, str]]) -> bool:
        return (bool(_FIRST.search(s)) or any(f.get("rank") in ("first", "top") for f in named)) \
            and not _BOTTOM.search(s.replace(word, ""))
    yield from _claims(doc, "rank_bad", top, "logic-rank", "与排位矛盾：同一句里的指标排名靠前")


@register("logic-superior", "判断与上级比较矛盾：增速高于上级或全局却说“拖后腿”“落后”")
def superior_claims(doc: Doc) -> Iterator[Finding]:
    def ahead(s: str, word: str, named: list[dict[str, str]]) -> bool:
        return (bool(_ABOVE.search(s)) and not _BELOW.search(s)) or \
            any(f.get("superior") == "better" or f.get("headline") == "above" for f in named)
    yield from _claims(doc, "behind_bad", ahead, "logic-superior", "与数据矛盾：同一句里的指标增速高于上级（或全局）")


_FAR = re.compile(r"全国|全球|世界|国内|国际|上级|兄弟")
_LEVEL = re.compile(r"全[省市州县区旗]")


def _elsewhere(doc: Doc, before: str) -> bool:
    """The sentence speaks of another place (从全国看，全国经济运行总体平稳; with a spec, also a level
    other than the meeting's own region): not a verdict on our figures."""
    if _FAR.search(before):
        return True
    own = doc.spec.meeting.region if doc.spec is not None else ""
    return bool(own) and any(w != own for w in _LEVEL.findall(before))


@register("logic-trend", "判断与增减矛盾：下降却称“成绩”“好势头”“回升”，增长却说“下滑”，大幅下降却说“总体可控”")
def trend_claims(doc: Doc) -> Iterator[Finding]:
    lex = lexicon()
    prose = list(doc.prose())
    for i, ln in enumerate(prose):
        context = (prose[i - 1].text if i else "") + ln.text
        ups, downs = _UP.findall(context), _DOWN.findall(context)
        for start, s in _sentences(ln):
            m = lex["praise"].search(s)
            if m and len(downs) >= 2 and len(downs) > len(ups):
                yield _find(doc, ln, start + m.start(), m.group(0), "logic-trend",
                            f"“{m.group(0)}”前面列的主要是下降的指标（{len(downs)}项下降、{len(ups)}项增长）")
            m = lex["rising"].search(s)
            if m and _DOWN.search(s) and not _UP.search(s):
                yield _find(doc, ln, start + m.start(), m.group(0), "logic-trend",
                            f"“{m.group(0)}”与同一句的下降数据矛盾")
            m = lex["falling"].search(s)
            if m and _UP.search(s) and not _DOWN.search(s) and not re.search(r"(?:增速|增幅|较|比)[^，。；]{0,8}$",
                                                                            s[:m.start()]):
                yield _find(doc, ln, start + m.start(), m.group(0), "logic-trend",
                            f"“{m.group(0)}”与同一句的增长数据矛盾（若指增速放缓，请写“增速回落”）")
            m = lex["calm"].search(s)
            worst = max((Decimal(x) for x in downs), default=Decimal(0))
            if m and worst >= 10 and not _elsewhere(doc, s[:m.start()]):
                yield _find(doc, ln, start + m.start(), m.group(0), "logic-trend",
                            f"“{m.group(0)}”与下降{worst}%的指标不符")


@register("logic-frame", "框架不当：确保……左右、全年数据写“比上年同期”、负增长与目标增速相减、GDP“双过半”、"
                         "单独一个“一是”、目标句重复标题、讲话人归功于本机关的领导")
def frames(doc: Doc) -> Iterator[Finding]:
    yield from _ensure_range(doc)
    yield from _full_year_same_period(doc)
    yield from _decline_minus_target(doc)
    yield from _double_half(doc)
    yield from _lone_enumerator(doc)
    yield from _goal_echo(doc)
    yield from _self_credit(doc)


_ENSURE_RANGE = re.compile(r"确保[^，。；！\n]{0,30}?左右")


def _ensure_range(doc: Doc) -> Iterator[Finding]:
    for ln in doc.prose():
        for m in _ENSURE_RANGE.finditer(ln.text):
            yield _find(doc, ln, m.start(), m.group(0), "logic-frame",
                        "“确保”要求确定的数，“左右”是区间：应写“力争……左右”或“确保……以上”")


def _full_year_same_period(doc: Doc) -> Iterator[Finding]:
    spec = doc.spec
    if spec is None:
        return
    p = spec.meeting.period_info
    if not (p.cumulative and p.first == 1 and p.last == 12):
        return
    for ln in doc.prose():
        for m in re.finditer(r"[比与较]上年同期|[比与较]去年同期", ln.text):
            labels = _PERIOD_LABEL.findall(ln.text[:m.start()])
            if labels and not _WHOLE_YEAR_LABEL.fullmatch(labels[-1]):
                continue  # the figure is of a part of the year (1—11月，…比上年同期): the wording is right
            yield _find(doc, ln, m.start(), m.group(0), "logic-frame",
                        "全年数据与上年全年比较：写“比上年”，不写“比上年同期”")


#: the period a paragraph's figures are of, as a draft labels them (1—11月，… 预计全年…)
_PERIOD_LABEL = re.compile(r"(\d{1,2}\s*[—\-–~～至]\s*\d{1,2}月份?|[一二三四]季度|上半年|前三季度|下半年|"
                           r"(?<![—\-–~～\d])\d{1,2}月份?|全年|今年|去年|上年)(?=[，,]|地区|规上|固定|社会|一般)")
_WHOLE_YEAR_LABEL = re.compile(r"全年|今年|去年|上年")


_GAP_ARITH = re.compile(r"(?:比年度目标低|低于年度目标|差年度目标|距年度目标增速还差|增速差年度目标|比目标低)(\d+(?:\.\d+)?)个百分点")


def _decline_minus_target(doc: Doc) -> Iterator[Finding]:
    for ln in doc.prose():
        for start, s in _sentences(ln):
            m = _GAP_ARITH.search(s)
            if m and _DOWN.search(s[:m.start()]) and not _UP.search(s[:m.start()]):
                yield _find(doc, ln, start + m.start(), m.group(0), "logic-frame",
                            "负增长与目标增速相减读来荒唐：写作“与年度目标N%差距较大”")


def _double_half(doc: Doc) -> Iterator[Finding]:
    for ln in doc.prose():
        for start, s in _sentences(ln):
            if "双过半" in s and re.search(r"生产总值|GDP", s) and not (doc.spec and doc.spec.narration.gdp_schedule):
                i = s.index("双过半")
                yield _find(doc, ln, start + i, "双过半", "logic-frame",
                            "“双过半”只用于逐月累计的总量（投资、收入等）；名义GDP不算时序进度")


_ENUMS = [("一是", "二是"), ("一要", "二要"), ("第一，", "第二，"), ("首先，", "其次，")]


def _lone_enumerator(doc: Doc) -> Iterator[Finding]:
    lines = list(doc.lines)
    for i, ln in enumerate(lines):
        if ln.kind not in ("body", "heading"):
            continue
        for first, second in _ENUMS:
            m = re.search(rf"(?:^|[。；：！？*（(\s])({first})", ln.text)
            if m is None or (ln.heading is not None and ln.heading.marker.startswith(first)):
                continue
            pos = m.start(1)
            scope = ln.text[pos:]
            for nxt in lines[i + 1:i + 12]:
                if nxt.heading is not None and nxt.heading.level is not None and nxt.heading.level <= 2 \
                        and not nxt.heading.marker.startswith(second):
                    break
                scope += nxt.text
            if not re.search(rf"(?:^|[。；：！？*（(\s])(?:{second})", scope):
                yield _find(doc, ln, pos, first, "logic-frame",
                            f"只有“{first}”没有“{second}”：单独一项不用序数词，写成一句")


def _goal_echo(doc: Doc) -> Iterator[Finding]:
    lines = list(doc.lines)
    for i, ln in enumerate(lines):
        h = ln.heading
        if h is None or not h.title:
            continue
        rest = ln.text[ln.text.find(h.title) + len(h.title):].lstrip("。") if h.run_in else \
            (lines[i + 1].text if i + 1 < len(lines) and lines[i + 1].heading is None else "")
        first = re.split(r"[。！？]", rest, maxsplit=1)[0]
        if first.startswith(("确保", "力争")) and echoes(first, h.title):
            yield Finding("logic-frame", "warning", ln.number, first[:40],
                          f"目标句只是重复了标题“{h.title}”：写出具体目标数字，或删去")


def _self_credit(doc: Doc) -> Iterator[Finding]:
    spec = doc.spec
    if spec is None:
        return
    level = (spec.meeting.region.replace("全", "", 1) or "市")[:1]
    voice = spec.meeting.voice
    if voice == "party":
        bad = re.compile(rf"在{level}委(?:、{level}政府)?的坚强领导下|{level}委(?:、{level}政府)?坚强领导的结果")
        why = "讲话人代表党委，不说“在本级党委的坚强领导下”：归功于上级党委或写“全{0}上下共同努力”"
    elif voice == "government":
        bad = re.compile(rf"{level}政府(?:的)?坚强领导|{level}委、{level}政府(?:的)?坚强领导")
        why = "政府负责人归功于同级党委的领导（{0}委），不说本级政府“坚强领导”"
    else:
        return
    for ln in doc.prose():
        for m in bad.finditer(ln.text):
            yield _find(doc, ln, m.start(), m.group(0), "logic-frame", why.format(level))


@register("spec-placeholder", "spec 中仍有【待填】等占位（需 --spec）：这份稿子依据的数据还没有填完")
def spec_placeholders(doc: Doc) -> Iterator[Finding]:
    if doc.spec is None:
        return
    from speechgen.spec.placeholders import unfilled

    said = "\n".join(ln.text for ln in doc.lines)
    for where, mark in unfilled(doc.spec):
        if mark in said:  # in the draft too: the placeholder rule marks it where it stands
            continue
        yield Finding("spec-placeholder", "error", 1, mark, f"spec 的 {where} 还是占位“{mark}”，请填写后重新生成")
