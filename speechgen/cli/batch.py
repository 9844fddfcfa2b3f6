"""`speechgen batch`: many drafts at once, with a progress bar and a summary table."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from speechgen.cli import main
from speechgen.cli.options import render_options, settings_from


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output-dir", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出目录（不存在则创建）")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "md", "txt", "json"]), default="docx", show_default=True)
@click.option("--regions", type=click.Path(dir_okay=False, path_type=Path), help="分地区指标表（.xlsx/.xls/.csv），每个地区生成一篇")
@click.option("--by", "by", help="分地区指标表中地区所在的列名（默认自动识别“地区/县区/单位”等表头）")
@click.option("--sheet", help="分地区指标表的工作表名（默认在各工作表中找地区名称成行或成列的表）")
@click.option("-j", "--jobs", type=int, help="并行进程数（默认且最多等于 CPU 核数）")
@click.option("--force-jobs", "force_jobs", is_flag=True, help="允许 -j 超过 CPU 核数")
@click.option("--indicators", "indicators", type=click.Path(dir_okay=False, path_type=Path), help="从 .xlsx/.xls/.csv 指标表读取指标（替换每个 spec 中的 indicators）")
@click.option("--indicators-sheet", "indicators_sheet", help="--indicators 指标表的工作表名称")
@render_options
def batch(specs: tuple[Path, ...], out_dir: Path, fmt: str, regions: Path | None, by: str | None, sheet: str | None,
          jobs: int | None, force_jobs: bool, indicators: Path | None, indicators_sheet: str | None, force: bool,
          **options: Any) -> None:
    """批量生成：每个 SPEC 一篇；或用 --regions 按地区各生成一篇。任何一篇失败不影响其他，最后汇总。"""
    from speechgen.batch import BatchOptions, effective_jobs, plan, run_batch

    if regions is None and (sheet or by):
        raise click.UsageError("--sheet、--by 只用于 --regions 的分地区指标表（--indicators 的工作表用 --indicators-sheet）")
    if regions is not None:
        from speechgen.batch import plan_regions

        if len(specs) != 1:
            raise click.UsageError("使用 --regions 时只能给一个 SPEC（作为各地区共用的会议信息和任务）")
        items = plan_regions(specs[0], regions, out_dir, fmt=fmt, by=by, sheet=sheet,
                             allow_outside=bool(options.get("allow_outside")))
    else:
        items = plan(specs, out_dir, fmt)
    out_dir.mkdir(parents=True, exist_ok=True)  # after the table was read: a bad table leaves no folder behind
    workers = effective_jobs(jobs, force=force_jobs)
    if jobs is not None and workers < jobs:
        click.echo(f"提示：-j {jobs} 超过可用 CPU 核数，按 {workers} 个进程运行（确需更多请加 --force-jobs）。", err=True)
    for item in items:
        if item.note:
            click.echo(f"提示：{item.note}", err=True)
    settings = settings_from(options, indicators=indicators, sheet=indicators_sheet)
    batch_options = BatchOptions(fmt=fmt, force=force, settings=settings)
    with click.progressbar(length=len(items), label="生成中", file=sys.stderr) as bar:
        results = run_batch(items, batch_options, workers=workers, progress=lambda _r: bar.update(1))
    failed = [r for r in results if not r.ok]
    width = max(len(r.name) for r in results)
    for r in results:
        status = f"成功  {r.chars:>6} 字  {r.output}" if r.ok else f"失败  {r.error.splitlines()[0]}"
        click.echo(f"{r.name:<{width}}  {status}")
    click.echo(f"共 {len(results)} 篇：成功 {len(results) - len(failed)} 篇，失败 {len(failed)} 篇。")
    for r in failed:
        click.echo(f"\n[{r.name}] {r.error}", err=True)
    if failed:
        sys.exit(1)
