"""Command line: a thin click layer over the library.

This is the one error boundary: every :class:`SpeechgenError` becomes a Chinese
message on stderr and its exit code (2 for bad input); nothing else prints a
traceback unless ``SPEECHGEN_DEBUG=1``.
"""
from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable

import click

from speechgen import __version__
from speechgen.errors import SpeechgenError

MEETING_TYPES = ("quarterly_analysis", "annual_conference", "dispatch", "department", "work_report", "statement")


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SpeechgenError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click reports usage errors itself (exit 2)
        except BrokenPipeError:  # `speechgen … | head`: the reader left; stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except KeyboardInterrupt:
            click.echo("已中断，未写入任何文件。", err=True)
            sys.exit(130)
        except Exception as exc:  # last resort: never a bare traceback for users
            if os.environ.get("SPEECHGEN_DEBUG"):
                raise
            click.echo(f"内部错误：{type(exc).__name__}: {exc}（设置 SPEECHGEN_DEBUG=1 查看详情）", err=True)
            sys.exit(3)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechgen")
def main() -> None:
    """speechgen：根据指标表和工作要点生成会议讲话稿、工作报告初稿。"""




def _register() -> None:
    """Import the command modules; each adds its commands to :func:`main`."""
    from speechgen.cli import batch, corpus, export, info, proof, render  # noqa: F401


_register()
