"""Draft → Markdown: ``#`` title, ``##``… numbered headings, ``**bold**`` leads."""
from __future__ import annotations

from speechgen.core.draft import Draft, Heading, Paragraph, Run, Table


def _runs(runs: list[Run]) -> str:
    return "".join(f"**{r.text}**" if r.bold and r.text.strip() else r.text for r in runs)


def to_markdown(draft: Draft) -> str:
    out: list[str] = []
    if draft.title:
        out.append(f"# {draft.title}")
    out.extend(draft.subtitle)
    for block in draft.blocks:
        if isinstance(block, Heading):
            head = f"{block.marker or ''}{block.text}"
            if block.run_in:
                out.append(f"**{head}**{_runs(block.body)}")
            else:
                out.append(f"{'#' * (block.level + 1)} {head}")
        elif isinstance(block, Paragraph):
            out.append(_runs(block.runs))
        elif isinstance(block, Table):
            out.append(_table(block))
    return "\n\n".join(out) + "\n"


def _table(table: Table) -> str:
    align = table.align or ["left"] * len(table.header)
    rule = ["---:" if a == "right" else "---" for a in align]
    lines = [f"**{table.caption}**", "", "| " + " | ".join(table.header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in table.rows]
    if table.note:
        lines += ["", table.note]
    return "\n".join(lines)
