"""Golden Markdown for every sample (review changes with ``pytest --update-golden`` and a diff)."""
from __future__ import annotations

from pathlib import Path

import pytest

import speechgen

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_golden(sample, golden):
    draft = speechgen.render(sample)
    golden(speechgen.export(draft, fmt="md").decode("utf-8"), f"{sample.stem}/draft.md")


@pytest.mark.parametrize("sample, seed, variety", [("city_q1", 7, "high"), ("county_h1", 3, "low"),
                                                   ("city_annual", 11, "high")])
def test_variant_golden(sample, seed, variety, golden):
    draft = speechgen.render(ROOT / "samples" / f"{sample}.yaml", seed=seed, variety=variety)
    golden(speechgen.export(draft, fmt="md").decode("utf-8"), f"{sample}/{variety}_seed{seed}.md")
