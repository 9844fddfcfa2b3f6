"""Sentences of the situation part, the relays and the assessment regime, from the writer's material.

Python builds every sentence here (templates only place them).  Each figure is the writer's or a
difference of two of them, recorded as :class:`Provenance` with its formula, so the checker and
``--explain`` know where it came from.  Texts the writer gave (judgements, quotes, points) are used
as given; quotes are never reworded.  Without input, every function returns nothing: the draft then
makes no claim about the outside world.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from speechgen.compose.views import clause, sentence
from speechgen.core.chars import nested_quotes, unquoted
from speechgen.core.draft import Provenance
from speechgen.core.numbers import cn_count, fmt_abs, fmt_number
from speechgen.spec.fields import indicator_field
from speechgen.spec.regionwords import own_place
from speechgen.spec.model import Indicator, Spec
from speechgen.spec.situation import ContextItem, Relay

LEVEL_SCOPE = {"national": "全国"}
LEVEL_LEAD = {"national": "从全国看", "superior": "从{superior}看", "local": "从{region}看"}
PEER_GROUP = {"全县": "县（市、区）", "全区": "县（市、区）", "全市": "市州", "全州": "县市", "全省": "省份"}


@dataclass
class SituationText:
    """What the templates place: paragraphs by part, and the numbers they computed."""

    levels: list[str] = field(default_factory=list)      # one sentence group per level, in the genre's order
    opportunity_items: list[str] = field(default_factory=list)  # the writer's, as clauses (一是…二是…)
    opportunities: str = ""
    risks: str = ""
    verdict: str = ""
    relays: list[str] = field(default_factory=list)      # one paragraph per relayed meeting/document
    assessment: str = ""
    guidance: str = ""
    rationale: str = ""
    numbers: list[Provenance] = field(default_factory=list)

    @property
    def outside(self) -> bool:
        """Whether anything about the situation may be said at all."""
        return bool(self.levels or self.opportunities or self.risks or self.verdict)

    @property
    def paragraph(self) -> str:
        """The whole situation as one paragraph (dispatch, monthly and statement speeches)."""
        return "".join(self.levels + [self.opportunities, self.risks, self.verdict])

    @property
    def context(self) -> str:
        """The situation before the review (analysis meetings): the opportunities and the verdict
        come later, as the counterweight after the problems."""
        if not self.opportunity_items:
            return self.paragraph
        return "".join(self.levels + [self.risks])


def build(spec: Spec) -> SituationText:
    out = SituationText()
    m = spec.meeting
    for level, items in spec.situation.levels:
        for item in items:
            text = _level(level, item, spec, out.numbers)
            if text:
                out.levels.append(text)
    s = spec.situation
    out.opportunity_items = [clause(o) for o in s.opportunities if clause(o)]
    if s.opportunities:
        out.opportunities = "从有利条件看，" + "；".join(clause(o) for o in s.opportunities) + "。"
    if s.risks:
        out.risks = "同时也要看到，" + "；".join(clause(r) for r in s.risks) + "。"
    if s.verdict.strip():
        out.verdict = _verdict(s.verdict)
    out.relays = [p for p in (relay_text(r, m.superior) for r in spec.relays) if p]
    out.assessment = assessment_text(spec)
    out.guidance = guidance_text(spec)
    if spec.guidance.rationale.strip():
        reason = clause(spec.guidance.rationale)
        out.rationale = sentence(reason if reason.startswith(("确定", "提出", "这些目标", "这样")) else "确定这些目标，" + reason)
    return out


# ------------------------------------------------------------------ levels

def _level(level: str, item: ContextItem, spec: Spec, numbers: list[Provenance]) -> str:
    m = spec.meeting
    if level == "peers":
        return _peers(item, spec, numbers)
    scope = item.scope or (m.superior if level == "superior" else m.region if level == "local" else "全国")
    parts = [clause(item.text)] if clause(item.text) else []
    figure = _figure(item, scope)
    if figure:
        parts.append(figure)
    if level != "local":
        compared = _compare(item, scope, spec, numbers)
        if compared:
            parts.append(compared)
    if not parts:
        return ""
    lead = LEVEL_LEAD[level].format(superior=scope, region=scope)
    if parts[0].startswith(scope):  # the writer's text already names the level
        return f"{'，'.join(parts)}。"
    return f"{lead}，{'，'.join(parts)}。"


def _figure(item: ContextItem, scope: str) -> str:
    if item.growth is None and item.value is None:
        return ""
    name = item.indicator or "经济"
    if scope == "全国" and name in ("地区生产总值", "生产总值", "GDP"):
        name = "国内生产总值"  # the nation's is no 地区生产总值
    subject = name if name.startswith((scope, "国内", "全国")) else f"{scope}{name}"
    bits = []
    if item.value is not None:
        bits.append(f"{'实现' if item.indicator else '总量达到'}{fmt_number(item.value)}{item.unit}")
    if item.growth is not None:
        bits.append(_growth(item.growth))
    return subject + "，".join(bits)


def _growth(g: Decimal) -> str:
    if g == 0:
        return "与上年持平"
    return f"{'增长' if g > 0 else '下降'}{fmt_abs(g)}%"


def _ours(item: ContextItem, rows: Sequence[Indicator]) -> Indicator | None:
    """Our indicator the context figure speaks of: same name, else the same field (GDP ≈ 国内生产总值)."""
    if not item.indicator:
        return None
    exact = next((r for r in rows if r.name == item.indicator and r.growth is not None), None)
    if exact is not None:
        return exact
    field_ = indicator_field(item.indicator)
    if field_ == "general":
        return None
    return next((r for r in rows if r.growth is not None and indicator_field(r.name) == field_), None)


def _compare(item: ContextItem, scope: str, spec: Spec, numbers: list[Provenance]) -> str:
    ours = _ours(item, spec.indicator_rows)
    if ours is None or item.growth is None or ours.growth is None:
        return ""
    if ours.superior_growth == item.growth:
        return ""  # the indicator's own statement already compares it with this level
    d = ours.growth - item.growth
    region = spec.meeting.region
    if d == 0:
        return f"{region}{ours.name}增速与{scope}持平"
    numbers.append(Provenance(fmt_abs(d), f"{region}{ours.name}增速 {fmt_number(ours.growth)} − {scope}增速 "
                                          f"{fmt_number(item.growth)}", ours.name))
    return f"{region}{ours.name}增速{'高于' if d > 0 else '低于'}{scope}{fmt_abs(d)}个百分点"


def _peers(item: ContextItem, spec: Spec, numbers: list[Provenance]) -> str:
    m = spec.meeting
    group = item.group or PEER_GROUP.get(m.region, "兄弟地区")
    parts = [clause(item.text)] if clause(item.text) else []
    what = f"{item.indicator}增速" if item.indicator else "主要指标"
    if item.count is not None and (item.up is not None or item.down is not None):
        scope = item.scope or f"{m.superior}{item.count}个{group}"
        up, down = item.up or 0, item.down or 0
        flat = item.count - up - down if item.up is not None and item.down is not None else 0
        tally = [f"{up}个正增长" if item.up is not None else "", f"{flat}个持平" if flat else "",
                 f"{down}个下降" if item.down is not None else ""]
        quoted = f"“{up}增{down}降”" if item.up is not None and item.down is not None and not flat else ""
        if flat:
            numbers.append(Provenance(str(flat), f"持平个数 = 总数 {item.count} − 增 {up} − 降 {down}"))
        if item.up is not None and up == item.count:  # 9个全部正增长, not “9增0降”
            parts.append(f"{scope}中，{item.indicator}全部实现正增长")
        elif item.down is not None and down == item.count:
            parts.append(f"{scope}中，{item.indicator}全部下降")
        else:
            line = f"{scope}中，{item.indicator}{'、'.join(t for t in tally if t)}"
            parts.append(line + (f"，呈现{quoted}态势" if quoted else ""))
    if item.rank is not None:
        what = "" if item.count is not None and item.indicator else what  # the tally already named it
        parts.append(f"{own_place(m.region)}{what}{_rank_words(item.rank, item.count)}")  # 我县居第8位
    if not parts:
        return ""
    return "从兄弟地区看，" + "，".join(parts) + "。"


def _rank_words(rank: int, count: int | None) -> str:
    if rank == 1:
        return "居首位"
    if count is not None and rank == count:
        return f"居{cn_count(count)}个地区末位" if count > 2 else "居末位"
    return f"居第{rank}位"


def _verdict(text: str) -> str:
    text = clause(text)
    return sentence(text if text.startswith(("总的看", "总体看", "总的来看", "综合研判", "总之")) else f"总的看，{text}")


# ------------------------------------------------------------------ relays

def relay_text(r: Relay, superior: str) -> str:
    """One relayed meeting, document or instruction, the leader's words quoted exactly."""
    who = f"{r.post}{r.leader}".strip()
    when = f"{clause(r.when)}，" if clause(r.when) else ""
    body = clause(r.body)
    if r.kind == "document":
        name = body if body.startswith("《") or not body else f"《{body}》"
        head = f"{when}{r.by or ''}印发了{name}" if (r.by or name) else ""
        say = "文件指出"
    elif r.kind == "instruction":
        subject = f"对{body}" if body else ""
        head = f"{when}{who or '上级领导'}{subject}作出批示" if (who or body) else ""
        say = "批示指出" if not who else ""
    else:
        head = (f"{when}{r.by}召开了{body}" if r.by else f"{when}{body}召开") if body else ""
        say = f"{who}在会上强调" if who else "会议强调"
    parts = [head] if head else []
    quotes = [q.strip() for q in r.quotes if q.strip()]
    if quotes:
        rest = "".join(f"，并指出：“{_inner(q)}”" for q in quotes[1:])
        if r.kind == "instruction" and parts:
            parts[-1] += f"：“{_inner(quotes[0])}”" + rest
        else:
            parts.append(f"{say or '批示指出'}：“{_inner(quotes[0])}”" + rest)
    if r.points:
        lead = "会议要求" if r.kind == "meeting" else "文件明确" if r.kind == "document" else "批示要求"
        parts.append(f"{lead}，" + "；".join(clause(p) for p in r.points))
    if not parts:
        return ""
    text = "。".join(p for p in parts)
    text = text if text.endswith("”") else text + "。"
    if text.endswith("”"):
        text += "。"
    return text.replace("”。。", "”。") + _commit(r)


def _inner(q: str) -> str:
    """A quote's words as given, without surrounding quotation marks the writer may have typed;
    quotation marks inside it become single ones (“确保实现‘双过半’”, GB/T 15834 4.1.3.3)."""
    return nested_quotes(unquoted(q))


def _commit(r: Relay) -> str:
    return {"instruction": "我们要认真学习领会，逐项抓好落实。",
            "document": "我们要对照文件要求，逐条抓好贯彻落实。"}.get(r.kind, "我们要认真学习领会，抓好贯彻落实。")


# ------------------------------------------------------------------ assessment and guidance

def assessment_text(spec: Spec) -> str:
    a = spec.assessment
    if not a:
        return ""
    parts = []
    # 主要经济指标8项、经济发展类指标12项 (a category named 类 takes 指标)
    groups = "、".join(f"{g.name.strip()}{'指标' if g.name.strip().endswith('类') else ''}{g.count}项"
                       for g in a.groups)
    if a.name and groups:
        parts.append(f"按照{a.name}，考核指标中{groups}")
    elif a.name or groups:
        parts.append(f"我们要对照{a.name}逐项抓落实" if a.name else f"考核指标中{groups}")
    standing = []
    if a.score is not None:
        standing.append(f"综合得分{fmt_number(a.score)}分")
    if a.rank is not None:
        among = f"在{a.rank_total}个参评地区中" if a.rank_total else f"在{spec.meeting.superior}"
        standing.append(f"{among}排第{a.rank}位")
    if standing:  # a finished year is no longer 目前
        whole_year = spec.meeting.period_info.last == 12 and spec.meeting.period_info.first == 1
        parts.append(("从考核结果看，我们" if whole_year else "目前我们") + "，".join(standing))
    if clause(a.text):
        parts.append(clause(a.text))
    return "。".join(parts) + "。" if parts else ""


def guidance_text(spec: Spec) -> str:
    g = spec.guidance
    parts = []
    if g.tone.strip():
        tone = g.tone.strip().strip("“”")
        parts.append(f"要坚持“{tone}”工作总基调")
    if g.slogans:
        joined = "、".join(s.strip() for s in g.slogans)
        nouns = ("思路", "战略", "行动", "工程", "部署", "要求", "目标", "路径", "方针", "布局")
        parts.append("全面落实" + joined + ("" if joined.rstrip("”").endswith(nouns) else "工作思路"))
    text = "，".join(parts)
    if text:
        text = f"做好{_horizon(spec)}工作，" + text + "。"
    if clause(g.text):
        text += sentence(g.text)
    return text


def _horizon(spec: Spec) -> str:
    m = spec.meeting
    if m.type.value == "annual_conference":
        return "今年"
    return "明年" if m.period_info.last == 12 else "下一步"


def missing_inputs(spec: Spec) -> list[str]:
    """The situation inputs a speech of this kind would use but the spec lacks (for the warning)."""
    out = []
    if not spec.situation:
        out.append("situation（形势）")
    if not spec.relays:
        out.append("relays（上级会议、文件、批示）")
    return out
