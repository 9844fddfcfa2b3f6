"""Facts of one row + the picker → a :class:`Statement` with verdict, part and label."""
from __future__ import annotations

from speechgen.compose.narration.facts import Context, Facts
from speechgen.compose.narration.judged import judgement_facts
from speechgen.compose.narration.model import Statement
from speechgen.compose.narration.rules import STRENGTHS, WEAKNESSES, verdict_of
from speechgen.compose.narration.wording import Picker

_LABEL_FORMS = {
    "negative_growth": "label_negative",
    "wrong_direction": "label_wrong_direction",
    "worse_than_superior": "label_below_superior",
    "bottom_rank": "label_bottom_rank",
    "rank_drop": "label_rank_drop",
    "below_target": "label_below_target",
    "behind_schedule": "label_behind_schedule",
}
LABEL_MAX = 12  # characters


def build_statement(facts: Facts, ctx: Context, pick: Picker) -> Statement:
    ind = facts.indicator
    name = ind.name.strip()
    texts: list[str] = []
    numbers = []
    verdict = verdict_of(facts.signals, ctx.rules)
    about = judgement_facts(facts, ctx, verdict)
    for clause in facts.clauses:
        text = pick(clause.form, clause.slots, about)
        if not texts and not clause.form.startswith("value_"):
            text = name + text
        texts.append(text)
        numbers.extend(clause.numbers)
    forms = [c.form for c in facts.clauses]
    if not texts:
        return Statement(name, name, "neutral", "hidden", [], ["没有可叙述的数据"], "", [], [],
                         judgement_facts(facts, ctx, "neutral"))
    kinds = WEAKNESSES if verdict == "weakness" else STRENGTHS if verdict == "strength" else ()
    reasons = [facts.reasons[s] for s in facts.signals if s in kinds]
    label = problem_label(facts, pick) if verdict == "weakness" else ""
    part = ind.part if ind.part != "auto" else ("problems" if verdict == "weakness" else "review")
    return Statement(name, "，".join(texts), verdict, part, numbers, reasons, label,
                     list(facts.signals), forms, about)  # type: ignore[arg-type]


def problem_label(facts: Facts, pick: Picker) -> str:
    """A 4–12 character label from the most telling weakness: 财政收入负增长, 工业增速偏低."""
    code = next((c for c in WEAKNESSES if c in facts.signals), None)
    if code is None:
        return ""
    form = _LABEL_FORMS[code]
    prev = facts.indicator.prev_growth
    if code == "negative_growth" and prev is not None and prev < 0:
        form = "label_negative_persist"
    domain = pick.wordings.domain(facts.indicator.name.strip())
    label = pick(form, {"domain": domain})
    while len(label) > LABEL_MAX and len(domain) > 1:
        domain = domain[:-1]
        label = pick.fill(pick.wordings.forms[form][pick.last[form]], {"domain": domain})
    return label
