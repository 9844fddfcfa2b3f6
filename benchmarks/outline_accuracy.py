"""Outline accuracy on the annotated corpus: heading F1 (levels 1–2) and role accuracy.

    python benchmarks/outline_accuracy.py [--shared ../shared/corpus] [-v]

Targets: heading F1 ≥ 0.97 and role accuracy ≥ 0.92, over the speeches in
tests/outline_corpus/ (as written and as hard-wrapped PDF text with page
numbers and running headers) and the three shared corpus speeches when the
folder exists (expected headings in tests/outline_corpus/shared_expected.yaml).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _corpus import DEFAULT_FOLDER, ROOT

sys.path.insert(0, str(ROOT / "tests" / "outline_corpus"))
from annotated import Score, evaluate, load, load_shared, pdf_variant  # noqa: E402

F1_TARGET, ROLE_TARGET = 0.97, 0.92


def _outline(text: str) -> list[dict]:
    from speechgen.outline.parse import outline_text

    return outline_text(text).to_dict()["headings"]


def report(label: str, s: Score) -> bool:
    ok = s.f1 >= F1_TARGET and s.role_accuracy >= ROLE_TARGET
    print(f"{label}：标题 {s.expected} 个，识别 {s.predicted} 个，正确 {s.tp} 个；"
          f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}（目标 ≥ {F1_TARGET}）；"
          f"作用准确率 {s.role_accuracy:.3f}（目标 ≥ {ROLE_TARGET}）{'达标' if ok else '未达标'}")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    own = load()
    results = [(f"自建语料（{len(own)} 篇，原文）", evaluate(own, _outline)),
               (f"自建语料（{len(own)} 篇，PDF 换行分页）", evaluate(own, _outline, pdf_variant))]
    shared = load_shared(args.shared) if args.shared.is_dir() else []
    if shared:
        results.append((f"共享语料（{len(shared)} 篇）", evaluate(shared, _outline)))
        results.append((f"共享语料（{len(shared)} 篇，PDF 换行分页）", evaluate(shared, _outline, pdf_variant)))
    else:
        print(f"未找到共享语料 {args.shared}，只测自建语料")
    total = Score()
    for label, s in results:
        report(label, s)
        total.add(s)
        if args.verbose:
            for miss in s.misses:
                print("   ", miss)
    ok = report("合计", total)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
