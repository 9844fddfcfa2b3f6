"""`speechgen redline`: what changed between two versions, as tracked changes in Word."""
from __future__ import annotations

from pathlib import Path

import click

from speechgen.cli import main


@main.command("redline")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出的修订稿（.docx）")
@click.option("--author", default="speechgen", show_default=True, help="修订者（Word 中显示的作者）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def redline(old: Path, new: Path, output: Path, author: str, force: bool) -> None:
    """以 OLD（.docx）为底稿，把 NEW（.docx/.txt/.md）的文字写成修订（插入/删除）。

    先按句、再按词比较；在 Word 或 WPS 中“接受全部修订”即得新稿，“拒绝全部修订”即回到旧稿。
    底稿的样式、页面设置、页眉页脚和原有格式保持不变。
    """
    from speechgen.api import redline_files
    from speechgen.core.files import check_writable, write_atomic

    check_writable(output, force=force)
    data, changes = redline_files(old, new, author=author)
    write_atomic(output, data, force=force)
    click.echo(f"已生成修订稿 {output}（{changes} 处修订）", err=True)
