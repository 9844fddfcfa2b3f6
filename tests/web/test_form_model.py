"""The form is built from the spec model: every field reachable, new fields appear by themselves."""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from enum import Enum
from typing import Literal, Optional

import pytest
from pydantic import BaseModel, Field

import speechgen
from speechgen.core.draft import Draft, Heading, Paragraph, Run, Table
from speechgen.proof.rules.lines import lines_from_draft
from speechgen.spec.model import Spec
from speechgen.web import dropped, specform
from speechgen.web.preview import draft_html, line_targets, place
from speechgen.web.yamlio import dump_yaml, expand_yaml_boxes, spec_yaml
from webclient import SAMPLES


def _model_leaves(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every leaf field path of a model, found independently of specform's own walk."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        widget = specform.type_widget(name, info.annotation)
        nested = [c for c in (info.annotation, *getattr(info.annotation, "__args__", ())) if isinstance(c, type)]
        if widget.kind == "obj":
            out |= _model_leaves(next(c for c in nested if issubclass(c, BaseModel)), f"{prefix}{name}.")
        elif widget.kind in ("list", "grid"):
            out |= {f"{prefix}{name}[]." + c for c in _leaves_of(widget.children)}
        else:
            out.add(prefix + name)
    return out


def _leaves_of(widgets: list[specform.Widget]) -> set[str]:
    return set(specform.leaf_paths(widgets))


def test_every_spec_field_has_a_widget():
    leaves = set(specform.leaf_paths(specform.spec_widgets()))
    assert leaves == _model_leaves(Spec)
    assert {"meeting.title", "meeting.speaker.name", "indicators[].growth", "tasks[].lead", "tasks[].deadline",
            "requirements", "targets[].bound", "narration.top_n"} <= leaves


class Colour(str, Enum):
    red = "red"
    blue = "blue"


class Relay(BaseModel):
    source: str = Field("", description="上级会议")
    points: list[str] = Field(default_factory=list)


class Future(BaseModel):
    """A model with fields nobody has added yet: the walk must still give each a widget."""

    situation: str = Field("", description="形势：国际国内形势判断")
    relays: list[Relay] = Field(default_factory=list)
    period_weight: Optional[Decimal] = None
    mode: Literal["auto", "manual"] = Field("auto", description="auto 自动、manual 手动")
    colour: Colour = Colour.red
    flag: bool = False
    when: Optional[_dt.date] = None
    mapping: dict[str, str] = Field(default_factory=dict)


def test_new_fields_appear_without_editing_the_page():
    kinds = {w.key: w.kind for w in specform.model_widgets(Future)}
    assert kinds == {"situation": "text", "relays": "list", "period_weight": "num", "mode": "enum",
                     "colour": "enum", "flag": "bool", "when": "date", "mapping": "yaml"}
    relays = next(w for w in specform.model_widgets(Future) if w.key == "relays")
    assert [c.kind for c in relays.children] == ["str", "lines"]
    mode = next(w for w in specform.model_widgets(Future) if w.key == "mode")
    assert mode.options == [("auto", "自动"), ("manual", "手动")]


def test_chinese_labels():
    widgets = {w.key: w for w in specform.spec_widgets()}
    assert widgets["meeting"].label == "会议" and widgets["tasks"].label == "任务"
    meeting = {w.key: w for w in widgets["meeting"].children}
    assert meeting["type"].options[0] == ("quarterly_analysis", "经济运行分析会")
    assert ("一季度", "Q1") in meeting["period"].options
    assert dict(meeting["leader_speaks"].options) == {"before": "之前", "after": "之后"}
    assert widgets["indicators"].kind == "grid"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_spec_yaml_round_trip(sample):
    spec = speechgen.load(SAMPLES / sample)
    text = spec_yaml(spec)
    assert speechgen.load(text).model_dump() == spec.model_dump()
    assert spec_yaml(speechgen.load(text)) == text


def test_numbers_keep_their_precision():
    text = dump_yaml({"growth": Decimal("5.80"), "value": Decimal("512"), "neg": Decimal("-2.30")})
    assert text == "growth: 5.80\nvalue: 512\nneg: -2.30\n"


def test_yaml_boxes():
    assert expand_yaml_boxes({"a": {"$yaml": "x: 1\n"}, "b": [{"$yaml": "- 2"}]}) == {"a": {"x": 1}, "b": [[2]]}
    with pytest.raises(speechgen.InputError, match="表单 a"):
        expand_yaml_boxes({"a": {"$yaml": "x: [\n"}})


# ------------------------------------------------------------------ preview

def _draft() -> Draft:
    return Draft(title="在全市会议上的讲话", subtitle=["市长　张明", "（2025年4月18日）"], blocks=[
        Paragraph([Run("同志们：")], kind="salutation"),
        Heading(1, "总体情况", marker="一、"),
        Paragraph([Run("抓项目。", bold=True), Run("完成投资×××亿元。")]),
        Table("附表", ["指标", "增速"], [["地区生产总值", "5.8"], ["工业", "4.1"]]),
        Paragraph([Run("结尾。")], kind="closing"),
    ])


def test_line_targets_follow_the_checkers_numbering():
    draft = _draft()
    targets = line_targets(draft)
    assert len(targets) == len(lines_from_draft(draft))
    assert targets[1] == "sg-title" and targets[3] == "sg-sub1" and targets[6] == "sg-b2"
    assert targets[7] == targets[10] == "sg-b3" and targets[11] == "sg-b4"


def test_marks_cross_bold_runs_and_escape():
    draft = _draft()
    draft.blocks[2].runs[1] = Run("完成<投资>×××亿元。")
    findings = place(speechgen.proofread(draft), draft)
    html = str(draft_html(draft, findings))
    assert "&lt;投资&gt;" in html and "<投资>" not in html
    assert "<strong>抓项目。</strong>" in html and "<mark>×××</mark>" in html
    assert 'id="sg-b2" class="sg-body sg-flag sg-flag-error"' in html


def test_dropped_input_is_reported(make_spec):
    spec = make_spec(achievements=[{"title": "项目建设加快推进", "items": ["新开工项目20个"]}])

    class Fake:
        text = "同志们：项目建设加快推进。地区生产总值增长5.6%。"

    warnings = dropped.collect(spec, Fake())
    assert any("achievements[0].items[0]" in w and "新开工项目20个" in w for w in warnings)
    assert any("规上工业增加值" in w for w in warnings)
    assert not any("项目建设加快推进" in w for w in warnings)
    full = speechgen.render(spec)
    assert dropped.collect(spec, full) == []


def test_server_config_travels_to_workers(tmp_path):
    from speechgen.web.config import ServerConfig
    from speechgen.web.security import GuardConfig
    from speechgen.web.service import Settings

    config = ServerConfig(GuardConfig(bind="0.0.0.0", token="t0ken-123456", allowed_hosts=("a.b",), max_body=5),
                          Settings(workspace=tmp_path, templates=(tmp_path / "tpl",), max_upload=7))
    assert ServerConfig.from_json(config.to_json()) == config
