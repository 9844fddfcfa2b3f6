"""Helpers for the hardening tests: run the real CLI in a child process with a memory ceiling
and a wall clock, and report exit code, output, elapsed time and peak memory.

A hostile input must never take the machine down while a test shows it is refused, so every
child runs under ``RLIMIT_AS`` (a breach shows up as a failed test, not as swapping).
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

MEMORY_MB = 500  # the per-case ceiling
SECONDS = 5.0  # the per-case wall clock (cold start included)
SLACK = 3.0  # a shared 2-core machine: allow for other work

BASE = {
    "meeting": {"type": "quarterly_analysis", "title": "全市一季度经济运行分析会", "period": "Q1", "year": 2025,
                "speaker": {"name": "李华", "post": "市长"}},
    "indicators": [{"name": "地区生产总值", "value": "320.5", "unit": "亿元", "growth": "5.6",
                    "superior_growth": "5.2", "rank": 3, "rank_total": 10}],
    "tasks": [{"title": "抓项目扩投资", "items": ["推行项目周调度"]}],
}


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds of the child: steadier than wall time on a shared machine

    def __str__(self) -> str:
        return f"exit {self.code} in {self.seconds:.1f}s ({self.cpu:.1f}s CPU), {self.peak_mb:.0f} MB\nstdout: {self.out[:800]}\nstderr: {self.err[:800]}"


def _limit(mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (mb * 1024 * 1024 * 3, mb * 1024 * 1024 * 3))  # address space ≠ RSS
    os.setsid()


def run_cli(*args: str | Path, cwd: Path, timeout: float = SECONDS * SLACK, mem_mb: int = MEMORY_MB,
            env: dict[str, str] | None = None, stdin: bytes | None = None) -> Run:
    """``python -m speechgen ARGS`` in *cwd*; the child is killed after *timeout* seconds."""
    full_env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {})}
    full_env.pop("SPEECHGEN_DEBUG", None)
    out_f, err_f = cwd / ".stdout", cwd / ".stderr"
    start = time.monotonic()
    with open(out_f, "wb") as out, open(err_f, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "speechgen", *map(str, args)], cwd=cwd, env=full_env,
                                stdout=out, stderr=err, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                preexec_fn=lambda: _limit(mem_mb))
        if stdin:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, 9)
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise AssertionError(f"speechgen {' '.join(map(str, args))}: still running after {timeout:.0f}s "
                                     f"(stderr: {err_f.read_text(errors='replace')[:400]})")
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    result = Run(proc.returncode, out_f.read_text(errors="replace"), err_f.read_text(errors="replace"),
                 seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)
    out_f.unlink()
    err_f.unlink()
    return result


def refused(run: Run, *words: str) -> None:
    """Exit 2, a Chinese message naming *words*, no internal error, within the budget."""
    assert run.code == 2, str(run)
    assert "内部错误" not in run.err and "Traceback" not in run.err, str(run)
    assert "错误：" in run.err, str(run)
    for w in words:
        assert w in run.err, f"{w!r} not in message\n{run}"
    assert run.peak_mb < MEMORY_MB, str(run)


def only(folder: Path, *names: str) -> None:
    """*folder* holds exactly *names* (no output, no temp file, hidden ones included)."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
