"""Benchmark: proofreading a 10,000-character draft in process (target < 50 ms).

    python benchmarks/check_bench.py

Builds the draft from the sample spec (rendered with several seeds and joined
until it is 10,000 characters long, so every rule has real work), then times
``check_text`` with the spec (number checks on) and ``check_draft``.  Prints
the median and the worst of the timed runs.  When ``../shared/corpus`` exists,
its speeches are timed too (not needed for the target).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechgen.api import render  # noqa: E402
from speechgen.proof.checker import check_draft, check_file, check_text  # noqa: E402
from speechgen.core.draft import Draft  # noqa: E402
from speechgen.exporters import export_bytes  # noqa: E402
from speechgen.spec.loader import load_spec  # noqa: E402

TARGET_MS = 50.0
CHARS = 10_000
RUNS = 30


def big_draft(spec) -> Draft:
    draft = Draft()
    seed = 0
    while draft.char_count() < CHARS:
        part = render(spec, seed=seed)
        if not draft.title:
            draft.title, draft.subtitle = part.title, part.subtitle
        draft.blocks.extend(part.blocks)
        seed += 1
    return draft


def timed(fn, runs: int = RUNS) -> tuple[float, float, int]:
    fn()  # warm-up: regex compilation, norms file, narration imports
    times, count = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        count = len(fn())
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times), count


def main() -> int:
    spec = load_spec(ROOT / "samples" / "city_q1.yaml")
    draft = big_draft(spec)
    text = export_bytes(draft, "md").decode("utf-8")
    chars = sum(not c.isspace() for c in text)
    ok = True
    for label, fn in [
        ("check_text(.md, spec)", lambda: check_text(text, spec=spec, source="draft.md")),
        ("check_draft(spec)", lambda: check_draft(draft, spec=spec)),
        ("check_text(.md, no spec)", lambda: check_text(text, source="draft.md")),
    ]:
        median, worst, count = timed(fn)
        verdict = "OK" if median < TARGET_MS else "SLOW"
        ok &= median < TARGET_MS
        print(f"{label:26} {chars} chars: median {median:6.1f} ms, worst {worst:6.1f} ms "
              f"({count} findings)  target < {TARGET_MS:.0f} ms  {verdict}")
    corpus = next((d for d in (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus")
                   if d.is_dir()), None)
    for path in sorted(corpus.glob("*.txt")) if corpus else []:
        median, worst, count = timed(lambda p=path: check_file(p), runs=10)
        print(f"corpus {path.name:40} median {median:6.1f} ms ({count} findings)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
