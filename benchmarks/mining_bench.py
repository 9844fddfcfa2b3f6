"""Mining cost against jieba alone (target: mining ≤ 1.5× jieba segmenting the same text).

    python benchmarks/mining_bench.py [FOLDER] [--mb 1] [--runs 3]

The speeches in FOLDER (default ../shared/corpus when present, otherwise
rendered samples) are replicated into a temporary folder until their text
reaches the requested size.  Each measurement runs in a fresh interpreter and
includes importing jieba and loading its dictionary: the baseline segments the
whole text with ``jieba.Tokenizer().cut``; mining runs ``speechgen.mining.mine``
on the folder (outline, user dictionary, segmentation, extraction, selection).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _corpus import ROOT, documents, replicate, text_bytes

TARGET = 1.5

BASELINE = """
import time, logging
t, c = time.perf_counter(), time.process_time()
import jieba
jieba.setLogLevel(logging.WARNING)
tk = jieba.Tokenizer()
tk.initialize()
text = open({path!r}, encoding="utf-8").read()
n = sum(1 for _ in tk.cut(text))
print(time.perf_counter() - t, time.process_time() - c)
"""

MINING = """
import time, sys
t, c = time.perf_counter(), time.process_time()
sys.path.insert(0, {root!r})
from speechgen.mining.miner import mine
result = mine([{folder!r}], min_freq=2, min_docs=2)
print(time.perf_counter() - t, time.process_time() - c)
"""


def run(code: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh interpreter running *code*."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs = replicate(documents(args.folder), int(args.mb * 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for name, lines in docs:
            (folder / (Path(name).stem + ".txt")).write_text("\n".join(l.text for l in lines), encoding="utf-8")
        joined = Path(tmp) / "all.txt"
        joined.write_text("\n".join(l.text for _, ls in docs for l in ls), encoding="utf-8")
        run(BASELINE.format(path=str(joined)))  # warm-up: builds jieba's dictionary cache once
        base, mining = [], []
        for _ in range(args.runs):  # interleaved, so that load on the machine affects both alike
            base.append(run(BASELINE.format(path=str(joined))))
            mining.append(run(MINING.format(root=str(ROOT), folder=str(folder))))
    print(f"{len(docs)} 篇，{text_bytes(docs) / 1_000_000:.2f} MB；各测 {args.runs} 次取最小值（机器繁忙时看 CPU 时间）")
    for label, k in (("墙钟时间", 0), ("CPU 时间", 1)):
        b, m = min(r[k] for r in base), min(r[k] for r in mining)
        print(f"{label}：jieba 单独分词（含词典加载）{b:.2f} s；挖掘（含词典加载、提纲、分词、抽取）{m:.2f} s；"
              f"比值 {m / b:.2f}（目标 ≤ {TARGET}）{'达标' if m / b <= TARGET else '未达标'}")


if __name__ == "__main__":
    main()
