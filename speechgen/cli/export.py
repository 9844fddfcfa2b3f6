"""`speechgen profiles` (Word layout profiles)."""
from __future__ import annotations

import click

from speechgen.cli import main


@main.command("profiles")
@click.argument("profile", required=False)
@click.option("--yaml", "as_yaml", is_flag=True, help="打印内置版式的 YAML 原文（复制后改成本单位版式）")
def profiles_cmd(profile: str | None, as_yaml: bool) -> None:
    """列出 Word 版式；给出 PROFILE（版式名或 .yaml 文件）则显示其全部样式并检查文件。"""
    from speechgen.exporters.profiles import BUILTIN, builtin_dir, list_profiles, load_profile

    if as_yaml:
        name = (profile or "speech").lower()
        if name not in BUILTIN:
            from speechgen.errors import ExportError

            raise ExportError(f"--yaml 只用于内置版式：{'、'.join(BUILTIN)}")
        click.echo((builtin_dir() / f"{name}.yaml").read_text(encoding="utf-8"), nl=False)
        return
    if profile is None:
        for prof in list_profiles():
            click.echo(prof.summary())
        click.echo("默认：讲话稿用 speech，工作报告（work_report）用 gbt9704。"
                   "自定义：speechgen profiles --yaml speech > 本单位.yaml，修改后用 --profile 本单位.yaml")
        return
    prof = load_profile(profile)
    click.echo(prof.summary())
    for name, style in prof.styles.items():
        pitch = f"固定行距{style.line_pitch:g}磅" if style.line_pitch else "单倍行距"
        extras = "，加粗" if style.bold else ""
        indent = f"，首行缩进{style.indent:g}字" if style.indent else ""
        click.echo(f"  {name}：{style.font}（西文 {style.latin}）{style.size:g}磅{extras}，{_ALIGN[style.align]}"
                   f"{indent}，{pitch}")
    pn = prof.page_number
    click.echo(f"  页码：{pn.font} {pn.size:g}磅，“{pn.dash} 1 {pn.dash}”".replace("“ 1 ”", "“1”"))


_ALIGN = {"left": "左对齐", "center": "居中", "right": "右对齐", "justify": "两端对齐"}
