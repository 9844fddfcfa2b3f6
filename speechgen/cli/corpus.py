"""`speechgen outline` and `speechgen phrases …` (corpus tools)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from speechgen.cli import main
from speechgen.errors import InputError

ROLE_NAMES = {"achievements": "成绩", "situation": "形势", "problems": "问题", "tasks": "部署",
              "requirements": "要求", "other": "其他"}
PROGRESS_BYTES = 2_000_000  # draw a progress bar when the corpus is larger than this


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：title、opening、closing、headings（level、marker、text、role、line）")
@click.option("--spec", "as_spec", is_flag=True, help="输出 spec 初稿（YAML）：会议信息、成绩、问题、任务、要求，可直接 render")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入文件；省略则打印到屏幕")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def outline(file: Path, as_json: bool, as_spec: bool, output: Path | None, force: bool) -> None:
    """分析已有讲话稿 FILE（.txt/.md/.docx）的结构：标题、开头、各级标题及其作用、结尾。"""
    from speechgen.core.files import check_writable, write_atomic
    from speechgen.outline.parse import outline_file

    if as_json and as_spec:
        raise InputError("--json 与 --spec 只能选一个")
    if output is not None:
        check_writable(output, force=force)
    result = outline_file(file)
    if not result.draft.blocks and not result.draft.title:
        raise InputError(f"{file}：文件中没有可分析的文字")
    if as_json:
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif as_spec:
        from speechgen.outline.to_spec import spec_yaml

        text = spec_yaml(result)
    else:
        text = _tree(result)
    if output is None:
        from speechgen.core.chars import json_visible, visible

        click.echo(json_visible(text) if as_json else visible(text), nl=False)
    else:
        write_atomic(output, text.encode("utf-8"), force=force)
        click.echo(f"已写入 {output}（{len(result.draft.headings())} 个标题）", err=True)


def _tree(result: Any) -> str:
    d = result.to_dict()
    lines = [f"标题：{d['title'] or '（未识别）'}"]
    lines += [f"      {s}" for s in d["subtitle"]]
    lines.append(f"开头：{'有' if d['opening'] else '无'}")
    for h in d["headings"]:
        indent = "  " * (h["level"] - 1)
        role = ROLE_NAMES.get(h["role"], h["role"])
        lines.append(f"{indent}{h['marker']}{h['text']}  〔{role}·第{h['level']}级·第{h['line']}行〕")
    if not d["headings"]:
        lines.append("（未识别到标题）")
    lines.append(f"结尾：{'有' if d['closing'] else '无'}")
    return "\n".join(lines) + "\n"


@main.group()
def phrases() -> None:
    """短语库工具：从本单位历年讲话稿中挖掘常用表达。"""


@phrases.command("mine")
@click.argument("corpus", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="短语库文件（.yaml）；省略则打印到屏幕")
@click.option("--min-freq", type=click.IntRange(min=1), default=2, show_default=True, help="至少出现的次数")
@click.option("--min-docs", type=click.IntRange(min=1), default=2, show_default=True, help="至少出现的篇数（不超过语料篇数）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def mine_cmd(corpus: tuple[Path, ...], output: Path | None, min_freq: int, min_docs: int, force: bool) -> None:
    """从历年讲话稿 CORPUS（文件或目录，.txt/.md/.docx）挖掘本单位常用表达，生成短语库。

    挖掘四字格、排比短语、标题句式、过渡语、引入语和常用短句，附出现次数和篇数；
    生成的文件可直接用于 render --phrases。
    """
    from speechgen.core.files import check_writable, write_atomic
    from speechgen.mining.miner import bank_yaml, corpus_files, mine

    if not corpus:
        raise InputError("请给出讲话稿文件或目录，例如：speechgen phrases mine 历年讲话/ -o 本单位短语.yaml")
    if output is not None:
        check_writable(output, force=force)
    files = corpus_files(corpus)
    total = sum(f.stat().st_size for f in files)
    if total > PROGRESS_BYTES or len(files) > 50:
        click.echo("正在加载分词词典……", err=True)
        with click.progressbar(length=total, label="正在分析讲话稿", file=sys.stderr) as bar:
            state = {"done": 0}

            def advance(done: int, _total: int) -> None:
                bar.update(done - state["done"])
                state["done"] = done

            result = mine(files, min_freq=min_freq, min_docs=min_docs, progress=advance)
    else:
        result = mine(files, min_freq=min_freq, min_docs=min_docs)
    for message in result.skipped:
        click.echo(f"已跳过：{message}", err=True)
    text = bank_yaml(result)
    count = sum(len(v) for v in result.categories.values())
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"), force=force)
    if result.min_docs < min_docs:
        click.echo(f"注意：语料只有 {result.documents} 篇，--min-docs 按 {result.min_docs} 计", err=True)
    click.echo(f"从 {result.documents} 篇讲话稿中挖掘出 {count} 条表达" + (f"，已写入 {output}" if output else ""), err=True)
