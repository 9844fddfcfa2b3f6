"""`speechgen check` (the proofreader)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from speechgen.cli import main


@main.command("check")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--spec", "spec", type=click.Path(dir_okay=True, path_type=Path),
              help="对照的 spec（YAML）：核对稿中每个数字是否来自指标表或可由其算出")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出：rule、severity、line、text、message")
@click.option("--strict", is_flag=True, help="有“提醒”也返回非零退出码")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=True, path_type=Path),
              help="补充的提法规则文件（YAML，格式同 corpora/norms.yaml；同 id 覆盖内置规则）")
@click.option("--ignore", "ignore", multiple=True, metavar="RULE", help="跳过某条检查规则（可重复），如 --ignore repetition")
def check(file: Path, spec: Path | None, as_json: bool, strict: bool, rules_file: Path | None,
          ignore: tuple[str, ...]) -> None:
    """校对 FILE（.txt/.md/.docx）：占位符、数字、提法、标点、序号、日期等。

    有错误时退出码为 1（加 --strict 时有提醒也为 1），无问题为 0，输入有误为 2。
    """
    from speechgen.core.chars import json_visible, visible
    from speechgen.proof.checker import check_file, failed, summary
    from speechgen.proof.rules.base import SEVERITY_CN

    findings = check_file(file, spec=spec, rules_file=rules_file, ignore=ignore)
    if as_json:
        click.echo(json_visible(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)))
    else:
        for f in findings:
            click.echo(visible(f"{file} 第{f.line}行 [{SEVERITY_CN[f.severity]}] {f.rule}：{f.message}"))
            click.echo(visible(f"    原文：{f.text}"))
        click.echo(summary(findings))
    if failed(findings, strict=strict):
        sys.exit(1)
