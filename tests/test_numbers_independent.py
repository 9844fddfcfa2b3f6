"""Every figure of every sample draft recomputes from the spec alone.

This test does not ask narration or the checker which numbers are allowed (that would pass
whatever narration records): it builds the candidates itself from the spec's input figures with
the arithmetic the genre uses, and every number printed in a draft must be one of them.
"""
from __future__ import annotations

import calendar
import datetime
import itertools
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import speechgen
from speechgen.core.numbers import cn_to_int
from speechgen.spec.loader import load_spec

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.yaml"))
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
CN_COUNT = re.compile(r"([一二两三四五六七八九十]{1,3})(?=项|个第|个指标|个百分点)")


def _inputs(data: object) -> set[Decimal]:
    """Every number written in the spec (values, text fields, dates)."""
    found: set[Decimal] = set()
    if isinstance(data, dict):
        for v in data.values():
            found |= _inputs(v)
    elif isinstance(data, (list, tuple)):
        for v in data:
            found |= _inputs(v)
    elif isinstance(data, bool) or data is None:
        pass
    elif isinstance(data, (int, Decimal)):
        found.add(abs(Decimal(data)))
    else:
        found |= {Decimal(m) for m in NUMBER.findall(str(data))}
        if hasattr(data, "year"):
            found |= {Decimal(data.year), Decimal(data.month), Decimal(data.day)}  # type: ignore[attr-defined]
    return found


def _round(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def candidates(spec: speechgen.Spec) -> set[Decimal]:
    base = _inputs(spec.model_dump())
    rows = spec.indicator_rows
    out = set(base) | {Decimal(n) for n in range(0, max(13, len(rows) + 1, 31))}  # counts, months, days
    for ind in rows:
        nums = [v for v in (ind.growth, ind.superior_growth, ind.prev_growth, ind.target_growth) if v is not None]
        for a, b in itertools.combinations(nums, 2):
            out.add(abs(a - b))
        if ind.rank is not None and ind.rank_total is not None:
            out.add(Decimal(ind.rank_total - ind.rank + 1))
        if ind.rank is not None and ind.prev_rank is not None:
            out.add(Decimal(abs(ind.prev_rank - ind.rank)))
        if ind.value is not None and ind.annual_target:
            share = ind.value / ind.annual_target * 100
            out |= {share, abs(ind.annual_target - ind.value)}
            for months in range(1, 13):
                progress = Decimal(months) * 100 / 12
                out.add(abs(share - progress))
                out.add(abs(_round(share, 1) - _round(progress, 1)))  # from the figures as printed
        if ind.value is not None and ind.growth is not None and ind.growth != -100:
            out.add(abs(ind.value * ind.growth / (100 + ind.growth)))
    out |= {Decimal(m) * 100 / 12 for m in range(1, 13)}
    out |= _countdowns(spec)
    return out


def _countdowns(spec: speechgen.Spec) -> set[Decimal]:
    """Days from the meeting date to a month end of its year (距离年底只剩60多天), exact or
    rounded down to tens, as the calendar phrases count them."""
    day = spec.meeting.date
    if not isinstance(day, datetime.date):
        return set()
    out: set[Decimal] = set()
    for month in range(1, 13):
        n = (datetime.date(day.year, month, calendar.monthrange(day.year, month)[1]) - day).days
        if n > 0:
            out |= {Decimal(n), Decimal(n // 10 * 10)}
    return out


def matches(token: str, pool: set[Decimal]) -> bool:
    value = Decimal(token)
    places = len(token.split(".")[1]) if "." in token else 0
    return value in pool or any(_round(c, places) == value for c in pool)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_printed_number_recomputes_from_the_spec(sample: Path) -> None:
    spec = load_spec(sample)
    pool = candidates(spec)
    draft = speechgen.render(spec, seed=3)
    text = draft.text
    bad = sorted({t for t in NUMBER.findall(text) if not matches(t, pool)})
    bad_cn = sorted({m for m in CN_COUNT.findall(text) if (cn_to_int(m.replace("两", "二")) or 0) > max(30, len(spec.indicator_rows))})
    assert bad == [] and bad_cn == []
