"""Command line: a thin click layer over the library.

This is the one error boundary: every :class:`SpeechgenError` becomes a Chinese
message on stderr and its exit code (2 for bad input); nothing else prints a
traceback unless ``SPEECHGEN_DEBUG=1``.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

import click

from speechgen import __version__
from speechgen.errors import SpeechgenError

from speechgen.cli.options import MEETING_TYPES  # noqa: E402  (re-exported for command modules)


def report(exc: BaseException) -> int:
    """Print *exc* as the user should see it and return the exit code (the one error boundary)."""
    if isinstance(exc, SpeechgenError):
        click.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):  # `speechgen … | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    if isinstance(exc, KeyboardInterrupt):
        click.echo("已中断。", err=True)
        return 130
    click.echo(f"内部错误：{type(exc).__name__}: {exc}（设置 SPEECHGEN_DEBUG=1 查看详情）", err=True)
    return 3


class SpeechgenGroup(click.Group):
    """The command group: every command it runs passes through :func:`report`, so none can forget it."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click reports usage errors itself (exit 2)
        except (Exception, KeyboardInterrupt) as exc:
            if os.environ.get("SPEECHGEN_DEBUG") and not isinstance(exc, SpeechgenError):
                raise
            ctx.exit(report(exc))


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Kept for command modules written before :class:`SpeechgenGroup`; the group is the boundary now."""
    return fn


@click.group(cls=SpeechgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechgen")
def main() -> None:
    """speechgen：根据指标表和工作要点生成会议讲话稿、工作报告初稿。"""


def _register() -> None:
    """Import the command modules; each adds its commands to :func:`main`."""
    from speechgen.cli import batch, corpus, export, info, proof, render, serve  # noqa: F401


_register()
