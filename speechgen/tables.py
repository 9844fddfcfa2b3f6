"""Indicator tables from .xlsx/.csv files (implemented by the narration work)."""
from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model import Indicator, Spec


def read_indicator_file(
    path: Path, *, sheet: str | None = None, columns: dict[str, str] | None = None, origin: str = ""
) -> list[Indicator]:
    raise InputError(f"{origin}：暂不支持从表格文件 {path.name} 读取指标")


def indicator_table(spec: Spec) -> "Table":
    """The appendix table of the indicators (a 三线表 in Word)."""
    from .document import Table
    from .numbers import fmt_number

    sup = spec.meeting.superior
    header = ["指标", "单位", "本期值", "同比增长（%）", f"{sup}增速（%）", f"{sup}排位"]
    rows = []
    for ind in spec.indicator_rows:
        cells = [ind.name, ind.unit or "—"]
        for v in (ind.value, ind.growth, ind.superior_growth):
            cells.append(fmt_number(v) if v is not None else "—")
        cells.append(str(ind.rank) if ind.rank is not None else "—")
        rows.append(cells)
    period = spec.meeting.period_info.label
    return Table(caption=f"附表：{spec.meeting.year}年{period}主要经济指标", header=header, rows=rows,
                 align=["left", "left", "right", "right", "right", "right"])
