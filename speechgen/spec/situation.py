"""The outside world a speech reads the period against, in the writer's own material.

``situation`` (形势): items at national / superior / peer / local level with a short text and
optional figures, plus opportunities, risks and an overall verdict.  ``relays`` (传达): superior
meetings, documents and leaders' instructions, with the leaders' exact words.  ``assessment``
(考核): the regime the region is judged by.  ``guidance`` (总体要求): the superior's overall
requirement, the work slogans, and the reasons for the targets.

Nothing here is ever invented by the generator: without these fields a draft says nothing about
the outside world.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, Union

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

from speechgen.spec.types import Int, Number

#: field name → Chinese keys (merged into the spec's alias table)
SITUATION_KEYS: dict[str, tuple[str, ...]] = {
    "situation": ("形势",),
    "relays": ("传达", "上级会议"),
    "assessment": ("考核", "考评"),
    "guidance": ("总体要求", "指导思想"),
    "national": ("全国", "国家"),
    "peers": ("同级", "兄弟地区"),
    "local": ("本地", "我们"),
    "opportunities": ("机遇", "有利条件"),
    "risks": ("风险", "挑战", "不利因素"),
    "verdict": ("总体判断", "判断"),
    "scope": ("范围", "称谓"),
    "indicator": ("指标名称", "指标"),
    "count": ("个数", "总数"),
    "up": ("增", "正增长个数"),
    "down": ("降", "负增长个数"),
    "group": ("群体", "比较单位"),
    "when": ("时间",),
    "body": ("会议名称", "文件名称"),
    "by": ("召开单位", "印发单位"),
    "kind": ("类别", "种类"),
    "quotes": ("原话", "讲话原文"),
    "points": ("要点", "要求"),
    "groups": ("指标类别",),
    "score": ("得分",),
    "standing": ("位次说明", "现状"),
    "tone": ("总基调",),
    "slogans": ("工作思路", "口号"),
    "rationale": ("目标依据", "依据"),
}



_COMMON = {"name": ("名称",), "text": ("表述", "文字"), "growth": ("增速", "同比增长"), "value": ("数值",),
           "unit": ("单位",), "rank": ("排名", "排位"), "rank_total": ("排名总数", "参评数"),
           "superior": ("上级", "全省"), "post": ("职务",), "leader": ("领导", "姓名")}


def _f(name: str, default: Any = ..., **kw: Any) -> Any:
    names = (name, *_COMMON.get(name, ()), *SITUATION_KEYS.get(name, ()))
    return Field(default, validation_alias=AliasChoices(*dict.fromkeys(names)), **kw)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ContextItem(_Model):
    """One level of the situation: 全国 / 全省 / 兄弟市州 / 我们 (text and/or figures)."""

    scope: str = _f("scope", "", description="称谓，如 全国、全省、全省12个市州；不填按层级")
    text: str = _f("text", "", description="写作者的判断或概括（原样使用）")
    indicator: str = _f("indicator", "", description="所说的指标，如 国内生产总值")
    growth: Number | None = _f("growth", None, description="增速（%），负数为下降")
    value: Number | None = _f("value", None, description="总量")
    unit: str = _f("unit", "", description="总量的单位")
    count: Int | None = _f("count", None, ge=1, description="同级地区个数（兄弟地区用）")
    up: Int | None = _f("up", None, ge=0, description="其中正增长的个数")
    down: Int | None = _f("down", None, ge=0, description="其中下降的个数")
    group: str = _f("group", "", description="同级地区的称谓，如 市州、县（市、区）")
    rank: Int | None = _f("rank", None, ge=1, description="我们在同级中的位次")

    @model_validator(mode="after")
    def _tallies_fit(self) -> "ContextItem":
        if self.count is not None and (self.up or 0) + (self.down or 0) > self.count:
            raise ValueError(f"增 {self.up} 个加降 {self.down} 个超过总数 count={self.count}")
        if self.count is not None and self.rank is not None and self.rank > self.count:
            raise ValueError(f"位次 rank={self.rank} 大于总数 count={self.count}")
        return self


Items = Union[ContextItem, list[ContextItem]]


class Situation(_Model):
    national: list[ContextItem] = _f("national", default_factory=list, description="从全国看")
    superior: list[ContextItem] = _f("superior", default_factory=list, description="从上级（全省/全市）看")
    peers: list[ContextItem] = _f("peers", default_factory=list, description="兄弟地区比较，如 9增3降、我市居第4位")
    local: list[ContextItem] = _f("local", default_factory=list, description="从本地看")
    opportunities: list[str] = _f("opportunities", default_factory=list, description="有利条件、机遇（写作者提供）")
    risks: list[str] = _f("risks", default_factory=list, description="风险挑战、不利因素（写作者提供）")
    verdict: str = _f("verdict", "", description="总体判断，如 机遇大于挑战")

    @field_validator("national", "superior", "peers", "local", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [{"text": value}]
        return [value] if isinstance(value, dict) else value

    @field_validator("opportunities", "risks", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def levels(self) -> list[tuple[str, list[ContextItem]]]:
        return [("national", self.national), ("superior", self.superior), ("peers", self.peers),
                ("local", self.local)]

    def __bool__(self) -> bool:
        return bool(self.national or self.superior or self.peers or self.local or self.opportunities
                    or self.risks or self.verdict)


class Relay(_Model):
    """A superior meeting, document or instruction to relay, with the leader's exact words."""

    kind: Literal["meeting", "document", "instruction"] = _f(
        "kind", "meeting", description="meeting 会议、document 文件、instruction 批示")
    when: str = _f("when", "", description="时间，如 昨天下午、7月10日")
    by: str = _f("by", "", description="召开或印发的机关，如 省里、省政府")
    body: str = _f("body", "", description="会议或文件名称，如 全省经济运行调度会")
    leader: str = _f("leader", "", description="讲话或批示的领导姓名")
    post: str = _f("post", "", description="领导职务，如 省长")
    quotes: list[str] = _f("quotes", default_factory=list, description="领导原话（原样加引号，不改一字）")
    points: list[str] = _f("points", default_factory=list, description="会议或文件的主要要求（写作者概括）")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_cn(cls, value: Any) -> Any:
        return {"会议": "meeting", "文件": "document", "批示": "instruction", "指示": "instruction"}.get(value, value)

    @field_validator("quotes", "points", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class AssessmentGroup(_Model):
    name: str = _f("name", description="指标类别，如 主要经济指标")
    count: Int = _f("count", ge=1, description="项数")


class Assessment(_Model):
    """The regime the region is judged by (考核办法、评价体系)."""

    name: str = _f("name", "", description="考核或评价办法的名称")
    groups: list[AssessmentGroup] = _f("groups", default_factory=list, description="指标类别和项数")
    score: Number | None = _f("score", None, description="目前得分")
    rank: Int | None = _f("rank", None, ge=1, description="目前位次")
    rank_total: Int | None = _f("rank_total", None, ge=1, description="参评地区数")
    text: str = _f("text", "", description="写作者对考核的说明（原样使用）")

    def __bool__(self) -> bool:
        return bool(self.name or self.groups or self.score is not None or self.rank or self.text)


class Guidance(_Model):
    """The superior's overall requirement for the coming period and the reasons for the targets."""

    tone: str = _f("tone", "", description="总基调，如 稳中求进")
    slogans: list[str] = _f("slogans", default_factory=list, description="工作思路、战略口号（原样使用）")
    text: str = _f("text", "", description="上级的总体要求（写作者概括）")
    rationale: str = _f("rationale", "", description="确定目标的依据（写作者提供）")

    @field_validator("slogans", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def __bool__(self) -> bool:
        return bool(self.tone or self.slogans or self.text or self.rationale)
