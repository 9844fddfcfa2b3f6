"""Multi-region tables: one row per 县区 and indicator → each region's indicator list.

A county-level table (``地区 | 指标名称 | 单位 | 本期值 | 同比增长(%) …``, or one
sheet per indicator without an indicator column, then pass ``indicator=``)
rarely carries each county's rank; this module computes it, and the figure
each county is compared with:

* **Rank**: by growth, highest first (lowest first for indicators that are
  better when lower, e.g. 能耗), competition ranking — tied regions share a
  rank and the next rank is skipped (1, 2, 2, 4).  ``rank_total`` is the number
  of regions with a growth figure.  A rank column in the table is kept as
  given (official ranks win); the previous period's rank is computed the same
  way from 上期增速 when the table has it.
* **Comparison figure** (``superior_growth``): the growth of the table's total
  row (地区 = 全市/全省/全县/全区/合计/总计…) when there is one; otherwise the
  *simple arithmetic mean* of the regions' growth rates, rounded half up to
  the inputs' largest precision (one more digit, up to two, while a region's
  own figure would otherwise tie with the rounded mean).  A simple mean is not
  the aggregate growth of the whole (which weights regions by size): narrate
  such tables with ``NarrationRules(average_basis=True)`` so the text says
  "全市平均水平"; :attr:`RegionTable.basis` tells which was used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from functools import lru_cache

from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.errors import InputError
from speechgen.spec.model import Indicator, RegionRow
from speechgen.core.numbers import mean
from speechgen.spec.tables.headers import REGION_HEADER, normalise
from speechgen.spec.tables.regionsheet import (  # noqa: F401 - is_total, TOTAL_NAMES: their old home
    TOTAL_NAMES, check_region_cells, is_total, no_region_table, region_axis, region_cells,
    region_grid, sheet_titles,
)
from speechgen.spec.tables.periodcols import When
from speechgen.spec.tables.rows import locate_header, parse_rows, tell_unread
from speechgen.spec.tables.wide import read_wide  # noqa: F401 - read_wide: its old home

@dataclass
class RegionTable:
    regions: dict[str, list[Indicator]] = field(default_factory=dict)  # region → its indicators
    superior: dict[str, Decimal] = field(default_factory=dict)  # indicator → comparison figure
    basis: dict[str, str] = field(default_factory=dict)  # indicator → "total" | "average"
    total_label: str | None = None  # the total row's region name (全市), if any


def region_rows(path: str | Path, *, region_column: str | None = None, indicator: str | None = None,
                sheet: str | None = None, columns: dict[str, str] | None = None,
                origin: str = "") -> dict[str, list[Indicator]]:
    """Each region's indicator list with computed rank, rank_total and superior_growth."""
    return region_table(path, region_column=region_column, indicator=indicator, sheet=sheet,
                        columns=columns, origin=origin).regions


def region_table(path: str | Path, *, region_column: str | None = None, indicator: str | None = None,
                 sheet: str | None = None, columns: dict[str, str] | None = None, origin: str = "",
                 lower_is_better: tuple[str, ...] | None = None, when: When | None = None) -> RegionTable:
    """Read a multi-region table and compute ranks and comparison figures (module docstring)."""
    rows = read_region_rows(path, region_column=region_column, indicator=indicator, sheet=sheet,
                            columns=columns, origin=origin, when=when)
    return compute_region_table(rows, lower_is_better)


def compute_region_table(rows: list[RegionRow], lower_is_better: tuple[str, ...] | None = None) -> RegionTable:
    """Ranks and comparison figures of region rows (read from a file or written in a spec)."""
    fields = set(Indicator.model_fields)
    parsed = [(Indicator.model_validate(r.model_dump(include=fields)), {"region": r.region}) for r in rows]
    return _compute(parsed, _lower_keywords(lower_is_better))


def read_region_rows(path: str | Path, *, region_column: str | None = None, indicator: str | None = None,
                     sheet: str | None = None, columns: dict[str, str] | None = None,
                     origin: str = "", when: When | None = None) -> list[RegionRow]:
    """The data rows of a multi-region table as they stand (total row included), regions named
    exactly as the table names them; *when* (the meeting's period) chooses among columns of
    several periods."""
    prefix = f"{origin} → " if origin else ""
    cols = dict(columns or {})
    if region_column:
        cols[region_column] = "region"
    try:
        grid = region_grid(Path(path), sheet, by=region_column)
        axis = region_axis(grid, region_column)
        if axis is None and "region" not in cols.values():
            raise InputError(no_region_table(grid.name, sheet_titles(Path(path))))
        if axis is not None and axis.orientation == "columns" and indicator is None and not columns:
            from speechgen.spec.tables.across import read_across

            across = read_across(grid, axis)
            if not across:
                raise InputError(f"{grid.name}：没有找到任何地区的数据行")
            return across
        own_title = None
        if axis is not None and axis.title and not region_column and not re.search(
                REGION_HEADER, normalise(axis.title)[0]):
            own_title = axis.title  # a column of region names under a header of its own (名称…)
            cols.setdefault(own_title, "region")
        wide = read_wide(grid, own_title, when) if indicator is None and not columns else None
        if wide is not None:
            return wide
        header = locate_header(grid, cols, key_field="region", when=when)
        check_region_cells(grid, region_cells(grid, header.column("region") or 0, header.row + 1))
        if indicator is None and header.column("name") is None:
            raise InputError(f"{grid.name}：表中没有“指标名称”列，请用 indicator= 指明指标"
                             "（或每项指标一组列：地区生产总值增速(%)、固定资产投资增速(%)……）")
        defaults = {"name": indicator} if indicator and header.column("name") is None else None
        parsed, errors = parse_rows(grid, header, key_field="region", defaults=defaults)
        if not errors:
            tell_unread(grid, header, prefix)
    except InputError as exc:
        raise InputError(prefix + str(exc), problems=[prefix + p for p in exc.problems]) from None
    if errors:
        raise InputError("\n".join(prefix + e for e in errors[:20]), problems=[prefix + e for e in errors])
    if indicator is not None:
        parsed = [(ind, extra) for ind, extra in parsed if ind.name == indicator]
    if not parsed:
        raise InputError(f"{prefix}{Path(path).name}：没有找到任何地区的数据行")
    return [RegionRow.model_validate({**ind.model_dump(), "region": str(extra.get("region", "")).strip()})
            for ind, extra in parsed]


def _lower_keywords(given: tuple[str, ...] | None) -> tuple[str, ...]:
    if given is not None:
        return given
    return lower_is_better_keywords()


@lru_cache(maxsize=1)
def lower_is_better_keywords() -> tuple[str, ...]:
    """Indicator-name keywords for which a fall is good (能耗, 失业率…), read from ``corpora/narration.yaml``."""
    data = load_yaml_file(corpora_dir() / "narration.yaml")[0] or {}  # parsed once, as narration reads it
    return tuple(str(k) for k in data.get("lower_is_better", ()))


def _compute(parsed: list[tuple[Indicator, dict[str, Any]]], lower: tuple[str, ...]) -> RegionTable:
    table = RegionTable()
    by_name: dict[str, list[tuple[str, Indicator]]] = {}
    for ind, extra in parsed:
        region = str(extra.get("region", "")).strip()
        if is_total(region):
            table.total_label = region
            if ind.growth is not None:
                table.superior[ind.name] = ind.growth
                table.basis[ind.name] = "total"
            continue
        by_name.setdefault(ind.name, []).append((region, ind))
    for name, rows in by_name.items():
        ascending = any(k in name for k in lower)
        updated = _rank_indicator(name, rows, table, ascending)
        for region, ind in updated:
            table.regions.setdefault(region, []).append(ind)
    return table


def _rank_indicator(name: str, rows: list[tuple[str, Indicator]], table: RegionTable,
                    ascending: bool) -> list[tuple[str, Indicator]]:
    growths = [ind.growth for _, ind in rows if ind.growth is not None]
    if name not in table.superior and growths:
        table.superior[name] = mean(growths, avoid=growths)
        table.basis[name] = "average"
    ranks = competition_ranks([ind.growth for _, ind in rows], ascending=ascending)
    prev = competition_ranks([ind.prev_growth for _, ind in rows], ascending=ascending)
    keep_given = all(ind.rank is not None for _, ind in rows)
    out = []
    for (region, ind), rank, prev_rank in zip(rows, ranks, prev):
        update: dict[str, Any] = {}
        if not keep_given and rank is not None:
            update.update(rank=rank, rank_total=len(growths))
        if ind.prev_rank is None and prev_rank is not None and (keep_given or rank is not None):
            update["prev_rank"] = prev_rank
        if ind.superior_growth is None and name in table.superior:
            update["superior_growth"] = table.superior[name]
        out.append((region, ind.model_copy(update=update)))
    return out


def competition_ranks(values: list[Decimal | None], *, ascending: bool = False) -> list[int | None]:
    """1224 ranking (ties share a rank); None for a missing value."""
    present = [v for v in values if v is not None]
    ranks = []
    for v in values:
        if v is None:
            ranks.append(None)
            continue
        better = sum((w < v) if ascending else (w > v) for w in present)
        ranks.append(better + 1)
    return ranks
