"""The review part organised like a writer's: headline figures first, then one group per field.

* **Opening paragraph**: the period's summary sentence, the overall field's statements (GDP and
  its sub-items), the tallies over the headline indicators and the overall judgement.
* **Field groups** in the taxonomy's order, each opened by its lead-in (工业方面，…), each
  statement a sentence, its sub-items a "其中，……" sentence after it.
* **Regions** (spec ``regions``): the comparison sentences after the groups.
* **Layout**: *flat* — groups packed into paragraphs of at most :data:`MAX_PARAGRAPH`
  characters; *sections* — one level-2 sub-part per field (analysis meetings with at least
  :data:`SECTION_MIN` statements), an achievement of the same field merged into it under the
  writer's own title.  No paragraph exceeds :data:`MAX_PARAGRAPH` characters when its
  sentences allow a split.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from speechgen.spec.fields import GENERAL, taxonomy
from speechgen.compose.narration import Narration, Statement
from speechgen.compose.narration.wording import load_wordings
from speechgen.compose.views import Item, clause

MAX_PARAGRAPH = 400
SECTION_MIN = 6  # top-level review statements from which an analysis meeting uses sub-parts


@dataclass
class Group:
    field: str
    lead: str  # 工业方面
    sentences: list[str] = field(default_factory=list)
    strong: bool = False
    statements: list[Any] = field(default_factory=list)  # what it tells, sub-items included (for judgements)
    topic: str = ""  # the field's name for its heading (外贸, 居民收入): the parts its figures speak of


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ReviewView:
    opening: list[str] = field(default_factory=list)  # paragraphs
    paragraphs: list[str] = field(default_factory=list)  # flat layout: the groups and regions
    sections: list[Section] = field(default_factory=list)  # sections layout
    achievements: list[Item] = field(default_factory=list)  # achievements not merged into a section

    @property
    def sectioned(self) -> bool:
        return bool(self.sections)


def statement_sentences(s: Statement, lead: str = "", *, same_vintage: bool = False) -> list[str]:
    """'工业方面，规上工业增加值增长6.8%，……。' and '其中，……；……。' for its sub-items.
    *same_vintage*: the sentence before told figures of the same period, so its period label
    (1—5月，) is not repeated (an estimate keeps its 预计)."""
    own = clause(s.own or s.text)
    if same_vintage and s.lead and own.startswith(s.lead):
        own = ("预计" if s.estimate else "") + own[len(s.lead):]
    out = [f"{lead}，{own}。" if lead else f"{own}。"]
    if s.children:
        out.append("其中，" + "；".join(clause(c.text) for c in s.children) + "。")
    return out


def groups_of(statements: Sequence[Statement]) -> list[Group]:
    """Statements grouped by field, in the taxonomy's order (unclassified last); each group named
    by the parts of its field its figures speak of (外贸方面, not 外贸外资方面, over trade alone)."""
    tax = taxonomy()
    preferred = load_wordings().review_order
    ids = [*(i for i in preferred if i in tax.ids), *(i for i in tax.ids if i not in preferred)]
    order = {fid: i for i, fid in enumerate(ids)}
    by_field: dict[str, list[Statement]] = {}
    for s in statements:
        by_field.setdefault(s.field_id if s.field_id in order else GENERAL, []).append(s)
    groups = []
    for fid, told in by_field.items():
        f = tax.get(fid)
        topic = f.topic(s.indicator for s in told) if f is not None else ""
        lead = (f.lead if topic == f.name else f"{topic}方面") if f is not None else ""
        group = Group(fid, lead, topic=topic)
        vintage = None  # the vintage of the group's last statement: its period label is not repeated
        for s in told:
            group.sentences += statement_sentences(s, "" if group.sentences or not lead else lead,
                                                   same_vintage=vintage == s.vintage and bool(s.vintage))
            vintage = s.vintage
            group.strong = group.strong or s.verdict == "strength"
            group.statements += _with_children(s)
        groups.append(group)
    return sorted(groups, key=lambda g: order.get(g.field, len(order)))


def pack(sentences: Sequence[str], limit: int = MAX_PARAGRAPH) -> list[str]:
    """Sentences into paragraphs of at most *limit* characters (a longer sentence stands alone,
    split at its semicolons when it can be)."""
    paragraphs: list[str] = []
    current = ""
    for sentence in (part for s in sentences for part in _split(s, limit)):
        if current and len(current) + len(sentence) > limit:
            paragraphs.append(current)
            current = ""
        current += sentence
    if current:
        paragraphs.append(current)
    return paragraphs


def _split(sentence: str, limit: int) -> list[str]:
    if len(sentence) <= limit or "；" not in sentence:
        return [sentence]
    head, _, tail = sentence.rstrip("。").partition("；")
    return [*_split(head + "。", limit), *_split(tail + "。", limit)]


def build_review(narration: Narration, achievements: Sequence[Item], *, summary_line: str,
                 sectioned: bool, heading: Callable[[Group], str]) -> ReviewView:
    """The review view (module docstring).  *summary_line* opens the first paragraph;
    *heading* titles a field's sub-part when no achievement of that field gives one."""
    statements = list(narration.review)
    overall = [s for s in statements if s.field_id == "overall"]
    rest = [s for s in statements if s.field_id != "overall"]
    opening = [summary_line] if summary_line else []
    under = summary_line  # the period the last sentence spoke of is not named again (前三季度，… 前三季度，…)
    for s in overall:
        opening += statement_sentences(s, same_vintage=bool(s.lead) and under.startswith(s.lead))
        under = s.lead or under
    tallies = list(narration.summary)
    if tallies and narration.mixed:
        label = tallies[0].split("，", 1)[0] + "，"
        if under.startswith(label) and len(tallies[0]) > len(label):
            tallies[0] = tallies[0][len(label):]
    opening += [*tallies, *([narration.overall] if narration.overall else [])]
    view = ReviewView(opening=pack(opening))
    groups = groups_of(rest)
    regions = list(narration.regions.review) if narration.regions is not None else []
    if not (sectioned and len(rest) + len(overall) >= SECTION_MIN):
        view.paragraphs = pack([s for g in groups for s in g.sentences])
        if regions:
            view.paragraphs += pack(regions)
        view.achievements = list(achievements)
        return view
    left = list(achievements)
    for g in groups:
        mine = next((a for a in left if a.field == g.field), None)
        first = g.sentences[0]
        if g.lead and first.startswith(g.lead + "，"):  # the sub-part's title names the field already
            g.sentences[0] = first[len(g.lead) + 1:]
        paragraphs = pack(g.sentences)
        if mine is not None:
            left.remove(mine)
            view.sections.append(Section(mine.heading, paragraphs + ([mine.body] if mine.body else [])))
        else:
            view.sections.append(Section(heading(g), paragraphs))
    if regions:
        view.sections.append(Section(heading(Group("regions", "")), pack(regions)))
    view.sections += [Section(a.heading, [a.body] if a.body else []) for a in left]
    return view


def _with_children(s: Any) -> list[Any]:
    return [s, *(c for child in getattr(s, "children", []) for c in _with_children(child))]


__all__ = ["ReviewView", "Section", "Group", "build_review", "groups_of", "pack", "statement_sentences"]
