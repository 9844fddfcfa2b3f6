"""`speechgen check` (the proofreader)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from speechgen.cli import main
from speechgen.cli.options import table_options


@main.command("check")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--spec", "spec", type=click.Path(dir_okay=True, path_type=Path),
              help="对照的 spec（YAML）：核对稿中每个数字是否来自指标表或可由其算出")
@table_options
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出：rule、severity、line、text、message")
@click.option("--strict", is_flag=True, help="有“提醒”也返回非零退出码")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=True, path_type=Path),
              help="补充的提法规则文件（YAML，格式同 corpora/norms.yaml；同 id 覆盖内置规则）")
@click.option("--ignore", "ignore", multiple=True, metavar="RULE", help="跳过某条检查规则（可重复），如 --ignore repetition")
@click.option("--against", "against", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="上期讲话稿（.docx/.md/.txt，可重复）：报告原样照搬其中的句子（规则 reuse）")
@click.option("--annotate", "annotate", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.docx",
              help="把每条结果作为 Word 批注写入原稿的副本 OUT.docx（原稿不变，仅限 .docx）")
@click.option("--force", is_flag=True, help="覆盖已存在的批注稿")
def check(file: Path, spec: Path | None, indicators: Path | None, sheet: str | None, as_json: bool, strict: bool,
          rules_file: Path | None, ignore: tuple[str, ...], against: tuple[Path, ...], annotate: Path | None,
          force: bool) -> None:
    """校对 FILE（.txt/.md/.docx）：占位符、数字、提法、标点、序号、日期等。

    --indicators 给出生成时用的指标表（.xlsx/.xls/.csv，--sheet 指明工作表），与 render 读法相同：
    与 --spec 同用时替换 spec 中的指标；单独使用时只核对稿中指向表内指标的数字。

    有错误时退出码为 1（加 --strict 时有提醒也为 1），无问题为 0，输入有误为 2。
    """
    from speechgen.core.chars import json_visible, visible
    from speechgen.proof.checker import check_file, failed, summary
    from speechgen.proof.rules.base import SEVERITY_CN

    if annotate is not None:
        _check_annotate_target(file, annotate, force)
    from speechgen.api import check_spec

    spec_obj = check_spec(file, spec, indicators=indicators, sheet=sheet)
    findings = check_file(file, spec=spec_obj, rules_file=rules_file, ignore=ignore, against=against,
                          table_only=spec is None and indicators is not None)
    if annotate is not None:
        from speechgen.core.files import write_atomic
        from speechgen.proof.annotate import annotate_findings

        write_atomic(annotate, annotate_findings(file, findings), force=force)
        click.echo(f"已写出批注稿 {annotate}（{len(findings)} 条批注）", err=True)
    if as_json:
        click.echo(json_visible(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)))
    else:
        for f in findings:
            click.echo(visible(f"{file} 第{f.line}行 [{SEVERITY_CN[f.severity]}] {f.rule}：{f.message}"))
            click.echo(visible(f"    原文：{f.text}"))
        click.echo(summary(findings))
    if failed(findings, strict=strict):
        sys.exit(1)


def _check_annotate_target(file: Path, out: Path, force: bool) -> None:
    """Refuse before any work: a non-.docx draft, an output that is the draft itself, an unwritable output."""
    from speechgen.core.files import check_writable
    from speechgen.errors import ExportError, InputError

    if file.suffix.lower() != ".docx":
        raise InputError(f"{file}：--annotate 只能用于 .docx 稿件（批注写在 Word 文件中），请先另存为 .docx")
    if out.suffix.lower() != ".docx":
        raise ExportError(f"{out}：批注稿应为 .docx 文件")
    if out.resolve() == file.resolve():
        raise ExportError(f"{out}：批注稿不能与原稿同名（原稿保持不变），请换一个文件名")
    check_writable(out, force=force)
