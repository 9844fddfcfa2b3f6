"""Narration and table import speed.  Run from the repository root:

    python benchmarks/bench_narrate.py

Targets (2-core machine): narrating the 8-indicator sample ≤ 2 ms; 1,000
indicators ≤ 300 ms (linear); reading the sample workbook ≤ 150 ms.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechgen.spec.loader import load_spec  # noqa: E402
from speechgen.compose.narration import narrate  # noqa: E402
from speechgen.spec.tables.rows import read_indicator_file  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    spec = load_spec(ROOT / "samples" / "city_q1.yaml")
    narrate(spec)  # warm the wording cache
    rows = [dict(r.model_dump(exclude_none=True), name=f"{r.name}{i}") for i in range(125) for r in spec.indicator_rows]
    big = load_spec({"meeting": spec.meeting.model_dump(mode="json", exclude_none=True), "indicators": rows})
    xlsx = ROOT / "samples" / "city_q1_indicators.xlsx"
    figures = [
        ("narrate sample (8 indicators)", median_ms(lambda: narrate(spec, rng=random.Random(1)), 200), 2.0),
        ("narrate 1,000 indicators", median_ms(lambda: narrate(big, rng=random.Random(1)), 10), 300.0),
        ("read sample .xlsx", median_ms(lambda: read_indicator_file(xlsx, sheet="一季度"), 20), 150.0),
    ]
    for name, ms, target in figures:
        print(f"{name:32s} {ms:8.2f} ms   target ≤ {target:g} ms   {'ok' if ms <= target else 'SLOW'}")


if __name__ == "__main__":
    main()
