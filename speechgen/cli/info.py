"""`speechgen init`, `schema`, `templates`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from . import MEETING_TYPES, _guard, main

@main.command()
@click.option("--type", "meeting_type", type=click.Choice(MEETING_TYPES), default="quarterly_analysis", show_default=True)
@_guard
def init(meeting_type: str) -> None:
    """打印一份带注释、可直接使用的起始 spec。"""
    from ..starter import starter_spec

    click.echo(starter_spec(meeting_type), nl=False)


@main.command()
@_guard
def schema() -> None:
    """打印输入 spec 的 JSON Schema（供编辑器自动补全）。"""
    from ..model import Spec

    click.echo(json.dumps(Spec.model_json_schema(by_alias=False), ensure_ascii=False, indent=2))


@main.command("templates")
@click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path))
@_guard
def templates_cmd(templates: tuple[Path, ...]) -> None:
    """列出会议类型及各自使用的模板文件。"""
    from ..compose import search_path, template_name

    dirs = search_path(templates)
    click.echo("模板搜索路径：")
    for d in dirs:
        click.echo(f"  {d}")
    for mtype in MEETING_TYPES:
        name = template_name(mtype)
        where = next((d / name for d in dirs if (d / name).is_file()), None)
        click.echo(f"{mtype:20} {where if where else '（未找到）'}")
