"""Numbering tokens of the genre: 一、 （一） (一) 1. 1、 （1） ① 一是 一要 第一， 首先.

A *token* is one printed enumerator, either at the start of a paragraph or
run-in after a sentence boundary (``…。二是…``).  The scheme says which series
it belongs to; the ordinal is its number (0 for 最后 and for unnumbered
styled headings, which only continue a series).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from speechgen.core.numbers import cn_to_int

_N = "[一二三四五六七八九十]{1,3}"
_C = "一二三四五六七八九十"

_ALTS = {
    "part": rf"第(?P<part_n>{_N})部分[，,、：:]?",
    "diyi": rf"第(?P<diyi_n>{_N})(?:个(?:问题|方面)|方面|点|条)?[，,、：:]",
    "cn": rf"(?P<cn_n>{_N})[、．.](?![{_C}]+(?:季度|月|年|产))",
    "pcn": rf"[（(](?P<pcn_n>{_N})[）)]、?",
    "par": r"[（(](?P<par_n>\d{1,2})[）)]、?",
    "ar": r"(?P<ar_n>\d{1,2})(?:[、．)）]|\.(?!\d))(?!\d)",
    "circ": r"(?P<circ_n>[①-⑳])",
    "shi": rf"(?P<shi_n>{_N})是(?!否)",
    "yao": rf"(?P<yao_n>{_N})要(?![素求])",
    "seq": r"(?P<seq_n>首先|其次|再次|最后)[，,：:]",
}
_START_ORDER = ("part", "diyi", "cn", "pcn", "par", "ar", "circ", "shi", "yao", "seq")
_RUN_IN_ORDER = ("diyi", "pcn", "par", "ar", "circ", "shi", "yao", "seq")


def _group(names: tuple[str, ...]) -> str:
    return "|".join(f"(?P<{n}>{_ALTS[n]})" for n in names)


START_TOKEN = re.compile(rf"^(?:{_group(_START_ORDER)})")
RUN_IN_TOKEN = re.compile(
    rf"(?:(?<=[。！？；：!?;:])|(?<=[。！？]”)|(?<=[，,]))(?:{_group(_RUN_IN_ORDER)})")

#: schemes printed as heading lines; their first item at a paragraph start is a real subdivision
FIXED = frozenset({"part", "cn", "pcn", "par", "ar", "circ"})
#: run-in enumerators that may be mixed within one series (首先…其次…三是, 第一，…三是)
MIXABLE = frozenset({"shi", "seq", "diyi"})
SEQ_ORDINAL = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
#: preference when no 一、 exists and two schemes both head paragraphs
HEAVINESS = ("part", "cn", "h1", "h2", "h3", "pcn", "diyi", "yao", "shi", "seq", "ar", "par", "bold", "circ")


@dataclass
class Token:
    para: int
    pos: int          # where the marker starts in the paragraph
    end: int          # where the heading text starts
    scheme: str
    ordinal: int
    marker: str       # as printed (may be "" for styled / bold-lead headings)
    start: bool       # at the start of its paragraph
    comma: bool = False  # follows a comma: counts only if it continues a series


def cn_value(text: str) -> int:
    """一 → 1, 十二 → 12 (the marker grammar only lets well-formed numerals through; 0 otherwise)."""
    return cn_to_int(text) or 0


def _ordinal(scheme: str, value: str) -> int:
    if scheme in {"ar", "par"}:
        return int(value)
    if scheme == "circ":
        return ord(value) - 0x2460 + 1
    if scheme == "seq":
        return SEQ_ORDINAL[value]
    return cn_value(value)


def _token(m: re.Match[str], para: int, start: bool, text: str) -> Token | None:
    scheme = m.lastgroup
    if scheme is None:
        return None
    value = m.group(f"{scheme}_n")
    end = m.end()
    while end < len(text) and text[end] == " ":
        end += 1
    if end >= len(text) or text[end] in "，。、；：,.;:）)”":
        return None  # a marker needs heading text after it
    comma = not start and m.start() > 0 and text[m.start() - 1] in "，,"
    return Token(para, m.start(), end, scheme, _ordinal(scheme, value), text[m.start(scheme):m.end(scheme)],
                 start, comma)


def start_token(text: str, para: int) -> Token | None:
    m = START_TOKEN.match(text)
    return _token(m, para, True, text) if m else None


def run_in_tokens(text: str, para: int, after: int = 0) -> list[Token]:
    """Enumerators after sentence boundaries inside the paragraph (from offset *after*)."""
    if len(text) - after < 4:
        return []
    found = []
    for m in RUN_IN_TOKEN.finditer(text, after):
        tok = _token(m, para, False, text)
        if tok is not None:
            found.append(tok)
    return found
