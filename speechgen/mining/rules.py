"""What counts as a formulaic expression (used by :mod:`speechgen.mining`; no jieba import here).

The functions take jieba tokens (through a segmenter object with ``cut``,
``known`` and ``tags``) and return candidates.  A candidate is always a whole
clause between punctuation marks, or a whole dictionary word, so it can never
cut a word in two; clauses holding digits, masked figures, Latin letters,
quotation marks, names or places are never candidates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from speechgen.mining.formulas import is_transition, numeral_formulas, quoted_slogans, three_char

CATEGORIES = {
    "mined_four_char": "四字格：本单位讲话稿中反复出现的四字短语（抢前抓早、挂图作战）",
    "mined_chain": "排比短语：由顿号连接的等长短语（抓项目、扩投资）",
    "mined_heading_pattern": "标题句式：以…为…、抓…促…、{动宾}抓{名词} 等反复使用的标题结构（列出原稿实例）",
    "mined_transition": "过渡语：句首、逗号前的衔接语（在肯定成绩的同时、总的来看）",
    "mined_three_char": "三字格：稳增长、补短板、开门红、双过半等三字提法",
    "mined_slogan": "引号中的口号和提法（“六稳”“六保”“三保”）",
    "mined_numeral_formula": "带数字的提法（一企一策、两个确保、三大攻坚战、六稳六保）",
    "mined_lead_in": "引入语：冒号前的领起语（主要表现在）",
    "mined_stock_sentence": "常用短句：多篇讲话稿中原样出现的短句（谢谢大家！）",
}

HEADING_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(rx)) for name, rx in (
    ("以…为…", r"^以[\u4e00-\u9fff]{1,8}为[\u4e00-\u9fff]{1,8}$"),
    ("抓…促…", r"^抓[\u4e00-\u9fff]{1,6}促[\u4e00-\u9fff]{1,6}$"),
    ("以…促…", r"^以[\u4e00-\u9fff]{1,6}[促带保强稳][\u4e00-\u9fff]{1,6}$"),
    ("以…{动词}…", r"^以[\u4e00-\u9fff]{2,10}(?:引领|推动|促进|带动|保障|激发|规范|彰显|守护|提升|赋能|助推)[\u4e00-\u9fff]{2,8}$"),
    ("{动宾}抓{名词}", r"^要?[\u4e00-\u9fff]{2,5}抓[\u4e00-\u9fff]{1,4}$"),
    ("在…上…", r"^要?在[\u4e00-\u9fff]{2,10}上[\u4e00-\u9fff]{2,8}$"),
    ("把…作为…", r"^把[\u4e00-\u9fff]{2,10}作为[\u4e00-\u9fff]{2,10}$"),
    ("坚持…导向", r"^坚持[\u4e00-\u9fff]{1,6}导向$"),
    ("…而…", r"^[\u4e00-\u9fff]{2}而[\u4e00-\u9fff]$"),
    ("要有…", r"^要有[\u4e00-\u9fff]{1,8}$"),
))

_SPLIT = frozenset("，。！？；：、,!?;:")
_SENTENCE_END = frozenset("。！？!?")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_BAD_CHARS = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ*＊×%％“”‘’\"'《》〈〉（）()\[\]【】<>〔〕—…·/\\|#@&]")
_BAD_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
                      "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_PLACE_END = frozenset("市县区省州镇乡村旗盟")
_IDIOM_TAGS = frozenset({"i", "l"})
_NOUN_TAGS = frozenset({"n", "vn", "nz", "ng", "nr", "ns", "nt", "nrt", "nrfg", "s"})
_COMMON = 1000  # dictionary frequency above which an "nr" word is an everyday word, not a name


class SegmenterLike(Protocol):
    tags: dict[str, str]
    formulas: set[str]  # user-dictionary words tagged i / l

    def cut(self, text: str) -> list[str]: ...

    def known(self, word: str) -> bool: ...

    def freq(self, word: str) -> int: ...

    def clean(self, word: str) -> bool: ...


@dataclass
class Found:
    category: str
    text: str
    role: str
    pattern: str = ""
    freq: int = 0
    docs: int = 0
    roles: list[str] = field(default_factory=list)
    line: int = 0        # source line of (one) occurrence
    source: str = ""     # "file:line" of one occurrence (set when selected)


@dataclass
class _Clause:
    tokens: list[str]
    before: str  # punctuation before ("" at the start)
    after: str   # punctuation after ("" at the end)

    @property
    def text(self) -> str:
        return "".join(self.tokens)


def clauses(tokens: list[str]) -> list[_Clause]:
    out: list[_Clause] = []
    current: list[str] = []
    before = ""
    for tok in tokens:
        if tok in _SPLIT:
            if current:
                out.append(_Clause(current, before, tok))
            elif out and tok in _SENTENCE_END:
                out[-1].after = tok
            current, before = [], tok
        elif tok.strip():
            current.append(tok)
    if current:
        out.append(_Clause(current, before, ""))
    return out


def clean_token(tok: str, seg: SegmenterLike) -> bool:
    """False for digits, masks, Latin, quotes, names, places and unknown name-like words."""
    if _BAD_CHARS.search(tok):
        return False
    tag = seg.tags.get(tok)
    if tag in _BAD_TAGS and not (tag == "nr" and seg.freq(tok) >= _COMMON):
        return False  # jieba tags a few everyday words as names (谢谢, 明白): frequent ones are kept
    if len(tok) >= 2 and tag is None and not seg.known(tok):
        if tok[0] in _SURNAMES or tok[-1] in _PLACE_END:
            return False
    if len(tok) >= 3 and tok[-1] in _PLACE_END and tag is None and not tok.startswith(("全", "各", "我", "本")):
        return False
    return True


def _noun_compound(word: str, seg: SegmenterLike) -> bool:
    """土壤污染, 生态环境: two nouns make content, not a formula (jieba tags some as idioms).

    Words of the 公文 user dictionary tagged as formulas (i, l) are trusted.
    """
    if len(word) != 4 or word in seg.formulas:
        return False
    return seg.tags.get(word[:2]) in _NOUN_TAGS and seg.tags.get(word[2:]) in _NOUN_TAGS


def candidates_in_clauses(text: str, role: str, seg: SegmenterLike, tokens: list[str] | None = None) -> list[Found]:
    tokens = seg.cut(text) if tokens is None else tokens
    found: list[Found] = []
    parts = clauses(tokens)
    ok = [bool(_CJK.match(c.text)) and all(map(seg.clean, c.tokens)) for c in parts]
    nouns = [all(seg.tags.get(t) in _NOUN_TAGS for t in c.tokens) or _noun_compound(c.text, seg) for c in parts]
    sentence: list[int] = []
    for i, c in enumerate(parts):
        t = c.text
        if ok[i]:
            if len(t) == 4 and not nouns[i]:  # 土壤污染, 生态环境: content, not a formula
                found.append(Found("mined_four_char", t, role))
            else:
                found += [Found("mined_four_char", w, role) for w in c.tokens
                          if len(w) == 4 and seg.tags.get(w) in _IDIOM_TAGS and not _noun_compound(w, seg)]
            initial = c.before in _SENTENCE_END or c.before == ""
            if initial and c.after in {"，", ","} and 2 <= len(t) <= 12 and is_transition(t):
                found.append(Found("mined_transition", t, role))
            if c.after in {"：", ":"} and 2 <= len(t) <= 20:
                found.append(Found("mined_lead_in", t, role))
        found += [Found("mined_three_char", w, role) for w in three_char(c.tokens, seg.tags, seg.formulas)
                  if seg.clean(w)]
        sentence.append(i)
        if c.after in _SENTENCE_END or c.after == "" or i == len(parts) - 1:
            found += _stock_sentence(parts, sentence, ok, role)
            sentence = []
    found += _chains(parts, [o and not n for o, n in zip(ok, nouns)], role)
    return found


def _stock_sentence(parts: list[_Clause], idx: list[int], ok: list[bool], role: str) -> list[Found]:
    if not idx or not all(ok[i] for i in idx) or parts[idx[-1]].after not in _SENTENCE_END:
        return []
    first = parts[idx[0]]
    if first.before not in _SENTENCE_END and first.before != "":
        return []
    text = "".join(parts[i].text + (parts[i].after if i != idx[-1] else "") for i in idx) + parts[idx[-1]].after
    return [Found("mined_stock_sentence", text, role)] if 4 <= len(text) <= 16 else []


def _chains(parts: list[_Clause], ok: list[bool], role: str) -> list[Found]:
    """Runs of 2+ equal-length (3 or 4) clauses joined by 、, bounded by other punctuation.

    The first clause may carry a lead (让我们同心同德、众志成城): its last word(s) of
    the common length join the chain when they end on a word boundary.
    """
    found: list[Found] = []
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and parts[j].after == "、":
            j += 1
        if j > i and j < len(parts) and all(ok[i:j + 1]) and parts[i].before != "、":
            rest = [c.text for c in parts[i + 1:j + 1]]
            size = len(rest[0])
            first = _tail(parts[i], size)
            if size in (3, 4) and first and all(len(t) == size for t in rest):
                found.append(Found("mined_chain", "、".join([first, *rest]), role))
        i = j + 1
    return found


def _tail(clause: _Clause, size: int) -> str | None:
    """The clause's last whole words making exactly *size* characters, if any."""
    text = ""
    for token in reversed(clause.tokens):
        text = token + text
        if len(text) >= size:
            return text if len(text) == size else None
    return None


def heading_candidates(text: str, role: str, seg: SegmenterLike) -> list[Found]:
    """Patterns in a heading's clauses, plus everything a body clause would yield."""
    tokens = seg.cut(text)
    found = candidates_in_clauses(text, role, seg, tokens)
    for c in clauses(tokens):
        t = c.text
        if not _CJK.match(t) or "、" in (c.before, c.after) or not all(map(seg.clean, c.tokens)):
            continue  # a member of a 、 chain is not a heading of its own
        for name, rx in HEADING_PATTERNS:
            if rx.match(t):
                found.append(Found("mined_heading_pattern", t, role, name))
                break
    return found



def raw_candidates(text: str, role: str) -> list[Found]:
    """Quoted slogans and numeral formulas, read from the text itself (quotes split clauses)."""
    return ([Found("mined_slogan", q, role) for q in quoted_slogans(text)]
            + [Found("mined_numeral_formula", f, role) for f in numeral_formulas(text)])
