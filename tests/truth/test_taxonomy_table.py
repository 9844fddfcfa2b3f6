"""The field taxonomy over indicator names of the genre at county, city and province level (≥80),
and the rule it protects: services indicators never reach an industry task."""
from __future__ import annotations

import pytest

from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.spec.fields import indicator_field
from speechgen.spec.loader import load_spec

TABLE = {
    "overall": ["地区生产总值", "全县生产总值", "GDP", "生产总值", "全市地区生产总值", "全省生产总值"],
    "services": ["第三产业增加值", "三产增加值", "服务业增加值", "批发和零售业增加值", "批发业销售额", "零售业销售额",
                 "住宿和餐饮业增加值", "住宿业营业额", "餐饮收入", "邮政业务总量", "快递业务量", "交通运输、仓储和邮政业增加值",
                 "货物周转量", "港口货物吞吐量", "规上服务业营业收入", "营利性服务业营业收入", "其他营利性服务业营业收入",
                 "接待游客人次", "旅游总收入", "信息传输、软件和信息技术服务业营业收入", "电信业务总量", "租赁和商务服务业营业收入"],
    "industry": ["规上工业增加值", "规模以上工业增加值", "工业增加值", "工业总产值", "规上工业总产值", "规上工业企业利润总额",
                 "工业用电量", "制造业增加值", "高技术制造业增加值", "规上工业营业收入", "工业产品销售率", "战略性新兴产业产值"],
    "consumption": ["社会消费品零售总额", "社零总额", "限上单位消费品零售额", "网络零售额", "限额以上汽车类零售额"],
    "investment": ["固定资产投资", "固投", "工业投资", "民间投资", "项目投资", "房地产开发投资", "基础设施投资",
                   "新开工项目个数", "省市重点项目完成投资", "招商引资到位资金"],
    "fiscal": ["一般公共预算收入", "地方一般公共预算收入", "税收收入", "税收占比", "一般公共预算支出", "政府性基金收入"],
    "finance": ["金融机构人民币存款余额", "金融机构各项贷款余额", "住户存款余额", "制造业贷款余额"],
    "income": ["城镇居民人均可支配收入", "农村居民人均可支配收入", "居民人均可支配收入", "城镇调查失业率", "城镇新增就业"],
    "prices": ["居民消费价格指数", "CPI", "工业生产者出厂价格指数"],
    "trade": ["进出口总额", "出口总额", "进口总额", "实际使用外资", "实际利用外资", "外贸进出口"],
    "agriculture": ["第一产业增加值", "农林牧渔业总产值", "粮食产量", "粮食播种面积", "生猪出栏", "肉类总产量", "蔬菜产量"],
    "construction": ["建筑业总产值", "建筑业增加值"],
    "urban": ["商品房销售面积", "商品房销售额"],
    "ecology": ["单位GDP能耗", "单位地区生产总值能耗", "PM2.5平均浓度", "空气质量优良天数比例", "全社会用电量"],
    "reform": ["新登记经营主体", "新增市场主体"],
}
CASES = [(name, field) for field, names in TABLE.items() for name in names]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("name, field", CASES, ids=[n for n, _ in CASES])
def test_indicator_lands_in_its_field(name: str, field: str) -> None:
    assert indicator_field(name) == field


def test_explicit_field_wins() -> None:
    assert indicator_field("某项自定义指标", "services") == "services"
    assert indicator_field("某项自定义指标", "服务业") == "services"


SPEC = {
    "meeting": {"type": "dispatch", "title": "全县经济运行调度会", "period": "M1-4", "year": 2025,
                "region": "全县", "superior": "全市", "speaker": {"name": "周明", "post": "县长"}},
    "indicators": [
        {"name": "第三产业增加值", "growth": "3.1", "superior_growth": "5.2", "target_growth": "6"},
        {"name": "邮政业务总量", "growth": "-2.0", "superior_growth": "4.0"},
        {"name": "批发业销售额", "growth": "1.5", "superior_growth": "4.0"},
        {"name": "规上工业增加值", "growth": "6.1", "superior_growth": "5.0"},
    ],
    "tasks": [{"title": "狠抓工业发展，推动产业转型升级", "items": ["抓好重点企业生产"]},
              {"title": "做大服务业", "items": ["培育物流龙头"]}],
    "problems": [{"title": "工业企业用工紧张"}],
}


@pytest.mark.parametrize("mtype", ["dispatch", "quarterly_analysis", "statement"])
def test_services_never_reach_an_industry_task(mtype: str) -> None:
    draft = render_draft(load_spec(SPEC), RenderOptions(meeting_type=mtype))
    text = draft.text
    industry = text[text.find("狠抓工业发展"):]
    industry = industry[:industry.find("做大服务业")] if "做大服务业" in industry else industry
    for name in ("第三产业增加值", "邮政业务总量", "批发业销售额"):
        assert name not in industry, (mtype, name)


def test_an_explicit_field_moves_an_indicator(tmp_path) -> None:
    raw = {**SPEC, "indicators": [{"name": "重点企业订单额", "growth": "-8", "field": "industry"}]}
    spec = load_spec(raw)
    text = render_draft(spec).text
    industry = text[text.find("狠抓工业发展"):text.find("做大服务业")]
    assert "重点企业订单额" in industry
