"""Outline speed: MB of speech text per second (target: several MB/s).

    python benchmarks/outline_bench.py [FOLDER] [--mb 4]

FOLDER defaults to ../shared/corpus when present (otherwise rendered samples);
its speeches are replicated to the requested size and outlined one by one, then
once as a single large document (to catch anything worse than linear).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from _corpus import documents, replicate, text_bytes

TARGET = 3.0  # MB/s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--mb", type=float, default=4.0)
    args = ap.parse_args()
    from speechgen.outline.parse import outline_lines
    from speechgen.outline.read import Line

    docs = replicate(documents(args.folder), int(args.mb * 1_000_000))
    size = text_bytes(docs) / 1_000_000
    start = time.perf_counter()
    headings = sum(len(outline_lines(lines).draft.headings()) for _, lines in docs)
    per_doc = size / (time.perf_counter() - start)
    big = [Line(i, l.text) for i, l in enumerate((l for _, ls in docs for l in ls), start=1)]
    start = time.perf_counter()
    outline_lines(big)
    single = size / (time.perf_counter() - start)
    print(f"{len(docs)} 篇，{size:.2f} MB，{headings} 个标题")
    print(f"逐篇：{per_doc:.1f} MB/s；合为一篇：{single:.1f} MB/s；目标 ≥ {TARGET} MB/s")
    print("达标" if min(per_doc, single) >= TARGET else "未达标")


if __name__ == "__main__":
    main()
