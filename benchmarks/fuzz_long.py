"""Long fuzz profile (issue 20): thousands of hostile inputs through the real CLI, in-process.

    python benchmarks/fuzz_long.py                 # 5,000 cases from seed 0
    python benchmarks/fuzz_long.py -n 20000 --start 5000

Time is CPU time of the case (wall time is shown too: on a shared machine it mostly measures
the other jobs).  Each case (tests/hardening/mutate.py: mutated samples, alias/nesting/tag attacks, workbooks and CSV
tables, phrase files, rules files, documents for check/outline) must end with exit 0/1/2, no
"内部错误", nothing written on failure and no temp file left, within 5 s and 500 MB.

Targets: 0 internal errors or misbehaving cases; slowest case < 5 s; peak memory of any case < 500 MB.
Peak memory per case is measured by resetting the kernel's high-water mark (/proc/self/clear_refs)
before each case and reading VmHWM after it.  The process runs under a 2 GB address-space limit so a
regression cannot take the machine down.
"""
from __future__ import annotations

import argparse
import collections
import os
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "hardening"))

from mutate import Outcome, run_case  # noqa: E402


def _hwm_reset() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _hwm_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Hang(BaseException):  # not an Exception: the CLI guard must not swallow it
    pass


def _alarm(_sig: int, _frame: object) -> None:
    raise _Hang


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5000, help="number of cases (default 5000)")
    ap.add_argument("--start", type=int, default=0, help="first case number")
    ap.add_argument("--limit-seconds", type=float, default=5.0)
    ap.add_argument("--limit-mb", type=float, default=500.0)
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
    signal.signal(signal.SIGALRM, _alarm)
    os.environ.setdefault("SPEECHGEN_CACHE_DIR", tempfile.mkdtemp(prefix="sgfuzz-cache"))
    codes: collections.Counter[tuple[str, int]] = collections.Counter()
    bad: list[Outcome] = []
    times: list[float] = []  # CPU seconds per case (the limit): wall time varies with the machine's load
    walls: list[float] = []
    peaks: list[float] = []
    started = time.perf_counter()
    for seed in range(args.start, args.start + args.n):
        folder = Path(tempfile.mkdtemp(prefix="sgfuzz"))
        _hwm_reset()
        signal.alarm(60)
        try:
            outcome = run_case(seed, folder)
        except _Hang:
            outcome = Outcome(seed, "?", -1, 60.0, "hung for 60 s")
        except MemoryError:
            outcome = Outcome(seed, "?", -1, 0.0, "MemoryError (2 GB address space)")
        finally:
            signal.alarm(0)
            shutil.rmtree(folder, ignore_errors=True)
        peak = _hwm_mb()
        if not outcome.problem and outcome.cpu > args.limit_seconds:
            outcome.problem = f"slow: {outcome.cpu:.1f}s CPU ({outcome.seconds:.1f}s wall)"
        if not outcome.problem and peak > args.limit_mb:
            outcome.problem = f"memory: {peak:.0f} MB"
        codes[(outcome.kind, outcome.code)] += 1
        times.append(outcome.cpu)
        walls.append(outcome.seconds)
        peaks.append(peak)
        if outcome.problem:
            bad.append(outcome)
            print(f"case {seed} ({outcome.kind}): {outcome.problem}", file=sys.stderr)
        done = seed - args.start + 1
        if done % 500 == 0:
            print(f"… {done} cases, {len(bad)} problems, {time.perf_counter() - started:.0f}s", file=sys.stderr)
    total = time.perf_counter() - started
    times.sort()
    print(f"cases: {args.n} (seeds {args.start}–{args.start + args.n - 1}) in {total:.0f} s")
    kinds = sorted({k for k, _ in codes})
    for kind in kinds:
        row = ", ".join(f"exit {c}: {n}" for (k, c), n in sorted(codes.items()) if k == kind)
        print(f"  {kind:<12} {row}")
    print(f"problems (internal errors, bad exits, leftovers, slow, memory): {len(bad)}")
    print(f"CPU time per case: median {statistics.median(times) * 1000:.0f} ms, p99 {times[int(len(times) * 0.99) - 1]:.2f} s, "
          f"max {times[-1]:.2f} s (limit {args.limit_seconds:g} s); wall max {max(walls):.2f} s, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"peak memory of a case: max {max(peaks):.0f} MB (limit {args.limit_mb:g} MB)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
