"""Cold start, warm render and batch scaling (issue 20), measured on this machine.

    python benchmarks/coldstart.py            # all four figures
    python benchmarks/coldstart.py --quick    # fewer repetitions

Figures and targets:
  cold `speechgen render sample -o x.docx` / `pandoc draft.md -o x.docx`   CPU ratio ≤ 3.5
      (one interleaved run: speechgen, pandoc, speechgen, pandoc …; CPU time = user + sys of the
      child, so other agents on the machine disturb it less than wall time; wall ratio shown too)
  `import speechgen` over bare `python -c pass`                             ≤ 0.10 s (median, interleaved)
  warm in-process render + .docx over every sample                         ≤ 20 ms median
  `batch -j 2` over `-j 1` on 40 specs                                      ≥ 1.8× (wall), memory per worker shown
Needs pandoc on PATH for the ratio (apt-get install pandoc); without it the ratio is reported as missing.
"""
from __future__ import annotations

import argparse
import os
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


def _run(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall, cpu, peak MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _speechgen() -> list[str]:
    exe = shutil.which("speechgen", path=str(Path(sys.executable).parent)) or shutil.which("speechgen")
    return [exe] if exe else [sys.executable, "-m", "speechgen"]


def cold_ratio(n: int, work: Path) -> None:
    pandoc = shutil.which("pandoc")
    sg = _speechgen()
    subprocess.run([*sg, "render", str(SAMPLE), "-o", str(work / "draft.md"), "--force"], check=True,
                   capture_output=True)
    _run([*sg, "render", str(SAMPLE), "-o", str(work / "x.docx"), "--force"], work)  # first run fills caches
    ours, theirs = [], []
    for _ in range(n):
        ours.append(_run([*sg, "render", str(SAMPLE), "-o", str(work / "x.docx"), "--force"], work))
        if pandoc:
            theirs.append(_run([pandoc, "draft.md", "-o", "p.docx"], work))
    cpu = statistics.median(c for _, c, _ in ours)
    wall = statistics.median(w for w, _, _ in ours)
    print(f"cold render → .docx: median CPU {cpu:.3f} s, wall {wall:.3f} s, peak {max(m for *_, m in ours):.0f} MB "
          f"({n} runs)")
    if not pandoc:
        print("pandoc: not installed — ratio not measured (apt-get install pandoc)")
        return
    pcpu = statistics.median(c for _, c, _ in theirs)
    pwall = statistics.median(w for w, _, _ in theirs)
    print(f"pandoc draft.md → .docx: median CPU {pcpu:.3f} s, wall {pwall:.3f} s")
    print(f"cold-start ratio (CPU): {cpu / pcpu:.2f}×  (wall {wall / pwall:.2f}×)  target ≤ 3.5×")


def import_time(n: int, work: Path) -> None:
    bare, ours = [], []
    for _ in range(n):
        bare.append(_run([sys.executable, "-c", "pass"], work)[0])
        ours.append(_run([sys.executable, "-c", "import speechgen"], work)[0])
    extra = statistics.median(ours) - statistics.median(bare)
    print(f"import speechgen: {statistics.median(ours):.3f} s, bare python {statistics.median(bare):.3f} s, "
          f"over bare {extra:.3f} s  target ≤ 0.10 s")


def warm_render(rounds: int) -> None:
    import speechgen

    samples = sorted(p for p in (ROOT / "samples").glob("*.yaml"))
    specs = [speechgen.load(p) for p in samples]
    for spec in specs:  # warm: imports, templates, banks
        speechgen.export(speechgen.render(spec), fmt="docx")
    times, cpus = [], []
    for _ in range(rounds):
        for spec in specs:
            t0, c0 = time.perf_counter(), time.process_time()
            speechgen.export(speechgen.render(spec), fmt="docx")
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
    print(f"warm render + .docx: median {statistics.median(times) * 1000:.1f} ms wall, "
          f"{statistics.median(cpus) * 1000:.1f} ms CPU over {len(specs)} samples × {rounds} "
          f"(max {max(times) * 1000:.1f} ms wall)  target ≤ 20 ms")


def batch_scaling(work: Path, count: int = 40) -> None:
    import yaml

    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    names = []
    for i in range(count):
        base["meeting"]["title"] = f"全市一季度经济运行分析会（{i}）"
        (work / f"b{i}.yaml").write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
        names.append(f"b{i}.yaml")
    sg = _speechgen()
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(2):
        for jobs in (1, 2):
            out = work / f"out{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            wall, _, peak = _run([*sg, "batch", *names, "-o", str(out), "-j", str(jobs), "--format", "docx"], work)
            walls[jobs].append(wall)
    one, two = min(walls[1]), min(walls[2])
    print(f"batch of {count} → .docx, whole command: -j1 {one:.2f} s, -j2 {two:.2f} s, speed-up {one / two:.2f}× "
          f"(best of 2; {os.cpu_count()} CPUs; includes the serial start-up)")
    _render_phase(names, work)
    _worker_memory(sg, names, work)


def _render_phase(names: list[str], work: Path) -> None:
    """The drafts themselves: run_batch in a warm process, -j1 against -j2 (target ≥ 1.8×)."""
    from speechgen.batch import BatchOptions, plan, run_batch

    options = BatchOptions(fmt="docx", force=True)
    (work / "warm").mkdir(exist_ok=True)
    run_batch(plan([work / n for n in names[:2]], work / "warm", "docx"), options, workers=1)  # imports, caches
    best: dict[int, float] = {}
    for _ in range(2):
        for jobs in (1, 2):
            out = work / f"phase{jobs}"
            out.mkdir(exist_ok=True)
            items = plan([work / n for n in names], out, "docx")
            t0 = time.perf_counter()
            results = run_batch(items, options, workers=jobs)
            best[jobs] = min(best.get(jobs, 1e9), time.perf_counter() - t0)
            assert all(r.ok for r in results), [r.error for r in results if not r.ok][:1]
    print(f"batch render phase ({len(names)} drafts, warm): -j1 {best[1]:.2f} s ({len(names) / best[1]:.0f}/s), "
          f"-j2 {best[2]:.2f} s ({len(names) / best[2]:.0f}/s), speed-up {best[1] / best[2]:.2f}×  target ≥ 1.8×")


def _worker_memory(sg: list[str], names: list[str], work: Path) -> None:
    """Peak RSS of each batch worker, read from /proc while a -j2 batch runs."""
    out = work / "outm"
    proc = subprocess.Popen([*sg, "batch", *names, *names, "-o", str(out), "-j", "2", "--format", "docx", "--force"],
                            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for child in _children(proc.pid):
            try:
                for line in Path(f"/proc/{child}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[child] = max(peaks.get(child, 0), int(line.split()[1]))
            except OSError:
                pass
        time.sleep(0.05)
    if peaks:
        print("memory per worker (peak RSS): " + ", ".join(f"{v / 1024:.0f} MB" for v in peaks.values()))


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _compile_bytecode() -> None:
    """An installed package has its .pyc files (pip compiles them); a checkout run with
    PYTHONDONTWRITEBYTECODE=1 would recompile every module on every start and measure that."""
    import compileall

    import speechgen

    compileall.compile_dir(str(Path(speechgen.__file__).parent), quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=["ratio", "import", "warm", "batch"])
    args = ap.parse_args()
    n = 7 if args.quick else 21
    _compile_bytecode()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only in (None, "ratio"):
            cold_ratio(n, work)
        if args.only in (None, "import"):
            import_time(n, work)
        if args.only in (None, "warm"):
            warm_render(2 if args.quick else 5)
        if args.only in (None, "batch"):
            batch_scaling(work)
    print(f"load average after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
