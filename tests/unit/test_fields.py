"""The field taxonomy: indicator names and free text land in the right policy field."""
from __future__ import annotations

import pytest

from speechgen.spec.fields import GENERAL, headline_default, indicator_field, taxonomy, text_field


@pytest.mark.parametrize("name, field", [
    ("地区生产总值", "overall"), ("第三产业增加值", "services"), ("三产增加值", "services"),
    ("第二产业增加值", "industry"), ("第一产业增加值", "agriculture"), ("规上工业增加值", "industry"),
    ("批发业销售额", "services"), ("零售业销售额", "services"), ("住宿业营业额", "services"),
    ("餐饮业营业额", "services"), ("邮政业务总量", "services"), ("社会消费品零售总额", "consumption"),
    ("限上消费品零售额", "consumption"), ("居民消费价格指数", "prices"), ("工业投资", "investment"),
    ("外商投资企业", "trade"), ("单位GDP能耗", "ecology"), ("建筑业总产值", "construction"),
])
def test_indicator_names_land_in_their_field(name: str, field: str) -> None:
    assert indicator_field(name) == field


@pytest.mark.parametrize("text, field", [
    ("加快发展现代服务业，做强第三产业", "services"), ("狠抓工业发展", "industry"),
    ("全力稳外资促招商", "trade"), ("做好统计入库工作", "stats"), ("开源节流抓收入", "fiscal"),
    ("抓好防汛备汛、道路交通、危化品", "safety"), ("同心协力，再接再厉", GENERAL),
])
def test_texts_land_in_their_field(text: str, field: str) -> None:
    assert text_field(text) == field


def test_services_never_reach_industry() -> None:
    for name in ("第三产业增加值", "服务业增加值", "规上服务业营业收入", "交通运输业增加值"):
        assert indicator_field(name) != "industry"
        assert text_field(name) != "industry"


def test_explicit_field_by_id_or_chinese_name() -> None:
    assert indicator_field("某某指标", "服务业") == "services"
    with pytest.raises(ValueError, match="未知领域"):
        indicator_field("某某指标", "宇宙")


def test_headline_default_counts_all_when_the_table_has_no_headline_indicator() -> None:
    assert headline_default(["地区生产总值", "批发业销售额"]) == {"地区生产总值": True, "批发业销售额": False}
    assert headline_default(["批发业销售额", "零售业销售额"]) == {"批发业销售额": True, "零售业销售额": True}


def test_every_field_has_a_lead_and_unique_id() -> None:
    tax = taxonomy()
    assert len(set(tax.ids)) == len(tax.ids) and all(f.lead for f in tax.fields)
