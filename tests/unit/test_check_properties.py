"""Random specs: what render produces must pass the checker's data rules (render refuses
drafts with errors, so it must never produce one), and the checker never raises."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechgen
from speechgen.proof.checker import check_draft, check_text
from speechgen.errors import SpeechgenError
from speechgen.spec.loader import load_spec

try:  # the spec strategy of the project's property tests
    from tests.test_properties import specs
except ImportError:  # pragma: no cover - `pytest` run without the repository root on sys.path
    from test_properties import specs

# Rules about what the generator writes; punctuation, pairs, norms and repetition also
# depend on the random user text, which may legitimately be wrong.
DATA_RULES = ["placeholder", "date", "number", "sign-verb", "percent-point", "numbering", "points"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs(), st.integers(0, 10_000))
def test_rendered_random_specs_pass_the_data_rules(data: dict, seed: int) -> None:
    try:
        spec = load_spec(data)
        draft = speechgen.render(spec, seed=seed)
    except SpeechgenError:
        return
    findings = check_draft(draft, spec=spec, select=DATA_RULES)
    assert [f for f in findings if f.severity == "error"] == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for source in ("a.txt", "a.md"):
        for finding in check_text(text, source=source):
            assert finding.line >= 1 and finding.message
