"""Heading levels from numbering tokens, decided by context rather than by token.

The same token (一是, 1.) serves at level 2 in one speech and level 3 in the
next, so the level comes from the enclosing series: tokens are read in order
with a stack of open series.  A token either continues an open series (its
number follows that series' last number; 首先…其次…三是 mix), restarts one, or
opens a new series nested in the innermost open item.  Only paragraph-start
tokens of the *top scheme* (一、 in nearly every speech, 一要 in a few) make
level-1 parts.  A run-in series directly under a part is level 2 only if it
divides the whole part; an enumeration that starts late in the part (a
``主要表现在：一是…`` list after long prose) is a deeper level.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from speechgen.core.markers import FIXED, HEAVINESS, MIXABLE, Token

PARTITION_SHARE = 0.5  # a series divides its part if at most this share of the part precedes it
TAIL_SHARE = 0.25      # … and at most this share follows the paragraph of its last item


@dataclass
class Series:
    scheme: str
    depth: int
    parent: int | None  # item index
    group: int          # restarted series share the group of the first one
    count: int = 0
    items: list[int] = field(default_factory=list)


@dataclass
class Item:
    token: Token
    depth: int
    parent: int | None
    series: int
    start: int = 0      # global offset of the marker
    level: int = 0
    role: str = "other"


def top_scheme(tokens: list[Token]) -> str | None:
    """The scheme of level-1 parts: 一、 if present, else the earliest repeated paragraph-start scheme."""
    starts = [t for t in tokens if t.start]
    counts = Counter(t.scheme for t in starts)
    for scheme in ("part", "cn"):
        if counts[scheme] >= (2 if scheme == "part" else 1):
            return scheme
    styled = sorted(s for s in counts if s.startswith("h"))
    if styled:
        return styled[0]
    first: dict[str, int] = {}
    for i, t in enumerate(starts):
        first.setdefault(t.scheme, i)
    candidates = [s for s, n in counts.items() if n >= 2 and s != "seq"]
    if not candidates:
        return None
    return min(candidates, key=lambda s: (first[s], HEAVINESS.index(s) if s in HEAVINESS else 99))


#: an aside that breaks the numbering: 最后，我再强调几项工作 / 这里我重点强调一下 / 需要强调的是
ASIDE = re.compile(r"^(?:(?:最后|另外|此外|同时|这里|在此)[，,]?\s*(?:我|再)?(?:再|还|重点|顺便)?(?:强调|讲|说|提|补充|交代|布置)"
                   r"|需要(?:特别)?强调的是)")


def structural(tokens: list[Token], texts: list[str], top: str | None) -> list[Token]:
    """Tokens that can head something: not inside an aside, not items of a run-in ``；`` list.

    An aside paragraph (``最后，我再强调几件事。一是…``) and the paragraphs after it up to the
    next top-level marker hold no headings; nor does a run-in enumeration whose items end
    in ``；`` (``一是…；二是…；三是…。``): that is a list inside a sentence.
    """
    out: list[Token] = []
    aside = -1
    by_para: dict[int, list[Token]] = {}
    for tok in tokens:
        by_para.setdefault(tok.para, []).append(tok)
    for tok in tokens:
        if tok.para != aside and ASIDE.match(texts[tok.para]):
            aside = tok.para
        if aside >= 0:
            if tok.start and (tok.scheme == top or (top is None and tok.scheme in FIXED)):
                aside = -1
            else:
                continue
        if tok.scheme not in FIXED and _list_item(tok, texts[tok.para], by_para[tok.para]):
            continue
        out.append(tok)
    return out


def _list_item(tok: Token, text: str, siblings: list[Token]) -> bool:
    nxt = next((t.pos for t in siblings if t.pos > tok.pos), len(text))
    segment = text[tok.end:nxt]
    stop = min((i for i in (segment.find(c) for c in "。！？：!?:") if i >= 0), default=len(segment))
    return stop == len(segment) and segment.rstrip()[-1:] in {"；", ";"}


def _family(scheme: str) -> str:
    return "mix" if scheme in MIXABLE else scheme


def _continues(s: Series, tok: Token) -> bool:
    if tok.ordinal == 0:  # 最后, styled or bold-lead headings: continue only
        return s.scheme == tok.scheme or (tok.scheme == "seq" and s.scheme in MIXABLE)
    if tok.ordinal != s.count + 1:
        return False
    return s.scheme == tok.scheme or (tok.scheme in MIXABLE and s.scheme in MIXABLE)


class _Builder:
    def __init__(self, top: str | None, offsets: list[int]) -> None:
        self.top, self.offsets = top, offsets
        self.items: list[Item] = []
        self.series: list[Series] = []
        self.stack: list[int] = []

    def feed(self, tok: Token) -> None:
        if self.top is not None and tok.start and tok.scheme == self.top:
            if not (self.stack and self.series[self.stack[0]].scheme == self.top):
                self.stack = [self._new(tok.scheme, 1, None)]
            self._add(tok, self.stack[0], 0)
            return
        low = 1 if self.top is not None and self.stack else 0  # never continue the top series mid-paragraph
        k = self._find(tok, low)
        if k is not None:
            self._add(tok, self.stack[k], k)
            return
        if tok.comma or (tok.scheme == "seq" and tok.ordinal != 1):
            return
        same = next((k for k in range(len(self.stack) - 1, low - 1, -1)
                     if _family(self.series[self.stack[k]].scheme) == _family(tok.scheme)), None)
        if same is not None:
            old = self.series[self.stack[same]]
            if tok.ordinal <= 1:  # a restarted series: a sibling of the old one
                self.stack = self.stack[:same] + [self._new(tok.scheme, old.depth, old.parent, old.group)]
                self._add(tok, self.stack[-1], same)
            else:  # numbering error (skipped or repeated number): keep the series
                self._add(tok, self.stack[same], same)
            return
        if tok.ordinal > 1 and tok.scheme not in FIXED:
            return  # a stray "二是" without its series (一方面…二是…): not a heading
        if tok.start:  # a paragraph-start marker closes open run-in lists
            while len(self.stack) > max(low, 1) and self._run_in(self.stack[-1]):
                self.stack.pop()
        parent = self.series[self.stack[-1]].items[-1] if self.stack else None
        depth = self.items[parent].depth + 1 if parent is not None else 1
        self.stack.append(self._new(tok.scheme, depth, parent))
        self._add(tok, self.stack[-1], len(self.stack) - 1)

    def _run_in(self, sid: int) -> bool:
        return not any(self.items[i].token.start for i in self.series[sid].items)

    def _find(self, tok: Token, low: int) -> int | None:
        span = range(len(self.stack) - 1, low - 1, -1)
        for k in span:
            s = self.series[self.stack[k]]
            if s.scheme == tok.scheme and _continues(s, tok):
                return k
        for k in span:
            if _continues(self.series[self.stack[k]], tok):
                return k
        return None

    def _new(self, scheme: str, depth: int, parent: int | None, group: int | None = None) -> int:
        self.series.append(Series(scheme, depth, parent, len(self.series) if group is None else group))
        return len(self.series) - 1

    def _add(self, tok: Token, sid: int, k: int) -> None:
        self.stack = self.stack[:k + 1]
        s = self.series[sid]
        s.count = tok.ordinal if tok.ordinal > 0 else s.count + 1
        s.items.append(len(self.items))
        self.items.append(Item(tok, s.depth, s.parent, sid, self.offsets[tok.para] + tok.pos))


def build(tokens: list[Token], top: str | None, offsets: list[int], limit: int) -> tuple[list[Item], list[Series]]:
    """Items with levels.  *offsets* are the paragraphs' global offsets, *limit* the end of the body."""
    b = _Builder(top, offsets)
    for tok in tokens:
        b.feed(tok)
    _levels(b.items, b.series, top, limit, offsets)
    return b.items, b.series


def _levels(items: list[Item], series: list[Series], top: str | None, limit: int, offsets: list[int]) -> None:
    ends = _part_ends(items, limit)
    decided: dict[int, int] = {}
    for it in items:
        if it.parent is None:
            it.level = 1
            continue
        parent = items[it.parent]
        shift = 0
        if top is not None and parent.level == 1:
            s = series[it.series]
            if s.group not in decided:
                group = [i for x in series if x.group == s.group for i in x.items]
                decided[s.group] = _shift(items, group, parent, ends[it.parent], offsets)
            shift = decided[s.group]
        it.level = parent.level + 1 + shift


def _part_ends(items: list[Item], limit: int) -> dict[int, int]:
    """Global end offset of every level-1 item (the next level-1 item or the body's end)."""
    tops = [i for i, it in enumerate(items) if it.parent is None]
    return {i: (items[tops[n + 1]].start if n + 1 < len(tops) else limit) for n, i in enumerate(tops)}


def _shift(items: list[Item], members: list[int], part: Item, end: int, offsets: list[int]) -> int:
    """0 if the series divides its part (level 2), else 1.

    A series whose items start paragraphs divides its part; so does a printed ``（一）`` series.
    A run-in series must start early in the part (not after long prose: ``主要表现在：一是…``) and
    run to its end (not a list inside one unmarked sub-part followed by more sub-parts).
    """
    first = items[members[0]]
    if first.token.start and (all(items[i].token.start for i in members) or first.token.scheme in FIXED
                              or first.token.scheme.startswith("h")):
        return 0
    body_start = part.start + (part.token.end - part.token.pos)
    total = max(end - body_start, 1)
    before = first.start - body_start
    last_para = items[members[-1]].token.para
    after = end - offsets[last_para + 1] if last_para + 1 < len(offsets) else 0
    return 0 if before <= PARTITION_SHARE * total and after <= TAIL_SHARE * total else 1
