"""Turn an outlined speech into a spec skeleton (YAML), so last year's speech becomes this year's input.

Meeting facts are guessed from the title and opening (type, meeting name,
period, year, date, region, speaker); achievements, problems, tasks and
requirements come from the headings with those roles and their text;
indicator figures are picked up where the speech states them in plain digits.
The YAML loads with :func:`speechgen.loader.load_spec` and renders.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from speechgen.core.draft import Heading, Paragraph
from speechgen.outline.parse import Outline, heading_text

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
_CALLED = re.compile(r"(?:召开(?:了|的)?|参加|出席)(?:这次|今天的)?((?!一次|这次|本次)[^，。；、“”的]{2,30}?"
                     r"(?:会议|大会|分析会|推进会|调度会|座谈会|部署会|动员会|工作会(?!议)))")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
INDICATORS = ("地区生产总值", "规上工业增加值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
              "一般公共预算收入", "进出口总额", "城镇居民人均可支配收入", "农村居民人均可支配收入", "工业投资",
              "实际利用外资", "建筑业总产值", "税收收入", "金融机构存款余额", "金融机构贷款余额")
_NUM = r"(-?\d+(?:\.\d+)?)"


def spec_yaml(outline: Outline, *, today: _dt.date | None = None) -> str:
    """The spec skeleton as commented YAML text."""
    data = spec_dict(outline, today=today)
    source = _comment_safe(outline.source or "原讲话稿")
    head = (f"# 由 speechgen outline 根据 {source} 生成的 spec 初稿。\n"
            "# 会议信息是推测的，成绩、问题、任务取自原稿标题和正文：请逐项核对、更新为本期内容。\n"
            "# 指标数据若取自原稿，为原稿时期的数据，请改为本期数据。\n")
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _comment_safe(text: str) -> str:
    """*text* fit for one YAML comment line: line breaks and other controls become visible escapes."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(text))


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


def spec_dict(outline: Outline, *, today: _dt.date | None = None) -> dict[str, Any]:
    sections = _sections(outline)
    data: dict[str, Any] = {"meeting": guess_meeting(outline, today=today)}
    data["indicators"] = find_indicators(_role_text(sections, {"achievements", "situation", "problems", ""}))
    data["achievements"] = [{"title": t, "items": items} for t, items, _ in _pick(sections, "achievements")]
    data["problems"] = [{"title": t, "detail": "".join(items)} for t, items, _ in _pick(sections, "problems")]
    data["tasks"] = [{"title": t, "items": items} for t, items, _ in _pick(sections, "tasks")]
    data["requirements"] = [_requirement(t, items) for t, items, _ in _pick(sections, "requirements")]
    return data


# --------------------------------------------------------------------------- sections

@dataclass
class _Section:
    heading: Heading | None
    text: str = ""
    children: list[tuple[str, str]] = field(default_factory=list)  # (text, role)
    parent: "_Section | None" = None

    @property
    def role(self) -> str:
        return self.heading.role if self.heading is not None else ""


def _sections(outline: Outline) -> list[_Section]:
    """Each heading with its own text (body and paragraphs before the next heading) and children."""
    out = [_Section(None)]
    stack: list[_Section] = []
    for block in outline.draft.blocks:
        if isinstance(block, Heading):
            while stack and stack[-1].heading is not None and stack[-1].heading.level >= block.level:
                stack.pop()
            parent = stack[-1] if stack else None
            if parent is not None:
                parent.children.append((heading_text(block.text), block.role))
            sec = _Section(block, "".join(r.text for r in block.body), [], parent)
            out.append(sec)
            stack.append(sec)
        elif isinstance(block, Paragraph) and block.kind == "body":
            out[-1].text += block.text
    return out


def _pick(sections: list[_Section], role: str) -> list[tuple[str, list[str], int]]:
    """(title, items, level) for the role's outermost sub-headings, and its parts that have none."""
    out = []
    for s in sections:
        h = s.heading
        if h is None or h.role != role:
            continue
        if h.level == 1 and any(r == role for _, r in s.children):
            continue
        if h.level >= 2 and s.parent is not None and s.parent.role == role and s.parent.heading is not None \
                and s.parent.heading.level >= 2:
            continue  # an item of a sub-heading of the same role
        items = [text for text, r in s.children if r == role]
        out.append((heading_text(h.text), items or _sentences(s.text), h.level))
    return out


_LINK = re.compile(r"^(?:在肯定成绩的同时|总的来[看说]|总体来看|总体上看|对此|与此同时|但是?[，,]|同时[，,])")


def _sentences(text: str, limit: int = 3) -> list[str]:
    """The first sentences of a section's text, without lead-ins (…：) and link sentences (对此，…)."""
    out: list[str] = []
    for m in _SENTENCE.finditer(text):
        sent = m.group(0).strip()
        if len(sent) >= 4 and not sent.endswith(("：", ":")) and not _LINK.match(sent):
            out.append(sent)
        if len(out) >= limit or sum(map(len, out)) >= 300:
            break
    return out


def _requirement(title: str, items: list[str]) -> str:
    return f"{title}。{''.join(items)}" if items else f"{title}。"


def _role_text(sections: list[_Section], roles: set[str]) -> str:
    return "".join(s.text for s in sections if s.role in roles)


# --------------------------------------------------------------------------- meeting

def guess_meeting(outline: Outline, *, today: _dt.date | None = None) -> dict[str, Any]:
    draft = outline.draft
    opening = "".join(p.text for p in draft.blocks[:12] if isinstance(p, Paragraph))[:800]
    full = draft.title + "".join(b.text for b in draft.blocks if isinstance(b, Paragraph))
    called = _CALLED.search(opening[:300])
    name = _meeting_title(draft.title) or (called.group(1) if called else "")
    mtype = next((t for pat, t in _TYPES if re.search(pat, draft.title + name)), None) or \
        next((t for pat, t in _TYPES if re.search(pat, opening[:200])), "quarterly_analysis")
    period = _period(draft.title + opening, mtype)
    region = _region(full)
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
    if by:
        meeting["speaker"] = {"name": by.group(2), "post": by.group(1).strip()}
    return meeting


def _period(text: str, mtype: str) -> str:
    if mtype == "annual_conference":
        return "year"
    hits = [(m.start(), code, m) for pat, code in _PERIODS for m in [re.search(pat, text)] if m]
    if not hits:
        return "year" if re.search(r"全年|一年来|过去的一年|今年工作", text) else "Q1"
    _, code, m = min(hits, key=lambda h: h[0])
    return f"M1-{m.group(1)}" if code == "M" else code


def _region(text: str) -> str:
    counts = Counter(re.findall(r"全(?:市|县|区|州|旗|省)", text))
    return counts.most_common(1)[0][0] if counts else "全市"


def _year(title: str, opening: str, full: str, today: _dt.date | None) -> int:
    for text in (title, opening):
        m = re.search(r"((?:19|20)\d{2})\s*年", text)
        if m:
            return int(m.group(1))
    years = Counter(re.findall(r"((?:19|20)\d{2})\s*年", full))
    if years:
        return int(years.most_common(1)[0][0])
    return (today or _dt.date.today()).year


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


def find_indicators(text: str) -> list[dict[str, Any]]:
    """Indicators the speech states in digits: ``{name}…(完成X亿元，)增长Y%``."""
    found: list[dict[str, Any]] = []
    for name in INDICATORS:
        m = re.search(rf"{name}[^。；]{{0,24}}?(?:(?:完成|实现|达到|突破)\s*{_NUM}\s*(亿元|万元|元)[^。；]{{0,8}}?)?"
                      rf"(增长|下降|回落)\s*{_NUM}\s*%", text)
        if not m:
            continue
        row: dict[str, Any] = {"name": "规上工业增加值" if name == "规模以上工业增加值" else name}
        if m.group(1):
            row.update(value=Decimal(m.group(1)), unit=m.group(2))
        growth = Decimal(m.group(4))
        row["growth"] = -growth if m.group(3) != "增长" else growth
        if all(r["name"] != row["name"] for r in found):
            found.append(row)
    return found
