"""Property tests over random specs: only SpeechgenError escapes, and no leaks in the output."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechgen
from speechgen.errors import SpeechgenError

LEAKS = ("None", "nan", "NaN", "{{", "}}", "{%", "%}", "\ue000")

names = st.sampled_from(["地区生产总值", "规上工业增加值", "固定资产投资", "社会消费品零售总额",
                         "一般公共预算收入", "进出口总额", "实际利用外资", "城镇新增就业"])
decimals = st.decimals(min_value=Decimal("-99.99"), max_value=Decimal("999.99"), places=2,
                       allow_nan=False, allow_infinity=False).map(lambda d: d.normalize() if d else d)
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
cn_text = st.text(alphabet="抓项目扩投资稳增长促消费保民生强化责任落实推进改革创新，、“”（）0123456789."
                  + "GDPabc", min_size=0, max_size=40)  # Latin letters that cannot spell None/nan


@st.composite
def indicators(draw: st.DrawFn) -> dict:
    total = draw(maybe(st.integers(1, 30)))
    rank = draw(maybe(st.integers(1, total))) if total else draw(maybe(st.integers(1, 30)))
    row = {"name": draw(names), "unit": draw(st.sampled_from(["", "亿元", "万元", "%", "元", "户"]))}
    for key in ("value", "growth", "superior_growth", "prev_growth", "target_growth", "annual_target"):
        row[key] = draw(maybe(decimals))
    row["rank"], row["rank_total"] = rank, total
    row["prev_rank"] = draw(maybe(st.integers(1, total or 30)))
    return row


@st.composite
def specs(draw: st.DrawFn) -> dict:
    return {
        "meeting": {
            "type": draw(st.sampled_from(["quarterly_analysis", "annual_conference", "dispatch", "department",
                                          "work_report", "statement"])),
            "title": "全县" + draw(st.sampled_from(["一季度经济运行分析会", "经济工作会议", "重点工作调度会"])),
            "period": draw(st.sampled_from(["Q1", "H1", "Q3", "year", "M1-4", "M5", "M1-11"])),
            "year": draw(st.integers(2000, 2040)),
            "region": "全县", "superior": draw(st.sampled_from(["全省", "全市"])),
            "speaker": {"name": draw(st.sampled_from(["", "王强"])), "post": draw(st.sampled_from(["", "县长", "副县长"]))},
            "preceding": draw(st.lists(cn_text, max_size=2)),
        },
        "indicators": draw(st.lists(indicators(), max_size=8)),
        "achievements": draw(st.lists(st.fixed_dictionaries({"title": cn_text, "items": st.lists(cn_text, max_size=3)}), max_size=3)),
        "problems": draw(st.lists(st.fixed_dictionaries({"title": cn_text, "detail": cn_text}), max_size=3)),
        "tasks": draw(st.lists(st.fixed_dictionaries({"title": cn_text, "items": st.lists(cn_text, max_size=3),
                                                      "lead": cn_text, "deadline": cn_text}), max_size=4)),
        "requirements": draw(st.lists(cn_text, max_size=3)),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs(), st.integers(0, 10_000))
def test_random_specs_render_or_fail_cleanly(data: dict, seed: int) -> None:
    try:
        draft = speechgen.render(data, seed=seed)
    except SpeechgenError:
        return
    text = draft.text
    for leak in LEAKS:
        assert leak not in text, leak
