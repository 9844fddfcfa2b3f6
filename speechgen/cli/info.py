"""`speechgen init`, `schema`, `templates` (list) and `templates copy`."""
from __future__ import annotations

import json
from pathlib import Path

import click

from speechgen.cli import MEETING_TYPES, main
from speechgen.cli.options import TYPE_HELP, MeetingTypeChoice

TYPE_NAMES = {
    "quarterly_analysis": "季度/月度经济运行分析会",
    "annual_conference": "年度经济工作会议",
    "dispatch": "调度会/推进会",
    "department": "部门（系统）工作会议",
    "work_report": "工作报告/工作总结",
    "statement": "表态发言",
}


@main.command()
@click.option("--type", "meeting_type", type=MeetingTypeChoice(), help=TYPE_HELP + "；默认 quarterly_analysis")
@click.option("--from", "source", type=click.Path(dir_okay=False, path_type=Path), help="从上一期的 spec 结转")
@click.option("--period", help="与 --from 一起用：新一期的时期（H1、Q3、year、M1-5……）")
@click.option("--year", type=int, help="与 --from 一起用：新一期的年份（默认自动推断）")
def init(meeting_type: str | None, source: Path | None, period: str | None, year: int | None) -> None:
    """打印一份带注释、可直接使用的起始 spec；或用 --from 把上一期的 spec 结转到新一期。"""
    if source is None:
        if period or year:
            raise click.UsageError("--period、--year 需要与 --from 一起使用")
        from speechgen.spec.starter import starter_spec

        click.echo(starter_spec(meeting_type or "quarterly_analysis"), nl=False)
        return
    if not period:
        raise click.UsageError("使用 --from 时请用 --period 指明新一期的时期，如 --period H1")
    if meeting_type:
        raise click.UsageError("--from 沿用上一期的会议类型，不能同时使用 --type")
    from speechgen.spec.carry import carry_forward
    from speechgen.spec.loader import load_spec

    click.echo(carry_forward(load_spec(source), period, year=year), nl=False)


@main.command()
def schema() -> None:
    """打印输入 spec 的 JSON Schema（供编辑器自动补全）。"""
    from speechgen.spec.schema import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


_TEMPLATES_OPT = click.option("--templates", "templates", multiple=True,
                              type=click.Path(file_okay=False, path_type=Path),
                              help="自定义模板目录（优先于内置模板，可重复）")


@main.group("templates", invoke_without_command=True)
@_TEMPLATES_OPT
@click.pass_context
def templates_cmd(ctx: click.Context, templates: tuple[Path, ...]) -> None:
    """列出会议类型、各自使用的模板文件及其来源；子命令 copy 复制一份可编辑的模板。"""
    if ctx.invoked_subcommand is not None:
        return
    from speechgen.compose.engine import search_path, template_files
    from speechgen.core.resources import templates_dir

    builtin = templates_dir()
    click.echo("模板搜索路径（靠前的优先）：")
    for d in search_path(templates):
        click.echo(f"  {d}{'（内置）' if d == builtin else ''}")
    for mtype in MEETING_TYPES:
        files = template_files(mtype, templates)
        main_path = files[0][1]
        click.echo(f"\n{mtype}（{TYPE_NAMES[mtype]}）：{_where(main_path, builtin)}")
        for name, path in files[1:]:
            click.echo(f"  {name:28} {_where(path, builtin)}")


def _where(path: Path | None, builtin: Path) -> str:
    if path is None:
        return "（未找到）"
    return "内置" if builtin in path.parents else str(path)


@templates_cmd.command("copy")
@click.argument("meeting_type", metavar="TYPE", type=MeetingTypeChoice())
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="覆盖目录中已存在的同名文件")
def templates_copy(meeting_type: str, directory: Path, force: bool) -> None:
    """把 TYPE 的内置模板（含它用到的 base.j2 和 blocks/ 区块）复制到 DIR，供修改后用 --templates DIR 使用。"""
    from speechgen.compose.engine import template_files
    from speechgen.errors import ExportError
    from speechgen.core.files import write_atomic

    files = [(name, path) for name, path in template_files(meeting_type) if path is not None]
    targets = [(directory / name, path) for name, path in files]
    clash = [str(t) for t, _ in targets if t.exists()]
    if clash and not force:
        raise ExportError(f"{'、'.join(clash)}：文件已存在，未覆盖（如需覆盖请加 --force）")
    for target, source in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, source.read_bytes(), force=force)
        click.echo(f"已复制 {target}")
    click.echo(f"修改后这样使用：speechgen render 你的.yaml --templates {directory}")
    click.echo("只想改一个区块时，可以只保留 blocks/ 里那个文件，其余删除。")
