"""Units a table states outside its unit column, and rows whose "%" is not a rate.

* A title row ``单位：万元`` (or ``计量单位：亿元、%``) gives the unit of every figure whose row
  names none: the one unit other than %; a list of several (亿元、万美元、%) says nothing certain.
* A name ending in a unit in brackets (``工业用电量（亿千瓦时）``) gives the row its unit and
  loses the bracket.
* Statistics bureaus write "%" as the unit of an indicator they publish only as a growth rate (the
  value cell blank or "—"): such a row is not a rate (its growth is 增长7.1%, not 提高7.1个百分点)
  unless its name says it is one (…率、比重、指数… in ``corpora/tables.yaml``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.spec.regionwords import region_words
from speechgen.spec.tables.grid import Grid

_STATED = re.compile(r"(?<![填编制报送])(?:计量|金额|数据)?单位\s*[：:]\s*(.+)$")
_NAME_UNIT = re.compile(r"^(.+?)\s*[（(]\s*([^（）()]+?)\s*[）)]$")
_PERCENT = ("%", "％")


@lru_cache(maxsize=1)
def rate_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words an indicator name containing one is a rate, endings likewise) from ``corpora/tables.yaml``."""
    data = load_yaml_file(corpora_dir() / "tables.yaml")[0] or {}
    return (tuple(str(w) for w in data.get("rate_words", ())),
            tuple(str(w) for w in data.get("rate_endings", ())))


def is_rate_name(name: str) -> bool:
    words, endings = rate_words()
    return any(w in name for w in words) or name.endswith(endings)


def is_unit(text: str) -> bool:
    return text.strip() in region_words().units


def stated_unit(grid: Grid, header_row: int) -> str:
    """The unit a title row states (单位：万元) above or in the header, or '' when none or several."""
    for row in grid.rows[:header_row + 1]:
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            m = _STATED.search(cell.text)
            if m:
                stated = re.split(r"[)）】\]]", m.group(1))[0]  # 表名（单位：亿元）
                parts = [p.strip() for p in re.split(r"[、,，/和;；]", stated) if p.strip()]
                if not parts or not all(is_unit(p) for p in parts):
                    continue  # 制表单位：市统计局 — the reporting unit, not a unit of measure
                units = [p for p in parts if p not in _PERCENT]
                return units[0] if len(units) == 1 else ""
    return ""


def name_unit(name: str) -> tuple[str, str]:
    """'工业用电量（亿千瓦时）' → ('工业用电量', '亿千瓦时'); a bracket that is no unit stays."""
    m = _NAME_UNIT.match(name)
    if m and is_unit(m.group(2)):
        return m.group(1).strip(), m.group(2)
    return name, ""


def settle_units(values: dict[str, Any], default_unit: str) -> None:
    """A row's unit from its name's bracket or the sheet's stated unit; a "%" that is no rate dropped."""
    name = values.get("name")
    if isinstance(name, str):
        bare, unit = name_unit(name)
        if unit:
            values["name"] = bare
            if not values.get("unit"):
                values["unit"] = unit
    if not values.get("unit") and default_unit and values.get("value") is not None:
        values["unit"] = default_unit
    if values.get("unit") in _PERCENT and values.get("value") is None and not is_rate_name(str(values.get("name", ""))):
        values["unit"] = ""
