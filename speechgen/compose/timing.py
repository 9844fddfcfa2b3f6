"""Time in the template context: the meeting's calendar as slots, the stage goal, stage targets,
whether the period under review has ended, the era year, and one word for 时序/序时进度.

The calendar itself (dates, stages, day counts) is :mod:`speechgen.core.calendar`; this module
turns it into what templates and phrases use.  Without ``meeting.date`` no calendar slot is
filled (entries that need one are skipped), so the draft makes no calendar claim.
"""
from __future__ import annotations

from typing import Any

from speechgen.core.calendar import Calendar, phrase_number
from speechgen.core.draft import Provenance
from speechgen.core.numbers import fmt_number
from speechgen.core.periods import Period, parse_period
from speechgen.spec.model import Indicator, MeetingType, Spec, StageTarget, Target

PROGRESS_WORDS = ("序时进度", "时序进度")  # the first is the default (the commoner in 公文)


def calendar_of(spec: Spec) -> Calendar:
    m = spec.meeting
    return Calendar(m.date, m.year, m.period_info, m.deadline_dates)


def era_year(spec: Spec) -> int:
    """The year that decides which policy wording is current: the meeting day's, else the spec year."""
    m = spec.meeting
    return m.date.year if m.date is not None else m.year


def status_of(spec: Spec, cal: Calendar) -> str:
    """``ended`` / ``open`` / ``unknown`` for the period under review: the date decides; without
    one, actual (non-estimate) figures of the meeting's period prove the period is over."""
    if cal.ended is not None:
        return "ended" if cal.ended else "open"
    period = spec.meeting.period_info
    actual = [i for i in spec.indicator_rows if not i.estimate and (i.period_info or period) == period]
    return "ended" if actual else "unknown"


def stage_of(cal: Calendar) -> str:
    """``begun`` / ``ahead`` / ``unknown`` (no date): may a phrase say 现在已经进入{next}?"""
    begun = cal.stage_begun
    return "unknown" if begun is None else "begun" if begun else "ahead"


def stage_goal(label: str, period: Period, mtype: str) -> str:
    """What the deployment aims at, from the stage it covers: 二季度 → 上半年“双过半”, 下半年 and
    四季度 → 全年目标任务, 明年 → 明年“开门红”, 今年 (a January meeting on last year) → 一季度“开门红”."""
    if mtype == MeetingType.annual_conference.value:
        return "全年目标任务"
    if label == "明年":
        return "明年“开门红”"
    if label == "今年":
        return "一季度“开门红”"
    months = {"二季度": 6, "三季度": 9, "四季度": 12, "下半年": 12}
    end = months.get(label) or (int(label[:-2]) if label.endswith("月份") else period.last + 1)
    if end <= 6:
        return "上半年“双过半”"
    if end <= 9 and label != "下半年":
        return "前三季度各项目标"
    return "全年目标任务"


NO_DATE = "会议未填日期（meeting.date）：初稿不作倒计时、部署时段、“已经进入……”等日期推断，补填日期后更准确。"


def calendar_warnings(cal: Calendar) -> list[str]:
    return [] if cal.known else [NO_DATE]


def calendar_provenance(cal: Calendar) -> list[Provenance]:
    """The day counts the calendar phrases may print (距离年底只剩70多天), with their arithmetic."""
    out = []
    stage = cal.stage()
    counts = [(cal.days_left, f"{stage.end.isoformat()}（{stage.end_name}）− 会议日期 {cal.date}")]
    counts += [(n, f"{d.date.isoformat()}（{d.name}）− 会议日期 {cal.date}") for d, n in cal.upcoming()]
    for n, formula in counts:
        shown = phrase_number(n) if n is not None else None
        if shown is not None:
            out.append(Provenance(str(shown), f"{formula} = {n}天" + ("，取整写作“{}多天”".format(shown) if shown != n else "")))
    return out


def calendar_slots(cal: Calendar, mtype: str) -> dict[str, str]:
    """Slots filled only when the meeting has a date: horizon, countdown, deadline_countdown."""
    if not cal.known:
        return {"horizon": "", "countdown": "", "deadline_countdown": ""}
    return {"horizon": cal.horizon, "countdown": cal.countdown, "deadline_countdown": cal.deadline_countdown}


def progress_word(spec: Spec) -> str:
    """时序进度 or 序时进度 for the whole draft: the setting, else the writer's own, else the default."""
    chosen = spec.narration.progress_word
    if chosen != "auto":
        return chosen
    text = "".join(_strings(spec.model_dump(mode="json", exclude={"narration"})))
    counts = [text.count(w) for w in PROGRESS_WORDS]
    return PROGRESS_WORDS[1] if counts[1] > counts[0] else PROGRESS_WORDS[0]


def unify_progress_word(text: str, spec: Spec) -> str:
    word = progress_word(spec)
    other = PROGRESS_WORDS[1] if word == PROGRESS_WORDS[0] else PROGRESS_WORDS[0]
    return text.replace(other, word)


def _strings(data: Any) -> list[str]:
    """Every string in *data* (dicts and lists of JSON values), in document order.  A stack, not
    nested generators: a spec dump has a thousand values and this runs on every render."""
    out: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(item.values()))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return out


# ------------------------------------------------------------------ stage targets

def _stance(stance: str, bound: str) -> str:
    """确保 with an exact figure, 力争 with a range (左右/以上), unless the writer chose."""
    return stance or ("力争" if bound in ("左右", "以上") else "确保")


def _stage_label(raw: str, default: str) -> str:
    """A code (Q2, H1, M1-4) in the genre's words; Chinese is kept as written (三季度 stays 三季度)."""
    text = raw.strip()
    if not text:
        return default
    if text.isascii():
        try:
            return parse_period(text).label
        except ValueError:
            return text
    return text


def _goal(name: str, t: StageTarget | Target, unit: str, stage: str) -> str:
    if t.text.strip():
        return t.text.strip().rstrip("。；，")
    stance = _stance(t.stance, t.bound)
    before, after = ("", stance) if stance == "必须" else (stance, "")  # 四季度地区生产总值必须增长…
    if stage and name.startswith(stage):
        stage = ""  # the name says its period already (二季度固定资产投资)
    if t.growth is not None:
        if t.growth == 0 and t.bound.strip() == "以上":  # 增长0%以上 is 实现正增长
            return f"{before}{stage}{name}{after}实现正增长"
        verb = "增长" if t.growth >= 0 else "下降"
        return f"{before}{stage}{name}{after}{verb}{fmt_number(abs(t.growth))}%{t.bound}"
    if t.value is not None:
        return f"{before}{stage}{name}{after}达到{fmt_number(t.value)}{unit}{t.bound}"
    return ""


def stage_targets(spec: Spec, cal: Calendar) -> list[str]:
    """Goals of the coming stage from ``targets`` entries with a ``period`` and from each
    indicator's ``stage_target`` (力争二季度地区生产总值增长6%以上)."""
    default = cal.next_label
    lines = [_goal(i.name.strip(), i.stage_target, i.unit, _stage_label(i.stage_target.period, default))
             for i in spec.indicator_rows if isinstance(i, Indicator) and i.stage_target is not None]
    lines += [_goal(t.name.strip(), t, t.unit, _stage_label(t.period, default))
              for t in spec.targets if t.period.strip()]
    return [line for line in lines if line]
