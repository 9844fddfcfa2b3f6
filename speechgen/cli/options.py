"""The rendering options shared by ``render`` and ``batch`` (and the settings they build), so they never drift."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

from speechgen.settings import RenderSettings

MEETING_TYPES = ("quarterly_analysis", "annual_conference", "dispatch", "department", "work_report", "statement")



class MeetingTypeChoice(click.Choice):
    """A meeting type, by its English id or any Chinese name the spec accepts (调度会, 工作报告…)."""

    def __init__(self) -> None:
        super().__init__(MEETING_TYPES)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:  # type: ignore[override]
        return "类型"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if value in MEETING_TYPES:
            return str(value)
        from speechgen.spec.model import MEETING_TYPE_NAMES  # pydantic loads only when a Chinese name is given

        text = str(value).strip()
        if text in MEETING_TYPE_NAMES:
            return MEETING_TYPE_NAMES[text].value
        names = "、".join([*MEETING_TYPES, *MEETING_TYPE_NAMES])
        self.fail(f"未知的会议类型 {text!r}，可用：{names}", param, ctx)


TYPE_HELP = ("会议类型：quarterly_analysis 经济运行分析会、annual_conference 经济工作会议、dispatch 调度会/推进会、"
             "department 部门工作会议、work_report 工作报告、statement 表态发言（英文或中文均可）")

_OPTIONS: list[Callable[[Any], Any]] = [
    click.option("--type", "meeting_type", type=MeetingTypeChoice(), help="覆盖 spec 中的" + TYPE_HELP),
    click.option("--seed", type=int, help="随机种子：同一输入和种子得到完全相同的文本"),
    click.option("--variety", type=click.Choice(["low", "normal", "high"]), default="normal", show_default=True,
                 help="措辞变化程度"),
    click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path),
                 help="自定义模板目录（优先于内置模板，可重复）"),
    click.option("--phrases", "phrases", multiple=True, type=click.Path(path_type=Path),
                 help="自定义短语库文件或目录（合并到内置短语库，可重复）"),
    click.option("--profile", help="Word 版式：gbt9704、speech、podium 或版式文件"),
    click.option("--reference-docx", type=click.Path(dir_okay=False, path_type=Path),
                 help="从单位模板 .docx 取页面设置和样式"),
    click.option("--table", is_flag=True, help="在文末附主要指标表"),
    click.option("--explain", is_flag=True, help="Word 稿中给每个计算得出的数字加批注，写明算式和来源"),
    click.option("--standard-requirements", "standard_requirements", is_flag=True,
                 help="spec 没有填写要求时，写一段简短的通用要求（调度会不写）"),
    click.option("--placeholders", is_flag=True, help="缺少材料的部分（如形势）留出【待补】段落，而不是略去"),
    click.option("--avoid", "avoid", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                 help="上期讲话稿（.docx/.md/.txt，可重复）：生成时避开其中用过的句子和套话"),
    click.option("--force", is_flag=True, help="覆盖已存在的输出文件"),
    click.option("--allow-outside", "allow_outside", is_flag=True,
                 help="允许 spec 引用其所在目录以外的文件（默认不允许，防止不可信的 spec 读取本机文件）"),
    click.option("--no-check", "no_check", is_flag=True, help="不做自动检查（默认检查生成稿，有错误时拒绝输出）"),
]
SETTING_NAMES = ("meeting_type", "seed", "variety", "templates", "phrases", "profile", "reference_docx", "table",
                 "explain", "standard_requirements", "placeholders", "avoid", "allow_outside")


def table_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--indicators FILE`` and ``--sheet NAME``: the indicator table of ``render`` and ``check``
    (one option, one loader: :func:`speechgen.api.replace_indicators`)."""
    fn = click.option("--sheet", help="指标表的工作表名称（与 --indicators 一起使用）")(fn)
    return click.option("--indicators", "indicators", type=click.Path(dir_okay=False, path_type=Path),
                        help="从 .xlsx/.xls/.csv 指标表读取指标（替换 spec 中的 indicators）")(fn)


def render_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add every shared rendering option to a command."""
    for option in reversed(_OPTIONS):
        fn = option(fn)
    return fn


def settings_from(kwargs: dict[str, Any], **more: Any) -> RenderSettings:
    """Pop the shared options out of a command's *kwargs* into one :class:`RenderSettings`."""
    values = {name: kwargs.pop(name) for name in SETTING_NAMES}
    return RenderSettings.make(check=not kwargs.pop("no_check"), **values, **more)
