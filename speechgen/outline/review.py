"""Split a review paragraph into what it claims: achievements, problems, and figures already in ``indicators``.

A review part mixes three things: indicator statements (captured as indicator rows, so they are
not copied again — the draft narrates them from the data, with judgements that follow the
figures), work done (kept word for word as achievement items), and shortfalls (declines, lags,
``在肯定成绩的同时…`` and what follows it), which must never be read out as achievements
followed by ``这些成绩的取得……``: they go to ``problems``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from speechgen.outline.figures import figures

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_NEGATIVE = re.compile(r"下降|负增长|低于|倒数|末位|靠后|差距|不足|滞后|乏力|偏慢|偏低|较低|回落|下滑|严峻|短板|弱项|"
                       r"不容忽视|不容乐观|困难|问题|压力|不强|不高|缓慢|放缓|收窄|减少|萎缩|亏损")
_POSITIVE = re.compile(r"高于|好于|快于|首位|第一|前列|提高|加快|回升|突破|超额|增长\d|取得|成效|成绩|向好|良好|稳中有进|提升|增强|解决|帮助|完成|整治|化解|建成|稳步")
_ANNOUNCES = re.compile(r"(?:看到|正视|存在|面临|还有|查找|找准)[^。]{0,12}(?:困难|问题|短板|不足|差距|弱项)[。：:！]?$")
_CONCESSIVE = re.compile(r"^(?:面对|面临|尽管|虽然|虽|克服|顶住|在[^，]{0,20}(?:情况|背景|形势|环境|压力)下)")
_TURN = re.compile(r"^(?:在肯定成绩的同时|但(?:是|我们)?(?:也|还)?要?(?:清醒地?)?(?:看到|认识到)|同时[，,]?(?:也|还)?要?(?:清醒地?)?看到"
                   r"|然而|不过|但也(?:要|应)?看到|与此同时[，,]?(?:也|还)?(?:要|应)?看到)")


@dataclass
class Review:
    kept: list[str] = field(default_factory=list)      # achievement items (paragraphs, figures removed)
    problems: list[str] = field(default_factory=list)  # shortfall sentences, in order
    dropped: int = 0                                   # indicator sentences left to ``indicators``


_CLAUSE = re.compile(r"[^，；,;。！？!?]+[，；,;。！？!?]?")
_CARRIED = re.compile(r"^(?:占|比|较|同比|其中|增速|增幅|高于|低于|居|位居|排|列|拉动|贡献)")
#: a lead-in left alone once its figures went to indicators (投资方面。 从我市情况看。)
_LEAD_ONLY = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}方面|从[\u4e00-\u9fff]{1,10}?来?看|就[\u4e00-\u9fff]{1,10}而言)[。：，]$")
_PERIOD_ONLY = re.compile(r"^(?:[一二三四]季度|上半年|前三季度|全年|今年以来|1[—\-–~至到]\d{1,2}月份?|\d{1,2}月份?)$")


def without_figures(sentence: str) -> str:
    """The sentence without the clauses whose figures are indicator rows ("" if nothing else is left)."""
    bare = lambda c: c.strip("，；,;。！？!? ")  # noqa: E731
    used = {bare(f.clause) for f in figures(sentence, lambda _o: 0) if f.field != "target"}
    if not used:
        return sentence
    clauses = _CLAUSE.findall(sentence)
    kept, gone = [], False
    for c in clauses:
        if bare(c) in used or _PERIOD_ONLY.match(bare(c)) or (gone and _CARRIED.match(bare(c))):
            gone = True  # a clause continuing a removed one (…，占全部投资的比重为38.6%) goes with it
            continue
        gone = False
        kept.append(c)
    text = "".join(kept).strip().rstrip("，；,;")
    if len(re.sub(r"[^\u4e00-\u9fff]", "", text)) < 6:
        return ""
    return text if text.endswith(("。", "！", "？")) else text.rstrip("。") + "。"


def negative(sentence: str) -> bool:
    """A shortfall: decline or lag words outside concessive clauses (面对严峻形势…), no success words."""
    own = "".join(c for c in _CLAUSE.findall(sentence) if not _CONCESSIVE.match(c))
    return bool(_NEGATIVE.search(own)) and not _POSITIVE.search(own)


def split_review(paragraphs: list[str]) -> Review:
    out = Review()
    for para in paragraphs:
        kept: list[str] = []
        turned = False
        for m in _SENTENCE.finditer(para):
            sent = m.group(0).strip()
            if not sent:
                continue
            if _TURN.match(sent):
                turned = True
                rest = _TURN.sub("", sent).lstrip("，,")
                if len(rest) > 12 and not rest.endswith(("：", ":")) and not _ANNOUNCES.search(rest):
                    out.problems.append(rest)  # the turn sentence states a problem itself, not only announces them
                continue
            if not turned:
                rest = without_figures(sent)
                if rest != sent:
                    out.dropped += 1
                if not rest:
                    continue
                sent = rest
            if turned or negative(sent):
                if not sent.endswith(("：", ":")):
                    out.problems.append(sent)
                continue
            kept.append(sent)
        kept = [k for k in kept if not _LEAD_ONLY.match(k)]  # 投资方面。 with all its figures gone
        text = "".join(kept)
        if len(text) >= 8 and not text.endswith(("：", ":")):
            out.kept.append(text)
    return out


def problem_title(sentences: list[str]) -> str:
    """A short label for shortfalls the speech did not head: its first clause."""
    clauses = [re.sub(r"^(?:一是|二是|三是|首先|其次|另外|此外|同时|但|但是)", "", c.strip())
               for c in re.split(r"[，。；：,;:]", "".join(sentences))]
    clauses = [c for c in clauses if 4 <= len(c) <= 20]
    negative = [c for c in clauses if _NEGATIVE.search(c)]
    return (negative or clauses or ["存在的困难和问题"])[0]
