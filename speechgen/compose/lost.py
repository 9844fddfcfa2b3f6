"""Nothing the writer gave is lost silently: every spec item a draft does not print is named.

After rendering, each item of ``achievements``, ``problems``, ``tasks``, ``requirements``,
``targets`` and ``indicators`` is looked for in the draft's text (its title, lead or name, by
its Chinese characters, so the template's numbering and punctuation do not matter; a long
title may be shortened by the template, so its first clause is enough); so is the writer's
other material: the situation's judgements, opportunities, risks and verdict, relayed meetings
and documents, the assessment regime, the guidance, reminders, the speeches before, and each
task's owner, supervision, goal, lead and supporting units and deadline, the targets' rationale
and the regions' follow-up.  An item not found yields a warning naming field, index and text, and
why: the layout has no part for that field at all, or only this item was left out.  (The meeting's
``deadlines`` are said only when near, as documented, and are not looked for.)
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from speechgen.compose.views import target_line
from speechgen.spec.model import Spec

#: field → its Chinese name in warnings.
FIELD_NAMES = {"achievements": "成绩", "problems": "问题", "tasks": "任务", "requirements": "要求",
               "targets": "目标", "indicators": "指标", "situation": "形势", "relays": "传达",
               "assessment": "考核", "guidance": "总体要求", "reminders": "强调事项", "preceding": "前序发言",
               "task_owner": "责任领导", "task_supervision": "督查", "task_goal": "任务目标",
               "task_lead": "牵头单位", "task_support": "配合单位", "task_deadline": "时限",
               "rationale": "目标依据", "follow_up": "分地区督导"}
#: meeting type → how warnings name its template.
TYPE_NAMES = {"quarterly_analysis": "经济运行分析会", "annual_conference": "经济工作会议", "dispatch": "调度会",
              "department": "部门工作会议", "work_report": "工作报告", "statement": "表态发言"}
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+[，、]?|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


#: a report says 将 where the writer's requirement says 要: compared without either
_MODAL = re.compile("[要将]")
#: what :func:`han` drops: a character neither in the CJK block nor ``str.isalnum`` (for a str
#: pattern ``\w`` is exactly isalnum plus ``_``; one regex pass instead of a loop over the draft)
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff\w]|_")


def han(text: str) -> str:
    """Chinese characters, letters and digits only: what survives numbering and punctuation."""
    return _NOT_HAN.sub("", text)


def _key(text: str) -> str:
    """The part of an item's text that must appear: its first clause (without a typed enumerator)."""
    text = _ENUM.sub("", str(text).strip(), count=1)
    first = re.split(r"[。；;！？!?：:\n]", text, maxsplit=1)[0]
    first = re.split(r"[，,]", first, maxsplit=1)[0] if len(han(first)) > 24 else first
    return han(first)


def items_of(spec: Spec) -> Iterable[tuple[str, int, str, str]]:
    """(field, index, shown text, key to find) for every item the writer gave."""
    for i, a in enumerate(spec.achievements):
        yield "achievements", i, a.title, _key(a.title)
    for i, p in enumerate(spec.problems):
        yield "problems", i, p.title, _key(p.title)
    for i, t in enumerate(spec.tasks):
        yield "tasks", i, t.title, _key(t.title)
    for i, r in enumerate(spec.requirements):
        yield "requirements", i, r, _key(r)
    for i, t in enumerate(spec.targets):
        line = target_line(t)
        yield "targets", i, line, han(line) if not t.text.strip() else _key(line)
    for i, ind in enumerate(spec.indicator_rows):
        yield "indicators", i, ind.name, han(ind.name)


def material_of(spec: Spec) -> Iterable[tuple[str, str, str, str]]:
    """(field, path, shown text, key to find) for the writer's other material (module docstring)."""
    sit = spec.situation
    for layer in ("national", "superior", "peers", "local"):
        for i, item in enumerate(getattr(sit, layer)):
            if item.text.strip():
                yield "situation", f"situation.{layer}[{i}]", item.text, _key(item.text)
    for name in ("opportunities", "risks"):
        for i, text in enumerate(getattr(sit, name)):
            yield "situation", f"situation.{name}[{i}]", text, _key(text)
    if sit.verdict.strip():
        yield "situation", "situation.verdict", sit.verdict, _key(sit.verdict)
    for i, r in enumerate(spec.relays):
        shown = r.body or (r.quotes[0] if r.quotes else "") or (r.points[0] if r.points else "")
        if shown.strip():
            yield "relays", f"relays[{i}]", shown, _key(shown)
    a = spec.assessment
    shown = a.name or a.text
    if shown.strip():
        yield "assessment", "assessment", shown, _key(shown)
    g = spec.guidance
    for path, text in (("guidance.tone", g.tone), ("guidance.text", g.text),
                       *((f"guidance.slogans[{i}]", t) for i, t in enumerate(g.slogans))):
        if text.strip():
            yield "guidance", path, text, _key(text)
    for i, r in enumerate(spec.reminders):
        text = getattr(r, "text", r)
        yield "reminders", f"reminders[{i}]", text, _key(text)
    for i, text in enumerate(spec.meeting.preceding):
        yield "preceding", f"meeting.preceding[{i}]", text, _key(text)
    for i, t in enumerate(spec.tasks):
        if t.owner.strip():
            yield "task_owner", f"tasks[{i}].owner", t.owner, han(t.owner)[-4:]
        sup = t.supervision
        shown = sup if isinstance(sup, str) else (sup.text or sup.action) if sup is not None else ""
        if shown.strip():
            yield "task_supervision", f"tasks[{i}].supervision", shown, _key(shown)
        if t.goal.strip():
            yield "task_goal", f"tasks[{i}].goal", t.goal, _key(t.goal)
        for name, text in (("lead", t.lead), ("support", t.support), ("deadline", t.deadline)):
            first = re.split(r"[、，,；;和及]", text.strip())[0]
            if han(first):
                yield f"task_{name}", f"tasks[{i}].{name}", text, han(first)
    if g.rationale.strip():
        yield "rationale", "guidance.rationale", g.rationale, _key(g.rationale)
    if spec.regions is not None and spec.regions.follow_up.strip():
        yield "follow_up", "regions.follow_up", spec.regions.follow_up, _key(spec.regions.follow_up)


def lost_items(spec: Spec, text: str, mtype: str, *, regions: "Sequence[str]" = ()) -> list[str]:
    """Chinese warnings for the items of *spec* that *text* (the draft) does not contain; *regions*:
    the sentences comparing the regions (spec ``regions``), looked for too."""
    body = han(text)
    missing: dict[str, list[tuple[int, str]]] = {}
    present: set[str] = set()
    plain = _MODAL.sub("", body)  # a report says 将 where the writer wrote 要
    for field, i, shown, key in items_of(spec):
        if key and key not in body and not (field == "requirements" and _MODAL.sub("", key) in plain):
            missing.setdefault(field, []).append((i, shown))
        else:
            present.add(field)
    warnings = []
    template = TYPE_NAMES.get(mtype, mtype)
    for field, items in missing.items():
        why = (f"{template}模板（本时期的版式）没有{FIELD_NAMES[field]}部分" if field not in present
               else "版式只写入了部分条目")
        for i, shown in items:
            reason = why
            if field == "indicators" and not _has_data(spec.indicator_rows[i]):
                reason = "该指标没有可叙述的数据（数值、增速、排位都未填写）"
            warnings.append(f"警告：{field}[{i}]（{_short(shown)}）未写入讲话稿：{reason}")
    told: dict[str, bool] = {}
    left: list[tuple[str, str, str]] = []
    for field, path, shown, key in material_of(spec):
        found = not key or key in body
        told[field] = told.get(field, False) or found
        if not found:
            left.append((field, path, shown))
    for field, path, shown in left:
        why = (f"{template}模板（本时期的版式）不写{FIELD_NAMES[field]}" if not told[field]
               else "版式只写入了部分内容")
        warnings.append(f"警告：{path}（{_short(shown)}）未写入讲话稿：{why}")
    said = [s for s in regions if han(s)[:12]]
    if said and not any(han(s)[:12] in body for s in said):
        warnings.append(f"警告：regions（{_short(said[0])}）未写入讲话稿：{template}模板（本时期的版式）不写分地区比较")
    return warnings


def _has_data(ind: object) -> bool:
    return any(getattr(ind, k, None) is not None for k in ("value", "growth", "rank", "annual_target"))


def _short(text: str, n: int = 20) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n] + "…"
