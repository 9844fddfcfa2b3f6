"""An outlined speech → a spec draft in init's field order, every value with its source line.

Figures come from :mod:`speechgen.outline.figures` (bound to their indicators); the rest from
the sections the outline found: achievements as whole paragraphs, problems with their detail,
task items under their level-1 task part, requirements.  Nothing is guessed silently:

* a value the text does not state for certain is written ``【待核】…`` (render refuses it
  until a person deletes the marker), with the reason in a comment;
* a masked figure (X, **, ×) becomes ``【待填】`` and a warning;
* what the spec has no field for (a figure's own period, 预计 figures) is kept as a
  ``# 【待核】`` comment beside its place; the situation part goes to ``situation`` (see
  :mod:`speechgen.outline.environment`), level-1 task parts to each task's ``group``.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from speechgen.core.draft import Heading, Paragraph
from speechgen.outline.figures import Figure, figures, lexicon
from speechgen.outline.parse import Outline, heading_text
from speechgen.outline.review import problem_title, split_review

CHECK = "【待核】"
FILL = "【待填】"
_FIELDS = ("value", "unit", "growth", "superior_growth", "rank", "rank_total", "prev_growth", "prev_rank")


@dataclass
class Val:
    """A scalar with the comment written after it."""

    value: Any
    comment: str = ""


@dataclass
class Extracted:
    data: dict[str, Any]                 # values may be Val
    warnings: list[str] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)  # section → comment lines


@dataclass
class Section:
    heading: Heading | None
    line: int
    parts: list[tuple[str, int]] = field(default_factory=list)   # (paragraph text, line)
    parent: "Section | None" = None
    children: list["Section"] = field(default_factory=list)

    @property
    def role(self) -> str:
        return self.heading.role if self.heading is not None else "opening"

    @property
    def title(self) -> str:
        return heading_text(self.heading.text) if self.heading is not None else ""

    def text(self) -> str:
        return "".join(t for t, _ in self.parts)


def sections(outline: Outline) -> list[Section]:
    """The opening (heading None) and every heading with its own paragraphs, in order."""
    lines = outline.block_lines or [0] * len(outline.draft.blocks)
    out = [Section(None, 0)]
    stack: list[Section] = []
    for block, line in zip(outline.draft.blocks, lines):
        if isinstance(block, Heading):
            while stack and stack[-1].heading is not None and stack[-1].heading.level >= block.level:
                stack.pop()
            sec = Section(block, line, parent=stack[-1] if stack else None)
            if sec.parent is not None:
                sec.parent.children.append(sec)
            body = "".join(r.text for r in block.body).strip()
            if body:
                sec.parts.append((body, line))
            out.append(sec)
            stack.append(sec)
        elif isinstance(block, Paragraph) and block.kind == "body" and block.text.strip():
            out[-1].parts.append((block.text.strip(), line))
    return out


def part_role(sec: Section) -> str:
    while sec.parent is not None:
        sec = sec.parent
    return sec.role


# ----------------------------------------------------------------------------- indicators

def indicator_figures(secs: list[Section]) -> list[Figure]:
    found: list[Figure] = []
    for sec in secs:
        for text, line in sec.parts:
            found += figures(text, lambda _o, line=line: line)
    return found


def indicators(figs: list[Figure], period_label: str, warnings: list[str]) -> list[dict[str, Any]]:
    """One row per indicator: the first certain actual figure of each field; the rest as comments."""
    rows: dict[str, dict[str, Any]] = {}
    for f in figs:
        if f.forward or f.field == "target":
            continue
        row = rows.setdefault(f.indicator, {"name": Val(f.indicator, f"原稿第{f.line}行"), "_notes": []})
        _place(row, f, period_label, warnings)
    for row in rows.values():
        if "rank" in row and "rank_total" not in row:
            row["rank_total"] = Val(FILL, "参评地区数：原稿未写，请填写（决定排位是靠前还是靠后）")
    return list(rows.values())


def _place(row: dict[str, Any], f: Figure, period_label: str, warnings: list[str]) -> None:
    where = f"第{f.line}行"
    other_period = (f.period and period_label and not f.field.startswith("prev_")
                    and not _same_period(f.period, period_label))
    held = row.get(f.field)
    if isinstance(held, Val) and str(held.value).startswith(CHECK) and not (f.uncertain or f.masked or f.estimate
                                                                             or other_period or f.value is None):
        row["_notes"].append(f"{CHECK}{held.comment}")  # a certain figure replaces an uncertain one
        del row[f.field]
    if f.field in row or other_period or f.estimate:
        why = "预计数" if f.estimate else (f"时期为“{f.period}”" if other_period else "同一指标的另一个数")
        shown = FILL if f.masked else ("" if f.value is None else str(f.value))
        row["_notes"].append(f"{CHECK}{where}另有 {f.field} {shown}（{why}，未写入）：“{f.clause}”")
        if f.estimate and f.field not in row and not f.masked and f.value is not None:
            row[f.field] = Val(f"{CHECK}{f.value}", f"{where}：预计数，不是实际数；核实后改为实际数并删去【待核】")
        return
    if f.masked:
        row[f.field] = Val(FILL, f"{where}：原稿此数已遮盖（“{f.clause}”），请填写")
        warnings.append(f"原稿{where} {f.indicator} 的 {f.field} 被遮盖（X、*、×），已写作【待填】")
        return
    if f.uncertain or f.value is None:
        row[f.field] = Val(CHECK, f"{where}：{f.note}")
        return
    row[f.field] = Val(_num(f.value), f"{where}" + (f"：{f.note}" if f.note else ""))
    if f.field == "value" and f.unit:
        row["unit"] = Val(f.unit)


def _same_period(label: str, meeting_label: str) -> bool:
    norm = lambda s: re.sub(r"[—\-–~至到份第]", "", s)  # noqa: E731
    return norm(label) == norm(meeting_label) or label in {"今年", "全年"} and meeting_label == "全年"


def _num(v: Decimal) -> int | Decimal:
    return int(v) if v == v.to_integral_value() and "." not in str(v) else v


def targets(figs: list[Figure]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in figs:
        if not (f.forward and f.field == "target") or f.indicator in out:
            continue
        row: dict[str, Any] = {"name": Val(f.indicator, f"原稿第{f.line}行：“{f.clause}”")}
        key = "value" if f.unit else "growth"
        row[key] = Val(FILL, "原稿此数已遮盖，请填写") if f.masked else _num(f.value) if f.value is not None else CHECK
        if f.unit:
            row["unit"] = f.unit
        if f.bound:
            row["bound"] = f.bound
        out[f.indicator] = row
    return list(out.values())


# ----------------------------------------------------------------------------- text sections

def _units(secs: list[Section], role: str) -> list[Section]:
    """Level-2 sections of *role*, and level-1 parts of *role* without such items (deeper
    headings are folded into their level-2 item)."""
    out = []
    for sec in secs:
        if sec.heading is None or sec.role != role or sec.heading.level > 2:
            continue
        if sec.heading.level == 1 and any(c.role == role for c in sec.children):
            continue
        out.append(sec)
    return out


def _with_children(sec: Section) -> list[str]:
    """The section's paragraphs and its deeper items of the same role (others have their own place)."""
    own = _paragraphs(sec)
    kids = [f"{c.title}。{''.join(_with_children(c))}".rstrip("。") + "。" for c in sec.children
            if c.role == sec.role]
    return own + kids if sec.heading is not None and sec.heading.level >= 2 else own


def _paragraphs(sec: Section) -> list[str]:
    """The section's paragraphs, without lead-ins to a list (…主要表现在：)."""
    return [t for t, _ in sec.parts if len(t) >= 4 and not t.endswith(("：", ":"))]


def achievements(secs: list[Section]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Achievement items (work done, word for word) and the shortfalls found in review parts.

    Indicator sentences stay out (their figures are indicator rows), sentences after
    ``在肯定成绩的同时`` and statements of decline or lag become problems."""
    out, shortfalls = [], []
    for sec in _units(secs, "achievements"):
        review = split_review(_with_children(sec))
        note = f"原稿第{sec.line}行" + (f"；{review.dropped} 句中的指标数字已移入 indicators" if review.dropped else "")
        if review.kept:
            out.append({"title": Val(sec.title, note), "items": review.kept, "verbatim": True})
        if review.problems:
            shortfalls.append({"title": Val(f"{CHECK}{problem_title(review.problems)}",
                                            f"原稿第{sec.line}行“{sec.title}”中的问题表述；标题为摘取，请核改"),
                               "detail": "".join(review.problems)})
    return out, shortfalls


def problems(secs: list[Section]) -> list[dict[str, Any]]:
    out = []
    for sec in _units(secs, "problems") + [s for s in secs if s.role == "problems" and s.heading is not None
                                            and s.heading.level > 2 and part_role(s) != "problems"
                                            and (s.parent is None or s.parent.role != "problems")]:
        out.append({"title": Val(sec.title, f"原稿第{sec.line}行"), "detail": "".join(_with_children(sec))})
    return out


def tasks(secs: list[Section]) -> tuple[list[dict[str, Any]], list[str]]:
    """Task items, each with a comment naming its level-1 task part (the spec has no task groups yet)."""
    out, groups = [], []
    for sec in _units(secs, "tasks"):
        top = sec
        while top.parent is not None:
            top = top.parent
        group = top.title if top is not sec else ""
        if group and group not in groups:
            groups.append(group)
        duties = _duties("".join(_with_children(sec)), sec.line)
        items = [_without_duties(i) for i in _paragraphs(sec)]
        points = [f"{c.title}。{''.join(_with_children(c))}".rstrip("。") + "。" for c in sec.children
                  if c.role == "tasks"]
        row: dict[str, Any] = {"title": Val(sec.title, f"原稿第{sec.line}行"), "items": [i for i in items if i],
                               **duties}
        if group:
            row["group"] = Val(group, f"原稿第{top.line}行的部署部分")
        if points:
            row["points"] = points
        row["verbatim"] = Val(True, "原稿的原话，照录不改写")
        out.append(row)
    return out, groups


_LEAD = re.compile(r"由([\u4e00-\u9fff、]{2,24}?)(?:牵头|负责)")
_SUPPORT = re.compile(r"[，,]([\u4e00-\u9fff、]{2,24}?)(?:配合|协助|参与)")
_DEADLINE = re.compile(r"((?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}日|底|中旬|上旬|下旬|末)前|年底前|年内|本月内|本周内|季度末前)")


def _duties(text: str, line: int) -> dict[str, Any]:
    """Lead and supporting units stated in a task (由市发改委牵头，市财政局配合，…): the fields the
    draft states them from (so the item text drops them); a deadline stays in the writer's text."""
    out: dict[str, Any] = {}
    for key, rx in (("lead", _LEAD), ("support", _SUPPORT)):
        m = rx.search(text)
        if m and (key != "support" or "lead" in out):
            out[key] = Val(m.group(1), f"原稿第{line}行")
    deadline = _DEADLINE.search(text)
    if deadline:
        out["_notes"] = [f"时限“{deadline.group(1)}”保留在条目原文中（原稿第{line}行）"]
    return out


def _without_duties(item: str) -> str:
    text = _LEAD.sub("", item, count=1)
    text = re.sub(r"^[，,]?[\u4e00-\u9fff、]{2,24}?(?:配合|协助|参与)[，,]", "", text.lstrip("，,")) if text != item else text
    return text.lstrip("，,")


def requirements(secs: list[Section]) -> list[Any]:
    out = []
    for sec in _units(secs, "requirements"):
        out.append(Val(f"{sec.title}。{''.join(_with_children(sec))}".rstrip("。") + "。", f"原稿第{sec.line}行"))
    return out


def meeting_fixes(meeting: dict[str, Any], figs: list[Figure], today: _dt.date | None) -> dict[str, Any]:
    """Year from the date, region and superior from the speaker's post and the comparisons."""
    date = meeting.get("date")
    if isinstance(date, _dt.date) and date.year != meeting.get("year"):
        meeting["year"] = Val(date.year, "取自讲话日期")
    posts = lexicon()["posts"]
    post = str(meeting.get("speaker", {}).get("post", ""))
    level = next((v for k, v in posts.items() if post.endswith(k)), None)
    if level:
        meeting["region"], meeting["superior"] = Val(level[0], f"取自职务“{post}”"), level[1]
    levels = [f.unit for f in figs if f.field == "superior_growth" and f.unit]
    if levels and not level:
        meeting["superior"] = Val(max(set(levels), key=levels.count), "取自原稿中与上级的比较")
    return meeting
