"""Command line: a thin click layer over the library.

This is the one error boundary: every :class:`SpeechgenError` becomes a Chinese
message on stderr and its exit code (2 for bad input); nothing else prints a
traceback unless ``SPEECHGEN_DEBUG=1``.
"""
from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
import threading
from typing import Any, Callable, Iterator

_STARTING = (gc.isenabled(), gc.get_freeze_count())  # see gc_paused: the imports below, the same way
gc.disable()

from speechgen.core import regexcache  # noqa: E402

regexcache.install()  # before click and the rest compile their patterns (see the module)

import click  # noqa: E402

from speechgen import __version__  # noqa: E402
from speechgen.cli import zh
from speechgen.errors import SpeechgenError

zh.install()  # click's own messages in Chinese; before any option is declared

from speechgen.cli.options import MEETING_TYPES  # noqa: E402  (re-exported for command modules)


def report(exc: BaseException) -> int:
    """Print *exc* as the user should see it and return the exit code (the one error boundary)."""
    if isinstance(exc, SpeechgenError):
        click.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):  # `speechgen … | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    if isinstance(exc, (KeyboardInterrupt, Terminated)):
        from speechgen.core.files import written_files

        done = written_files()
        what = "已终止" if isinstance(exc, Terminated) else "已中断"
        if done:
            click.echo(f"{what}；中断前已写入：{'、'.join(map(str, done))}，其余未写入。", err=True)
        else:
            click.echo(f"{what}，未写入任何文件。", err=True)
        return 143 if isinstance(exc, Terminated) else 130
    click.echo(f"内部错误：{type(exc).__name__}: {exc}（设置 SPEECHGEN_DEBUG=1 查看详情）", err=True)
    return 3


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that temp files are removed on the way out."""


def _terminate(_sig: int, _frame: Any) -> None:
    raise Terminated


class SpeechgenCommand(click.Command):
    """A command whose help and usage errors speak Chinese."""

    context_class = zh.ZhContext


class SpeechgenGroup(click.Group):
    """The command group: every command it runs passes through :func:`report`, so none can forget it.

    Its commands and sub-groups get Chinese help pages and messages (:mod:`speechgen.cli.zh`).
    """

    context_class = zh.ZhContext
    command_class = SpeechgenCommand
    group_class = type  # sub-groups are SpeechgenGroups too

    def invoke(self, ctx: click.Context) -> Any:
        from speechgen.core.files import forget_written

        forget_written()
        old = _on_sigterm(_terminate)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click reports usage errors itself (exit 2)
        except (Exception, KeyboardInterrupt, Terminated) as exc:
            if os.environ.get("SPEECHGEN_DEBUG") and not isinstance(exc, (SpeechgenError, Terminated)):
                raise
            ctx.exit(report(exc))
        finally:
            _on_sigterm(old)


def _on_sigterm(handler: Any) -> Any:
    """Install *handler* for SIGTERM (main thread only); return the previous one."""
    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while ``render`` makes one bounded document.

    A cold process allocates hundreds of thousands of long-lived objects while it imports; the
    collector would walk them again and again (about 6% of a cold render's CPU) to free almost
    nothing.  The previous state is restored on the way out (tests invoke commands in-process);
    what the command allocated is collected later with the oldest generation.
    """
    state = _pause_gc()
    try:
        yield
    finally:
        _resume_gc(state)


def _pause_gc() -> tuple[bool, int]:
    was = gc.isenabled()
    gc.disable()
    return was, gc.get_freeze_count()


def _resume_gc(state: tuple[bool, int]) -> None:
    was, frozen = state
    if was:
        if not frozen:  # hand what was made meanwhile to the oldest generation (two list splices):
            gc.freeze()  # re-enabling would otherwise walk all of it at the next allocation
            gc.unfreeze()
        gc.enable()


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Kept for command modules written before :class:`SpeechgenGroup`; the group is the boundary now."""
    return fn


@click.group(cls=SpeechgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechgen")
def main() -> None:
    """speechgen：根据指标表和工作要点生成会议讲话稿、工作报告初稿。"""
    notices = logging.getLogger("speechgen.notice")
    if not any(isinstance(h, _Notice) for h in notices.handlers):
        notices.addHandler(_Notice())


class _Notice(logging.Handler):
    """Prints the library's notices for the writer ("speechgen.notice": a column not read…) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"提示：{record.getMessage()}", err=True)


def _register() -> None:
    """Import the command modules; each adds its commands to :func:`main`."""
    from speechgen.cli import batch, corpus, export, info, proof, render, serve, word  # noqa: F401


_register()
_resume_gc(_STARTING)
