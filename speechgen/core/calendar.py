"""The meeting's calendar: what the date of a meeting allows a speech to say about time.

From the meeting date, the data period and named deadlines, :class:`Calendar` answers
whether the period under review has ended, which stage the deployment aims at
(``二季度乃至全年`` / ``下半年`` / ``四季度`` / ``今年``), how many days are left to the end of
that stage or to a deadline (``距离年底只剩70多天``, ``距离报统关网只有不到一周``), and
whether the month right after the data may still be named (``3月份`` only when March has
at least :data:`MONTH_SLACK` days left).  Without a date every calendar claim is withheld:
the properties return ``""``/``None`` and :attr:`Calendar.known` is False.
"""
from __future__ import annotations

import calendar as _cal
import datetime as _dt
import re
from dataclasses import dataclass

from speechgen.core.periods import Period

_CN = "零一二三四五六七八九十"
#: a month is still worth deploying for when at least this many of its days are left
MONTH_SLACK = 10
#: a stage (quarter, half) is still worth deploying for when at least this many days are left
STAGE_SLACK = 20
#: countdowns are said when the stage ends with the year (month 12) or the half (month 6) within
#: this many days ("距离年底只剩70多天" in October, "距离上半年结束只剩20多天" in June)
COUNTDOWN_DAYS = {12: 75, 6: 45}
#: named deadlines are counted down when they fall within this many days
DEADLINE_DAYS = 31


@dataclass(frozen=True)
class Deadline:
    """A named date the speech may count down to: 报统关网 2022-07-06."""

    name: str
    date: _dt.date


_DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?")


def parse_deadline(text: str) -> Deadline:
    """``报统关网 2022-07-06`` / ``报统关网：2022年7月6日`` → Deadline; ValueError (Chinese) otherwise."""
    raw = str(text).strip()
    m = _DATE.search(raw)
    if not m:
        raise ValueError(f"时间节点 {raw!r} 应写成“名称 日期”，如 报统关网 2022-07-06")
    try:
        day = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"时间节点 {raw!r} 的日期无效") from None
    name = (raw[: m.start()] + raw[m.end():]).strip(" ：:，,（）()")
    if not name:
        raise ValueError(f"时间节点 {raw!r} 缺少名称，如 报统关网 2022-07-06")
    return Deadline(name, day)


def month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, _cal.monthrange(year, month)[1])


def period_end(year: int, period: Period) -> _dt.date:
    """The last day of *period* in *year* (31 March for 一季度, 31 May for 1—5月)."""
    return month_end(year, period.last)


def days_phrase(n: int) -> str:
    """How a speech counts days: 4 → 不到一周, 7 → 7天, 72 → 70多天, 60 → 60天."""
    if n <= 0:
        return ""
    if n < 7:
        return "不到一周"
    if n < 20 or n % 10 == 0:
        return f"{n}天"
    return f"{n // 10 * 10}多天"


def phrase_number(n: int) -> int | None:
    """The figure :func:`days_phrase` prints for *n* days (for the number check)."""
    if n < 7:
        return None
    return n if n < 20 or n % 10 == 0 else n // 10 * 10


@dataclass(frozen=True)
class Stage:
    """A stretch of time the deployment aims at: its label, its last day, how to name its end."""

    label: str
    end: _dt.date
    end_name: str  # 年底, 上半年结束, 三季度末, 6月底
    whole_year: bool = False  # the stage is a whole year (今年/明年): no "乃至全年"
    start: _dt.date | None = None  # its first day

    @property
    def first_day(self) -> _dt.date:
        if self.start is not None:
            return self.start
        if self.whole_year:
            return _dt.date(self.end.year, 1, 1)
        return _dt.date(self.end.year, self.end.month, 1)


def _quarter_stage(year: int, q: int) -> Stage:
    start = _dt.date(year, q * 3 - 2, 1)
    if q == 2:
        return Stage("二季度", month_end(year, 6), "上半年结束", start=start)
    if q == 4:
        return Stage("四季度", month_end(year, 12), "年底", start=start)
    return Stage(f"{_CN[q]}季度", month_end(year, q * 3), f"{_CN[q]}季度末", start=start)


def _month_stage(year: int, month: int) -> Stage:
    if month in (4, 7, 10):  # the month opens a quarter: deploy for the quarter
        return _quarter_stage(year, (month - 1) // 3 + 1)
    end_name = {6: "上半年结束", 12: "年底"}.get(month, f"{month}月底")
    return Stage(f"{month}月份", month_end(year, month), end_name)


def _year_stage(year: int, label: str) -> Stage:
    return Stage(label, _dt.date(year, 12, 31), "年底", whole_year=True)


def stage_after(period: Period, year: int) -> Stage:
    """The stage that follows the data period (without looking at the date)."""
    last = period.last
    if last == 12:
        return _year_stage(year + 1, "明年")
    if last == 6:
        return Stage("下半年", month_end(year, 12), "年底", start=_dt.date(year, 7, 1))
    if last % 3 == 0:
        return _quarter_stage(year, last // 3 + 1)
    return _month_stage(year, last + 1)


@dataclass(frozen=True)
class Calendar:
    """The meeting's calendar (see the module docstring)."""

    date: _dt.date | None
    year: int  # the year the data belong to (meeting.year)
    period: Period
    deadlines: tuple[Deadline, ...] = ()

    @property
    def known(self) -> bool:
        return self.date is not None

    @property
    def period_end(self) -> _dt.date:
        return period_end(self.year, self.period)

    @property
    def ended(self) -> bool | None:
        """Has the period under review ended by the meeting day?  None without a date."""
        return None if self.date is None else self.date > self.period_end

    @property
    def year_over(self) -> bool:
        """The meeting is held after the data year (a January conference on last year)."""
        return self.date is not None and self.date.year > self.year

    def stage(self) -> Stage:
        """The stage the deployment aims at: after the data, moved on when the date has overtaken it."""
        base = stage_after(self.period, self.year)
        d = self.date
        if d is None:
            return base
        if self.year_over:
            return _year_stage(d.year, "今年")
        stage = base
        if d > stage.end or (stage.end - d).days < (MONTH_SLACK if "月份" in stage.label else STAGE_SLACK):
            stage = self._stage_from(d)
        return stage

    def _stage_from(self, d: _dt.date) -> Stage:
        """The first stage that still has room, counted from the meeting day."""
        month = d.month if (month_end(d.year, d.month) - d).days >= MONTH_SLACK else d.month + 1
        if month > 12:
            return _year_stage(d.year + 1, "明年")
        if month == 7 and self.period.last in (5, 6):
            return Stage("下半年", month_end(d.year, 12), "年底", start=_dt.date(d.year, 7, 1))
        return _month_stage(d.year, month)

    @property
    def next_label(self) -> str:
        return self.stage().label

    @property
    def stage_begun(self) -> bool | None:
        """Has the deployment stage already begun on the meeting day ("现在已经进入二季度")?"""
        return None if self.date is None else self.date >= self.stage().first_day

    @property
    def horizon(self) -> str:
        """二季度乃至全年 / 5月份乃至全年 / 下半年 / 四季度 / 今年 / 明年."""
        stage = self.stage()
        if stage.whole_year or stage.end.month == 12:
            return stage.label
        return f"{stage.label}乃至全年"

    def days_to(self, day: _dt.date) -> int | None:
        return None if self.date is None else (day - self.date).days

    @property
    def days_left(self) -> int | None:
        """Days from the meeting to the end of the deployment stage (None without a date)."""
        return self.days_to(self.stage().end)

    @property
    def countdown(self) -> str:
        """距离年底只剩70多天 — only with a date, only when the stage ends with the half or
        the year within :data:`COUNTDOWN_DAYS` days (the genre counts down to 年中 and 年底)."""
        n = self.days_left
        stage = self.stage()
        if n is None or stage.whole_year or not 0 < n <= COUNTDOWN_DAYS.get(stage.end.month, 0):
            return ""
        return f"距离{stage.end_name}只剩{days_phrase(n)}"

    def upcoming(self) -> list[tuple[Deadline, int]]:
        """Named deadlines still ahead within :data:`DEADLINE_DAYS` days, soonest first."""
        if self.date is None:
            return []
        ahead = [(d, (d.date - self.date).days) for d in self.deadlines]
        return sorted(((d, n) for d, n in ahead if 0 < n <= DEADLINE_DAYS), key=lambda x: x[1])

    @property
    def deadline_countdown(self) -> str:
        """现在距离报统关网只有不到一周 (the soonest named deadline), or ''."""
        soon = self.upcoming()
        if not soon:
            return ""
        deadline, n = soon[0]
        return f"距离{deadline.name}只有{days_phrase(n)}"

    def numbers(self) -> set[int]:
        """Every figure a calendar phrase may print (for the number check)."""
        out: set[int] = set()
        for n in [self.days_left, *(n for _, n in self.upcoming())]:
            if n is not None and phrase_number(n) is not None:
                out.add(phrase_number(n))  # type: ignore[arg-type]
        return out

    def may_name_month(self, month: int) -> bool:
        """May the speech still deploy work 'for month N'?  Not once fewer than
        :data:`MONTH_SLACK` days of it are left, and never without a date beyond the data."""
        if self.date is None:
            return True
        if (self.date.year, self.date.month) > (self.year, month):
            return False
        return (month_end(self.year, month) - self.date).days >= MONTH_SLACK or self.date.month < month
