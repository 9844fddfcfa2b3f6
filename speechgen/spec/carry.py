"""Carry a spec forward to the next period (``speechgen init --from last.yaml --period H1``).

Kept: meeting facts (type, region, superior, speaker, organizer, office, preceding
speakers' units), indicator names, units, rank totals and annual targets, task
titles and lead units, requirements.  Moved: this period's growth and rank become
``prev_growth``/``prev_rank``.  Cleared and marked 【待填】: values, growth, the
superior's growth, rank, the date, achievements and task items; problems keep their
titles with a note to re-check them.  The result is valid YAML that loads as is.
"""
from __future__ import annotations

from typing import Any

import yaml

from speechgen.errors import InputError
from speechgen.spec.model import IndicatorFile, Spec
from speechgen.core.periods import parse_period

TO_FILL = "【待填】"


def _q(value: Any) -> str:
    """One YAML scalar, flow style, no trailing newline."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def carry_forward(spec: Spec, period: str, *, year: int | None = None) -> str:
    """YAML text of next period's starter spec."""
    try:
        new = parse_period(period)
    except ValueError as exc:
        raise InputError(f"--period：{exc}") from None
    old = spec.meeting.period_info
    m = spec.meeting
    if year is None:
        year = m.year + 1 if new.last <= old.last else m.year
    title = m.title.replace(old.label, new.label) if old.label in m.title else m.title
    same_year = year == m.year
    lines = [
        f"# 由 {m.title}（{m.year}年{old.label}）结转生成；标有{TO_FILL}的字段请填写后再生成讲话稿。",
        "meeting:",
        f"  type: {m.type.value}",
        f"  title: {_q(title)}",
        f"  period: {_q(new.code)}",
        f"  year: {year}",
        f"  date: null              # {TO_FILL} 讲话日期，如 {year}-{min(new.last + 1, 12):02d}-15",
        f"  region: {_q(m.region)}",
        f"  superior: {_q(m.superior)}",
        f"  speaker: {{name: {_q(m.speaker.name)}, post: {_q(m.speaker.post)}}}",
    ]
    if m.organizer:
        lines.append(f"  organizer: {_q(m.organizer)}")
    if m.office:
        lines.append(f"  office: {_q(m.office)}")
    lines.append(f"  preceding: []          # {TO_FILL} 前面的发言")
    lines += _indicators(spec, same_year)
    if spec.regions is not None:
        ref = spec.regions
        keep = {"label": ref.label, "follow_up": ref.follow_up}
        extra = "".join(f", {k}: {_q(v)}" for k, v in keep.items() if v)
        lines.append(f"regions: {{rows: []{extra}}}   # {TO_FILL} 本期分县区数据（或 file/sheet 指向本期的表）")
    lines.append(f"achievements: []        # {TO_FILL} 本期成绩：- {{title: …, items: [ … ]}}")
    lines += _block("problems", [f"  - {{title: {_q(p.title)}, detail: \"\"}}   # 请核实本期是否仍存在"
                                 for p in spec.problems])
    lines += _block("tasks", [_task(t.title, t.lead, group, t.owner) for group, tasks in spec.grouped_tasks
                              for t in tasks])
    lines += _block("requirements", [f"  - {_q(r)}" for r in spec.requirements])
    return "\n".join(lines) + "\n"


def _block(key: str, entries: list[str]) -> list[str]:
    return [f"{key}:", *entries] if entries else [f"{key}: []"]


def _task(title: str, lead: str, group: str = "", owner: str = "") -> str:
    lines = [f"  - title: {_q(title)}", f"    items: []            # {TO_FILL} 下一步具体举措"]
    if group:
        lines.append(f"    group: {_q(group)}")
    if lead:
        lines.append(f"    lead: {_q(lead)}")
    if owner:
        lines.append(f"    owner: {_q(owner)}          # 请核实责任领导是否调整")
    lines.append(f'    deadline: ""          # {TO_FILL}')
    return "\n".join(lines)


def _indicators(spec: Spec, same_year: bool) -> list[str]:
    if isinstance(spec.indicators, IndicatorFile):
        return [f"indicators: {{file: {_q(spec.indicators.file)}}}   # {TO_FILL} 换成本期的指标表"]
    if not spec.indicator_rows:
        return ["indicators: []"]
    out = [f"indicators:              # {TO_FILL} 本期数值、增速、排位"]
    actual = {i.name for i in spec.indicator_rows if not i.estimate}
    for ind in spec.indicator_rows:
        if ind.estimate and ind.name in actual:  # the estimate and the actual row are one indicator
            continue
        fields = [f"name: {_q(ind.name)}"]
        if ind.unit:
            fields.append(f"unit: {_q(ind.unit)}")
        fields += ["value: null", "growth: null", "superior_growth: null", "rank: null"]
        if ind.rank_total is not None:
            fields.append(f"rank_total: {ind.rank_total}")
        structure = {"parent": ind.parent, "of": ind.of, "count": None if ind.count is None else "null",
                     "count_of": ind.count_of, "headline": ind.headline}
        fields += [f"{key}: {val if val == 'null' else _q(val) if isinstance(val, str) else str(val).lower()}"
                   for key, val in structure.items() if val not in (None, "")]
        if same_year:  # this period's figures become "previous"; the year's targets stay
            actual_figures = not ind.estimate  # an estimate never becomes a previous actual
            carried = {"prev_growth": ind.growth if actual_figures else None,
                       "prev_rank": ind.rank if actual_figures else None,
                       "prev_period": _q(ind.period) if ind.period and actual_figures else None,
                       "target_growth": ind.target_growth, "annual_target": ind.annual_target}
            fields += [f"{key}: {val}" for key, val in carried.items() if val is not None]
        out.append("  - {" + ", ".join(fields) + "}")
    return out


