"""`speechgen render`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from speechgen.cli import gc_paused, main
from speechgen.cli.options import render_options, settings_from, table_options


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="输出文件（.docx/.pdf/.md/.txt/.json；.pdf 需安装 LibreOffice）；省略则把 Markdown 打印到屏幕")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "md", "txt", "json"]), help="输出格式（默认按扩展名）")
@table_options
@render_options
def render(spec: Path, output: Path | None, fmt: str | None, indicators: Path | None, sheet: str | None,
           force: bool, **options: Any) -> None:
    """根据 SPEC（YAML）生成讲话稿初稿。"""
    with gc_paused():
        _render(spec, output, fmt, indicators, sheet, force, options)


def _render(spec: Path, output: Path | None, fmt: str | None, indicators: Path | None, sheet: str | None,
            force: bool, options: dict[str, Any]) -> None:
    from speechgen.api import build
    from speechgen.core.files import check_writable, write_atomic
    from speechgen.exporters import format_for_path

    settings = settings_from(options, indicators=indicators, sheet=sheet)
    asked = format_for_path(str(output)) if output else "md"  # refuses .pdf/.doc… even with --format
    fmt = fmt or asked
    if output is not None:
        check_writable(output, force=force)  # fail before any work
    if fmt == "pdf" and output is None:
        raise click.UsageError("输出 PDF 时请用 -o 给出文件名")
    # PDF: the .docx first (checked as usual), then LibreOffice; pages and fonts are reported
    product = build(spec, settings, "docx" if fmt == "pdf" else fmt)  # CheckFailed (exit 1) before any write
    pdf_note = ""
    if fmt == "pdf":
        from speechgen.exporters.pdf import docx_to_pdf

        pdf = docx_to_pdf(product.data)
        product.data = pdf.data
        pdf_note = f"，PDF 共 {pdf.pages} 页" + (f"，所用字体：{'、'.join(pdf.fonts)}" if pdf.fonts else "")
    for note in product.draft.warnings:
        click.echo(note, err=True)
    if product.warnings:
        click.echo(f"提示：自动检查发现 {len(product.warnings)} 处提醒（不影响输出），"
                   "可将结果存为文件后运行 speechgen check 查看。", err=True)
    if output is None:
        click.echo(product.data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, product.data, force=force)
        if settings.reference_docx is not None and fmt in ("docx", "pdf"):
            from speechgen.exporters.docx.reference import read_reference

            ref = read_reference(settings.reference_docx)
            click.echo(f"单位模板 {settings.reference_docx}：{ref.describe()}", err=True)
        click.echo(f"已生成 {output}（{product.draft.char_count()} 字{pdf_note}）", err=True)
