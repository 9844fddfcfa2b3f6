"""Bounded fuzz over specs, tables, phrase files, rules files and documents (issue 20): every case
ends with exit 0/1/2, no internal error, nothing written on failure, no temp file left, within
5 s.  ``benchmarks/fuzz_long.py`` runs the same cases by the thousand."""
from __future__ import annotations

import resource
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutate import run_case


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.integers(min_value=0, max_value=2 ** 32))
def test_fuzzed_inputs_end_cleanly(seed: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sgfuzz"))
    try:
        outcome = run_case(seed, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert not outcome.problem, f"case {seed} ({outcome.kind}): {outcome.problem}"
    assert outcome.seconds < 5 * 3, f"case {seed} ({outcome.kind}) took {outcome.seconds:.1f}s"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < 1000
