"""Draft → plain text, one block per line, body paragraphs indented with two
ideographic spaces as writers paste them into Word."""
from __future__ import annotations

from speechgen.core.draft import Draft, Heading, Paragraph, Table

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
