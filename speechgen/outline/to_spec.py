"""Turn an outlined speech into a spec skeleton (YAML), so last year's speech becomes this year's input.

Meeting facts are guessed from the title and opening (type, meeting name, period, year,
date, region, speaker); the figures, sections and comments come from
:mod:`speechgen.outline.extract`.  The YAML is plain (no tags), in init's field order,
with the source line of every value; uncertain values carry 【待核】 and masked figures
【待填】, so the spec does not render until a person has confirmed them.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Any

from speechgen.core.draft import Paragraph
from speechgen.outline.extract import (
    CHECK, Extracted, Val, achievements, indicator_figures, indicators, meeting_fixes, part_role, problems,
    requirements, sections, targets, tasks,
)
from speechgen.outline.environment import situation
from speechgen.outline.parse import Outline
from speechgen.outline.yamlout import emit, plain

_TYPES = (
    (r"经济工作会议|经济工作会", "annual_conference"),
    (r"分析会|运行分析|形势分析", "quarterly_analysis"),
    (r"调度会|推进会|调度|部署会|动员会|稳增长|攻坚", "dispatch"),
    (r"表态发言", "statement"),
    (r"工作报告|工作总结|工作汇报|汇报", "work_report"),
    (r"工作会议|工作会", "department"),
)
_PERIODS = (
    (r"前三季度|1[-—–~至到]9月", "Q3"), (r"上半年|1[-—–~至到]6月", "H1"),
    (r"一季度|第一季度|1[-—–~至到]3月", "Q1"), (r"1[-—–~至到](1[0-2]|[2-9])月", "M"),
)
_SUPERIOR = {"全市": "全省", "全县": "全市", "全区": "全市", "全州": "全省", "全旗": "全盟", "全省": "全国"}
_FALLBACK_TITLE = {"quarterly_analysis": "{region}{label}经济运行分析会", "annual_conference": "{region}经济工作会议",
                   "dispatch": "{region}经济运行调度会", "department": "{region}工作会议",
                   "work_report": "{region}工作汇报会", "statement": "{region}工作推进会"}
_MEETING_IN_TITLE = re.compile(r"在(.+?)上的(?:总结|动员|工作)?(?:讲话|发言|报告|致辞|汇报)")
_BYLINE = re.compile(r"^(.{0,20}?(?:书记|市长|县长|区长|省长|州长|旗长|主任|局长|部长|厅长|主席|秘书长))[ 　]*([\u4e00-\u9fff·]{2,4})$")
_NAMED_IN_TITLE = re.compile(r"^(?:.{0,20}?(?:书记|市长|县长|区长|省长|州长|主任|局长|部长|主席))?([\u4e00-\u9fff]{2,3})(?:同志)?"
                             r"(书记|市长|县长|区长|省长|州长|主任|局长|部长|主席)?(?:同志)?在.{2,50}上的")
_CALLED = re.compile(r"(?:召开(?:了|的)?|参加|出席)(?:这次|今天的)?((?!一次|这次|本次)[^，。；、“”的]{2,30}?"
                     r"(?:会议|大会|分析会|推进会|调度会|座谈会|部署会|动员会|工作会(?!议)))")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
INDICATORS = ("地区生产总值", "规上工业增加值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
              "一般公共预算收入", "进出口总额", "城镇居民人均可支配收入", "农村居民人均可支配收入", "工业投资",
              "实际利用外资", "建筑业总产值", "税收收入", "金融机构存款余额", "金融机构贷款余额")
_NUM = r"(-?\d+(?:\.\d+)?)"


def spec_yaml(outline: Outline, *, today: _dt.date | None = None) -> str:
    """The spec draft as plain YAML with source-line comments (init's field order)."""
    ex = extract_spec(outline, today=today)
    source = _comment_safe(outline.source or "原讲话稿")
    head = [f"# 由 speechgen outline 根据 {source} 生成的 spec 初稿（原稿的数字和内容，不是本期的）。",
            "# 每项后的注释是原稿行号；【待核】表示不确定、【待填】表示原稿数字被遮盖：核实或填写后删去标记，",
            "# 否则 render 会拒绝生成。"]
    head += [f"# 警告：{_comment_safe(w)}" for w in ex.warnings]
    body: list[str] = []
    for key, value in ex.data.items():
        for note in ex.notes.get(key, []):
            body.append(f"# {_comment_safe(' '.join(note.split()))}")
        body += emit({key: value})
    return "\n".join(head + body) + "\n"


def _comment_safe(text: str) -> str:
    """*text* fit for one YAML comment line: line breaks and other controls become visible escapes."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(text))


def spec_dict(outline: Outline, *, today: _dt.date | None = None) -> dict[str, Any]:
    """The spec draft as plain data (``speechgen.outline_spec``)."""
    data = plain(extract_spec(outline, today=today).data)
    return {k: v for k, v in data.items() if v or k == "meeting"}


def extract_spec(outline: Outline, *, today: _dt.date | None = None) -> Extracted:
    """Meeting, indicators, achievements, problems, tasks, targets, requirements, in init's order."""
    secs = sections(outline)
    review = [s for s in secs if part_role(s) != "tasks" or s.heading is None]
    figs = indicator_figures(review)
    forward = [f for f in indicator_figures([s for s in secs if part_role(s) == "tasks"]) if f.forward]
    meeting = guess_meeting(outline, today=today)
    guessed = meeting.pop("_guessed", [])
    if not _period_stated(outline) and meeting["type"] != "annual_conference":
        from_figures = _period_of_figures(figs)
        meeting["period"] = from_figures or meeting["period"]
        guessed += [] if from_figures else ["period"]
    label = _period_label(meeting["period"])
    warnings: list[str] = []
    rows = indicators(figs, label, warnings)
    task_rows, groups = tasks(secs)
    done, shortfalls = achievements(secs)
    for key in guessed:  # not in the speech: a person confirms it (the marked value does not load)
        meeting[key] = Val(f"{CHECK}{meeting[key]}", f"原稿未写{_WHAT[key]}，此为推测，请核对")
    data: dict[str, Any] = {"meeting": meeting_fixes(meeting, figs, today), "indicators": rows,
                            "achievements": done, "problems": problems(secs) + shortfalls, "tasks": task_rows,
                            "targets": targets(figs + forward), "situation": situation(secs),
                            "requirements": requirements(secs)}
    if not data["situation"]:
        del data["situation"]
    notes = {
             "tasks": [f"原稿的部署部分（各任务的 group）：{'；'.join(groups)}"] if groups else []}
    if not rows:
        notes["indicators"] = ["原稿中没有找到可以确定归属的指标数字"]
    masked = sum(1 for f in figs + forward if f.masked)
    if masked:
        warnings.append(f"原稿中共有 {masked} 个被遮盖的数字（X、*、×），已写作【待填】或记入【待核】注释")
    return Extracted(data, warnings, notes)


def _period_stated(outline: Outline) -> bool:
    opening = "".join(b.text for b in outline.draft.blocks[:6] if isinstance(b, Paragraph))[:300]
    return any(re.search(pat, outline.draft.title + opening) for pat, _ in _PERIODS) or \
        bool(re.search(r"全年|一年来|过去的一年", outline.draft.title + opening))


def _period_of_figures(figs: list[Any]) -> str:
    """The period most figures are stated for (1—8月 → M1-8), when the title and opening name none."""
    labels = Counter(f.period for f in figs if f.period and not f.forward and not f.estimate)
    for label, _ in labels.most_common():
        for pat, code in _PERIODS:
            m = re.fullmatch(pat, label.replace("份", ""))
            if m:
                return f"M1-{m.group(1)}" if code == "M" else code
    return ""


_WHAT = {"type": "会议类型", "title": "会议名称", "period": "时期"}


def _period_label(period: str) -> str:
    from speechgen.core.periods import parse_period

    try:
        return parse_period(period).label
    except Exception:  # noqa: BLE001 - an unknown period only weakens the period check
        return ""


# --------------------------------------------------------------------------- meeting

def guess_meeting(outline: Outline, *, today: _dt.date | None = None) -> dict[str, Any]:
    draft = outline.draft
    opening = "".join(p.text for p in draft.blocks[:12] if isinstance(p, Paragraph))[:800]
    full = draft.title + "".join(b.text for b in draft.blocks if isinstance(b, Paragraph))
    called = _CALLED.search(opening[:300])
    name = _meeting_title(draft.title) or (called.group(1) if called else "")
    mtype = next((t for pat, t in _TYPES if re.search(pat, draft.title + name)), None) or \
        next((t for pat, t in _TYPES if re.search(pat, opening[:200])), None)
    guessed = [k for k, v in (("type", mtype), ("title", name)) if not v]
    mtype = mtype or "quarterly_analysis"
    period = _period(draft.title + opening, mtype)
    region = _region(draft.title, full)
    meeting: dict[str, Any] = {"type": mtype, "title": name or _fallback_title(mtype, region, period),
                               "period": period, "year": _year(draft.title, opening, full, today)}
    date = next((m for m in map(_DATE.search, draft.subtitle) if m), None)
    if date:
        try:
            meeting["date"] = _dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            pass
    meeting.update({"region": region, "superior": _SUPERIOR.get(region, "全省")})
    by = next((m for m in map(_BYLINE.match, draft.subtitle) if m), None)
    named = _NAMED_IN_TITLE.match(draft.title)
    if by:
        meeting["speaker"] = {"name": by.group(2), "post": by.group(1).strip()}
    elif named and not re.search(r"[长记任席]$|^(?:全|本|我)", named.group(1)):  # 王立新同志在全县经济工作会议上的讲话
        meeting["speaker"] = {"name": named.group(1), "post": named.group(2) or ""}
    meeting["_guessed"] = guessed
    return meeting


def _period(text: str, mtype: str) -> str:
    if mtype == "annual_conference":
        return "year"
    hits = [(m.start(), code, m) for pat, code in _PERIODS for m in [re.search(pat, text)] if m]
    if not hits:
        return "year" if re.search(r"全年|一年来|过去的一年|今年工作", text) else "Q1"
    _, code, m = min(hits, key=lambda h: h[0])
    return f"M1-{m.group(1)}" if code == "M" else code


def _region(title: str, text: str) -> str:
    """The speech's own level: named in the title (在全县…), else the most frequent 全X that is
    not a comparison (高于全市, 居全市第…, 全市平均 name the superior)."""
    m = re.search(r"全(?:市|县|区|州|旗|省|盟)", title)
    if m:
        return m.group(0)
    own = re.sub(r"(?:高于|低于|高出|快于|慢于|好于|比|居|排|位居|位列|在)全(?:市|县|区|州|旗|省|盟)|全(?:市|县|区|州|旗|省|盟)(?:平均|第)",
                 "", text)
    counts = Counter(re.findall(r"全(?:市|县|区|州|旗|省|盟)", own))
    return counts.most_common(1)[0][0] if counts else "全市"


def _year(title: str, opening: str, full: str, today: _dt.date | None) -> int:
    for text in (title, opening):
        m = re.search(r"((?:19|20)\d{2})\s*年", text)
        if m:
            return int(m.group(1))
    years = Counter(re.findall(r"((?:19|20)\d{2})\s*年", full))
    if years:
        return int(years.most_common(1)[0][0])
    return f"{CHECK}{(today or _dt.date.today()).year}"  # type: ignore[return-value]  # a guess: checked by a person


def _meeting_title(title: str) -> str:
    m = _MEETING_IN_TITLE.search(title)
    if m:
        return m.group(1).lstrip("—-")
    if re.search(r"会议|会$", title) and len(title) <= 40:
        return title
    return ""


def _fallback_title(mtype: str, region: str, period: str) -> str:
    from speechgen.core.periods import parse_period

    label = parse_period(period).label if period != "year" else ""
    return _FALLBACK_TITLE[mtype].format(region=region, label=label)
