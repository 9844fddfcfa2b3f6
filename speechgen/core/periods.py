"""Reporting periods: ``Q1``, ``H1``, ``Q3``, ``year``, ``M1-4`` (first four
months, cumulative), ``M5`` (May alone), ``Q2``/``Q4`` (a single quarter), and
the same in Chinese (一季度, 上半年, 前三季度, 全年, 1-4月, 5月).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from speechgen.core.numbers import cn_int




@dataclass(frozen=True)
class Period:
    """A reporting period.

    ``first``..``last`` are the months covered; ``cumulative`` periods start in
    January (时序进度 applies to them only).
    """

    code: str
    first: int
    last: int
    label: str  # how a speech names it: 一季度, 上半年, 1—4月, 5月份

    @property
    def cumulative(self) -> bool:
        return self.first == 1

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def time_progress(self) -> Fraction | None:
        """Share of the year elapsed (时序进度), e.g. 1/2 for H1; None for a single month/quarter."""
        return Fraction(self.last, 12) if self.cumulative else None

    @property
    def next_label(self) -> str:
        """What comes next in the genre's framing (二季度, 下半年, 四季度, 明年…)."""
        if self.last == 12:
            return "明年"
        if self.last == 6:
            return "下半年"
        if self.last % 3 == 0:
            return f"{cn_int(self.last // 3 + 1)}季度"
        return f"{self.last + 1}月份"

    @property
    def remaining_label(self) -> str:
        """The rest of the year: 后三个季度, 下半年, 四季度, (year: 明年)."""
        return {3: "后三个季度", 6: "下半年", 9: "四季度", 12: "明年"}.get(self.last, "后几个月")


_NAMED = {
    "Q1": (1, 3, "一季度"),
    "Q2": (4, 6, "二季度"),
    "H1": (1, 6, "上半年"),
    "Q3": (1, 9, "前三季度"),
    "Q4": (10, 12, "四季度"),
    "YEAR": (1, 12, "全年"),
}
_CN_NAMED = {
    "一季度": "Q1", "第一季度": "Q1", "二季度": "Q2", "第二季度": "Q2", "上半年": "H1",
    "前三季度": "Q3", "三季度": "Q3", "四季度": "Q4", "第四季度": "Q4", "全年": "year", "年度": "year",
}
_RANGE = re.compile(r"^M?(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})月?$")
_SINGLE = re.compile(r"^M?(\d{1,2})月?份?$")


def parse_period(text: str) -> Period:
    """Parse a period code; raise ``ValueError`` with a Chinese message if unknown."""
    raw = str(text).strip()
    key = _CN_NAMED.get(raw, raw)
    named = _NAMED.get(key.upper())
    if named:
        first, last, label = named
        return Period("year" if key.upper() == "YEAR" else key.upper(), first, last, label)
    m = _RANGE.match(key.upper() if key[:1] in "mM" else key)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if first == 1 and 1 < last <= 12:
            return _cumulative(last)
    m = _SINGLE.match(key.upper() if key[:1] in "mM" else key)
    if m and 1 <= int(m.group(1)) <= 12 and (key[:1] in "mM" or key.endswith(("月", "月份"))):
        n = int(m.group(1))
        return Period(f"M{n}", n, n, f"{n}月份")
    raise ValueError(
        f"无法识别的时期 {raw!r}：应为 Q1、H1、Q3、year、M1-4（1至4月累计）、M5（5月当月）"
        "或一季度、上半年、前三季度、全年、1-4月、5月"
    )


def _cumulative(last: int) -> Period:
    for code, (first, end, label) in _NAMED.items():
        if first == 1 and end == last:
            return Period("year" if code == "YEAR" else code, 1, last, label)
    return Period(f"M1-{last}", 1, last, f"1—{last}月")
