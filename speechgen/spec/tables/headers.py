"""Column headers of 统计局-style indicator tables → spec fields.

A header is normalised first (spaces removed, full-width brackets and % made
half-width, a unit in brackets such as "（亿元）" remembered and dropped), then
matched against :data:`HEADER_PATTERNS` in order; the first pattern that
matches wins.  Users extend or override the mapping with ``columns``
(header text → field name, English or Chinese: ``{"1-3月累计": value,
"省排名": 排位}``), which is consulted before the patterns.

Two-row headers (a merged parent cell such as "全省" over "增速（%）" and
"排位") are joined parent + child before matching, so "全省增速(%)" and
"全省排位" are found.  The header row may sit below title rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from speechgen.spec.model import CHINESE_KEYS, Indicator
from speechgen.spec.tables.grid import Cell, Grid

#: (regular expression on the normalised header, field) — first match wins.
HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^(主要)?(指标|指标名称|名称|项目|指标项目|项目名称)$", "name"),
    (r"^(计量)?单位$", "unit"),
    (r"^(归属|放在|部分|所属部分)$", "part"),
    (r"^(数据|统计|指标)?(时期|期别|期间)$|^数据期$", "period"),
    (r"^(是否)?预计(数|值)?$|^(数据)?(性质|状态)$|^实际/预计$", "estimate"),
    (r"^(上期|对比|比较)(时期|期别)$", "prev_period"),
    (r"^(增速)?口径$|^比较基准$", "basis"),
    (r"^阶段目标(增速)?%?$", "stage_target"),
    (r"^(所属指标|上级指标|父指标|所属)$", "parent"),
    (r"^(占比|比重|拉动|贡献率)?(对象|总体|基数)$", "of"),
    (r"^(是否)?(计入)?主要指标(\?|？)?$|^是否主要$|^主要指标标识$", "headline"),
    (r"(原因|成因|变动说明|增减说明)", "cause"),
    (r"拉动", "pull"),
    (r"贡献", "contribution"),
    (r"(占比|比重|占.{0,8}的?%$)", "share"),
    (r"两年平均", "two_year_avg"),
    (r"当月.*(增|%)|^\d{1,2}月份?(增速|增长)", "month_growth"),
    (r"^(个数|数量|个数\(个\)|家数|户数)$", "count"),
    (r"^(总数|总个数|总家数|总户数|样本数|监测数)$", "count_of"),
    (r"^上(期|月|季度?|一期).*(排位|排名|位次|名次)", "prev_rank"),
    (r"^上(期|月|季度?|一期).*(增速|增长|增幅|同比|%)", "prev_growth"),
    (r"(目标|计划|预期).*(增速|增长|增幅|%)", "target_growth"),
    (r"^(年度|全年|年)?(目标|计划|任务)(值|数|任务|总量)?$|(年度|全年)(目标|计划|任务)", "annual_target"),
    (r"(参评|参与排[位名序]|排[位名]总数|地区数|参比)", "rank_total"),
    (r"(排位|排名|位次|名次|排序)", "rank"),
    (r"^(全[省市国区县州盟]|上级|省|市|州).*(增速|增长|增幅|同比|%)|^全[省市国区县州盟]$|^上级$", "superior_growth"),
    (r"(同比|增速|增长|增幅|增减|±|%$)", "growth"),
    (r"(本期|累计|本年|本月|完成|绝对[值额数]|总量|数值|金额|实绩|\d+月|季度|上半年|^值$)", "value"),
)

REGION_HEADER = r"^(地区|县|县区|县市区|区县|县\(市、?区\)|县市|市县|单位|地方|区域|市州|乡镇|乡镇街道|街道)(名称)?$"

PERCENT_FIELDS = frozenset({"growth", "superior_growth", "prev_growth", "target_growth", "contribution", "share",
                            "two_year_avg", "month_growth"})
INT_FIELDS = frozenset({"rank", "rank_total", "prev_rank", "count", "count_of"})
TEXT_FIELDS = frozenset({"name", "unit", "part", "period", "prev_period", "basis", "estimate", "parent", "of", "cause",
                         "headline"})

_UNIT = re.compile(r"\(([^()%]*[^\d()%\s][^()%]*)\)")
_TRANS = str.maketrans({"（": "(", "）": ")", "％": "%", "【": "(", "】": ")", "［": "(", "］": ")"})


def normalise(header: str) -> tuple[str, str]:
    """'1-3月累计 （亿元）' → ('1-3月累计', '亿元'); '同比增长(%)' → ('同比增长%', '')."""
    text = re.sub(r"[\s\u3000]+", "", str(header)).translate(_TRANS).replace("—", "-").replace("－", "-")
    unit = ""
    m = _UNIT.search(text)
    if m and not re.search(r"[增速长幅比排位名]", m.group(1)):
        unit = m.group(1)
        text = text[: m.start()] + text[m.end():]
    text = text.replace("(%)", "%").replace("(", "").replace(")", "")
    return text, unit


def field_for(header: str, columns: dict[str, str]) -> str | None:
    """The spec field a header names (user ``columns`` first), or None."""
    text, _ = normalise(header)
    if not text:
        return None
    for key, fname in columns.items():
        if normalise(key)[0] == text:
            return fname
    for pattern, fname in HEADER_PATTERNS:
        if re.search(pattern, text):
            return fname
    return None


def resolve_field(name: str) -> str | None:
    """'排位' / 'rank' → 'rank'; 'region' / '地区' → 'region'; unknown → None."""
    if name in Indicator.model_fields or name == "region":
        return name
    if name in ("地区", "县区", "region"):
        return "region"
    for fname, aliases in CHINESE_KEYS.items():
        if name in aliases and fname in Indicator.model_fields:
            return fname
    return None


@dataclass
class Header:
    row: int  # index in grid.rows of the last header row
    fields: dict[int, str]  # column (1-based) → field
    titles: dict[int, str]  # column → header text as shown (for messages)
    units: dict[int, str] = field(default_factory=dict)  # column → unit found in the header

    def column(self, fname: str) -> int | None:
        return next((c for c, f in self.fields.items() if f == fname), None)


def _texts(row: list[Cell]) -> dict[int, str]:
    return {c.col: c.text for c in row if c.text}


def _map(texts: dict[int, str], columns: dict[str, str], key_field: str) -> Header | None:
    fields: dict[int, str] = {}
    units: dict[int, str] = {}
    for col, text in sorted(texts.items()):
        is_region = key_field == "region" and re.search(REGION_HEADER, normalise(text)[0])
        # "单位" is the reporting unit only when no other column names the regions
        if is_region and normalise(text)[0] == "单位" and any(
                re.search(REGION_HEADER, normalise(t)[0]) and normalise(t)[0] != "单位" for t in texts.values()):
            is_region = None
        fname = "region" if is_region else None
        fname = fname or field_for(text, columns)
        if fname is None or fname in fields.values():
            continue
        fields[col] = fname
        if normalise(text)[1]:
            units[col] = normalise(text)[1]
    if key_field not in fields.values() or len(fields) < 2:
        return None
    return Header(-1, fields, dict(texts), units)


def joined_header(parent: list[Cell], child: list[Cell]) -> dict[int, str]:
    """Parent texts carried right over merged (blank) cells, joined with the child texts."""
    top = _texts(parent)
    bottom = _texts(child)
    out: dict[int, str] = {}
    carry = ""
    for col in sorted(set(top) | set(bottom)):
        if col in top:
            carry = top[col]
        text = top.get(col, carry if col in bottom else "")
        if col in bottom and bottom[col] != text:
            text = (text if col not in top or top[col] != bottom[col] else "") + bottom[col]
        out[col] = text
    return out


def find_header(grid: Grid, columns: dict[str, str], *, key_field: str = "name", scan: int = 20) -> Header | None:
    """The first row (of the first *scan*) that names *key_field* and another field;
    a second header row under it is joined when that maps more columns."""
    for i, row in enumerate(grid.rows[:scan]):
        single = _map(_texts(row), columns, key_field)
        if single is None:
            continue
        single.row = i
        if i + 1 < len(grid.rows):
            double = _map(joined_header(row, grid.rows[i + 1]), columns, key_field)
            if double is not None and len(double.fields) > len(single.fields) and is_header_row(grid.rows[i + 1]):
                double.row = i + 1
                return double
        return single
    return None


def is_header_row(row: list[Cell]) -> bool:
    """A second header row holds text labels only (no figures)."""
    texts = [c for c in row if c.text]
    return bool(texts) and all(isinstance(c.value, str) and not re.fullmatch(r"[\d.,%+-]+", c.text) for c in texts)
