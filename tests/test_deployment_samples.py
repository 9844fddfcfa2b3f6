"""Deployment parts of every sample draft: sentences with predicates and sentence punctuation,
generic bank sentences at most 20% of the deployment text (printed per sample), and no generated
sentence of 12 characters or more in more than two samples."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from speechgen.compose.engine import RenderOptions, compose_text
from speechgen.compose.rewrite.lexicon import builtin_lexicon
from speechgen.compose.rewrite.shape import has_verb, predicate_start
from speechgen.compose.views import clause, strip_enum
from speechgen.core.draft import Heading, Paragraph
from speechgen.core.markup import parse_markup
from speechgen.spec.loader import load_spec

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
#: bank categories whose sentences say nothing the input gave (filler when overused)
GENERIC = {"task_measures", "task_method", "task_goal", "dispatch_push", "statement_pledge", "connective",
           "dispatch_stat_weak", "dispatch_stat_strong"}
ASIDES = {"dispatch_aside", "reminder_lead", "reminder_lead_more", "dispatch_aside_one", "reminder_lead_one",
          "reminder_lead_more_one"}
_SENTENCE = re.compile(r"[^。！？]+[。！？]”?")


def _render(sample: Path):
    spec = load_spec(sample)
    markup, picker = compose_text(spec, RenderOptions(seed=spec.seed or 0))
    return spec, parse_markup(markup), picker.log


def _task_sections(spec, draft, log) -> list[str]:
    """The text of each task: its heading's run-in text and the paragraphs up to the next heading
    (an aside such as 最后，我再强调…… ends it)."""
    titles = {clause(strip_enum(t.title)) for t in spec.all_tasks}
    asides = [t for c, t in log if c in ASIDES]
    sections: list[list[str]] = []
    current: list[str] | None = None
    for block in draft.blocks:
        if isinstance(block, Heading):
            current = None
            if block.text.rstrip("。") in titles:
                current = ["".join(r.text for r in block.body)]
                sections.append(current)
        elif isinstance(block, Paragraph) and current is not None:
            if block.kind != "body" or any(a in block.text for a in asides):
                current = None
            else:
                current.append(block.text)
    return ["".join(s) for s in sections]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_generic_share_of_deployment(sample, capsys):
    spec, draft, log = _render(sample)
    text = "".join(_task_sections(spec, draft, log))
    generic = sum(len(t) for c, t in log if c in GENERIC and t in text)
    share = generic / len(text) if text else 0.0
    with capsys.disabled():
        print(f"\n{sample.stem}: generic sentences {generic} of {len(text)} deployment characters ({share:.1%})")
    assert share <= 0.20


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_deployment_sentences_have_predicates_and_sentence_punctuation(sample):
    spec, draft, log = _render(sample)
    lex = builtin_lexicon()
    for section in _task_sections(spec, draft, log):
        for s in _SENTENCE.findall(section):
            assert not re.search(r"[;:]|(?<!\d),|,(?!\d)|[，；：、][。！？]|^\s*(?:[-•·*]|\d+[)）])", s), s
            body = strip_enum(s.strip("。！？”"))
            assert body[:1] in lex.short_verbs or has_verb(body, lex) or predicate_start(body, lex)[0] or re.search(
                r"[增长下降完成实现达到是有为居排占高低快慢超差要将]|进行", body), s


def _spec_text(spec) -> str:
    return json.dumps(spec.model_dump(mode="json"), ensure_ascii=False)


def test_no_generated_sentence_in_more_than_two_samples():
    seen: dict[str, set[str]] = defaultdict(set)
    for sample in SAMPLES:
        spec, draft, _ = _render(sample)
        own = _spec_text(spec)
        grams = {own[i:i + 6] for i in range(len(own) - 5)}
        text = "\n".join(b.text if isinstance(b, Paragraph) else b.full_text + "".join(r.text for r in b.body) for b in draft.blocks
                         if isinstance(b, (Paragraph, Heading)))
        for s in _SENTENCE.findall(text):
            s = s.strip()
            core = re.sub(r"[^\u4e00-\u9fff]", "", s)
            if len(core) < 12 or re.search(r"\d", s) or any(s[i:i + 6] in grams for i in range(len(s) - 5)):
                continue
            seen[s].add(sample.stem)
    repeated = {s: sorted(v) for s, v in seen.items() if len(v) > 2}
    assert not repeated, "\n".join(f"{s}  ←  {', '.join(v)}" for s, v in sorted(repeated.items()))
