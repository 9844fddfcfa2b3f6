"""Nothing the writer gave is lost silently: every spec item a draft does not print is named.

After rendering, each item of ``achievements``, ``problems``, ``tasks``, ``requirements``,
``targets`` and ``indicators`` is looked for in the draft's text (its title, lead or name, by
its Chinese characters, so the template's numbering and punctuation do not matter; a long
title may be shortened by the template, so its first clause is enough).  An item not found
yields a warning naming field, index and text, and why: the layout has no part for that field
at all, or only this item was left out.
"""
from __future__ import annotations

import re
from typing import Iterable

from speechgen.compose.views import target_line
from speechgen.spec.model import Spec

#: field → its Chinese name in warnings.
FIELD_NAMES = {"achievements": "成绩", "problems": "问题", "tasks": "任务", "requirements": "要求",
               "targets": "目标", "indicators": "指标"}
#: meeting type → how warnings name its template.
TYPE_NAMES = {"quarterly_analysis": "经济运行分析会", "annual_conference": "经济工作会议", "dispatch": "调度会",
              "department": "部门工作会议", "work_report": "工作报告", "statement": "表态发言"}
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+[，、]?|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


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


def lost_items(spec: Spec, text: str, mtype: str) -> list[str]:
    """Chinese warnings for the items of *spec* that *text* (the draft) does not contain."""
    body = han(text)
    missing: dict[str, list[tuple[int, str]]] = {}
    present: set[str] = set()
    for field, i, shown, key in items_of(spec):
        if key and key not in body:
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
    return warnings


def _has_data(ind: object) -> bool:
    return any(getattr(ind, k, None) is not None for k in ("value", "growth", "rank", "annual_target"))


def _short(text: str, n: int = 20) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n] + "…"
