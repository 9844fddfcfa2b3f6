"""The 提法 rules are data: every built-in rule is sourced, catches its example and
stays quiet on the corrected sentence; user files merge and fail with located
Chinese messages."""
from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.proof.checker import check_text
from speechgen.proof.rules.norms import builtin_norms, load_norms, merge_norms, parse_rules
from speechgen.errors import InputError

NORMS = builtin_norms()


def test_at_least_sixty_sourced_rules_with_unique_ids() -> None:
    assert len(NORMS) >= 60
    assert len({r.id for r in NORMS}) == len(NORMS)
    assert all(r.source and r.example and (r.right or r.note) for r in NORMS)


@pytest.mark.parametrize("rule", NORMS, ids=[r.id for r in NORMS])
def test_rule_catches_its_example_and_not_the_correction(rule) -> None:
    assert list(rule.find(rule.example)), f"{rule.id} misses its own example"
    found = [f for f in check_text(rule.example, source="a.txt") if f.rule == "norms"]
    assert any(rule.right in f.message for f in found)
    corrected = rule.pattern.sub(rule.right, rule.example)
    offenders = [other.id for other in NORMS if list(other.find(corrected))]
    assert offenders == [], f"corrected sentence {corrected!r} still trips {offenders}"


@pytest.mark.parametrize("text", [
    "认真学习总书记重要讲话精神，做好学习总结。",
    "坚持以习近平新时代中国特色社会主义思想为指导，加快构建以国内大循环为主体、国内国际双循环相互促进的新发展格局。",
    "营造市场化、法治化、国际化一流营商环境，深化“放管服”改革，发展全过程人民民主。",
    "加快建设全国统一大市场，深化供给侧结构性改革，积极争取超长期特别国债，申报截止日期为本月底。",
    "依据《市场主体登记管理条例》办理，宣布署名结果。",
])
def test_normal_official_language_is_not_flagged(text: str) -> None:
    assert [f for f in check_text(text, source="a.txt") if f.rule == "norms"] == []


def test_user_rules_merge_and_override_by_id(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "rules:\n"
        "  - {id: local-name, wrong: 老城区, right: 历史文化街区, source: 本单位规范}\n"
        "  - {id: typo-zuowei, wrong: 做为, right: 作为, source: 本单位规范, severity: error}\n",
        encoding="utf-8")
    findings = check_text("老城区改造做为重点。", source="a.txt", rules=user)
    by_text = {f.text: f for f in findings if f.rule == "norms"}
    assert "历史文化街区" in by_text["老城区"].message
    assert by_text["做为"].severity == "error"  # the built-in is a warning; the user's rule replaced it
    merged = merge_norms(NORMS, load_norms(user))
    assert len(merged) == len(NORMS) + 1


def test_rules_given_as_dicts() -> None:
    findings = check_text("推进老城区改造。", rules=[{"wrong": "老城区", "right": "历史城区", "source": "本单位"}])
    assert [f.text for f in findings if f.rule == "norms"] == ["老城区"]


@pytest.mark.parametrize("content,expected", [
    ("rules: [", "不是有效的 YAML"),
    ("rules: {a: 1}", "rules 列表"),
    ("rules:\n  - {id: a, right: 乙, source: 甲}\n", "缺少 wrong"),
    ("rules:\n  - {id: a, pattern: '([', right: 乙, source: 甲}\n", "正则表达式有误"),
    ("rules:\n  - {id: a, wrong: 甲, right: 乙, severity: fatal}\n", "severity"),
    ("rules:\n  - {id: a, wrong: 甲, right: 乙, colour: red}\n", "未知字段"),
    ("rules:\n  - {id: a, wrong: 甲, right: 乙}\n  - {id: a, wrong: 丙, right: 丁}\n", "重复"),
])
def test_bad_rules_file_is_a_located_input_error(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        check_text("正文。", rules=path)
    assert expected in str(err.value) and "bad.yaml" in str(err.value)


def test_missing_rules_file() -> None:
    with pytest.raises(InputError, match="不存在"):
        load_norms("/nonexistent/rules.yaml")


def test_parse_rules_accepts_a_bare_list() -> None:
    (rule,) = parse_rules([{"pattern": "甲(?!乙)", "right": "甲乙", "source": "测试", "example": "甲丙"}])
    assert list(rule.find("甲丙")) and not list(rule.find("甲乙"))
