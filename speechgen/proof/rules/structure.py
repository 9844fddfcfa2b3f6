"""Structure rules: heading numbering, run-in enumerations, the announced number
of points, and repeated sentences or phrases."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from speechgen.core.numbers import cn_count, cn_int as cn, cn_to_int
from speechgen.proof.rules.base import Doc, DocLine, Finding, register

CN = "一二三四五六七八九十"


def show_marker(scheme: str, n: int) -> str:
    return {"cn": f"{cn(n)}、", "pcn": f"（{cn(n)}）", "num": f"{n}.", "pnum": f"（{n}）",
            "是": f"{cn(n)}是", "要": f"{cn(n)}要", "第": f"第{cn(n)}",
            "序": ("首先", "其次", "再次")[n - 1] if n <= 3 else f"第{cn(n)}"}.get(scheme, str(n))


SCHEME_CN = {"cn": "“一、”", "pcn": "“（一）”", "num": "“1.”", "pnum": "“（1）”", "是": "“一是”",
             "要": "“一要”", "第": "“第一，”", "序": "“首先/其次”"}


# ------------------------------------------------------------------ headings

@dataclass
class _Series:
    scheme: str
    last: int
    level: int | None = None


@register("numbering", "标题序号跳号、重号、同级混用编号方式；“一是/二是”等序列不连续")
def numbering(doc: Doc) -> Iterator[Finding]:
    heads = [ln for ln in doc.headings() if ln.heading is not None and ln.heading.ordinal is not None]
    if doc.structured:
        yield from _draft_headings(heads)
    else:
        yield from _file_headings(heads)
    yield from _enumerations(doc)


def _step(ln: DocLine, series: _Series, n: int) -> Iterator[Finding]:
    """Compare ordinal *n* with the series it continues; update the series."""
    want = series.last + 1
    marker = ln.heading.marker if ln.heading else show_marker(series.scheme, n)
    if n == series.last:
        yield Finding("numbering", "error", ln.number, marker,
                      f"序号重复：上一个已是{show_marker(series.scheme, n)}，此处应为{show_marker(series.scheme, want)}")
    elif n > want:
        missing = "、".join(show_marker(series.scheme, k) for k in range(want, n))
        yield Finding("numbering", "error", ln.number, marker,
                      f"序号跳号：缺少{missing}，此处应为{show_marker(series.scheme, want)}")
    elif n != 1 and n < want:
        yield Finding("numbering", "error", ln.number, marker,
                      f"序号顺序错乱：上一个是{show_marker(series.scheme, series.last)}，此处应为{show_marker(series.scheme, want)}")
    elif n == 1 and series.last >= 1 and series.level == 1:
        yield Finding("numbering", "warning", ln.number, marker,
                      "一级标题序号重新从“一、”开始：如是另起的一组要点，请改用“一是/一要”等，或并入前面的部分")
    series.last = n


def _draft_headings(heads: list[DocLine]) -> Iterator[Finding]:
    by_level: dict[int, _Series] = {}
    for ln in heads:
        info = ln.heading
        assert info is not None and info.ordinal is not None
        level = info.level or 1
        for deeper in [k for k in by_level if k > level]:
            del by_level[deeper]
        series = by_level.get(level)
        if series is None:
            by_level[level] = series = _Series(info.scheme, 0, level)
        elif info.scheme != series.scheme:
            yield _mixed(ln, series.scheme, info.scheme)
        yield from _step(ln, series, info.ordinal)


def _mixed(ln: DocLine, was: str, now: str) -> Finding:
    return Finding("numbering", "error", ln.number, ln.heading.marker if ln.heading else "",
                   f"同一层级混用编号方式：前面用{SCHEME_CN.get(was, was)}，此处用{SCHEME_CN.get(now, now)}，请统一")


def _file_headings(heads: list[DocLine]) -> Iterator[Finding]:
    stack: list[_Series] = []
    tails: dict[str, int] = {}
    for ln in heads:
        info = ln.heading
        assert info is not None and info.ordinal is not None
        n, scheme = info.ordinal, info.scheme
        if scheme == "num":
            yield from _num_tail(ln, tails)
        if any(s.scheme == scheme for s in stack):
            while stack[-1].scheme != scheme:
                stack.pop()
            stack[-1].level = len(stack)
            yield from _step(ln, stack[-1], n)
        elif n == 1 or not stack or stack[-1].last != n - 1:
            if n != 1:
                yield Finding("numbering", "error", ln.number, info.marker,
                              f"序号跳号：这一组编号从{info.marker.strip()}开始，缺少{show_marker(scheme, 1)}")
            stack.append(_Series(scheme, n, len(stack) + 1))
        else:  # 2. right after （一）: the same level written in another scheme
            yield _mixed(ln, stack[-1].scheme, scheme)
            stack[-1].last = n


def _num_tail(ln: DocLine, tails: dict[str, int]) -> Iterator[Finding]:
    tail = "、" if ln.heading and ln.heading.marker.rstrip().endswith("、") else "."
    tails.setdefault(tail, ln.number)
    if len(tails) == 2 and tails[tail] == ln.number:
        first = next(t for t in tails if t != tail)
        yield Finding("numbering", "warning", ln.number, ln.heading.marker if ln.heading else "",
                      f"阿拉伯数字序号混用“1{first}”和“1{tail}”，请统一（规范写法为“1.”）")


# ------------------------------------------------------------------ run-in enumerations

_ENUM = re.compile(
    rf"(?:^|(?<=[。；：！？，,;:）”’」]))\s*(?:([{CN}]{{1,3}})(是|要)(?![{CN}]是)"
    rf"|第([{CN}]{{1,3}})(?=[，、：:]|个问题|个方面|是)"
    rf"|(首先|其次|再次)(?=[，、：:]|是|要))"
)


def _enum_items(text: str) -> Iterator[tuple[str, int, str]]:
    for m in _ENUM.finditer(text):
        if m.group(1):
            n = cn_to_int(m.group(1))
            if n is not None:
                yield m.group(2), n, m.group(0).strip()
        elif m.group(3):
            n = cn_to_int(m.group(3))
            if n is not None:
                yield "第", n, m.group(0).strip()
        else:
            yield "序", ("首先", "其次", "再次").index(m.group(4)) + 1, m.group(4)


@dataclass
class _Runs:
    last: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (ordinal, item index)
    count: int = 0


def _enumerations(doc: Doc) -> Iterator[Finding]:
    state = _Runs()
    for ln in doc.prose():
        if ln.kind in ("title", "subtitle"):
            continue
        if ln.heading is not None and not _ENUM.match(ln.text):
            state = _Runs()  # a new part starts new series (unless the heading is itself 二要…)
        for kind, n, token in _enum_items(ln.text):
            yield from _enum_step(ln, state, kind, n, token)
            state.count += 1


def _enum_step(ln: DocLine, state: _Runs, kind: str, n: int, token: str) -> Iterator[Finding]:
    last, at = state.last.get(kind, (0, -1))
    if n == 1 or last == n - 1:
        state.last[kind] = (n, state.count)
        return
    # 首先…其次…三是: a more recent series of another kind that this item continues
    other = max((k for k, (v, i) in state.last.items() if k != kind and v == n - 1 and i > at),
                key=lambda k: state.last[k][1], default=None)
    if other is not None:
        yield Finding("numbering", "warning", ln.number, token,
                      f"同一组列举混用序号：前面用{SCHEME_CN[other]}，此处用“{token}”，请统一为“{show_marker(other, n)}”")
        state.last[other] = (n, state.count)
        return
    if last == 0:
        yield Finding("numbering", "error", ln.number, token,
                      f"列举序号不连续：“{token}”之前没有{show_marker(kind, 1)}")
    elif last >= n:
        what = "重复" if last == n else "顺序错乱"
        yield Finding("numbering", "error", ln.number, token,
                      f"列举序号{what}：前面已到{show_marker(kind, last)}，此处应为{show_marker(kind, last + 1)}")
    else:
        missing = "、".join(show_marker(kind, k) for k in range(last + 1, n))
        yield Finding("numbering", "error", ln.number, token, f"列举序号跳号：缺少{missing}")
    state.last[kind] = (n, state.count)


# ------------------------------------------------------------------ announced points

_POINTS = re.compile(rf"(?:讲|谈|提|强调|说)(?:以下|这么|这样)?([{CN}两]{{1,2}})(?:点|个方面的?)(?:意见|看法|要求|想法)")


@register("points", "开头“讲N点意见”与正文一级标题数不符")
def points(doc: Doc) -> Iterator[Finding]:
    level1 = [ln for ln in doc.headings() if _is_level1(ln)]
    if not level1:
        return
    for ln in doc.prose():
        if ln.number >= level1[0].number:
            break
        for m in _POINTS.finditer(ln.text):
            n = 2 if m.group(1) == "两" else cn_to_int(m.group(1))
            if n is not None and n != len(level1):
                yield Finding("points", "warning", ln.number, m.group(0),
                              f"开头说“{m.group(0)}”，但正文有{cn_count(len(level1))}个一级标题，请核对")


def _is_level1(ln: DocLine) -> bool:
    info = ln.heading
    if info is None:
        return False
    return info.level == 1 if info.level is not None else info.scheme == "cn"


# ------------------------------------------------------------------ repetition

_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
_NOISE = re.compile(rf"^\s*(?:[{CN}]{{1,3}}[、是要]|[（(][{CN}\d]{{1,3}}[）)]|\d{{1,2}}[.、])")
MIN_SENTENCE = 12
PHRASE = 20


@register("repetition", "同一句话或20字以上的长句段在文中重复出现")
def repetition(doc: Doc) -> Iterator[Finding]:
    seen_sentences: dict[str, int] = {}
    grams: dict[str, tuple[int, int]] = {}  # 20-character gram → (sentence index, position)
    texts: list[tuple[str, int]] = []       # (sentence, line)
    for ln, sent in _sentences(doc):
        idx = len(texts)
        texts.append((sent, ln.number))
        key = sent.rstrip("。！？；!?;")
        first = seen_sentences.get(key) if len(key) >= MIN_SENTENCE else None
        if first is not None:
            yield Finding("repetition", "warning", ln.number, sent,
                          f"这句话与第{first}行重复，请删去或换一种说法")
            continue
        if len(key) >= MIN_SENTENCE:
            seen_sentences[key] = ln.number
        hit = _repeated_phrase(sent, idx, grams, texts)
        if hit is not None:
            phrase, first_line = hit
            where = "本行前文" if first_line == ln.number else f"第{first_line}行"
            yield Finding("repetition", "warning", ln.number, phrase,
                          f"长句段“{phrase}”与{where}重复，请精简或换一种说法")
        for i in range(len(sent) - PHRASE + 1):
            grams.setdefault(sent[i:i + PHRASE], (idx, i))


def _sentences(doc: Doc) -> Iterator[tuple[DocLine, str]]:
    for ln in doc.prose():
        if ln.kind in ("title", "subtitle", "salutation"):
            continue
        for m in _SENTENCE.finditer(ln.text):
            sent = _NOISE.sub("", m.group(0)).strip()
            if sent:
                yield ln, sent


def _repeated_phrase(sent: str, idx: int, grams: dict[str, tuple[int, int]],
                     texts: list[tuple[str, int]]) -> tuple[str, int] | None:
    """The first maximal stretch of *sent* (≥ PHRASE chars) seen in an earlier sentence."""
    for i in range(len(sent) - PHRASE + 1):
        prior = grams.get(sent[i:i + PHRASE])
        if prior is None or prior[0] == idx:
            continue
        other, line = texts[prior[0]]
        k = PHRASE
        while i + k < len(sent) and prior[1] + k < len(other) and sent[i + k] == other[prior[1] + k]:
            k += 1
        return sent[i:i + k], line
    return None
