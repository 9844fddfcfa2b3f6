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
from speechgen.spec.tables.periodcols import IGNORED_FIELDS, When, resolve

#: (regular expression on the normalised header, field) — first match wins.
HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^(主要)?(指标|指标名称|名称|项目|指标项目|项目名称)$", "name"),
    (r"^(计量)?单位$", "unit"),
    (r"^(序号|编号|行次|栏次)$", "serial"),
    # 完成预算(%)、完成年度目标(%)、完成率: progress towards a target, never growth nor the target itself
    (r"^完成.*(预算|目标|计划|任务).*%$|完成(率|进度|比例|比率|程度)|进度|^完成%$|(预算|目标|计划|任务)完成%"
     r"|^(占|为)(年度|全年|年初|调整)?(预算|目标|计划|任务)", "progress"),
    (r"环比|^(比|较)上(月|期|季度?)", "mom"),  # 比上月±: month on month, not the year-on-year growth
    (r"(增减|增加|增长|减少|变动)(额|量)$|(增减|增长)(值|数)$|^增量$", "change"),  # 同比增减额: an amount, not a rate
    (r"^(上年|去年)同期?.*(增速|增长|增幅|%)", "prev_year_growth"),
    (r"^(上年|去年|上年同期|去年同期|上年度)(累计|完成|实绩|总量|金额)?(值|数)?$", "prev_value"),
    (r"^(年初|年度|全年|调整)?预算(数|额|值)?$", "annual_target"),
    (r"^(归属|放在|部分|所属部分)$", "part"),
    (r"^(数据|统计|指标)?(时期|期别|期间)$|^数据期$", "period"),
    (r"^(是否)?预计(数|值)?$|^(数据)?(性质|状态)$|^实际/预计$", "estimate"),
    (r"预计|预测", "forecast"),  # 全年预计增长(%): a forecast, not this period's figure
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
    (r"(同比|增速|增长|增幅|增减|±)", "growth"),
    (r"(本期|累计|本年|本月|当月|完成|绝对[值额数]|总量|数值|金额|实绩|执行[数额]|\d+月|季度|上半年|^值$)", "value"),
    (r"^\d{4}年度?$", "value"),  # 2024年: the year's figure
)
#: matches weaker than any of :data:`HEADER_PATTERNS`: a column they name gives way to a column a pattern names
WEAK_PATTERNS: tuple[tuple[str, str], ...] = ((r"%$", "growth"),)

REGION_HEADER = r"^(地区|县|县区|县市区|区县|县\(市、?区\)|县市|市县|单位|地方|区域|市州|乡镇|乡镇街道|街道)(名称)?$"

PERCENT_FIELDS = frozenset({"growth", "superior_growth", "prev_growth", "target_growth", "contribution", "share",
                            "two_year_avg", "month_growth"})
INT_FIELDS = frozenset({"rank", "rank_total", "prev_rank", "count", "count_of"})
TEXT_FIELDS = frozenset({"name", "unit", "part", "period", "prev_period", "basis", "estimate", "parent", "of", "cause",
                         "headline"})

_UNIT = re.compile(r"\(([^()%]*[^\d()%\s][^()%]*)\)")
_NOT_UNIT = re.compile(r"预计|预估|初步|快报|核算|可比|现价|不变价|不含|^含|口径|注")
_TRANS = str.maketrans({"（": "(", "）": ")", "％": "%", "【": "(", "】": ")", "［": "(", "］": ")"})


def normalise(header: str) -> tuple[str, str]:
    """'1-3月累计 （亿元）' → ('1-3月累计', '亿元'); '同比增长(%)' → ('同比增长%', '')."""
    text = re.sub(r"[\s\u3000]+", "", str(header)).translate(_TRANS).replace("—", "-").replace("－", "-")
    unit = ""
    m = _UNIT.search(text)
    if m and not re.search(r"[增速长幅比排位名]", m.group(1)):
        unit = "" if _NOT_UNIT.search(m.group(1)) else m.group(1)  # (预计)、(可比价): a note, not a unit
        text = text[: m.start()] + text[m.end():]
    text = text.replace("(%)", "%").replace("(", "").replace(")", "")
    return text, unit


def field_for(header: str, columns: dict[str, str]) -> str | None:
    """The spec field a header names (user ``columns`` first), or None; a meaning the model has no
    field for (完成预算(%)、同比增减额、序号 …: :data:`IGNORED_FIELDS`) is None too."""
    fname = match_field(header, columns)[0]
    return None if fname in IGNORED_FIELDS else fname


def match_field(header: str, columns: dict[str, str]) -> tuple[str | None, int]:
    """The meaning a header names and how surely: 2 the user's ``columns``, 1 a pattern, 0 a weak
    pattern (a bare trailing %), (None, -1) none."""
    text, _ = normalise(header)
    if not text:
        return None, -1
    for key, fname in columns.items():
        if normalise(key)[0] == text:
            return fname, 2
    for strength, patterns in ((1, HEADER_PATTERNS), (0, WEAK_PATTERNS)):
        for pattern, fname in patterns:
            if re.search(pattern, text):
                return fname, strength
    return None, -1


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
    ignored: dict[int, str] = field(default_factory=dict)  # column → meaning recognised and not read
    prev_period: str | None = None  # the period the prev_growth column is of (上半年, 1-8月), when it says

    def column(self, fname: str) -> int | None:
        return next((c for c, f in self.fields.items() if f == fname), None)


def _texts(row: list[Cell]) -> dict[int, str]:
    return {c.col: c.text for c in row if c.text}


def _map(texts: dict[int, str], columns: dict[str, str], key_field: str, when: When) -> Header | None:
    cands: list[tuple[int, str, int]] = []
    norm = {col: normalise(text)[0] for col, text in texts.items()}
    regions = {col for col, t in norm.items() if key_field == "region" and re.search(REGION_HEADER, t)}
    if len(regions) > 1:  # "单位" is the reporting unit only when no other column names the regions
        regions = {col for col in regions if norm[col] != "单位"} or regions
    for col in sorted(texts):
        fname, strength = ("region", 1) if col in regions else match_field(texts[col], columns)
        if fname is not None:
            cands.append((col, fname, strength))
    fields, ignored, prev_period = resolve(cands, norm, when)
    if key_field not in fields.values() or len(fields) < 2:
        return None
    units = {col: u for col in fields if (u := normalise(texts[col])[1])}
    return Header(-1, fields, dict(texts), units, ignored, prev_period)


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


def find_header(grid: Grid, columns: dict[str, str], *, key_field: str = "name", scan: int = 20,
                when: When | None = None) -> Header | None:
    """The first row (of the first *scan*) that names *key_field* and another field;
    a second header row under it is joined when that maps more columns.  Of two columns with one
    meaning (本月 | 本年累计), the one of the meeting's period *when* is read."""
    when = when or When()
    for i, row in enumerate(grid.rows[:scan]):
        single = _map(_texts(row), columns, key_field, when)
        if single is None:
            continue
        single.row = i
        if i + 1 < len(grid.rows):
            double = _map(joined_header(row, grid.rows[i + 1]), columns, key_field, when)
            if double is not None and len(double.fields) > len(single.fields) and is_header_row(grid.rows[i + 1]):
                double.row = i + 1
                return double
        return single
    return None


def is_header_row(row: list[Cell]) -> bool:
    """A second header row holds text labels only (no figures)."""
    texts = [c for c in row if c.text]
    return bool(texts) and all(isinstance(c.value, str) and not re.fullmatch(r"[\d.,%+-]+", c.text) for c in texts)
