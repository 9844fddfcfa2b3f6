"""`speechgen render`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from speechgen.cli import MEETING_TYPES, _guard, main

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
@click.option("--indicators", "indicators", type=click.Path(dir_okay=False, path_type=Path), help="从 .xlsx/.csv 指标表读取指标（替换 spec 中的 indicators）")
@click.option("--sheet", help="指标表的工作表名称（与 --indicators 一起使用）")
@click.option("--table", is_flag=True, help="在文末附主要指标表")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@click.option("--no-check", "no_check", is_flag=True, help="不做自动检查（默认检查生成稿，有错误时拒绝输出）")
@_guard
def render(spec: Path, output: Path | None, fmt: str | None, meeting_type: str | None, seed: int | None,
           variety: str, templates: tuple[Path, ...], phrases: tuple[Path, ...], profile: str | None,
           reference_docx: Path | None, indicators: Path | None, sheet: str | None, table: bool,
           force: bool, no_check: bool) -> None:
    """根据 SPEC（YAML）生成讲话稿初稿。"""
    from speechgen.api import load, render as render_draft, replace_indicators
    from speechgen.errors import InputError
    from speechgen.exporters import export_bytes, format_for_path
    from speechgen.core.files import check_writable, write_atomic

    if sheet and indicators is None:
        raise InputError("--sheet 需要与 --indicators 一起使用")
    fmt = fmt or (format_for_path(str(output)) if output else "md")
    if output is not None:
        check_writable(output, force=force)  # fail before any work
    spec_obj = load(spec)
    if indicators is not None:
        spec_obj = replace_indicators(spec_obj, indicators, sheet=sheet)
    draft = render_draft(spec_obj, seed=seed, variety=variety, meeting_type=meeting_type,
                         templates=templates, phrases=phrases, table=table)
    if not no_check:
        _check(draft, spec_obj)  # raises CheckFailed (exit 1) before anything is written
    options: dict[str, Any] = {}
    if fmt == "docx":
        options = {k: v for k, v in {"profile": profile, "reference_docx": reference_docx}.items() if v}
    data = export_bytes(draft, fmt, **options)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data, force=force)
        click.echo(f"已生成 {output}（{draft.char_count()} 字）", err=True)


def _check(draft: Any, spec: Any) -> None:
    from speechgen.proof.checker import ensure_clean

    warnings = ensure_clean(draft, spec=spec)
    if warnings:
        click.echo(f"提示：自动检查发现 {len(warnings)} 处提醒（不影响输出），"
                   "可将结果存为文件后运行 speechgen check 查看。", err=True)
