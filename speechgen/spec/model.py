"""The input spec: what a writer fills in before a draft is generated.

Glossary (English field ↔ 公文 term):
    meeting 会议 · indicators 指标 (the indicator table) · achievements 成绩 ·
    problems 问题 · tasks 部署/任务 · requirements 要求 (保障、作风、抓落实) ·
    growth 同比增速 (yoy %, negative = decline) · superior 上级 (全省/全市) ·
    percentage point 百分点 (difference of two rates) · rank 排位 · 时序进度 time progress.

Every field also accepts a Chinese key (see :data:`CHINESE_KEYS`), so a writer
who never learned the English names can fill the file in Chinese.  Numbers are
kept as :class:`~decimal.Decimal` so the precision the user wrote (5.80) survives.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)

from speechgen.core.calendar import Deadline, parse_deadline
from speechgen.core.limits import LIMITS
from speechgen.spec.types import Int, Number
from speechgen.core.periods import Period, parse_period
from speechgen.spec.fields import taxonomy
from speechgen.spec.situation import SITUATION_KEYS, Assessment, Guidance, Relay, Situation




class MeetingType(str, Enum):
    quarterly_analysis = "quarterly_analysis"
    annual_conference = "annual_conference"
    dispatch = "dispatch"
    department = "department"
    work_report = "work_report"
    statement = "statement"


#: Chinese names accepted for ``meeting.type``.
MEETING_TYPE_NAMES: dict[str, MeetingType] = {
    "经济运行分析会": MeetingType.quarterly_analysis,
    "分析会": MeetingType.quarterly_analysis,
    "季度分析会": MeetingType.quarterly_analysis,
    "经济工作会议": MeetingType.annual_conference,
    "年度经济工作会议": MeetingType.annual_conference,
    "调度会": MeetingType.dispatch,
    "推进会": MeetingType.dispatch,
    "部门工作会议": MeetingType.department,
    "工作会议": MeetingType.department,
    "工作报告": MeetingType.work_report,
    "工作总结": MeetingType.work_report,
    "表态发言": MeetingType.statement,
}

#: field name → accepted Chinese keys (documented in the README).
CHINESE_KEYS: dict[str, tuple[str, ...]] = {
    "meeting": ("会议",),
    "indicators": ("指标",),
    "achievements": ("成绩",),
    "problems": ("问题",),
    "tasks": ("任务", "部署"),
    "requirements": ("要求",),
    "type": ("类型", "会议类型"),
    "title": ("标题", "会议名称"),
    "period": ("时期", "期间", "数据期"),
    "estimate": ("预计", "预计数"),
    "prev_period": ("上期时期", "对比时期", "比较时期"),
    "basis": ("比较基准", "增速口径"),
    "stage_target": ("阶段目标",),
    "stance": ("语气", "目标语气"),
    "deadlines": ("deadline", "时间节点", "关键节点"),
    "avoid": ("避免重复", "上期讲话"),
    "year": ("年度", "年份"),
    "date": ("日期",),
    "region": ("本级", "地区"),
    "superior": ("上级",),
    "speaker": ("讲话人",),
    "name": ("名称", "姓名", "指标名称"),
    "post": ("职务",),
    "principal": ("主要领导",),
    "speaks_for": ("for", "代表", "代表机关"),
    "preceding": ("前序发言",),
    "organizer": ("主办",),
    "office": ("办公室", "单位"),
    "recipient": ("主送机关", "主送"),
    "attachments": ("附件",),
    "value": ("数值", "本期值", "累计值"),
    "unit": ("单位",),
    "growth": ("增速", "同比增长"),
    "superior_growth": ("上级增速", "全省增速"),
    "rank": ("排名", "排位"),
    "rank_total": ("排名总数", "参评数"),
    "prev_growth": ("上期增速",),
    "prev_rank": ("上期排名", "上期排位"),
    "target_growth": ("目标增速",),
    "annual_target": ("年度目标",),
    "part": ("归属",),
    "items": ("条目", "要点"),
    "detail": ("详情", "内容"),
    "lead": ("牵头单位", "牵头"),
    "deadline": ("时限", "完成时限"),
    "file": ("文件",),
    "sheet": ("工作表",),
    "seed": ("种子",),
    "leader": ("主要领导称谓", "会议主要领导"),
    "leader_speaks": ("主要领导讲话顺序",),
    "sector": ("行业", "系统"),
    "support": ("配合单位", "配合"),
    "targets": ("目标", "预期目标"),
    "bound": ("限定词",),
    "verb": ("动词",),
    "text": ("表述", "文字"),
    "narration": ("叙述设置",),
    "pull": ("拉动", "拉动百分点"),
    "contribution": ("贡献率",),
    "share": ("占比", "比重"),
    "of": ("总体", "占比对象"),
    "two_year_avg": ("两年平均增长", "两年平均增速"),
    "month_growth": ("当月增长", "当月增速"),
    "parent": ("所属指标", "上级指标"),
    "count": ("个数", "数量"),
    "count_of": ("总数", "总个数"),
    "cause": ("原因",),
    "headline": ("主要指标",),
    "regions": ("分地区", "县区", "各地区"),
    "rows": ("数据", "行"),
    "indicator": ("比较指标",),
    "label": ("称谓", "地区称谓"),
    "follow_up": ("后进要求", "督导要求"),
    "field": ("领域",),
    "verbatim": ("原文照录", "不改写"),
    "points": ("分项", "具体要点"),
    "group": ("所属部分", "板块"),
    "task_groups": ("任务板块", "部署板块"),
    "reminders": ("强调事项", "最后强调"),
    "owner": ("责任领导", "负责人"),
    "supervision": ("督查", "督办"),
    "goal": ("任务目标", "目标句"),
    "by": ("督查人", "督查单位"),
    "when": ("督查时间",),
    "action": ("督查方式",),
    **{k: v for k, v in SITUATION_KEYS.items() if k in ("situation", "relays", "assessment", "guidance")},
}


def _f(name: str, default: Any = ..., **kw: Any) -> Any:
    """A field that also accepts its Chinese aliases."""
    names = (name, *CHINESE_KEYS.get(name, ()))
    return Field(default, validation_alias=AliasChoices(*names), **factory(kw))


def new_list() -> list[Any]:
    return []


def new_dict() -> dict[Any, Any]:
    return {}


def factory(kw: dict[str, Any]) -> dict[str, Any]:
    """``default_factory=list`` as a Python function: pydantic reads a factory's signature, and a
    builtin's signature is parsed from text with the tokenizer (a few ms per cold start)."""
    known = {list: new_list, dict: new_dict}
    return {**kw, "default_factory": known[kw["default_factory"]]} if kw.get("default_factory") in known else kw


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)


class Speaker(_Model):
    name: str = _f("name", "", description="讲话人姓名", max_length=LIMITS.title_chars)
    post: str = _f("post", "", description="职务，如 市长、副县长、局长", max_length=LIMITS.title_chars)
    principal: bool | None = _f(
        "principal", None, description="是否主要负责同志；不填时按职务推断（副职为否）"
    )

    speaks_for: Literal["party", "government", "department"] | None = _f(
        "speaks_for", None,
        description="讲话人代表谁：party（党委，书记）、government（政府）、department（部门）；不填时按职务推断"
    )

    @property
    def voice(self) -> str:
        """party / government / department: from ``speaks_for``, else from the post (书记 → party)."""
        if self.speaks_for:
            return self.speaks_for
        if "书记" in self.post:
            return "party"
        if any(w in self.post for w in ("局长", "主任", "厅长", "部长", "主席")):
            return "department"
        return "government"

    @property
    def is_principal(self) -> bool:
        if self.principal is not None:
            return self.principal
        return not self.post.startswith(("副", "常务副")) and "副" not in self.post[:3]


class Meeting(_Model):
    type: MeetingType = _f("type", description="会议类型")
    title: str = _f("title", description="会议名称，如 全市一季度经济运行分析会", max_length=LIMITS.title_chars)
    period: str = _f("period", description="时期：Q1 H1 Q3 year M1-4 M5 …")
    year: Int = _f("year", description="年份", ge=1949, le=2100)
    date: _dt.date | None = _f("date", None, description="讲话日期 2025-04-18")
    region: str = _f("region", "全市", description="本级的称谓：全市/全县/全区", max_length=LIMITS.title_chars)
    superior: str = _f("superior", "全省", description="比较对象：全省/全市", max_length=LIMITS.title_chars)
    speaker: Speaker = _f("speaker", default_factory=Speaker)
    preceding: list[str] = _f("preceding", default_factory=list, description="前面的发言/通报", max_length=LIMITS.title_chars)
    organizer: str = _f("organizer", "", description="召开会议的机关，如 市委、市政府", max_length=LIMITS.title_chars)
    office: str = _f("office", "", description="起草单位（写入 Word 文档属性的作者；工作报告的署名）",
                     max_length=LIMITS.title_chars)
    recipient: str = _f("recipient", "", description="工作报告的主送机关，如 县委、县政府（省略时取 organizer）",
                        max_length=LIMITS.title_chars)
    attachments: list[str] = _f("attachments", default_factory=list,
                                description="工作报告的附件名称（写入正文后的附件说明）", max_length=LIMITS.title_chars)
    leader: str = _f("leader", "", description="会议主要领导的称谓，如 王强书记；副职讲话时开场据此表态", max_length=LIMITS.title_chars)
    leader_speaks: Literal["before", "after"] | None = _f(
        "leader_speaks", None, description="主要领导在本讲话之前（before）还是之后（after）讲话；"
                                           "不填时：写了 leader 按之后，否则不提另有讲话"
    )
    sector: str = _f("sector", "", description="部门或行业，如 商务、发展改革（部门工作会议、表态发言用）", max_length=LIMITS.title_chars)
    deadlines: list[str] = _f(
        "deadlines", default_factory=list,
        description="倒计时用的时间节点，“名称 日期”，如 报统关网 2022-07-06（可写一个或一个列表）")

    @property
    def voice(self) -> str:
        """Whom the draft speaks for: the speaker's (post or ``speaks_for``); with no speaker named
        (a work report), the office that signs it: a 局/委/办 is a department, a 党委 the party."""
        sp = self.speaker
        if sp.speaks_for or sp.post.strip() or not self.office.strip():
            return sp.voice
        office = self.office.strip()
        if office.endswith(("党委", "县委", "市委", "区委", "州委", "党工委", "党组")):
            return "party"
        if office.endswith(("局", "办公室", "中心", "委", "委员会", "厅", "所", "站", "队")) \
                and not office.endswith(("管委会", "管理委员会")):
            return "department"
        return "government"

    @field_validator("deadlines", mode="before")
    @classmethod
    def _deadlines_ok(cls, v: Any) -> Any:
        items = [v] if isinstance(v, (str, dict)) else v
        if not isinstance(items, list):
            return v
        out = []
        for item in items:
            if isinstance(item, dict):  # {name: 报统关网, date: 2022-07-06}
                item = f"{item.get('name') or item.get('名称') or ''} {item.get('date') or item.get('日期') or ''}"
            parse_deadline(str(item))
            out.append(str(item))
        return out

    @property
    def deadline_dates(self) -> tuple[Deadline, ...]:
        return tuple(parse_deadline(d) for d in self.deadlines)

    @field_validator("type", mode="before")
    @classmethod
    def _type_cn(cls, v: Any) -> Any:
        return MEETING_TYPE_NAMES.get(v, v) if isinstance(v, str) else v

    @field_validator("period")
    @classmethod
    def _period_ok(cls, v: str) -> str:
        parse_period(v)
        return v

    @property
    def period_info(self) -> Period:
        return parse_period(self.period)




def _field_choices() -> list[str]:
    tax = taxonomy()
    return [*tax.ids, *(f.name for f in tax.fields)]


def _policy_field() -> Any:
    """``field:`` on an indicator or item: a field id of corpora/fields.yaml or its Chinese name."""
    return _f("field", None, description="所属领域（不填按名称、关键词判断）：" +
              "、".join(f"{f.id}（{f.name}）" for f in taxonomy().fields),
              json_schema_extra={"enum": _field_choices()})


class _HasField(BaseModel):
    @field_validator("field", mode="before", check_fields=False)
    @classmethod
    def _field_ok(cls, v: Any) -> Any:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return taxonomy().resolve(str(v))  # ValueError with the list of fields


class Indicator(_Model, _HasField):
    name: str = _f("name", description="指标名称")
    field: str | None = _policy_field()
    value: Number | None = _f("value", None, description="本期值（累计值）")
    unit: str = _f("unit", "", description="单位，如 亿元")
    growth: Number | None = _f("growth", None, description="同比增长（%），负数为下降")
    superior_growth: Number | None = _f("superior_growth", None, description="上级同期增速（%）")
    rank: Int | None = _f("rank", None, ge=1, description="在上级中的排位")
    rank_total: Int | None = _f("rank_total", None, ge=1, description="参与排位的地区数")
    prev_growth: Number | None = _f("prev_growth", None, description="上期增速（%）")
    prev_rank: Int | None = _f("prev_rank", None, ge=1, description="上期排位")
    target_growth: Number | None = _f("target_growth", None, description="年度目标增速（%）")
    annual_target: Number | None = _f("annual_target", None, description="年度目标值（与 value 同单位）")
    part: Literal["auto", "review", "problems", "hidden"] = _f(
        "part", "auto", description="放在哪一部分：auto 自动、review 成绩、problems 问题、hidden 不写"
    )
    pull: Number | None = _f("pull", None, description="拉动总体（of，默认地区生产总值）增长的百分点，负数为下拉")
    contribution: Number | None = _f("contribution", None, description="对总体增长的贡献率（%）")
    share: Number | None = _f("share", None, ge=0, description="占总体（of）的比重（%）")
    of: str = _f("of", "", description="占比、拉动、贡献率所指的总体，如 地区生产总值；不填时用 parent，再不填用表中的地区生产总值")
    two_year_avg: Number | None = _f("two_year_avg", None, description="两年平均增长（%）")
    month_growth: Number | None = _f("month_growth", None, description="本期最后一个月当月增长（%），如 9月当月")
    parent: str = _f("parent", "", description="所属指标（“其中”项）：写上级指标的名称，本项接在上级指标之后叙述")
    count: Int | None = _f("count", None, ge=0, description="个数（与 unit 配合，如 31 个、19 家）")
    count_of: Int | None = _f("count_of", None, ge=1, description="总数：count 是多少个中的几个，如 前50家中的19家")
    cause: str = _f("cause", "", description="变化的原因（写稿人的说明，接在数字之后）")
    headline: bool | None = _f("headline", None, description="是否计入“N项主要指标”；不填按领域分类推断（GDP、规上工业增加值、固投、社零、一般公共预算收入等）")
    period: str | None = _f("period", None, description="本行数据的时期（一季度、1—5月、5月、全年…）；不填为会议的时期")
    estimate: bool = _f("estimate", False, description="预计数（写作“预计……左右”，不计入汇总）")
    prev_period: str | None = _f("prev_period", None, description="上期增速、上期排位所属的时期，如 一季度、1—4月、上年")
    basis: Literal["yoy", "mom"] = _f("basis", "yoy", description="增速口径：yoy 同比（默认）、mom 环比")
    stage_target: "StageTarget | None" = _f("stage_target", None,
                                            description="阶段目标：数字（目标增速%）或 {period, growth, bound, stance}")

    @field_validator("period", "prev_period")
    @classmethod
    def _period_ok(cls, v: str | None, info: Any) -> str | None:
        if v is None or not str(v).strip():
            return None
        if info.field_name == "period":
            parse_period(str(v))
        return str(v).strip()

    @field_validator("basis", mode="before")
    @classmethod
    def _basis_cn(cls, v: Any) -> Any:
        return {"同比": "yoy", "环比": "mom"}.get(v, v) if isinstance(v, str) else v

    @field_validator("stage_target", mode="before")
    @classmethod
    def _stage_number(cls, v: Any) -> Any:
        return {"growth": v} if isinstance(v, (int, float, str, Decimal)) and not isinstance(v, bool) else v

    @property
    def period_info(self) -> Period | None:
        return parse_period(self.period) if self.period else None

    @model_validator(mode="after")
    def _ranks_fit(self) -> "Indicator":
        for field in ("rank", "prev_rank"):
            r = getattr(self, field)
            if r is not None and self.rank_total is not None and r > self.rank_total:
                raise ValueError(f"{field}={r} 大于参与排位总数 rank_total={self.rank_total}")
        if self.count is not None and self.count_of is not None and self.count > self.count_of:
            raise ValueError(f"count={self.count} 大于总数 count_of={self.count_of}")
        if self.parent.strip() and self.parent.strip() == self.name.strip():
            raise ValueError(f"parent 不能是指标自身（{self.name}）")
        return self


class IndicatorFile(_Model):
    """``indicators: {file: 指标.xlsx, sheet: 一季度}``: the table lives in a spreadsheet."""

    file: str = _f("file", description=".xlsx、.xls 或 .csv 文件，相对于本文件")
    sheet: str | None = _f("sheet", None, description="工作表名称")
    columns: dict[str, str] = Field(default_factory=new_dict, description="额外的表头映射：表头 → 字段名")


class RegionRow(Indicator):
    """One row of a regions table: a region's figures for one indicator."""

    region: str = _f("region", description="地区名称（县、区、乡镇……），按表中写法")
    name: str = _f("name", "", description="指标名称（只比较一项指标时可在 regions.indicator 中统一写）")


class Regions(_Model):
    """``regions:`` the parts of this level compared inside one speech (分县区数据).

    The same table format as ``speechgen batch --regions``: one row per region and indicator.
    ``file`` + ``sheet`` (``file`` may be left out to read another sheet of the indicators
    workbook), or ``rows`` written inline.
    """

    file: str | None = _f("file", None, description=".xlsx 或 .csv 文件，相对于本文件；不填时用 indicators 的工作簿")
    sheet: str | None = _f("sheet", None, description="工作表名称")
    columns: dict[str, str] = Field(default_factory=new_dict, description="额外的表头映射：表头 → 字段名")
    rows: list[RegionRow] = _f("rows", default_factory=list, description="直接写出的各地区数据行")
    indicator: str | None = _f("indicator", None, description="表中只有一项指标、没有“指标名称”列时，该指标的名称")
    label: str = _f("label", "", description="各地区的统称，如 县（市、区）、乡镇；不填按本级推断")
    follow_up: str = _f("follow_up", "", description="对增速低于平均水平的地区提出的要求，如 由市发改委牵头逐一约谈")

    @model_validator(mode="after")
    def _named(self) -> "Regions":
        if self.indicator:
            self.rows = [r if r.name.strip() else r.model_copy(update={"name": self.indicator}) for r in self.rows]
        for i, r in enumerate(self.rows):
            if not r.name.strip():
                raise ValueError(f"rows[{i}]（{r.region}）没有指标名称：写 name，或在 regions 中写 indicator")
        return self

    @property
    def pending(self) -> bool:
        """A file reference not yet read into ``rows``."""
        return not self.rows and (self.file is not None or self.sheet is not None)
class Note(_Model):
    """One note written out as a mapping, to keep it as written: ``{text: …, verbatim: true}``."""

    text: str = _f("text", description="要点原文")
    verbatim: bool = _f("verbatim", False, description="照录原文，不改写（已经润色过的文字）")


#: a note: plain text (rewritten into the speaker's voice) or a :class:`Note`.
NoteLike = Union[str, Note]


def note_text(note: NoteLike) -> str:
    return note.text if isinstance(note, Note) else note


class Achievement(_Model, _HasField):
    title: str = _f("title")
    field: str | None = _policy_field()
    items: list[NoteLike] = _f("items", default_factory=list)
    verbatim: bool = _f("verbatim", False, description="各条照录原文，不改写")


class Problem(_Model, _HasField):
    title: str = _f("title")
    field: str | None = _policy_field()
    detail: str = _f("detail", "", description="问题的具体表现（一段文字）")
    items: list[NoteLike] = _f("items", default_factory=list, description="问题的具体表现，逐条列出")
    verbatim: bool = _f("verbatim", False, description="照录原文，不改写")

    @property
    def notes(self) -> list[NoteLike]:
        """What the writer said of the problem: the detail, then each item."""
        return ([self.detail] if self.detail.strip() else []) + list(self.items)


class Point(_Model):
    """A point inside a task (一要……二要……): a short head and its notes."""

    title: str = _f("title", description="分项的引领句，如 稳存量")
    items: list[NoteLike] = _f("items", default_factory=list)
    verbatim: bool = _f("verbatim", False, description="各条照录原文，不改写")


class Supervision(_Model):
    """Who checks a task and when (``月底前我要进行专项督查``); ``by`` empty means the speaker."""

    by: str = _f("by", "", description="督查人或单位，不填为讲话人本人（“我”）")
    when: str = _f("when", "", description="督查时间，如 月底前")
    action: str = _f("action", "督查", description="督查方式，如 专项督查、现场察看")
    text: str = _f("text", "", description="整句自写（填写后忽略其他字段）")


class Task(_Model, _HasField):
    title: str = _f("title")
    field: str | None = _policy_field()
    items: list[NoteLike] = _f("items", default_factory=list)
    lead: str = _f("lead", "", description="牵头单位")
    deadline: str = _f("deadline", "", description="完成时限，如 6月底前")
    support: str = _f("support", "", description="配合单位，如 市财政局、市自然资源局")
    group: str = _f("group", "", description="所属部署板块（一级标题）；相同板块的任务归在一起")
    points: list[Union[str, Point]] = _f("points", default_factory=list,
                                         description="任务内的分项（一要……二要……）")
    owner: str = _f("owner", "", description="负责调度推进的领导（职务和姓名，如 常务副县长王明）")
    supervision: Union[str, Supervision, None] = _f("supervision", None,
                                                    description="督查：谁、何时、方式，或整句自写")
    goal: str = _f("goal", "", description="本项任务的目标句（如 确保全年新增规上企业15家），填写后不再从指标推导")
    verbatim: bool = _f("verbatim", False, description="各条照录原文，不改写")


class TaskGroup(_Model):
    """A level-1 deployment part with its own heading and tasks."""

    title: str = _f("title", description="板块标题（一级标题）")
    tasks: list[Task] = _f("tasks", default_factory=list)


class Target(_Model):
    """One line of the annual targets list (年度主要预期目标)."""

    name: str = _f("name", description="指标名称，如 地区生产总值")
    growth: Number | None = _f("growth", None, description="目标增速（%）")
    value: Number | None = _f("value", None, description="目标值（与 unit 配合）")
    unit: str = _f("unit", "", description="目标值的单位")
    bound: Literal["", "左右", "以上", "以内", "以下"] = _f("bound", "", description="限定词：左右、以上、以内")
    verb: str = _f("verb", "", description="目标值前的动词，如 达到、控制在、稳定在（默认 达到）")
    text: str = _f("text", "", description="整句自写（填写后忽略其他字段）")
    period: str = _f("period", "", description="阶段目标所属的时期，如 二季度、四季度、上半年（不填为全年目标）")
    stance: Literal["", "确保", "力争", "必须", "努力"] = _f(
        "stance", "", description="语气：确保、力争、必须、努力（不填时精确数用确保，左右/以上用力争）")


class StageTarget(_Model):
    """``stage_target`` of one indicator: the goal of the next stage (二季度增长6%以上)."""

    period: str = _f("period", "", description="阶段，如 二季度、四季度、上半年（不填为会议部署的阶段）")
    growth: Number | None = _f("growth", None, description="阶段目标增速（%）")
    value: Number | None = _f("value", None, description="阶段目标值（与指标同单位）")
    bound: Literal["", "左右", "以上", "以内", "以下"] = _f("bound", "", description="限定词：左右、以上")
    stance: Literal["", "确保", "力争", "必须", "努力"] = _f("stance", "", description="语气：确保、力争、必须、努力")
    text: str = _f("text", "", description="整句自写，如 二季度实现“双过半”")


class NarrationSettings(_Model):
    """How indicators are judged and worded (see speechgen/narration/rules.py)."""

    average_basis: bool = Field(False, description="上级增速是各地区的平均值：写作“平均水平”")
    superior_margin: Number = Field(Decimal(0), description="低于上级超过多少个百分点才算问题")
    top_n: Int = Field(3, ge=1, description="“居前N位”汇总句的N")
    rank_rise: Int = Field(2, ge=1, description="排位前移几位算亮点")
    rank_drop: Int = Field(2, ge=1, description="排位后移几位算问题")
    negative_is_weak: bool = Field(True, description="负增长一律算问题")
    strict_targets: bool = Field(False, description="未达目标增速或慢于时序进度也算问题（默认只作提示）")
    prev_label: str | None = Field(None, description="上期的称谓，如 上月、一季度；不填按时期推断")
    gdp_schedule: bool = Field(False, description="地区生产总值也比时序进度、算“双过半”（默认不算：名义GDP不是逐月累计的总量）")
    progress_word: Literal["auto", "时序进度", "序时进度"] = Field(
        "auto", description="全稿统一用“时序进度”或“序时进度”；auto：随撰稿人材料，材料未用时用“时序进度”")


class Spec(_Model):
    _placeholders: list[tuple[str, str]] | None = PrivateAttr(default=None)  # located by the loader
    meeting: Meeting = _f("meeting")
    indicators: Annotated[
        Union[Annotated[list[Indicator], Tag("table")], Annotated[IndicatorFile, Tag("file")]],
        Discriminator(lambda v: "file" if isinstance(v, (dict, IndicatorFile)) else "table"),
    ] = _f("indicators", default_factory=list)
    achievements: list[Achievement] = _f("achievements", default_factory=list)
    problems: list[Problem] = _f("problems", default_factory=list)
    tasks: list[Task] = _f("tasks", default_factory=list)
    task_groups: list[TaskGroup] = _f("task_groups", default_factory=list,
                                      description="部署板块：几个一级部署部分，各有标题和任务")
    requirements: list[str] = _f("requirements", default_factory=list)
    reminders: list[NoteLike] = _f("reminders", default_factory=list,
                                   description="最后强调的几件事（“最后，我再强调几件事”）")
    targets: list[Target] = _f("targets", default_factory=list,
                               description="主要预期目标；也可写成 {items: [...], rationale: 目标依据}")
    situation: Situation = _f("situation", default_factory=Situation,
                              description="形势：全国、上级、兄弟地区、本地，机遇、风险和总体判断（不填则不谈外部形势）")
    relays: list[Relay] = _f("relays", default_factory=list, description="要传达的上级会议、文件、批示（领导原话原样引用）")
    assessment: Assessment = _f("assessment", default_factory=Assessment, description="考核评价办法和目前位次")
    guidance: Guidance = _f("guidance", default_factory=Guidance, description="上级总体要求、工作思路和目标依据")
    seed: Int | None = _f("seed", None, description="默认随机种子（措辞变化）")
    avoid: list[str] = _f("avoid", default_factory=list,
                          description="上期讲话稿（.docx/.md/.txt，相对于本文件）：生成时避开其中用过的句子")
    narration: NarrationSettings = _f("narration", default_factory=NarrationSettings,
                                      description="指标叙述和问题判定的阈值")
    regions: Regions | None = _f("regions", None, description="分地区数据：在讲话中比较各县（市、区）")

    @field_validator("regions", mode="before")
    @classmethod
    def _region_list(cls, v: Any) -> Any:
        return {"rows": v} if isinstance(v, list) else v

    @model_validator(mode="after")
    def _parents_exist(self) -> "Spec":
        if isinstance(self.indicators, list):
            check_parents(self.indicators)
        return self

    @model_validator(mode="before")
    @classmethod
    def _targets_with_rationale(cls, data: Any) -> Any:
        """``targets: {items: [...], rationale: …}`` → the list plus ``guidance.rationale``."""
        if not isinstance(data, dict):
            return data
        key = next((k for k in ("targets", *CHINESE_KEYS["targets"]) if k in data), None)
        block = data.get(key) if key else None
        if not isinstance(block, dict):
            return data
        block = dict(block)
        items = next((block.pop(k) for k in ("items", "条目", "要点") if k in block), [])
        reason = next((block.pop(k) for k in ("rationale", "目标依据", "依据") if k in block), None)
        if block:
            raise ValueError(f"targets 只能包含 items 和 rationale，多了 {'、'.join(map(str, block))}")
        data = {**data, key: items}
        if reason:
            gkey = next((k for k in ("guidance", *CHINESE_KEYS["guidance"]) if k in data), "guidance")
            guidance = dict(data.get(gkey) or {})
            guidance.setdefault("rationale", reason)
            data[gkey] = guidance
        return data

    @property
    def grouped_tasks(self) -> list[tuple[str, list[Task]]]:
        """(group title, tasks) in order: ``task_groups`` first, then ``tasks`` grouped by their
        ``group`` (tasks without a group form one untitled group)."""
        groups: list[tuple[str, list[Task]]] = [(g.title, list(g.tasks)) for g in self.task_groups]
        for t in self.tasks:
            key = t.group.strip()
            found = next((g for g in groups if key and g[0] == key), None)
            if found is None:
                groups.append((key, [t]))
            else:
                found[1].append(t)
        merged: list[tuple[str, list[Task]]] = []
        for title, tasks in groups:
            if merged and not title and not merged[-1][0]:
                merged[-1][1].extend(tasks)
            else:
                merged.append((title, tasks))
        return merged

    @property
    def all_tasks(self) -> list[Task]:
        return [t for _, tasks in self.grouped_tasks for t in tasks]

    @property
    def indicator_rows(self) -> list[Indicator]:
        """The indicator table (after a file reference has been resolved by the loader)."""
        return self.indicators if isinstance(self.indicators, list) else []


def check_parents(rows: list[Indicator]) -> None:
    """Every ``parent`` names another row, and no row is its own ancestor (raises ValueError)."""
    names = {r.name.strip() for r in rows}
    by_name = {r.name.strip(): r for r in rows}
    for r in rows:
        parent = r.parent.strip()
        if not parent:
            continue
        if parent not in names:
            raise ValueError(f"指标“{r.name}”的所属指标 parent “{parent}” 不在指标表中")
        seen = {r.name.strip()}
        while parent:
            if parent in seen:
                raise ValueError(f"指标“{r.name}”的所属指标形成循环（{parent}）")
            seen.add(parent)
            parent = by_name[parent].parent.strip() if parent in by_name else ""


Indicator.model_rebuild()
