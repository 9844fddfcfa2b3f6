"""Deployment in depth: task groups (level-1 parts), tasks, points inside a task (一要……二要……),
accountability (lead / support / deadline / owner / supervision) and the closing reminders, with
every note rewritten into the speaker's voice (:mod:`speechgen.compose.rewrite`).

Filler discipline lives here too: :attr:`TaskView.pad` says whether a task may take its one
generic bank sentence (only when its notes are thin), and :func:`keywords` gives the notes'
words a generic sentence must not repeat.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field as dc_field
from typing import Callable, Any, Sequence

from speechgen.compose.rewrite import NoteStyle, rewrite_notes, voice_for, whole_sentence
from speechgen.compose.rewrite.lexicon import builtin_lexicon
from speechgen.compose.rewrite.punct import normalise
from speechgen.compose.rewrite.shape import has_verb
from speechgen.compose.views import Item, clause, echoes, own_text, sentence, stat_fields, strip_enum, subject, task_field
from speechgen.spec.fields import indicator_field
from speechgen.spec.model import Note, NoteLike, Point, Spec, Supervision, Task, note_text

#: a task whose own text is shorter than this (no notes, or one very short note) may take one
#: generic sentence of its field; a task with one real note stays a short paragraph
PAD_BELOW = 20
_POSTS = ("长", "书记", "主任", "局长", "部长", "秘书长", "主席", "区长", "县长", "市长", "镇长", "乡长", "委员")
_ME = ("", "我", "本人", "我本人")


@dataclass
class PointView:
    title: str
    sentences: list[str] = dc_field(default_factory=list)

    @property
    def body(self) -> str:
        return "".join(self.sentences)


@dataclass
class Check:
    """A task's supervision: the speaker (``me``) or ``by``, ``when``, ``action``; or ``text``."""

    me: bool = True
    by: str = ""
    when: str = ""
    action: str = "督查"
    text: str = ""


@dataclass
class GroupView:
    title: str
    tasks: list[Any] = dc_field(default_factory=list)


def sentences_of(notes: Sequence[NoteLike], style: NoteStyle, rng: random.Random, *, verbatim: bool = False,
                 first: bool = True) -> list[str]:
    """The notes of one item as sentences: rewritten, except notes (or items) marked verbatim."""
    out: list[str] = []
    plain: list[str] = []

    def flush() -> None:
        if plain:
            out.extend(rewrite_notes(plain, style, rng, first=first and not out))
            plain.clear()

    for n in notes:
        text = note_text(n).strip()
        if not text.strip("。；;，,：: "):
            continue
        if verbatim or (isinstance(n, Note) and n.verbatim):
            flush()
            out.append(whole_sentence(text))
        elif plain and _CONTINUES.match(text):  # 比上年提高1.3个百分点: the rest of the note before it
            plain[-1] = plain[-1].rstrip("。；;，, ") + "，" + text
        else:
            plain.append(text)
    flush()
    return out


#: a note that only continues the one before it (the writer split one fact in two items)
_CONTINUES = re.compile(r"(?:比上年|较上年|比去年|较去年|同比|环比|比上期|较上期|比年初|较年初|其中[，,：:]?|分别)"
                        r"(?:同期)?(?:增长|下降|提高|降低|增加|减少|上升|回落|持平|多|少|[0-9])")


def points_of(task: Task, style: NoteStyle, rng: random.Random) -> list[PointView]:
    out: list[PointView] = []
    for p in task.points:
        if isinstance(p, Point):
            title = normalise(p.title).rstrip("。；，：")
            body = sentences_of(p.items, NoteStyle(style.voice, style.field, title, style.subject), rng,
                                verbatim=p.verbatim or task.verbatim, first=False)
        else:
            text = p.strip() if task.verbatim else normalise(p)
            head, _, rest = _split_first(text)
            title = head.rstrip("。；，：")
            body = sentences_of([rest], NoteStyle(style.voice, style.field, title, style.subject), rng,
                                verbatim=task.verbatim, first=False) if rest else []
        if title:
            out.append(PointView(title, body))
    return out


def _split_first(text: str) -> tuple[str, str, str]:
    m = re.search(r"[。！？；]", text)
    return (text[: m.start()], text[m.start()], text[m.end():].strip()) if m else (text, "", "")


def point_style(points: Sequence[PointView], variety: str, rng: random.Random, *, under_yao: bool) -> str:
    """一要 when every point opens with a verb (and the task heading is not itself an N要), else 一是;
    high variety may say 首先/其次 for two or three points."""
    lex = builtin_lexicon()
    verbs = all(lex.verb_at(p.title) or p.title[:1] in lex.short_verbs for p in points)
    style = "要" if verbs and not under_yao else "是"
    if variety == "high" and 2 <= len(points) <= 3 and rng.random() < 0.4:
        style = "首先"
    return style


def heading_enum(tasks: Sequence[Item]) -> str:
    """一要 for run-in task headings that all open with a verb (聚焦工业抓运行), else 一是 (疫情防控)."""
    lex = builtin_lexicon()
    ok = all(lex.verb_at(t.title) or t.title[:1] in lex.short_verbs or "抓" in t.title or has_verb(t.title, lex)
             for t in tasks if t.title)
    return "要" if ok else "是"


def owner_name(owner: str) -> str:
    """'常务副县长王明' → '常务副县长王明同志'; a bare post stays as it is."""
    owner = owner.strip()
    if not owner or owner.endswith("同志"):
        return owner
    for post in sorted(_POSTS, key=len, reverse=True):
        i = owner.rfind(post)
        if i >= 0 and 2 <= len(owner) - i - len(post) <= 3:
            return owner + "同志"
    if 2 <= len(owner) <= 3:
        return owner + "同志"
    return owner


def check_of(sup: str | Supervision | None, speaker_name: str) -> Check | None:
    if sup is None:
        return None
    if isinstance(sup, str):
        return Check(text=whole_sentence(normalise(sup))) if sup.strip() else None
    if sup.text.strip():
        return Check(text=whole_sentence(normalise(sup.text)))
    by = sup.by.strip()
    me = by in _ME or (bool(speaker_name) and by == speaker_name)
    return Check(me=me, by="" if me else by, when=sup.when.strip(), action=sup.action.strip() or "督查")


def task_views(spec: Spec, statements: Sequence[Any], goals: dict[str, str], *, mtype: str,
               rng: random.Random, variety: str = "normal") -> list[GroupView]:
    """The task groups, each task with its field, goal (the spec's, else its field's indicator
    target), the indicator statements of its field, rewritten notes, points and accountability."""
    voice = voice_for("tasks", mtype)
    taken: set[int] = set()
    goals = dict(goals)
    speaker = spec.meeting.speaker.name.strip()
    groups: list[GroupView] = []
    for title, tasks in spec.grouped_tasks:
        group = GroupView(clause(strip_enum(title)) if title else "")
        for t in tasks:
            group.tasks.append(_task(t, statements, taken, goals, voice, rng, variety, speaker, group.title,
                                     stat_fields(spec)))
        groups.append(group)
    return groups


def _task(t: Task, statements: Sequence[Any], taken: set[int], goals: dict[str, str], voice: str,
          rng: random.Random, variety: str, speaker: str, group: str,
          stat_field: Callable[[Any], str] = lambda s: indicator_field(subject(s))) -> Item:
    texts = [note_text(n) for n in t.items]
    f = t.field or task_field(t.title, texts)
    stats, subs, weak, about = [], [], False, []
    for i, s in enumerate(statements):
        if i not in taken and f != "general" and stat_field(s) == f:  # only within one field
            taken.add(i)
            stats.append(clause(own_text(s)))
            subs += [clause(c.text) for c in getattr(s, "children", ())]
            about.append(s)
            weak = weak or getattr(s, "verdict", "") == "weakness"
    title = clause(strip_enum(t.title))
    style = NoteStyle(voice, f, title, clause(t.lead).split("、")[0] if t.lead else "")
    body = sentences_of(t.items, style, rng, verbatim=t.verbatim)
    points = points_of(t, style, rng)
    goal = sentence(normalise(t.goal)) if clause(t.goal) else goals.pop(f, "")
    goal = "" if echoes(goal, title) else goal  # a goal line never repeats its heading
    own = len("".join(body)) + sum(len(p.title) + len(p.body) for p in points)
    item = Item(title, body, f, lead=clause(t.lead), support=clause(t.support), deadline=clause(t.deadline),
                goal=goal, stats=stats, weak=weak, sub_stats=subs, about=about, points=points, owner=owner_name(t.owner),
                check=check_of(t.supervision, speaker), pad=own < PAD_BELOW, group=group)
    if points:
        item.point_style = point_style(points, variety, rng, under_yao=voice == "dispatch")
    return item


def reminders(spec: Spec, mtype: str, rng: random.Random) -> list[str]:
    """The closing reminders, each as one or more sentences joined (one per 一是)."""
    style = NoteStyle(voice_for("tasks", mtype))
    out = []
    for r in spec.reminders:
        done = sentences_of([r], style, rng)
        if done:
            out.append("".join(done))
    return out


__all__ = ["Check", "GroupView", "heading_enum", "PAD_BELOW", "PointView", "check_of", "owner_name", "point_style",
           "points_of", "reminders", "sentences_of", "task_views", "voice_for"]
