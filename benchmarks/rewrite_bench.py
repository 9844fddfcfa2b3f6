"""Note rewriter cost: the notes of the rewriter's test table, rewritten 50 times in-process.

Must reach: ≤ 1 ms per note (median of 5 runs) and jieba never imported (the rewriter is rules
plus a small lexicon, so rendering keeps its cold start).  Run: python benchmarks/rewrite_bench.py
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from test_rewrite_table import CASES  # noqa: E402

from speechgen.compose.rewrite import NoteStyle, rewrite_notes  # noqa: E402
from speechgen.compose.rewrite.lexicon import builtin_lexicon  # noqa: E402

LIMIT_MS = 1.0


def main() -> int:
    t0 = time.perf_counter()
    builtin_lexicon()
    load = time.perf_counter() - t0
    runs = []
    for r in range(5):
        t = time.perf_counter()
        for i in range(10):
            for note, voice, field, heading, _ in CASES:
                rewrite_notes([note], NoteStyle(voice, field, heading), random.Random(i + r))
        runs.append((time.perf_counter() - t) / (10 * len(CASES)) * 1000)
    per_note = statistics.median(runs)
    print(f"lexicon load {load * 1000:.1f} ms; {per_note:.2f} ms per note (limit {LIMIT_MS} ms); "
          f"jieba imported: {'jieba' in sys.modules}")
    return 0 if per_note <= LIMIT_MS and "jieba" not in sys.modules else 1


if __name__ == "__main__":
    sys.exit(main())
