"""Worker processes that start warm and end with their parent.

:func:`pool` runs ``fn(*args)`` for each argument tuple in forked worker processes (forked after
the caller warmed up, so imports, the phrase bank and compiled templates are inherited, not
redone) and yields ``(index, result)`` as each one ends — ``None`` for a worker that crashed.
Workers ignore Ctrl-C (the parent stops them), remove their temp files and exit on SIGTERM,
and exit when the parent goes away: ``PR_SET_PDEATHSIG`` on Linux plus a watchdog thread.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, Callable, Iterator, Sequence

from speechgen.core.files import remove_pending


def pool(fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], workers: int) -> Iterator[tuple[int, Any]]:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                                   initargs=(os.getpid(),))
    try:
        futures = {executor.submit(fn, *args): i for i, args in enumerate(calls)}
        for fut in as_completed(futures):
            try:
                result = fut.result()
            except Exception:  # the worker died (killed, out of memory): the others go on
                result = None
            yield futures[fut], result
    except BaseException:  # Ctrl-C / SIGTERM in the parent: stop the workers now
        for proc in list(getattr(executor, "_processes", {}).values()):
            proc.terminate()
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _worker_init(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminate)
    _die_with_parent()
    if os.getppid() != parent:  # the parent was gone before we could ask to follow it
        _terminate()
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="speechgen-parent-watch").start()


def _terminate(*_: Any) -> None:
    remove_pending()
    os._exit(143)


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _watch(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            _terminate()
