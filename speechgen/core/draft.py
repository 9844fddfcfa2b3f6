"""The Draft: the hub every template renders into and every exporter reads.

A Draft is a title block plus a flat list of blocks (headings, paragraphs,
tables).  Headings carry a level (1–4) and are numbered by :meth:`Draft.number`
in the genre's scheme 一、 （一） 1. （1）, so a writer who reorders parts never
renumbers.  A paragraph is a list of runs; a bold lead sentence ("一要……。")
is a bold run at its start.  A heading with ``body`` runs is *run-in*: heading
and text print as one paragraph ("1. 标题。正文……").
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, Literal, Union

from speechgen.core.numbers import heading_marker


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass
class Heading:
    level: int
    text: str
    marker: str | None = None  # None: numbered automatically; "": unnumbered
    body: list[Run] = field(default_factory=list)  # run-in text after the heading
    role: str = ""  # achievements / problems / tasks / … (set by templates or the outliner)

    @property
    def full_text(self) -> str:
        return f"{self.marker or ''}{self.text}"

    @property
    def run_in(self) -> bool:
        return bool(self.body)


ParagraphKind = Literal["body", "salutation", "closing"]


@dataclass
class Paragraph:
    runs: list[Run]
    kind: ParagraphKind = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)  # "left" / "right" per column
    note: str = ""


Block = Union[Heading, Paragraph, Table]


@dataclass(frozen=True)
class Provenance:
    """Where a computed number of the draft came from.

    ``text`` is the number as printed without its unit ("0.5", "48.0", "两"); ``formula`` explains
    the arithmetic in Chinese ("地区生产总值增速 5.8 − 全省增速 5.3"); ``indicator`` names the row it
    belongs to ("" for table-wide aggregates such as tallies and 时序进度).
    """

    text: str
    formula: str
    indicator: str = ""


@dataclass(frozen=True)
class MeetingFacts:
    """The meeting as typed facts (the draft's ``meta`` keeps their printed forms)."""

    type: str = ""
    title: str = ""
    period: str = ""          # period code: Q1, H1, M1-5…
    period_label: str = ""    # 一季度, 上半年, 1—5月…
    year: int | None = None
    date: str = ""            # ISO date, "" when the spec gives none
    region: str = ""
    superior: str = ""
    speaker: str = ""
    post: str = ""
    principal: bool = True


@dataclass
class Draft:
    title: str = ""
    subtitle: list[str] = field(default_factory=list)  # byline, date line
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    meeting: MeetingFacts | None = None
    provenance: list[Provenance] = field(default_factory=list)  # every computed number, in order
    warnings: list[str] = field(default_factory=list)  # what the writer should know (input not used…)

    # ------------------------------------------------------------------ structure
    def number(self) -> "Draft":
        """Give every auto-numbered heading its marker (in place); returns self."""
        counters = [0, 0, 0, 0, 0]
        for block in self.blocks:
            if not isinstance(block, Heading) or block.marker == "":
                continue
            lvl = max(1, min(block.level, 4))
            counters[lvl] += 1
            for deeper in range(lvl + 1, 5):
                counters[deeper] = 0
            if block.marker is None or block.marker.startswith("\0"):
                block.marker = heading_marker(lvl, counters[lvl])
        return self

    def headings(self, level: int | None = None) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and (level is None or b.level == level)]

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def text(self) -> str:
        """All visible text, one block per line (for counting and checking)."""
        return to_text(self)

    def char_count(self) -> int:
        return sum(1 for ch in self.text if not ch.isspace())

    # ------------------------------------------------------------------ JSON form
    def to_dict(self) -> dict[str, Any]:
        """A stable, JSON-ready form: {"title", "subtitle", "meta", "blocks": [{"type": …}]}"""
        blocks = []
        for b in self.blocks:
            kind = {Heading: "heading", Paragraph: "paragraph", Table: "table"}[type(b)]
            blocks.append({"type": kind, **asdict(b)})
        out: dict[str, Any] = {"title": self.title, "subtitle": list(self.subtitle), "meta": dict(self.meta),
                               "blocks": blocks}
        if self.meeting is not None:
            out["meeting"] = asdict(self.meeting)
        if self.provenance:
            out["provenance"] = [asdict(p) for p in self.provenance]
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Draft":
        blocks: list[Block] = []
        for raw in data.get("blocks", []):
            raw = dict(raw)
            kind = raw.pop("type")
            if kind == "heading":
                raw["body"] = [Run(**r) for r in raw.get("body", [])]
                blocks.append(Heading(**raw))
            elif kind == "paragraph":
                blocks.append(Paragraph(runs=[Run(**r) for r in raw["runs"]], kind=raw.get("kind", "body")))
            else:
                blocks.append(Table(**raw))
        meeting = data.get("meeting")
        return cls(title=data.get("title", ""), subtitle=list(data.get("subtitle", [])),
                   blocks=blocks, meta=dict(data.get("meta", {})),
                   meeting=MeetingFacts(**meeting) if meeting else None,
                   provenance=[Provenance(**p) for p in data.get("provenance", [])],
                   warnings=list(data.get("warnings", [])))

    def inherit_roles(self) -> "Draft":
        """Headings without a role take their parent's (a level-2 task item is a task); returns self."""
        stack: list[Heading] = []
        for block in self.blocks:
            if not isinstance(block, Heading):
                continue
            while stack and stack[-1].level >= block.level:
                stack.pop()
            if not block.role and stack:
                block.role = stack[-1].role
            stack.append(block)
        return self


# ------------------------------------------------------------------ plain text

INDENT = "\u3000\u3000"


def to_text(draft: Draft) -> str:
    out: list[str] = []
    if draft.title:
        out.append(draft.title)
    out.extend(draft.subtitle)
    for block in draft.blocks:
        if isinstance(block, Heading):
            head = f"{block.marker or ''}{block.text}"
            body = "".join(r.text for r in block.body)
            out.append(INDENT + head + body if block.level > 1 or body else INDENT + head)
        elif isinstance(block, Paragraph):
            out.append(block.text if block.kind == "salutation" else INDENT + block.text)
        elif isinstance(block, Table):
            out.append(block.caption)
            out.append("\t".join(block.header))
            out.extend("\t".join(row) for row in block.rows)
    return "\n".join(out) + "\n"
