"""`speechgen schema` accepts what the loader accepts: the README's Chinese keys and Chinese meeting types."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from speechgen.spec.loader import load_spec
from speechgen.spec.model import CHINESE_KEYS
from speechgen.spec.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]


def readme_keys() -> dict[str, list[str]]:
    """English field → Chinese keys, as the README's spec table lists them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not re.match(r"^[a-z_ /()]+(?:（.*）)?$", cells[0]):
            continue
        english = [e.strip() for e in re.sub(r"（[^）]*）|\([^)]*\)", "", cells[0]).split("/")]
        chinese = [[a.strip() for a in c.split("、")] for c in re.sub(r"（[^）]*）", "", cells[1]).split("/")]
        for en, zh in zip(english, chinese):
            out[en] = zh
    return out


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def check_keys(schema: dict[str, Any], node: dict[str, Any], value: Any, path: str = "") -> None:
    """Every key of *value* is allowed and every required key present (a key-level validator)."""
    node = _resolve(schema, node)
    for alt in node.get("anyOf", []):
        alt = _resolve(schema, alt)
        if (alt.get("type") == "object" and isinstance(value, dict)) or (alt.get("type") == "array" and isinstance(value, list)):
            node = alt
            break
    if isinstance(value, dict) and "properties" in node:
        props = node["properties"]
        if node.get("additionalProperties") is False:
            assert not set(value) - set(props), f"{path}: {set(value) - set(props)} not allowed"
        for req in node.get("required", []):
            assert req in value, f"{path}: {req} missing"
        for rule in node.get("allOf", []):
            assert any(set(r["required"]) <= set(value) for r in rule["anyOf"]), f"{path}: {rule}"
        for key, sub in value.items():
            check_keys(schema, props[key], sub, f"{path}.{key}")
    elif isinstance(value, list) and "items" in node:
        for i, item in enumerate(value):
            check_keys(schema, node["items"], item, f"{path}[{i}]")


BASE = ("meeting", "indicators", "achievements", "problems", "tasks", "requirements", "targets", "speaker")


def _chinese(value: Any, pick: int, deep: bool = True) -> Any:
    """English keys → Chinese ones (below the top level only inside the base parts, whose aliases are shared)."""
    if not deep:
        return value
    if isinstance(value, dict):
        return {(CHINESE_KEYS[k][pick % len(CHINESE_KEYS[k])] if k in CHINESE_KEYS else k):
                _chinese(v, pick, k in BASE) for k, v in value.items()}
    if isinstance(value, list):
        return [_chinese(v, pick, deep) for v in value]
    return value


def test_readme_keys_are_in_the_schema() -> None:
    listed = readme_keys()
    assert len(listed) >= 30
    schema = json_schema()
    nodes = [schema, *schema["$defs"].values()]
    for en, zh in listed.items():
        holders = [n["properties"] for n in nodes if en in n.get("properties", {})]
        assert holders, en
        for key in zh:  # some model holding the English field also takes each Chinese key the README lists
            assert any(key in props for props in holders), (en, key)


@pytest.mark.parametrize("pick", [0, 1])
@pytest.mark.parametrize("sample", ["city_q1", "county_work_report", "county_dispatch"])
def test_a_spec_in_chinese_keys_validates(sample: str, pick: int) -> None:
    data = yaml.safe_load((ROOT / "samples" / f"{sample}.yaml").read_text(encoding="utf-8"))
    chinese = {k: v for k, v in _chinese(data, pick).items()}
    meeting = chinese["会议"]
    meeting[next(k for k in ("类型", "会议类型") if k in meeting)] = "经济运行分析会"
    schema = json_schema()
    check_keys(schema, schema, chinese)
    load_spec(chinese)  # and the loader agrees
    assert "经济运行分析会" in schema["$defs"]["MeetingType"]["enum"]
    check_keys(schema, schema, data)  # English keys still validate
