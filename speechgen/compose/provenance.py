"""Where each computed number of a draft comes from: narration's :class:`Derived` → :class:`Figure`.

Every number narration computes (differences, completion rates, positions from the
bottom, counts) is recorded with its formula; here each gets the sentence it was
written in (to find it again in the draft) and the indicator row it rests on.
"""
from __future__ import annotations

from speechgen.compose.narration.model import Narration
from speechgen.core.draft import Figure
from speechgen.spec.model import Spec

PROBE = 12  # opening characters of a sentence that identify it in the draft


def figures(narration: Narration, spec: Spec, printed: str) -> list[Figure]:
    """The computed numbers of sentences that made it into the draft (*printed*: the draft's text)."""
    rows = {ind.name: i for i, ind in enumerate(spec.indicator_rows, start=1)}
    out: list[Figure] = []
    for st in narration.statements:
        if st.part == "hidden":
            continue
        row = rows.get(st.indicator)
        source = f"指标第{row}项 {st.indicator}" if row else st.indicator
        out.extend(Figure(d.text, d.formula, st.text, source) for d in st.numbers)
    for d in narration.derived:
        out.append(Figure(d.text, d.formula, d.context, "指标表汇总"))
    return [f for f in dict.fromkeys(out) if f.context and f.context[:PROBE] in printed]
