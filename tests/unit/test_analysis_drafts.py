"""Whole drafts over random analysis tables (issue 15): every meeting type renders, and the checker
finds every figure explained — pull, contribution, share, counts, sub-items, causes and regions
included (a false alarm would stop ``speechgen render``)."""
from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest

import speechgen
from speechgen.proof.checker import check_draft

NAMES = ["地区生产总值", "第一产业增加值", "第二产业增加值", "第三产业增加值", "规上工业增加值", "固定资产投资",
         "社会消费品零售总额", "一般公共预算收入", "税收收入", "亿元以上项目", "工业投资", "进出口总额", "批发业销售额"]
TYPES = ["quarterly_analysis", "dispatch", "work_report", "annual_conference", "department", "statement"]


def _spec(rng: random.Random) -> dict[str, Any]:
    def d(lo: int, hi: int) -> float:
        return float(Decimal(rng.randint(lo * 10, hi * 10)).scaleb(-1))

    names = rng.sample(NAMES, rng.randint(3, 9))
    rows = []
    for i, name in enumerate(names):
        row: dict[str, Any] = {"name": name}
        for key, lo, hi in (("growth", -20, 20), ("superior_growth", -10, 10), ("prev_growth", -20, 20),
                            ("pull", -3, 3), ("contribution", -30, 90), ("share", 0, 80), ("two_year_avg", -5, 10),
                            ("month_growth", -20, 20)):
            if rng.random() < 0.4:
                row[key] = d(lo, hi)
        if rng.random() < 0.3:
            row.update(value=d(1, 3000), unit=rng.choice(["亿元", "个", "家"]))
        if rng.random() < 0.2:
            row.update(count=rng.randint(0, 40), unit=rng.choice(["个", "家"]))
            if rng.random() < 0.5:
                row["count_of"] = row["count"] + rng.randint(1, 30)
        if i and rng.random() < 0.3:
            row["parent"] = rng.choice(names[:i])
        if rng.random() < 0.2:
            row["cause"] = "受市场需求变化影响"
        if rng.random() < 0.3:
            row.update(rank=rng.randint(1, 11), rank_total=11, prev_rank=rng.randint(1, 11))
        rows.append(row)
    spec: dict[str, Any] = {
        "meeting": {"type": rng.choice(TYPES), "title": "全市经济运行分析会", "year": 2025,
                    "period": rng.choice(["Q1", "H1", "Q3", "M1-8", "year"])},
        "indicators": rows, "tasks": [{"title": "扩大有效投资", "items": ["抓开工"]}]}
    if rng.random() < 0.6:
        spec["regions"] = [{"region": f"{c}县", "name": rng.choice(names[:2]), "growth": d(-5, 10),
                            "prev_growth": d(-5, 10)} for c in "甲乙丙丁戊己庚辛"]
        if rng.random() < 0.5:
            spec["regions"].append({"region": "全市", "name": names[0], "growth": d(-5, 10)})
    return spec


@pytest.mark.parametrize("seed", range(40))
def test_random_analysis_drafts_pass_the_checker(seed: int) -> None:
    spec = speechgen.load(_spec(random.Random(seed)))
    draft = speechgen.render(spec, seed=seed)
    errors = [(f.rule, f.text, f.message) for f in check_draft(draft, spec=spec) if f.severity == "error"]
    assert not errors
