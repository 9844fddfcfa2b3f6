"""Fixtures for the Word exporter tests: a representative Draft, and an exported
file reopened as XML parts (helpers in ooxml_helpers.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
from ooxml_helpers import Exported, read_parts


@pytest.fixture
def draft():
    """A speech Draft with every kind of block the exporter handles."""
    from speechgen.document import Draft, Heading, Paragraph, Run, Table

    blocks = [
        Paragraph([Run("同志们：")], kind="salutation"),
        Paragraph([Run("今天召开会议，主要任务是分析形势、部署工作。“十五五”开局之年——任务艰巨……")]),
        Heading(1, "客观看待当前形势"),
        Paragraph([Run("全市地区生产总值完成512.3亿元，同比增长5.8%。")]),
        Heading(2, "项目建设提速增效。", body=[Run("新开工项目46个，完成投资73.2亿元。")]),
        Heading(2, "独立的二级标题"),
        Heading(3, "抓项目。", body=[Run("实行周调度。")]),
        Heading(4, "四级标题"),
        Paragraph([Run("一要压实责任。", bold=True), Run("各部门要亲自抓、负总责。")]),
        Paragraph([Run("同志们，任务艰巨，希望大家真抓实干！")], kind="closing"),
        Table(caption="附表：主要指标", header=["指标", "单位", "本期值", "同比增长（%）"],
              rows=[["地区生产总值", "亿元", "512.3", "5.8"], ["一般公共预算收入", "亿元", "38.62", "-2.3"],
                    ["规上工业增加值", "—", "—", "4.1"]],
              align=["left", "left", "right", "right"]),
    ]
    meta = {"type": "quarterly_analysis", "meeting": "全市一季度经济运行分析会", "speaker": "市长张明",
            "office": "市政府办公室", "date": "2025-04-18", "period": "一季度"}
    d = Draft(title="在全市一季度经济运行分析会上的讲话", subtitle=["市长　张明", "（2025年4月18日）"],
              blocks=blocks, meta=meta)
    return d.number()


@pytest.fixture
def export(tmp_path: Path) -> Callable[..., Exported]:
    """export(draft, **options) → the .docx written to tmp_path and reopened."""
    from speechgen.exporters import export_bytes

    counter = iter(range(1000))

    def run(d: Any, **options: Any) -> Exported:
        path = tmp_path / f"out{next(counter)}.docx"
        path.write_bytes(export_bytes(d, "docx", **options))
        return Exported(path, read_parts(path))

    return run
