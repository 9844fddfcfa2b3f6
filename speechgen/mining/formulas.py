"""Formulas the clause rules cannot see: slogans in quotation marks, formulas with numerals,
three-character formulas, and which sentence-initial clauses are real transitions.

Language knowledge (connectives, formula verbs, numerals, measure nouns) is data in
``corpora/mining.yaml``; this module only matches it.  No jieba import here: tokens come in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from speechgen.core.resources import corpora_dir

_QUOTED = re.compile(r"“([^“”]{2,12})”")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff、]+$")
_ENUMERATORS = re.compile(r"^[一二三四五六七八九十]+(?:是|要|季度|月|年|批|些|系列|定|律|直|体|起|致|旦|样|般|切|再|次|下|点|方面)")


@dataclass(frozen=True)
class Lexicon:
    transition_words: frozenset[str]
    transition_shapes: tuple[re.Pattern[str], ...]
    verbs: frozenset[str]
    numeral_formula: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    import yaml

    data: dict[str, Any] = yaml.safe_load((corpora_dir() / "mining.yaml").read_text(encoding="utf-8"))
    n = data["numerals"]
    measures = "|".join(sorted(map(re.escape, data["measure_nouns"]), key=len, reverse=True))
    numeral = re.compile(
        rf"一([\u4e00-\u9fff])一([\u4e00-\u9fff]{{1,3}})"                         # 一企一策 一事一议
        rf"|(?<![{n}第])[{n}]个(?!{measures})[\u4e00-\u9fff]{{2,4}}(?=[”，。、；：,;:！？\s]|$)"   # 两个确保
        rf"|(?<![{n}第])[{n}]大(?!胜利|精神|以来|报告|代表|召开)[\u4e00-\u9fff]{{2,4}}(?=[”，。、；：,;:！？\s]|$)"  # 三大攻坚战, not 二十大
        rf"|(?<![{n}第])[{n}][\u4e00-\u9fff][{n}][\u4e00-\u9fff](?=[”，。、；：,;:！？\s]|$)")  # 六稳六保
    return Lexicon(frozenset(data["transition_words"]), tuple(map(re.compile, data["transition_shapes"])),
                   frozenset(data["formula_verbs"]), numeral)


def is_transition(clause: str) -> bool:
    lex = lexicon()
    return clause in lex.transition_words or any(rx.match(clause) for rx in lex.transition_shapes)


def quoted_slogans(text: str) -> list[str]:
    """Short quoted expressions (“六稳”“六保”, “放管服”, “保十争十一”): no digits, no sentences."""
    return [q for q in _QUOTED.findall(text) if _CJK_ONLY.match(q) and not q.endswith("、")]


def numeral_formulas(text: str) -> list[str]:
    out = []
    for m in lexicon().numeral_formula.finditer(text):
        found = m.group(0)
        if not _ENUMERATORS.match(found) or found.startswith("一") and found[2:3] == "一":
            out.append(found)
    return out


def three_char(tokens: list[str], tags: dict[str, str], formulas: set[str]) -> list[str]:
    """Three-character formulas: dictionary formulas (稳增长, 开门红, 双过半) and a formula verb
    followed by a two-character noun (扩投资, 促消费), on word boundaries."""
    verbs = lexicon().verbs
    out = [t for t in tokens if len(t) == 3 and (t in formulas or tags.get(t) in {"i", "l"})]
    for a, b in zip(tokens, tokens[1:]):
        if len(a) == 1 and a in verbs and len(b) == 2 and tags.get(b) in {"n", "vn"}:
            out.append(a + b)
    return out
