"""The template context: facts, slots, phrase picker and views for one draft.

Documented for template authors in ``templates/base.j2``.
"""
from __future__ import annotations

import random
import re
from typing import Any, Mapping

import speechgen.compose.deployment as deployment
import speechgen.compose.views as wording
from speechgen.compose.rewrite import NoteStyle, voice_for
from speechgen.spec.model import Meeting, MeetingType, Spec
import speechgen.compose.situation as situation
from speechgen.compose.narration import Narration, narrate
from speechgen.core.periods import Period
from speechgen.compose.bank import PhraseBank
from speechgen.compose.conditions import TableFacts, table_facts
from speechgen.compose.filters import AvoidIndex
from speechgen.compose.picker import PhrasePicker
from speechgen.compose.timing import (
    calendar_of, calendar_slots, era_year, stage_goal, stage_of, stage_targets, status_of, unify_progress_word,
)
from speechgen.core.calendar import Calendar
from speechgen.compose.review import Group, ReviewView, build_review
from speechgen.compose.streams import Streams
from speechgen.spec.regionwords import own_place, region_words

_SPEECH_END = ("讲话", "发言", "致辞")
_REPORT_WORDS = ("报告", "总结", "汇报", "情况")


def period_tag(code: str) -> str:
    """Phrase-bank period tag: single quarters borrow the half-year/year-end wording."""
    return {"Q2": "H1", "Q4": "year"}.get(code, code if code in {"Q1", "H1", "Q3", "year"} else "month")


def layout_of(mtype: str, tag: str) -> str:
    if mtype != MeetingType.quarterly_analysis.value:
        return "quarterly"
    return {"month": "monthly", "year": "year_end"}.get(tag, "quarterly")


def years(m: Meeting) -> tuple[str, str]:
    """How the speech names the reviewed year and the year it plans: (去年, 今年) or (今年, 明年)."""
    if m.date is not None and m.date.year > m.year:
        return "去年", "今年"
    return "今年", "明年"


def remaining(period: Period, this_year: str) -> str:
    if period.last == 12:
        return this_year if this_year != "今年" else "新的一年"
    if period.last in (3, 6, 9):
        return period.remaining_label
    return f"后{wording.qty(12 - period.last)}个月"


def next_label(period: Period, this_year: str, cal: Calendar) -> str:
    """The stage the deployment covers: from the calendar when the meeting has a date (a meeting on
    31 March is not told to deploy for 3月份), else what follows the data."""
    if cal.known:
        return cal.next_label
    if period.last == 12:
        return this_year
    # without a date, naming the coming month (3月份) would guess when the meeting is held
    return "下一步" if period.next_label.endswith("月份") else period.next_label


_PERIOD_WORDS = re.compile(r"^(?:\d{4}年度?|[一二三四]季度|第[一二三四]季度|上半年|下半年|前三季度|全年|年度|年中|"
                           r"\d{1,2}[—-]\d{1,2}月|\d{1,2}月份?)+")
_MEETING_WORDS = re.compile(r"(?:经济)?(?:运行)?(?:形势)?(?:系统)?(?:工作)?(?:分析|调度|推进)?(?:工作)?(?:会议|大会|座谈会|会)$")


def sector_of(m: Meeting) -> str:
    """The department's field: ``meeting.sector``, else read from a title like 全市商务工作会议 (商务)."""
    if m.sector.strip():
        return m.sector.strip()
    if m.type is not MeetingType.department:
        return ""
    name = m.title.strip()
    if name.startswith(m.region):
        name = name[len(m.region):]
    name = _MEETING_WORDS.sub("", _PERIOD_WORDS.sub("", name)).strip("暨 ")
    return name if 0 < len(name) <= 8 and "经济" not in name else ""


def unit_of(m: Meeting) -> str:
    if "局" in m.speaker.post or m.office.endswith("局"):
        return "我局"
    return place_of(m)


def place_of(m: Meeting) -> str:
    """我市, 我县, 我镇… (``corpora/regions.yaml`` for the levels below the county), else 我们."""
    return own_place(m.region)


def organs_of(region: str) -> tuple[str, str]:
    """The party and government organs of a level: 全县 → (县委, 县政府), 全镇 → (镇党委, 镇政府),
    全街道 → (街道党工委, 街道办事处) (``corpora/regions.yaml``)."""
    if region in region_words().organs:
        return region_words().organs[region]
    if not region.startswith("全"):  # a region's own name (城关): its organs by that name
        return f"{region}党委", f"{region}政府"
    level = level_of(region)
    return f"{level}委", f"{level}政府"


def organizer_of(m: Meeting) -> str:
    if m.organizer.strip():
        return m.organizer.strip()
    return "、".join(organs_of(m.region))


def convener_of(m: Meeting, mtype: str) -> str:
    """Who decided to hold the meeting: a department's own meeting is called by the office (its 党组),
    not by the 市委、市政府 whose decisions it carries out."""
    office = m.office.strip()
    if office.endswith("办公室") and office[:-3].endswith(("局", "委", "厅")):
        office = office[:-3]  # 市商务局办公室 drafts; 市商务局 (its 党组) decides
    if mtype == MeetingType.department.value and office and not m.organizer.strip():
        return f"{office}党组" if office.endswith(("局", "委", "办", "厅")) else office
    return organizer_of(m)


def authority_of(m: Meeting) -> str:
    """Whose decisions the reporting unit carries out: a department's, its own level's 党委、政府
    (我局 → 县委、县政府); a region's, the superior's (我镇 → 县委、县政府), never its own."""
    if unit_of(m) == "我局" or not m.superior.strip():
        return organizer_of(m)
    return "、".join(organs_of(m.superior))


def main_title(m: Meeting, mtype: str = "") -> str:
    """The draft's title for the type it is rendered as (``--type`` may differ from the spec's)."""
    t = m.title.strip()
    kind = mtype or m.type.value
    if kind == MeetingType.work_report.value:
        if any(w in t for w in _REPORT_WORDS):
            return t
        if t.endswith(("会", "会议")):  # a meeting's name is no report's subject: 关于全区前三季度经济运行情况的报告
            return f"关于{m.region}{m.period_info.label}经济运行情况的报告"
        return f"关于{t}的报告"
    if t.startswith("在") and t.endswith(_SPEECH_END):
        return t
    return f"在{t}上的{'表态发言' if kind == MeetingType.statement.value else '讲话'}"


_LEVELS = {"省": "国家", "市": "省", "州": "省", "盟": "区", "县": "市", "区": "市", "旗": "盟"}


def level_of(region: str) -> str:
    """全县 → 县, 全市 → 市 (the administrative level a region names)."""
    return (region.replace("全", "", 1) or "市")[:1]


def leadership_of(m: Meeting) -> str:
    """Whose leadership the speaker credits: a government head credits the 党委 of the same level
    (县委), a department head both (县委、县政府); a speaker for the 党委 credits the superior 党委
    (市委), never itself."""
    level = level_of(m.region)
    party, government = organs_of(m.region)
    if m.voice == "party":
        sup = level_of(m.superior) if m.superior.strip() else _LEVELS.get(level, "上级")
        if sup == "国家":
            return "党中央"
        if sup == level:
            return "上级党委"
        return organs_of(m.superior)[0] if m.superior.strip() else f"{sup}委"
    if m.voice == "department":
        return f"{party}、{government}"  # a department is led by both
    return party


def voice_of(m: Meeting) -> str:
    """Whom the speaker speaks for: 县委 (secretary), 县政府 (government), the office (department)."""
    party, government = organs_of(m.region)
    voice = m.voice
    if voice == "party":
        return party
    if voice == "department":
        return m.office.strip() or unit_of(m).replace("我", "")
    return government


def slots_for(m: Meeting, narration: Narration, mtype: str, cal: Calendar) -> dict[str, str]:
    period = m.period_info
    last_year, this_year = years(m)
    sector = sector_of(m)
    nxt = next_label(period, this_year, cal)
    return {
        "region": m.region, "superior": m.superior, "place": place_of(m),
        "period": period.label, "next": nxt, **calendar_slots(cal, mtype),
        "remaining": remaining(period, this_year), "stage_goal": stage_goal(nxt, period, mtype),
        "year": str(m.year), "meeting": m.title, "organizer": organizer_of(m), "convener": convener_of(m, mtype),
        "authority": authority_of(m),
        "judgement": narration.judgement, "leader": m.leader.strip(),
        "sector": sector, "system": f"{m.region}{sector}系统" if sector else "全系统",
        "topic": f"{sector}工作" if sector else "各项工作", "unit": unit_of(m),
        "last_year": last_year, "this_year": this_year,
        "leadership": leadership_of(m), "voice": voice_of(m),
    }


def material_of(spec: Spec) -> frozenset[str]:
    """Which outside facts the writer supplied (causes, opportunities, risks, relays: superior
    meetings, documents) and whether there are achievements: bank entries that ``need`` them
    are said only then."""
    have = {"achievements"} if spec.achievements else set()
    if spec.relays:
        have.add("relays")
    holders = [spec, getattr(spec, "situation", None)]
    for key in ("causes", "opportunities", "risks"):
        if any(h is not None and getattr(h, key, None) for h in holders):
            have.add(key)
    return frozenset(have)


def facts_of_draft(spec: Spec, narration: Narration) -> TableFacts:
    rows = [s.facts for s in narration.statements if s.part != "hidden" and s.facts]
    return table_facts(rows, narration.tone, material_of(spec))


def build_context(spec: Spec, rng: "random.Random | Streams", *, variety: str, bank: PhraseBank,
                  mtype: str, points: str, extra: Mapping[str, Any] | None = None, seed: int = 0,
                  standard_requirements: bool = False, avoid: AvoidIndex | None = None) -> dict[str, Any]:
    m = spec.meeting
    streams = Streams.of(rng)
    rng = streams("structure")
    avoid = avoid or AvoidIndex()
    cal = calendar_of(spec)
    sector = sector_of(m) if mtype == MeetingType.department.value else ""
    narration = narrate(spec, rng=streams, bank=bank, avoid=avoid.said if avoid else None,
                        scope=f"{m.region}{sector}" if sector else "")  # 全县农业农村经济运行…
    slots = slots_for(m, narration, mtype, cal)
    principal = m.speaker.is_principal
    annual = mtype == MeetingType.annual_conference.value  # always about a whole year
    tags = {"type": mtype, "period": "year" if annual else period_tag(m.period_info.code),
            "speaker": "principal" if principal else "deputy", "tone": narration.tone,
            "status": status_of(spec, cal), "stage": stage_of(cal)}
    phrase = PhrasePicker(bank, streams, context=tags, slots=slots, variety=variety,
                          facts=facts_of_draft(spec, narration), year=era_year(spec),
                          said=avoid.said if avoid else None)
    views = _views(spec, narration, mtype, phrase, random.Random(f"{seed}:rewrite"), variety)
    style = wording.choose_style(variety, rng, n_problems=len(views["problems"]),
                                 n_requirements=len(views["requirements"]),
                                 has_achievements=bool(views["achievements"]),
                                 layout=layout_of(mtype, tags["period"]),
                                 number_items=mtype == MeetingType.annual_conference.value)
    if style.requirements == "要" and any(wording.subject_first(r.title) for r in views["requirements"]):
        style.requirements = "是"
    # someone else speaks before or after only when the writer says so (a leader named, or
    # leader_speaks written): a deputy's speech alone never promises 主要领导同志还要作重要讲话
    defer = m.leader_speaks or ("after" if m.leader.strip() else "")
    sectioned = mtype == MeetingType.quarterly_analysis.value and style.layout != "monthly"

    #: indicators growing a tenth or more: their field's heading never calls them 平稳
    fast = frozenset(i.name for i in spec.indicator_rows if i.growth is not None and i.growth >= 10)

    def review_view(summary_line: str = "") -> ReviewView:
        return build_review(narration, views["achievements"], summary_line=summary_line, sectioned=sectioned,
                            heading=lambda g: _field_heading(g, phrase, narration, fast))
    return {
        "spec": spec, "meeting": m, "period": m.period_info, "speaker": m.speaker, "region": m.region,
        "superior": m.superior, "year": m.year, "narration": narration, "phrase": phrase, "slots": slots,
        "title": main_title(m, mtype), "byline": "　".join(x for x in (m.speaker.post, m.speaker.name) if x),
        "preceding": [wording.clause(p) for p in m.preceding if wording.clause(p)],
        "points": points, "variety": variety, "principal": principal, "tone": narration.tone,
        "defer": defer, "style": style, "type": mtype, "calendar": cal,
        "stage_targets": stage_targets(spec, cal), "situation": situation.build(spec),
        "placeholders": bool((extra or {}).get("placeholders")),
        "situation_in_outlook": annual or (any(not t.period.strip() for t in spec.targets)
                                           and (tags["period"] == "year" or mtype == "department")),
        "standard_requirements": standard_requirements and mtype != MeetingType.dispatch.value,
        "choice": lambda *options: rng.choice(options), "review_view": review_view,
        "region_follow_up": narration.regions.follow_up if narration.regions is not None else "",
        **views, **(extra or {}),
    }


def _field_heading(group: Group, phrase: PhrasePicker, narration: Narration, fast: "frozenset[str]" = frozenset()) -> str:
    """A level-2 title for a field's sub-part of the review (no achievement of the field gave one)."""
    if group.field == "regions":
        label = narration.regions.label if narration.regions is not None else "地区"
        return phrase("heading_regions", topic=label)
    name = group.topic or "其他指标"
    about = group.statements or None
    strong = group.strong or any(s.indicator in fast for s in group.statements)  # +32.5% is no 总体平稳
    return (phrase("heading_field_strong" if strong else "heading_field_steady", topic=name,
                   about=about, optional=True)
            or phrase("heading_field_plain", topic=name, about=about))


def _writer(mtype: str, rng: random.Random) -> wording.Writer:
    """The note rewriter for this draft: notes of a part in that part's voice."""
    def write(notes: Any, *, part: str, field: str, heading: str, verbatim: bool = False) -> list[str]:
        return deployment.sentences_of(notes, NoteStyle(voice_for(part, mtype), field, heading), rng,
                                       verbatim=verbatim)
    return write


def _views(spec: Spec, narration: Narration, mtype: str, phrase: PhrasePicker, rewrite_rng: random.Random,
           variety: str) -> dict[str, Any]:
    annual = mtype == MeetingType.annual_conference.value
    year_done = annual or spec.meeting.period_info.last == 12  # the reviewed year is over: goals come from targets
    yearly = [t for t in spec.targets if not t.period.strip()]  # targets with a period are stage targets
    goals = wording.target_goals(yearly) if year_done else wording.indicator_goals(spec.indicator_rows, phrase.said)
    # the told statements in the narration's order (the table's, one vintage together)
    statements = [s for s in narration.statements if s.part in ("review", "problems")]
    write = _writer(mtype, rewrite_rng)
    groups = deployment.task_views(spec, statements, goals, mtype=mtype, rng=rewrite_rng, variety=variety)
    tasks = [t for g in groups for t in g.tasks]
    problems = wording.problems(spec, list(narration.problems),
                                lambda about: phrase("problem_label", about=about, optional=True)
                                or phrase("problem_label_plain"), write)
    report = narration.regions
    if report is not None and report.problems:
        problems.append(wording.Item(wording.clause(report.problem_label), list(report.problems), "regions"))
    return {
        "achievements": wording.achievements(spec, write),
        "problems": problems,
        "tasks": tasks,
        "task_groups": groups if any(g.title for g in groups) else [],
        "task_enum": deployment.heading_enum(tasks),
        # everything the tasks say: a generic measure added to a thin task must repeat none of it
        "tasks_said": "".join(f"{t.heading}{t.goal}{t.body}" for t in tasks),
        "reminders": deployment.reminders(spec, mtype, rewrite_rng),
        "requirements": wording.requirements(spec),
        "targets": [wording.target_line(t) for t in yearly],
        "stats_left": wording.unmatched(statements, tasks),
    }
