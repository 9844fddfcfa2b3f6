"""Command line: a thin click layer over the library.

This is the one error boundary: every :class:`SpeechgenError` becomes a Chinese
message on stderr and its exit code (2 for bad input); nothing else prints a
traceback unless ``SPEECHGEN_DEBUG=1``.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .errors import SpeechgenError

MEETING_TYPES = ("quarterly_analysis", "annual_conference", "dispatch", "department", "work_report", "statement")


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SpeechgenError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(exc.exit_code)
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


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), help="输出文件（.docx/.md/.txt/.json）；省略则把 Markdown 打印到屏幕")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt", "json"]), help="输出格式（默认按扩展名）")
@click.option("--type", "meeting_type", type=click.Choice(MEETING_TYPES), help="覆盖 spec 中的会议类型")
@click.option("--seed", type=int, help="随机种子：同一输入和种子得到完全相同的文本")
@click.option("--variety", type=click.Choice(["low", "normal", "high"]), default="normal", show_default=True, help="措辞变化程度")
@click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path), help="自定义模板目录（优先于内置模板，可重复）")
@click.option("--phrases", "phrases", multiple=True, type=click.Path(path_type=Path), help="自定义短语库文件或目录（合并到内置短语库，可重复）")
@click.option("--profile", help="Word 版式：gbt9704、speech、podium 或版式文件")
@click.option("--reference-docx", type=click.Path(dir_okay=False, path_type=Path), help="从单位模板 .docx 取页面设置和样式")
@click.option("--table", is_flag=True, help="在文末附主要指标表")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@_guard
def render(spec: Path, output: Path | None, fmt: str | None, meeting_type: str | None, seed: int | None,
           variety: str, templates: tuple[Path, ...], phrases: tuple[Path, ...], profile: str | None,
           reference_docx: Path | None, table: bool, force: bool) -> None:
    """根据 SPEC（YAML）生成讲话稿初稿。"""
    from .api import render as render_draft
    from .exporters import export_bytes, format_for_path
    from .fsutil import check_writable, write_atomic

    fmt = fmt or (format_for_path(str(output)) if output else "md")
    if output is not None:
        check_writable(output, force=force)  # fail before any work
    draft = render_draft(spec, seed=seed, variety=variety, meeting_type=meeting_type,
                         templates=templates, phrases=phrases, table=table)
    options: dict[str, Any] = {}
    if fmt == "docx":
        options = {k: v for k, v in {"profile": profile, "reference_docx": reference_docx}.items() if v}
    data = export_bytes(draft, fmt, **options)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data, force=force)
        click.echo(f"已生成 {output}（{draft.char_count()} 字）", err=True)


@main.command()
@click.option("--type", "meeting_type", type=click.Choice(MEETING_TYPES), default="quarterly_analysis", show_default=True)
@_guard
def init(meeting_type: str) -> None:
    """打印一份带注释、可直接使用的起始 spec。"""
    from .starter import starter_spec

    click.echo(starter_spec(meeting_type), nl=False)


@main.command()
@_guard
def schema() -> None:
    """打印输入 spec 的 JSON Schema（供编辑器自动补全）。"""
    from .model import Spec

    click.echo(json.dumps(Spec.model_json_schema(by_alias=False), ensure_ascii=False, indent=2))


@main.command("templates")
@click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path))
@_guard
def templates_cmd(templates: tuple[Path, ...]) -> None:
    """列出会议类型及各自使用的模板文件。"""
    from .compose import search_path, template_name

    dirs = search_path(templates)
    click.echo("模板搜索路径：")
    for d in dirs:
        click.echo(f"  {d}")
    for mtype in MEETING_TYPES:
        name = template_name(mtype)
        where = next((d / name for d in dirs if (d / name).is_file()), None)
        click.echo(f"{mtype:20} {where if where else '（未找到）'}")
