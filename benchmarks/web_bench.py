"""Benchmark: the workbench (``speechgen serve``).  Needs the ``web`` extra.

    python benchmarks/web_bench.py            # both parts
    python benchmarks/web_bench.py --preview  # only the in-process part

1. **Preview re-render, in process** (target: median ≤ 60 ms of server time): what the server does
   on every pause in typing for the sample spec ``samples/city_q1.yaml`` — validate the spec, render
   the draft, proofread it, look for dropped input, build the preview HTML with the findings placed.
   Timed through the YAML tab's path and the form's path, after one warm-up, 30 runs each.  The
   work is single-threaded, so its CPU time is the wall time on an idle machine; both are printed
   (with the load average), and the target is checked on the CPU time so that other programs
   competing for the 2 cores do not decide the result.
2. **20 concurrent writers against 127.0.0.1** (target: no error, bounded time): a real
   ``speechgen serve --workers 2`` (one process per core); 20 threads each open the page, then send 6 preview requests
   (each with a seed no other request uses, so the server's cache of recent previews never answers;
   as "换一种说法" does) and download a .docx and a .md.  Every answer is
   checked (status 200, a preview with the title, a .docx that is a zip).  Prints the latency
   median and 95th percentile, the slowest request and the wall time; fails on any error or when a
   request takes longer than 30 s (latencies grow with the load other programs put on the machine).
"""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechgen.spec.loader import load_spec  # noqa: E402
from speechgen.web import service, specform  # noqa: E402

PREVIEW_TARGET_MS = 60.0
RUNS = 30
WRITERS = 20
PREVIEWS_EACH = 6
SLOWEST_LIMIT_S = 30.0
WORKERS = 2  # `serve --workers 2`: one process per core, as an office server runs
SAMPLE = ROOT / "samples" / "city_q1.yaml"


def preview_part() -> bool:
    text = SAMPLE.read_text(encoding="utf-8")
    values = specform.form_values(load_spec(SAMPLE))
    ok = True
    for label, payload in [("YAML tab", {"yaml": text}), ("form", {"spec": values})]:
        def once() -> dict:
            return service.preview(payload, service.Settings()).to_dict()

        once()  # warm-up: templates, phrase bank, checker rules
        wall, cpu = [], []
        for _ in range(RUNS):
            t, c = time.perf_counter(), time.process_time()
            result = once()
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        assert result["chars"] > 3000 and "一、" in result["html"]
        ok &= statistics.median(cpu) <= PREVIEW_TARGET_MS
        print(f"preview re-render ({label}): median {statistics.median(cpu):.1f} ms CPU, "
              f"{statistics.median(wall):.1f} ms wall (worst {max(wall):.1f}), {result['chars']} chars; "
              f"load average {os.getloadavg()[0]:.1f} (target median ≤ {PREVIEW_TARGET_MS:.0f} ms)")
    return ok


# ------------------------------------------------------------------ load test

def start_server() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "speechgen", "serve", "--port", "0", "--workers", str(WORKERS)],
                            stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=ROOT)
    line = proc.stderr.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
    if not match:
        proc.kill()
        raise SystemExit(f"server did not start: {line}")
    return proc, match.group(1)


class Writer(threading.Thread):
    def __init__(self, base: str, n: int, yaml_text: str) -> None:
        super().__init__()
        self.base, self.n, self.yaml_text = base, n, yaml_text
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        try:
            self._timed(lambda: opener.open(self.base + "/", timeout=60).read())
            csrf = next(c.value for c in jar if c.name == "sg_csrf")
            for i in range(PREVIEWS_EACH):
                body = self._post(opener, csrf, "/api/preview", {"yaml": self.yaml_text, "options": {"seed": self.n * 100 + i}})
                if "在全市一季度经济运行分析会上的讲话" not in json.loads(body)["html"]:
                    self.errors.append("preview without the title")
            for fmt in ("docx", "md"):
                data = self._post(opener, csrf, "/api/download", {"yaml": self.yaml_text, "format": fmt})
                if fmt == "docx" and data[:2] != b"PK":
                    self.errors.append("a .docx that is not a zip")
        except Exception as exc:  # every failure is counted, none stops the others
            self.errors.append(f"{type(exc).__name__}: {exc}")

    def _post(self, opener, csrf: str, path: str, payload: dict) -> bytes:
        request = urllib.request.Request(self.base + path, data=json.dumps(payload).encode("utf-8"),
                                         headers={"Content-Type": "application/json", "X-CSRF-Token": csrf})
        return self._timed(lambda: opener.open(request, timeout=60).read())

    def _timed(self, fn):
        t = time.perf_counter()
        result = fn()
        self.latencies.append(time.perf_counter() - t)
        return result


def load_part() -> bool:
    proc, base = start_server()
    try:
        text = SAMPLE.read_text(encoding="utf-8")
        writers = [Writer(base, n, text) for n in range(WRITERS)]
        t = time.perf_counter()
        for w in writers:
            w.start()
        for w in writers:
            w.join()
        wall = time.perf_counter() - t
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    latencies = sorted(x for w in writers for x in w.latencies)
    errors = [e for w in writers for e in w.errors]
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"{WRITERS} concurrent writers ({WORKERS} server processes), {len(latencies)} requests (page, {PREVIEWS_EACH} previews, .docx, .md each): "
          f"{len(errors)} errors, median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, slowest {latencies[-1] * 1000:.0f} ms, wall {wall:.1f} s "
          f"({len(latencies) / wall:.0f} requests/s; load average {os.getloadavg()[0]:.1f})")
    for e in errors[:5]:
        print("  error:", e)
    return not errors and latencies[-1] <= SLOWEST_LIMIT_S


def main() -> int:
    ok = preview_part()
    if "--preview" not in sys.argv:
        ok &= load_part()
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
