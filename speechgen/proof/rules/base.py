"""Values shared by every check rule: findings, the checked document, the registry.

A rule is a small function ``rule(doc) -> Iterable[Finding]`` registered under an
id with :func:`register`.  Rules never raise for what they find: a finding is a
value.  :class:`Doc` is the one shape every input (Draft, .txt, .md, .docx) is
turned into before the rules run: numbered lines, each with its kind and, for
headings, the parsed marker.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Literal

if TYPE_CHECKING:  # pragma: no cover
    from speechgen.core.draft import Provenance
    from speechgen.spec.model import Spec
    from speechgen.proof.rules.norms import NormRule

Severity = Literal["error", "warning"]
LineKind = Literal["title", "subtitle", "salutation", "heading", "body", "closing", "table"]

SEVERITY_CN = {"error": "错误", "warning": "提醒"}

#: Chinese characters (the CJK unified block is enough for this genre).
HAN = "\u4e00-\u9fff"
#: A figure as written in the draft: 5, 5.8, 512.30 (no sign, no separators).
NUMBER = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Finding:
    """One problem found in a draft.  ``line`` is 1-based (paragraph number for .docx)."""

    rule: str
    severity: Severity
    line: int
    text: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return f"第{self.line}行 [{SEVERITY_CN[self.severity]}] {self.rule}：{self.message}（原文：{self.text}）"


@dataclass(frozen=True)
class HeadingInfo:
    """A numbered heading as printed: ``（二）`` → scheme ``pcn``, ordinal 2."""

    marker: str
    scheme: str            # cn 一、 · pcn （一） · num 1. · pnum （1） · "" unnumbered
    ordinal: int | None
    title: str             # heading text after the marker, up to the first 。！？： or line end
    run_in: bool           # body text follows the heading on the same line
    level: int | None = None  # known for Drafts; inferred from the markers for files


@dataclass(frozen=True)
class DocLine:
    number: int
    text: str              # visible text (Markdown markup removed), marker included
    kind: LineKind = "body"
    heading: HeadingInfo | None = None


@dataclass
class Doc:
    """The document under check plus what the rules may consult."""

    lines: list[DocLine]
    spec: "Spec | None" = None
    norms: "list[NormRule]" = field(default_factory=list)
    source: str = ""
    structured: bool = False  # heading levels come from a Draft (not inferred)
    provenance: "list[Provenance] | None" = None  # a Draft's computed numbers (None: recompute)
    cache: dict[str, Any] = field(default_factory=dict)

    def prose(self) -> Iterator[DocLine]:
        """Lines of running text: everything except tables."""
        return (ln for ln in self.lines if ln.kind != "table")

    def headings(self) -> Iterator[DocLine]:
        return (ln for ln in self.lines if ln.heading is not None)

    def joined(self) -> tuple[str, list[int], list[DocLine]]:
        """All prose lines joined by newlines, with each line's start offset (for one-pass searches)."""
        if "joined" not in self.cache:
            lines = list(self.prose())
            starts, pos = [], 0
            for ln in lines:
                starts.append(pos)
                pos += len(ln.text) + 1
            self.cache["joined"] = ("\n".join(ln.text for ln in lines), starts, lines)
        return self.cache["joined"]

    def search(self, pattern: re.Pattern[str]) -> Iterator[tuple[DocLine, re.Match[str]]]:
        """Matches of *pattern* over the joined prose (patterns must not cross newlines)."""
        text, starts, lines = self.joined()
        for m in pattern.finditer(text):
            yield lines[bisect_right(starts, m.start()) - 1], m


RuleFn = Callable[[Doc], Iterable[Finding]]

_REGISTRY: dict[str, RuleFn] = {}
_DESCRIPTIONS: dict[str, str] = {}


def register(rule_id: str, description: str) -> Callable[[RuleFn], RuleFn]:
    """Decorator: make *fn* the rule *rule_id* (ids are unique)."""

    def deco(fn: RuleFn) -> RuleFn:
        if rule_id in _REGISTRY:
            raise ValueError(f"duplicate check rule id {rule_id!r}")
        _REGISTRY[rule_id] = fn
        _DESCRIPTIONS[rule_id] = description
        return fn

    return deco


def registry() -> dict[str, RuleFn]:
    return dict(_REGISTRY)


def descriptions() -> dict[str, str]:
    return dict(_DESCRIPTIONS)


def snippet(text: str, start: int, end: int, pad: int = 4) -> str:
    """The matched text with a few characters of context on either side."""
    return text[max(0, start - pad): end + pad]


def finditer(pattern: re.Pattern[str], lines: Iterable[DocLine]) -> Iterator[tuple[DocLine, re.Match[str]]]:
    for ln in lines:
        for m in pattern.finditer(ln.text):
            yield ln, m
