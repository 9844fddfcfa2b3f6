"""The meeting's calendar: horizon, day counts (checked against datetime), deadlines, no-date drafts."""
from __future__ import annotations

import datetime as dt

import pytest

from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.core.calendar import Calendar, days_phrase, parse_deadline, period_end
from speechgen.core.periods import parse_period


@pytest.mark.parametrize("date, period, year, next_label, horizon, alien", [
    ("2025-03-31", "M1-2", 2025, "二季度", "二季度乃至全年", ("3月份", "已经进入二季度", "二季度工作已经全面展开")),
    ("2025-07-22", "H1", 2025, "下半年", "下半年", ("二季度", "前三季度各项目标")),
    ("2025-10-20", "Q3", 2025, "四季度", "四季度", ("下半年", "二季度")),
    ("2025-01-09", "year", 2024, "今年", "今年", ("明年", "影响全年目标的实现", "即将收官", "收官在即")),
])
def test_horizon(make_spec, date, period, year, next_label, horizon, alien) -> None:
    cal = Calendar(dt.date.fromisoformat(date), year, parse_period(period))
    assert (cal.next_label, cal.horizon) == (next_label, horizon)
    for seed in range(4):
        spec = make_spec(meeting={"period": period, "year": year, "date": date},
                         tasks=[{"title": "抓项目扩投资"}], problems=[{"title": "投资偏慢"}])
        text = render_draft(spec, RenderOptions(seed=seed, variety="high")).text
        assert not any(w in text for w in alien), (date, seed, [w for w in alien if w in text])


@pytest.mark.parametrize("date, period, stage_end", [
    ("2025-10-20", "Q3", "2025-12-31"), ("2025-04-20", "Q1", "2025-06-30"), ("2025-06-16", "M1-5", "2025-06-30"),
    ("2024-02-10", "M1", "2024-02-29"), ("2025-07-22", "H1", "2025-12-31"),
])
def test_day_counts_match_datetime(date, period, stage_end) -> None:
    day = dt.date.fromisoformat(date)
    cal = Calendar(day, day.year, parse_period(period))
    assert cal.stage().end == dt.date.fromisoformat(stage_end)
    assert cal.days_left == (dt.date.fromisoformat(stage_end) - day).days


def test_countdown_and_deadline_wording() -> None:
    cal = Calendar(dt.date(2025, 10, 20), 2025, parse_period("Q3"), (parse_deadline("报统关网 2025-10-24"),))
    assert cal.countdown == f"距离年底只剩{(dt.date(2025, 12, 31) - dt.date(2025, 10, 20)).days // 10 * 10}多天"
    assert cal.deadline_countdown == "距离报统关网只有不到一周"
    assert cal.ended is True and period_end(2025, parse_period("Q3")) == dt.date(2025, 9, 30)
    assert [days_phrase(n) for n in (0, 4, 7, 15, 60, 72)] == ["", "不到一周", "7天", "15天", "60天", "70多天"]


def test_deadline_in_the_draft_and_the_number_check(make_spec) -> None:
    from speechgen.proof.checker import check_draft

    spec = make_spec(meeting={"type": "dispatch", "period": "M1-5", "date": "2022-06-30",
                              "deadline": "报统关网 2022-07-06"}, tasks=[{"title": "抓项目扩投资"}])
    draft = render_draft(spec, RenderOptions(seed=1))
    assert "距离报统关网只有不到一周" in draft.text
    assert not [f for f in check_draft(draft, spec=spec) if f.severity == "error"]


@pytest.mark.parametrize("bad", ["报统关网", "2022-07-06", "报统关网 2022-13-40"])
def test_bad_deadline_is_a_located_input_error(make_spec, bad) -> None:
    from speechgen.errors import InputError
    from speechgen.spec.loader import load_spec

    with pytest.raises(InputError, match="deadline"):
        load_spec({"meeting": {"type": "dispatch", "title": "调度会", "period": "Q1", "year": 2025, "deadline": bad}})


def test_without_a_date_no_calendar_claim(make_spec) -> None:
    from speechgen.api import build
    from speechgen.settings import RenderSettings

    for seed in range(6):
        spec = make_spec(meeting={"period": "Q3", "date": None, "deadline": "报统关网 2025-10-24"},
                         tasks=[{"title": "抓项目扩投资"}])
        text = render_draft(spec, RenderOptions(seed=seed, variety="high")).text
        assert not any(w in text for w in ("距离", "只剩", "乃至全年", "多天")), seed
    product = build(spec, RenderSettings(), "md")
    assert any("日期" in n for n in product.notes)


def test_open_period_is_not_called_over(make_spec) -> None:
    """A June meeting with estimated first-half figures never says 上半年已经过去."""
    rows = [{"name": "地区生产总值", "growth": 5.5, "estimate": True}]
    for seed in range(8):
        spec = make_spec(meeting={"period": "H1", "date": "2025-06-20"}, indicators=rows, tasks=[{"title": "抓项目"}])
        text = render_draft(spec, RenderOptions(seed=seed, variety="high")).text
        assert not any(w in text for w in ("上半年已经过去", "刚刚过去", "数据出来后", "全年时间已经过半"))


@pytest.mark.parametrize("mtype", ["quarterly_analysis", "dispatch", "department", "work_report"])
def test_monthly_data_without_date_names_no_month(make_spec, mtype) -> None:
    """1—2月 data and no date: the meeting may be held in late March, so 3月份 is never deployed for."""
    for seed in range(4):
        spec = make_spec(meeting={"type": mtype, "period": "M1-2", "date": None}, tasks=[{"title": "抓项目扩投资"}])
        text = render_draft(spec, RenderOptions(seed=seed)).text
        assert "3月份" not in text, (mtype, seed)
