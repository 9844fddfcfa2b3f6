"""Deployment in depth through the public API: task groups, points, owners, supervision,
reminders, verbatim notes, Chinese field names, and the filler rules (no invented cadence, no
boilerplate requirements part unless asked)."""
from __future__ import annotations

import re

import pytest

import speechgen
from speechgen.compose.deployment import owner_name

MEETING = {"type": "quarterly_analysis", "title": "全县前三季度经济运行分析会", "period": "Q3", "year": 2025,
           "region": "全县", "superior": "全市", "speaker": {"name": "赵文博", "post": "县长"}}


def _text(spec: dict, **options) -> str:
    return speechgen.render(spec, **options).text


def test_task_groups_become_level_one_parts_with_their_own_tasks() -> None:
    spec = {"meeting": MEETING, "task_groups": [
        {"title": "聚焦工业和项目，稳住基本盘", "tasks": [{"title": "稳住工业运行", "items": ["走访12户重点企业"]}]},
        {"title": "守牢底线，确保大局稳定", "tasks": [{"title": "抓好安全生产", "items": ["防汛备汛、道路交通、危化品"]}]}]}
    draft = speechgen.render(spec)
    level1 = [h.text for h in draft.headings(1)]
    assert level1[-2:] == ["聚焦工业和项目，稳住基本盘", "守牢底线，确保大局稳定"]
    assert "抓好防汛备汛、道路交通、危化品等重点领域安全" in draft.text


def test_group_field_on_tasks_groups_them_in_order_of_first_appearance() -> None:
    spec = {"meeting": MEETING, "tasks": [
        {"title": "稳住工业运行", "group": "稳增长", "items": ["走访企业"]},
        {"title": "抓好安全生产", "group": "守底线", "items": ["排查隐患"]},
        {"title": "抓好项目攻坚", "group": "稳增长", "items": ["加快开工"]}]}
    heads = [h.text for h in speechgen.render(spec).headings()]
    assert heads.index("稳增长") < heads.index("抓好项目攻坚。") < heads.index("守底线") < heads.index("抓好安全生产。")


def test_points_owner_supervision_and_reminders_in_the_genres_words() -> None:
    spec = {"meeting": MEETING, "tasks": [{
        "title": "稳住工业运行", "items": ["走访12户重点企业"], "lead": "县工信局", "deadline": "11月底前",
        "points": ["稳存量。对产值下降的6户企业一企一策", "扩增量。推动4户企业入规"],
        "owner": "常务副县长孙立群", "supervision": {"when": "11月底前", "action": "专项督查"}}],
        "reminders": ["统计上报：各部门对照报统时间节点，做到应统尽统"]}
    text = _text(spec)
    assert "一要稳存量。" in text and "二要扩增量。" in text
    assert "常务副县长孙立群同志" in text
    assert re.search(r"11月底前，?我要(?:对这项工作)?进行专项督查|我要亲自过问，11月底前进行专项督查", text)
    assert re.search(r"最后，[^。]*强调[^。]*。统计上报方面，各部门要对照报统时间节点", text)  # one item: no lone 一是


def test_supervision_by_someone_else_and_as_a_whole_sentence() -> None:
    base = {"title": "抓好项目攻坚", "items": ["加快开工"]}
    spec = {"meeting": MEETING, "tasks": [{**base, "supervision": {"by": "县政府督查室", "when": "每月底", "action": "通报"}},
                                           {**base, "title": "狠抓财政收支", "supervision": "12月中旬我要听取一次专题汇报"}]}
    text = _text(spec)
    assert "县政府督查室" in text and "通报" in text and "我要进行通报" not in text
    assert "12月中旬我要听取一次专题汇报。" in text


def test_nothing_about_accountability_is_invented() -> None:
    spec = {"meeting": {**MEETING, "type": "dispatch"}, "tasks": [{"title": "抓好项目攻坚", "items": ["加快开工"]}]}
    for seed in range(8):
        text = _text(spec, seed=seed)
        assert not re.search(r"每[周月]|一周一|由.{0,8}牵头|督查|同志负责|负总责", text.split("抓好项目攻坚", 1)[1]), seed


@pytest.mark.parametrize("owner, said", [("常务副县长孙立群", "常务副县长孙立群同志"), ("分管副县长", "分管副县长"),
                                         ("王明", "王明同志"), ("县长李华同志", "县长李华同志")])
def test_owner_is_named_as_the_genre_names_people(owner, said) -> None:
    assert owner_name(owner) == said


def test_verbatim_notes_are_kept_as_written() -> None:
    polished = "项目建设是稳增长的“压舱石”，一天也不能耽误"
    spec = {"meeting": MEETING, "tasks": [
        {"title": "抓好项目攻坚", "items": [{"text": polished, "verbatim": True}, "冷链仓储二期、信息平台"]},
        {"title": "抓好安全生产", "verbatim": True, "items": ["防汛备汛、道路交通、危化品"]}]}
    text = _text(spec)
    assert polished + "。" in text
    assert re.search(r"推进冷链仓储二期、信息平台等(?:项目)?建设", text)
    assert "防汛备汛、道路交通、危化品。" in text and "等重点领域安全" not in text


def test_chinese_field_names() -> None:
    spec = {"会议": MEETING, "任务板块": [{"标题": "稳增长", "任务": [{"标题": "稳住工业运行", "要点": ["走访企业"],
                                                               "责任领导": "副县长李红", "分项": ["稳存量。一企一策"]}]}],
            "强调事项": ["冬季森林防火：检查站全部到位"]}
    text = _text(spec)
    assert "副县长李红同志" in text and "稳存量" in text and "冬季森林防火" in text


def test_requirements_part_only_when_given_or_asked_for() -> None:
    spec = {"meeting": MEETING, "tasks": [{"title": "抓好项目攻坚", "items": ["加快开工"]}]}
    assert len(speechgen.render(spec).headings(1)) == 2
    asked = speechgen.render(spec, standard_requirements=True)
    assert len(asked.headings(1)) == 3
    dispatch = {**spec, "meeting": {**MEETING, "type": "dispatch"}}
    assert "要求" not in speechgen.render(dispatch, standard_requirements=True).text.split("抓好项目攻坚")[1]


def test_dispatch_with_requirements_and_reminders_says_最后_once() -> None:
    spec = {"meeting": {**MEETING, "type": "dispatch"}, "tasks": [{"title": "抓好项目攻坚", "items": ["加快开工"]}],
            "requirements": ["各分管副县长每周听取一次汇报"], "reminders": ["冬季森林防火：检查站全部到位"]}
    for seed in range(6):
        assert _text(spec, seed=seed).count("最后") <= 1


def test_work_report_plans_are_third_person() -> None:
    spec = {"meeting": {**MEETING, "type": "work_report", "title": "县发改局上半年工作总结"},
            "tasks": [{"title": "加快重点项目建设", "items": ["要加强项目调度", "我局将组织专题培训"],
                       "owner": "副局长王强", "supervision": {"when": "9月底前", "action": "专项检查"}}]}
    text = _text(spec)
    assert "加强项目调度。" in text and "要加强" not in text
    assert "我要" not in text and "专项检查" in text
