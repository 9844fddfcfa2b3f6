"""Sentences and views the templates arrange (Python builds sentences, Jinja2 arranges them).

Everything a template needs that involves a decision — which field a task
belongs to, which indicator statement backs which problem, how a target line
reads, which enumeration style a list uses — is decided here, so templates hold
only order and fixed wording.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Sequence

from speechgen.spec.fields import indicator_field, taxonomy, text_field
from speechgen.spec.model import Indicator, Spec, Target, Task, note_text
from speechgen.core.numbers import cn_int, fmt_number
from speechgen.compose.rewrite.punct import ascii_quotes

_ENUM_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+[，、]?|首先，?|其次，?|再次，?)")
_STOPS = "。！？"


def field_of(*texts: str) -> str:
    """The policy field of the first text that names one (see :mod:`speechgen.spec.fields`)."""
    return text_field(*texts)


def task_field(title: str, items: Sequence[str]) -> str:
    """A task's field: from its title, else the field most of its items name (more than half)."""
    return taxonomy().of_item(title, items)


_SUBJECT_FIRST = ("各", "对", "由", "市", "县", "区", "全", "凡", "在", "把", "将", "请", "相关", "有关")


def subject_first(lead: str) -> bool:
    """'各分管副县长每周……' names a subject first, so it cannot follow 一要 (use 一是)."""
    return lead.startswith(_SUBJECT_FIRST) or "要" in lead[1:12]


def clause(text: str) -> str:
    return str(text).strip().rstrip("。；;，,！!：: ")


def ends_sentence(text: str) -> bool:
    """True when *text* already ends a sentence (。！？…, possibly inside closing quotes)."""
    body = text.rstrip("”’」）)")
    return bool(body) and body[-1] in "。！？!?…"


def sentence(text: str) -> str:
    text = str(text).strip()
    return text if not text or ends_sentence(text) else clause(text) + "。"


def strip_enum(text: str) -> str:
    """Drop an enumerator the writer typed (一要、第一，…) so the template can number; a title's
    straight quotes become Chinese ones (兜牢"三保"底线 → 兜牢“三保”底线), as notes' do."""
    return ascii_quotes(_ENUM_HEAD.sub("", str(text).strip(), count=1))


def split_lead(text: str) -> tuple[str, str]:
    """'压实责任。各部门要…' → ('压实责任。', '各部门要…。'); a single clause becomes the lead."""
    text = strip_enum(text)
    for i, ch in enumerate(text):
        if ch in _STOPS:
            rest = text[i + 1:].strip()
            return text[: i + 1], sentence(rest) if rest else ""
    return sentence(text), ""


# ------------------------------------------------------------------ views

@dataclass
class Item:
    """A titled group of sentences (achievement, problem, task, requirement)."""

    title: str
    sentences: list[str] = dc_field(default_factory=list)
    field: str = "general"
    lead: str = ""
    support: str = ""
    deadline: str = ""
    goal: str = ""
    stats: list[str] = dc_field(default_factory=list)  # indicator clauses that back this item
    about: list[Any] = dc_field(default_factory=list)  # the statements of those clauses (their judgement facts)
    weak: bool = False  # some of those clauses are weaknesses
    sub_stats: list[str] = dc_field(default_factory=list)  # their sub-items (其中……), told after the comment
    points: list[Any] = dc_field(default_factory=list)  # PointView: 一要……二要…… inside a task
    point_style: str = "是"  # enumerator of the points
    owner: str = ""  # 常务副县长王明同志
    check: Any = None  # deployment.Check: who supervises, when
    pad: bool = False  # the notes are thin: one generic sentence of the task's field may follow
    group: str = ""  # the task group (level-1 part) the task belongs to

    @property
    def heading(self) -> str:
        return sentence(self.title)

    @property
    def notes(self) -> list[str]:
        """The writer's sentences without the indicator sentence that backs the item (a layout that
        tells the figures elsewhere, as the dispatch does, says only these)."""
        return self.sentences[1:] if self.stats and self.sentences else list(self.sentences)

    @property
    def body(self) -> str:
        return "".join(self.sentences)


Writer = Callable[..., list[str]]


def _plain(notes: Sequence[Any], **_: Any) -> list[str]:
    return [sentence(note_text(n)) for n in notes if clause(note_text(n))]


def achievements(spec: Spec, write: Writer = _plain) -> list[Item]:
    """Achievements, their notes in the results voice (``write`` is the note rewriter); one without
    a title is led by its first note, an empty one dropped."""
    out = []
    for a in spec.achievements:
        title = clause(strip_enum(a.title))
        notes = list(a.items)
        while not title and notes:
            title = clause(note_text(notes.pop(0)))
        if not title:
            continue
        f = a.field or field_of(a.title, *map(note_text, a.items))
        out.append(Item(title, write(notes, part="achievements", field=f, heading=title, verbatim=a.verbatim), f))
    return out


def stat_fields(spec: Spec) -> Callable[[Any], str]:
    """The field of an indicator statement: the indicator's explicit ``field:``, else its name's."""
    explicit = {ind.name.strip(): ind.field for ind in spec.indicator_rows if ind.field}

    def of(statement: Any) -> str:
        name = subject(statement)
        return explicit.get(name.strip()) or indicator_field(name)

    return of


def requirements(spec: Spec) -> list[Item]:
    out = []
    for r in spec.requirements:
        lead, rest = split_lead(r)
        if clause(lead):
            out.append(Item(clause(lead), [rest] if rest else []))
    return out


def subject(statement: Any) -> str:
    """What an indicator statement is about: its indicator name, else its text (which starts with it)."""
    return str(getattr(statement, "indicator", "") or statement.text)


#: how grave a weak indicator is, by its judgement facts: declines and last ranks first, small gaps last.
_GRAVITY = {("growth", "slump"): 6, ("rank", "last"): 5, ("growth", "down"): 4, ("prev", "widen"): 3,
            ("prev", "turn_down"): 3, ("rank", "bottom"): 3, ("superior", "worse"): 2, ("target", "missed"): 1}


def severity(statements: Sequence[Any]) -> int:
    """The gravest weakness among *statements* (0: no data behind the item)."""
    facts = [getattr(s, "facts", {}) or {} for s in statements]
    return max((sum(w for (k, v), w in _GRAVITY.items() if f.get(k) == v) for f in facts), default=0)


#: a note that only gives a cause (受……影响, 由于……所致): it joins the figures as their reason
_CAUSE_ONLY = re.compile(r"^(?:主要)?(?:是)?(?:受|由于|因)[^。，；]{2,40}(?:影响|所致|导致)。$")


def problems(spec: Spec, weak: Sequence[Any], group_label: Callable[[list[Any]], str],
             write: Writer = _plain) -> list[Item]:
    """Spec problems, each backed by the weak indicator statement of its field when there is one;
    weak statements no problem claims become one item (grouped when there are several).  Items
    backed by data come first, gravest first (a decline or a last rank before a small gap); the
    writer's problems without data keep their order after them."""
    left = sorted(weak, key=lambda s: -severity([s]))
    stat_field = stat_fields(spec)
    items: list[Item] = []
    for p in spec.problems:
        notes = [n for n in p.notes if clause(note_text(n))]
        title = clause(strip_enum(p.title))
        while not title and notes:  # one without a title is led by its first note
            title = clause(note_text(notes.pop(0)))
        if not title:
            continue  # an empty entry says nothing
        f = p.field or field_of(p.title, *map(note_text, p.notes))
        matches = [s for s in left if f != "general" and stat_field(s) == f]  # merged, not a new item
        stats = [clause(s.text) for s in matches]
        left = [s for s in left if s not in matches]
        body = [sentence("；".join(stats))] if stats else []
        told = write(notes, part="problems", field=f, heading=title, verbatim=p.verbatim) if notes else []
        if told and _CAUSE_ONLY.match(told[0]):  # 受两个技改项目推迟影响。 is a cause, not a sentence
            cause = told.pop(0).rstrip("。")
            cause = cause if cause.startswith("主要") else "主要是" + cause
            if body:
                body[-1] = body[-1][:-1] + "，" + cause + "。"
            else:
                body.append(cause + "。")
        body += told
        items.append(Item(title, body, f, stats=stats, about=matches))
    if left:
        label = (getattr(left[0], "label", "") or f"{subject(left[0])[:12]}表现偏弱") if len(left) == 1 else group_label(left)
        stats = [clause(s.text) for s in left]
        items.append(Item(clause(label), [sentence("；".join(stats))], stat_field(left[0]), stats=stats,
                          about=list(left)))
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(items, key=lambda it: (-severity(it.about), order[id(it)]))


_GOAL_WORDS = re.compile(r"^(?:确保|力争|努力|争取)|[。！，、“”%\d.]|全年|以上|左右|以内")


def echoes(goal: str, heading: str) -> bool:
    """A goal line that only restates its heading (持续扩大有效投资 / 确保有效投资持续扩大):
    nearly all its characters, less 确保/力争 and figures, are the heading's."""
    body = _GOAL_WORDS.sub("", goal)
    if not body or not heading or re.search(r"\d", goal):
        return False
    return sum(ch in heading for ch in body) >= 0.8 * len(body)


def own_text(statement: Any) -> str:
    """A statement's text without its sub-items (they follow in a 其中 sentence of their own)."""
    return str(getattr(statement, "own", "") or statement.text)


def unmatched(statements: Sequence[Any], task_items: Sequence[Item]) -> list[Any]:
    used = {s for t in task_items for s in t.stats}
    return [s for s in statements if clause(own_text(s)) not in used]


# ------------------------------------------------------------------ numbers in goals and targets

#: equivalent wordings of a goal, the first that an earlier speech (--avoid) did not use is taken
_GOAL_UP = ("力争{name}增速尽快提升到年度目标{t}%以上。", "力争{name}增速尽快赶上{t}%的年度目标。",
            "{name}增速要向{t}%的年度目标全力追赶，力争尽快达标。")
_GOAL_KEEP = ("确保{name}全年增长{t}%以上。", "确保{name}全年增速不低于{t}%。",
              "{name}要保持{t}%以上的增长，确保完成年度目标。")
_GOAL_DOWN = ("确保{name}全年下降{t}%以上。", "确保{name}全年降幅不小于{t}%。",
              "{name}全年要下降{t}%以上，确保完成年度目标。")
_GOAL_VALUE = ("确保全年{name}达到{v}{unit}。", "确保{name}全年完成{v}{unit}的目标。",
               "{name}全年要达到{v}{unit}，确保完成年度目标。")


def indicator_goals(rows: Sequence[Indicator], said: Callable[[str], bool] = lambda _t: False) -> dict[str, str]:
    """field → a goal clause from the indicator's annual target (确保/力争 + the spec's figure);
    *said* tells which wordings an earlier speech already used."""
    goals: dict[str, str] = {}
    for ind in rows:
        f = ind.field or indicator_field(ind.name)
        if f in goals or f == "overall":
            continue
        if ind.target_growth is not None:
            up = ind.growth is not None and ind.growth < ind.target_growth
            options = _GOAL_DOWN if ind.target_growth < 0 else _GOAL_UP if up else _GOAL_KEEP
        elif ind.annual_target is not None:
            options = _GOAL_VALUE
        else:
            continue
        texts = [o.format(name=ind.name, t=fmt_number(abs(ind.target_growth or 0)), unit=ind.unit,
                          v=fmt_number(ind.annual_target or 0)) for o in options]
        goals[f] = next((t for t in texts if not said(t)), texts[0])
    return goals


def target_line(t: Target) -> str:
    """'地区生产总值增长6%左右' / '城镇调查失业率控制在5.5%以内'."""
    if clause(t.text):
        return clause(t.text)
    if t.growth is not None:
        if t.growth == 0 and t.bound.strip() == "以上":
            return f"{t.name}实现正增长"  # not 增长0%以上
        word = "增长" if t.growth >= 0 else "下降"
        return f"{t.name}{word}{fmt_number(abs(t.growth))}%{t.bound}"
    if t.value is not None:
        return f"{t.name}{t.verb or '达到'}{fmt_number(t.value)}{t.unit}{t.bound}"
    return t.name


def commit_word(bound: str) -> str:
    """确保 an exact figure or a ceiling (以内); 力争 a range (左右) or an open floor (以上)."""
    return "力争" if any(w in bound for w in ("左右", "以上", "上下")) else "确保"


def target_goals(targets: Sequence[Target]) -> dict[str, str]:
    goals: dict[str, str] = {}
    for t in targets:
        f = indicator_field(t.name)
        if f not in goals and f != "overall" and not clause(t.text):
            goals[f] = f"{commit_word(t.bound)}{target_line(t)}。"
    return goals


# ------------------------------------------------------------------ structure choices

@dataclass
class Style:
    """Structural choices for one draft.  low/normal: the standard forms; high: varied."""

    achievements: str = "heading"      # heading: （一）标题。  lead: **一是标题。**
    problems: str = "是"               # enumerator of problem items
    requirements: str = "要"           # enumerator of requirement items
    items: str = "是"                  # enumerator inside a task (annual conference)
    problems_heading: bool = False     # problems as one more （N） heading inside the review part
    flourish: bool = False             # optional rhetorical sentences (slogans, asides, relays)
    number_items: bool = False         # enumerate a task's sentences 一是……二是…… (annual conference)
    layout: str = "quarterly"          # quarterly | monthly (review in the opening) | year_end


def choose_style(variety: str, rng: random.Random, *, n_problems: int, n_requirements: int,
                 has_achievements: bool, layout: str = "quarterly", number_items: bool = False) -> Style:
    if variety != "high":
        return Style(layout=layout, number_items=number_items)
    style = Style(
        layout=layout,
        number_items=number_items or rng.random() < 0.3,
        achievements=rng.choice(("heading", "lead")),
        problems=rng.choice(("是", "第", "首先")),
        requirements=rng.choice(("要", "是", "第")),
        items=rng.choice(("是", "第")),
        problems_heading=rng.random() < 0.5,
        flourish=True,
    )
    if n_problems > 3 and style.problems == "首先":
        style.problems = "是"
    if n_requirements > 3 and style.requirements == "首先":
        style.requirements = "要"
    if style.achievements != "heading" or not has_achievements or layout == "monthly":
        style.problems_heading = False  # a lone （N） needs sibling headings, and never before 一、
    return style


def qty(n: int) -> str:
    """A count as the genre says it before a measure word: 2 → 两（两点意见）, 3 → 三, 12 → 十二."""
    return "两" if n == 2 else cn_int(n)


__all__ = ["Item", "Style", "achievements", "choose_style", "field_of", "indicator_goals", "problems",
           "requirements", "split_lead", "target_goals", "target_line", "unmatched", "Task"]
