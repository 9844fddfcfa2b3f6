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


@dataclass
class Draft:
    title: str = ""
    subtitle: list[str] = field(default_factory=list)  # byline, date line
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # for the writer (items of the spec not printed…)

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
        return {"title": self.title, "subtitle": list(self.subtitle), "meta": dict(self.meta),
                "blocks": blocks}

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
        return cls(title=data.get("title", ""), subtitle=list(data.get("subtitle", [])),
                   blocks=blocks, meta=dict(data.get("meta", {})))


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
