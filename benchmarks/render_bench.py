"""Render / export / batch / import timings against the product's targets (2-core machine).

    python benchmarks/render_bench.py            # all figures
    python benchmarks/render_bench.py --quick    # fewer repetitions

Targets (issue 8):
  cold `speechgen render sample -o x.docx`      median ≤ 0.35 s
  in-process render + docx of ~6,000 chars      ≤ 40 ms
  batch with 2 processes                        ≥ 40 docx drafts / s
  `import speechgen`                            ≤ 0.15 s
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "samples" / "city_q1.yaml"


def _median_runs(cmd: list[str], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_import(n: int) -> float:
    return _median_runs([sys.executable, "-c", "import speechgen"], n)


def bench_cold_render(n: int, out: Path) -> float:
    exe = shutil.which("speechgen")
    cmd = [exe] if exe else [sys.executable, "-m", "speechgen"]
    return _median_runs([*cmd, "render", str(SAMPLE), "-o", str(out / "x.docx"), "--force"], n)


def long_spec() -> dict:
    """The sample, with achievements/tasks repeated until the draft is ~6,000 characters."""
    import yaml

    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["achievements"] = data["achievements"] * 3
    data["tasks"] = data["tasks"] * 3
    return data


def bench_in_process(n: int) -> tuple[float, int]:
    import speechgen
    from speechgen.exporters import export_bytes

    spec = speechgen.load(long_spec())
    draft = speechgen.render(spec)
    export_bytes(draft, "docx")  # warm: imports, template compile, bank load
    times = []
    for seed in range(n):
        t0 = time.perf_counter()
        export_bytes(speechgen.render(spec, seed=seed), "docx")
        times.append(time.perf_counter() - t0)
    return statistics.median(times), draft.char_count()


def bench_batch(count: int, out: Path) -> float:
    from speechgen.batch import BatchItem, BatchOptions, run_batch

    items = [BatchItem(f"d{i}", SAMPLE, out / f"d{i}.docx") for i in range(count)]
    t0 = time.perf_counter()
    results = run_batch(items, BatchOptions(fmt="docx", force=True), workers=2)
    elapsed = time.perf_counter() - t0
    assert all(r.ok for r in results)
    return count / elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n = 5 if args.quick else 11
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows.append(("import speechgen (median, s)", bench_import(n), "≤ 0.15", lambda v: v <= 0.15))
        rows.append(("cold render → docx (median, s)", bench_cold_render(n, out), "≤ 0.35", lambda v: v <= 0.35))
        ms, chars = bench_in_process(n * 3)
        rows.append((f"in-process render+docx, {chars} chars (ms)", ms * 1000, "≤ 40", lambda v: v <= 40))
        rows.append(("batch, 2 processes (drafts/s)", bench_batch(40 if args.quick else 120, out), "≥ 40", lambda v: v >= 40))
    ok = True
    for name, value, target, good in rows:
        passed = good(value)
        ok &= passed
        print(f"{name:48} {value:9.3f}   target {target:8} {'OK' if passed else 'MISSED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
