"""Which of several columns with one meaning a table means: the column of the meeting's period.

Statistics tables often give a figure twice: ``9月`` over 当月 | 同比增长 and ``1-9月`` over
累计 | 同比增长, or 本月 | 本年累计, or 2023年 | 2024年, or 1-9月增速 | 上半年增速.  Each header
gets a period :class:`Tag`; among the columns that name one field the one whose period matches
the meeting's (:class:`When`) is read.  The others are not dropped blindly: a single month's
growth beside the cumulative one is ``month_growth``, an earlier cumulative period's growth is
``prev_growth`` (its period becomes ``prev_period``), anything else is recognised and not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from speechgen.core.periods import Period

#: header meanings recognised but not kept (the model has no field for them): never read as another meaning
IGNORED_FIELDS = frozenset({"serial", "progress", "change", "prev_year_growth", "prev_value", "mom", "forecast"})
#: fields whose columns are chosen by period (the others: the surest header, then the first column)
PERIOD_FIELDS = frozenset({"value", "growth"})
_NAMED = (("前三季度", 9), ("一季度", 3), ("第一季度", 3), ("上半年", 6), ("全年", 12))


@dataclass(frozen=True)
class When:
    """The meeting's period and year (either may be unknown)."""

    period: Period | None = None
    year: int | None = None


@dataclass(frozen=True)
class Tag:
    kind: str  # "cum" (from January), "month" (one month or quarter), "" (not said)
    last: int | None = None  # last month covered, when the header says
    year: int | None = None
    label: str = ""  # the period as a speech may name it: 上半年, 1-8月
    prior: bool = False  # 上月、上期、上年: a period named relative to this one


def tag(text: str) -> Tag:
    """The period a normalised header names ('1-9月累计' → cum, last 9)."""
    year_m = re.search(r"(\d{4})年", text)
    year = int(year_m.group(1)) if year_m else None
    rel = re.match(r"上月|上期|上季度?|上年|去年|前期", text)
    prior = rel is not None
    rest = text[year_m.end():] if year_m else text
    if rel is not None:
        kind = "cum" if re.search(r"累计|本年|年初以来", rest) else "month" if rel.group() == "上月" else ""
        return Tag(kind, None, year, rel.group(), True)
    m = re.search(r"(\d{1,2})-(\d{1,2})月", rest)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        return Tag("cum" if first == 1 else "month", last, year, f"{first}-{last}月", prior)
    for word, last in _NAMED:
        if word in rest:
            return Tag("cum", last, year, word, prior)
    m = re.search(r"(?<![\d-])(\d{1,2})月份?", rest)
    if m and 1 <= int(m.group(1)) <= 12:
        return Tag("month", int(m.group(1)), year, f"{int(m.group(1))}月", prior)
    if re.search(r"[二三四]季度", rest):
        return Tag("month", None, year, "", prior)
    if re.search(r"累计|本年|年初以来", rest):
        return Tag("cum", None, year, "", prior)
    if re.search(r"本月|当月", rest):
        return Tag("month", None, year, "", prior)
    return Tag("", None, year, "", prior)


def _single(period: Period) -> bool:
    """A meeting on one month or one quarter (5月, 二季度), not a span from January."""
    return period.months == 1 or not period.cumulative


def score(t: Tag, when: When) -> int:
    """How well a column's period fits the meeting's (higher is better)."""
    s = -10 if t.prior else 0
    if t.year is not None and when.year is not None and t.year != when.year:
        s -= 10  # another year's figure
    p = when.period
    if p is None:  # unknown: the cumulative (or unnamed) figure, as tables lead with it
        return s + (2 if t.kind in ("cum", "") else -1)
    if t.kind == "cum":
        if _single(p) and p.first != 1:
            return s - 1
        return s + (3 if t.last in (None, p.last) else -5 if t.last < p.last else 1)
    if t.kind == "month":
        return s + ((3 if t.last in (None, p.last) else -5) if _single(p) else -1)
    return s


def _key(when: When, col: int, strength: int, t: Tag) -> tuple[int, int, int, int, int]:
    """Surest header, best period, latest year, latest month (a column that names no period is the
    current one beside one that does), first column."""
    return strength, score(t, when), t.year or 0, t.last or 13, -col


def prev_label(t: Tag, when: When) -> str | None:
    """The period an earlier-period column is of: 上半年, 1-8月 (上月累计 at 1-9月); None if unsaid."""
    p = when.period
    if not t.prior:
        return t.label if t.label and t.kind == "cum" and (p is None or t.last is None or t.last < p.last) else None
    if t.label != "上月" or p is None or p.last < 2 or (t.kind == "cum") != p.cumulative:
        return None  # 上期 / 上年: the draft's own name for the previous period stands
    return f"1-{p.last - 1}月" if t.kind == "cum" else f"{p.last - 1}月"


def resolve(cands: list[tuple[int, str, int]], texts: dict[int, str], when: When
            ) -> tuple[dict[int, str], dict[int, str], str | None]:
    """Candidate (column, field, strength) triples, with the normalised header *texts* → (column →
    field read, column → meaning recognised and not read, prev_period of the prev_growth column)."""
    tags = {col: tag(texts[col]) for col, _, _ in cands}
    by_field: dict[str, list[tuple[int, int]]] = {}
    for col, fname, strength in cands:
        by_field.setdefault(fname, []).append((col, strength))
    fields: dict[int, str] = {}
    ignored: dict[int, str] = {}
    losers: list[tuple[int, str]] = []
    for fname, cols in by_field.items():
        if fname in IGNORED_FIELDS:
            ignored.update((c, fname) for c, _ in cols)
            continue
        keyed = sorted(cols, key=lambda cs: _key(when, cs[0], cs[1], tags[cs[0]]) if fname in PERIOD_FIELDS
                       else (cs[1], 0, 0, -cs[0]), reverse=True)
        fields[keyed[0][0]] = fname
        losers += [(c, fname) for c, _ in keyed[1:]]
    prev_period = None
    for col, fname in losers:
        t = tags[col]
        winner = next((tags[c] for c, f in fields.items() if f == fname), Tag(""))
        taken = set(fields.values())
        if fname == "growth" and t.kind == "month" and winner.kind != "month" and "month_growth" not in taken:
            fields[col] = "month_growth"
        elif (fname == "growth" and t.kind == "cum" and t.last is not None and "prev_growth" not in taken
              and t.last < (winner.last or (when.period.last if when.period else 13))):
            fields[col] = "prev_growth"
            prev_period = t.label
        else:
            ignored[col] = "other_period"
    prev_col = next((c for c, f in fields.items() if f == "prev_growth"), None)
    if prev_col is not None and prev_period is None:
        prev_period = prev_label(tags[prev_col], when)
    return dict(sorted(fields.items())), ignored, prev_period
