"""Benchmark: in-process Word export of a typical speech (~6,000 characters).

Target: under 100 ms per export (median), after python-docx has been imported once.
Run from the repository root:  python benchmarks/docx_export.py
"""
from __future__ import annotations

import copy
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 100.0
TARGET_CHARS = 6000


def typical_speech():
    """The sample speech, its body repeated until it is about 6,000 characters long."""
    import speechgen
    from speechgen.core.draft import Heading

    draft = speechgen.render(ROOT / "samples" / "city_q1.yaml", seed=1, table=True)
    body = [b for b in draft.blocks if type(b).__name__ != "Table"]
    tables = [b for b in draft.blocks if type(b).__name__ == "Table"]
    blocks = list(body)
    while draft.char_count() < TARGET_CHARS:
        extra = copy.deepcopy(body[1:])
        for block in extra:
            if isinstance(block, Heading):
                block.marker = None
        blocks.extend(extra)
        draft.blocks = blocks + tables
    draft.blocks = blocks + tables
    return draft.number()


def main() -> int:
    from speechgen.exporters import export_bytes

    draft = typical_speech()
    export_bytes(draft, "docx")  # warm-up: imports python-docx, reads the built-in profiles
    results = {}
    for profile in ("speech", "gbt9704", "podium"):
        times = []
        for _ in range(15):
            start = time.perf_counter()
            data = export_bytes(draft, "docx", profile=profile)
            times.append((time.perf_counter() - start) * 1000)
        results[profile] = (statistics.median(times), max(times), len(data))
    print(f"docx export of a {draft.char_count()}-character speech "
          f"({len(draft.blocks)} blocks, with the indicator table); target < {TARGET_MS:.0f} ms")
    ok = True
    for profile, (median, worst, size) in results.items():
        flag = "OK" if median < TARGET_MS else "SLOW"
        ok &= median < TARGET_MS
        print(f"  {profile:8} median {median:6.1f} ms   max {worst:6.1f} ms   {size / 1024:5.1f} KiB   {flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
