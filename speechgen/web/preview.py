"""Draft → the preview's HTML, with the checker's findings placed on their paragraphs.

The checker numbers the lines of a draft as its plain-text export does (title, each byline,
one line per heading or paragraph, a table's caption, header and rows).  Every element of the
preview gets an ``id`` for the lines it shows, so a finding on line 12 highlights the paragraph
that holds line 12, and the words it quotes are marked inside it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup, escape

from speechgen.core.draft import Draft, Heading, Paragraph, Run, Table

SEVERITY_CN = {"error": "错误", "warning": "提醒", "info": "提示"}


@dataclass
class Placed:
    """A finding with the preview element it belongs to."""

    rule: str
    severity: str
    line: int
    text: str
    message: str
    target: str  # element id in the preview ("" when the line is not shown)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "severity_cn": SEVERITY_CN.get(self.severity, ""),
                "line": self.line, "text": self.text, "message": self.message, "target": self.target}


def line_targets(draft: Draft) -> dict[int, str]:
    """Plain-text line number (1-based) → id of the preview element that shows it."""
    ids: list[str] = []
    if draft.title:
        ids.append("sg-title")
    ids.extend(f"sg-sub{i}" for i, _ in enumerate(draft.subtitle))
    for i, block in enumerate(draft.blocks):
        lines = 2 + len(block.rows) if isinstance(block, Table) else 1
        ids.extend([f"sg-b{i}"] * lines)
    return {n: target for n, target in enumerate(ids, start=1)}


def place(findings: Iterable[Any], draft: Draft) -> list[Placed]:
    targets = line_targets(draft)
    return [Placed(f.rule, f.severity, f.line, f.text, f.message, targets.get(f.line, "")) for f in findings]


def draft_html(draft: Draft, findings: list[Placed] = ()) -> Markup:  # type: ignore[assignment]
    """The draft as HTML: title block, numbered headings, bold leads, tables; findings marked."""
    by_target: dict[str, list[Placed]] = {}
    for f in findings:
        if f.target:
            by_target.setdefault(f.target, []).append(f)
    out: list[str] = []
    if draft.title:
        out.append(_element("h1", "sg-title", "sg-doc-title", [Run(draft.title)], by_target))
    for i, sub in enumerate(draft.subtitle):
        out.append(_element("p", f"sg-sub{i}", "sg-byline", [Run(sub)], by_target))
    for i, block in enumerate(draft.blocks):
        out.append(_block(block, f"sg-b{i}", by_target))
    return Markup("\n".join(out))


def _block(block: Any, ident: str, by_target: dict[str, list[Placed]]) -> str:
    if isinstance(block, Heading):
        head = Run(f"{block.marker or ''}{block.text}", bold=block.level > 2)
        if block.run_in:
            return _element("p", ident, f"sg-runin sg-runin{block.level}", [head, *block.body], by_target,
                            head_class=f"sg-head{block.level}")
        tag = f"h{min(block.level + 1, 6)}"
        return _element(tag, ident, f"sg-h{block.level}", [Run(head.text)], by_target)
    if isinstance(block, Paragraph):
        return _element("p", ident, f"sg-{block.kind}", block.runs, by_target)
    return _table(block, ident, by_target)


def _element(tag: str, ident: str, cls: str, runs: list[Run], by_target: dict[str, list[Placed]],
             head_class: str = "") -> str:
    flagged = by_target.get(ident, [])
    if flagged:
        worst = "error" if any(f.severity == "error" for f in flagged) else "warning"
        cls += f" sg-flag sg-flag-{worst}"
    inner = _runs_html(runs, [f.text for f in flagged], head_class)
    title = escape("；".join(f.message for f in flagged))
    extra = f' title="{title}"' if flagged else ""
    return f'<{tag} id="{ident}" class="{cls}"{extra}>{inner}</{tag}>'


def _runs_html(runs: list[Run], quotes: list[str], head_class: str = "") -> str:
    """Runs as HTML; every occurrence of a quoted finding text is wrapped in <mark>."""
    text = "".join(r.text for r in runs)
    marked = _mark_spans(text, quotes)
    out: list[str] = []
    pos = 0
    for n, run in enumerate(runs):
        end = pos + len(run.text)
        pieces = _split(run.text, pos, marked)
        html = "".join(f"<mark>{escape(s)}</mark>" if m else str(escape(s)) for s, m in pieces)
        if n == 0 and head_class:
            html = f'<span class="{head_class}">{html}</span>'
        elif run.bold and run.text.strip():
            html = f"<strong>{html}</strong>"
        out.append(html)
        pos = end
    return "".join(out)


def _mark_spans(text: str, quotes: list[str]) -> list[bool]:
    marked = [False] * len(text)
    for quote in quotes:
        quote = quote.strip()
        if not quote or quote == text.strip():
            continue
        start = text.find(quote)
        while start >= 0:
            for k in range(start, start + len(quote)):
                marked[k] = True
            start = text.find(quote, start + len(quote))
    return marked


def _split(text: str, offset: int, marked: list[bool]) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for k, ch in enumerate(text):
        m = marked[offset + k]
        if pieces and pieces[-1][1] == m:
            pieces[-1] = (pieces[-1][0] + ch, m)
        else:
            pieces.append((ch, m))
    return pieces


def _table(table: Table, ident: str, by_target: dict[str, list[Placed]]) -> str:
    flagged = by_target.get(ident, [])
    cls = "sg-table" + (" sg-flag sg-flag-error" if any(f.severity == "error" for f in flagged)
                        else " sg-flag sg-flag-warning" if flagged else "")
    align = table.align or ["left"] * len(table.header)
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    rows = "".join("<tr>" + "".join(f'<td class="sg-{align[i] if i < len(align) else "left"}">{escape(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in table.rows)
    note = f'<p class="sg-note">{escape(table.note)}</p>' if table.note else ""
    return (f'<div id="{ident}" class="{cls}"><p class="sg-caption">{escape(table.caption)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}</div>")
