"""What a clause is (a predicate, a noun list, a "name：a、b、c" list, a bare slogan) and the verb
frame that turns a predicate-less clause into a sentence.  Frames only add verbs of action and
words the clause implies (项目、活动、政策); every character of the clause survives."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from speechgen.compose.rewrite.lexicon import Lexicon
from speechgen.compose.rewrite.punct import has_outside, protected, quoted, split_outside

_TIME = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|初|中旬|上旬|下旬|末)?(?:前|之前|以前|内|起)?"
    r"|年内|年底前|年底|年前|今年|全年|本月|本周|当月|会后|近期|节前|汛期|汛前|春节前"
    r"|[一二三四]季度(?:末)?(?:前)?|上半年|下半年)，?")
_CONTINUE = ("并", "同时", "以及", "且", "及", "并且", "还要", "也要")
_JOINERS = ("和", "与", "及", "、", "等")
_DEICTIC = re.compile(r"^(?:下一步[，,]?)?(?:我局|我委|我办|本局|我们|我单位|本单位|我部门|我中心|我县|我市|我区)"
                      r"(?:将|要|拟)")
#: a state told with an adjective at the end (政府性基金收入缺口较大, 项目储备不足): a note ending so is a
#: statement, not a noun to frame
_STATES = ("较大", "较多", "较少", "较低", "较高", "较慢", "较弱", "偏低", "偏高", "偏弱", "偏少", "偏多", "偏慢",
           "偏紧", "偏大", "偏小", "不足", "不够", "不够强", "不够大", "不够快", "不够高", "不够多", "不够好", "不强", "不高", "不快", "不稳", "不优", "突出", "滞后", "明显",
           "紧张", "乏力", "困难", "加大", "增多", "增加", "减少", "下滑", "收窄", "扩大", "缓慢", "薄弱", "单一", "欠缺")
#: endings that make a clause a comment on its topic (规模还不够大、支撑不强), not a noun: the states,
#: and one-character adjectives after a noun
_COMMENT = (*_STATES, "不大", "不畅", "大", "小", "多", "少", "高", "低", "快", "慢", "强", "弱", "难", "紧", "好", "差")
#: words that make a clause a statement even without a lexicon verb (copula, adverbs, modal verbs)
_PROSE = re.compile(r"是|都|也|还|已|正在|将|(?<![博商协学机社年大展交洽推介理])会(?![议展])"
                   r"|(?<![用节功效产动体储核赋])能(?![源耗效级力])|可以|应该|没有|不是|任何|非常|十分|比较|一直|始终|仍然|依然")
#: a figure at the end (技改投资18亿元, 绿化覆盖率42%, 重点项目12个): a statistic stated, not a noun to frame
_QUANTITY = (r"\d(?:[\d.,]*\d)?\s*(?:%|％|‰|个百分点|[万亿千百]?(?:美元|元|个|家|户|项|座|条|所|名|人次|人|台|套|批|吨|亩"
             r"|公里|千米|平方米|平方公里|千瓦时|场|次|天|倍|辆|件)|[万亿])")
QUANTITY_END = re.compile(_QUANTITY + r"(?:以上|左右|以内|多)?$")
#: a figure with its unit anywhere (高新技术企业87家, 税收3亿): a counted statement
QUANTITY = re.compile(_QUANTITY)
#: what a counted subject has all done (全部复工、均已投产、已经建成)
_DONE = re.compile(r"(?:全部|均已|均|都已|都|已经|已)[\u4e00-\u9fff]{1,4}$")
#: a note that opens with a count (3个、12家、1.5万户)
_COUNTED = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?[个家户项座条所名人次台套批]")
#: a result told with a one-character verb (社零增速连续7个月居全省首位, 占比达六成): a statement, not a noun
_RESULT = re.compile(r"(?:居|列|排|达|占|超|高于|低于|快于|慢于)(?:全[国省市县区州旗]|第|首|前|\d|[一二三四五六七八九十两]成|同期|上年)")


def _unquoted(text: str) -> str:
    if not quoted(text):
        return text
    flags = protected(text)
    return "".join(ch for i, ch in enumerate(text) if not flags[i])


Choose = Callable[[tuple[str, ...]], str]


@dataclass
class Shape:
    kind: str  # predicate | vo | list | named | label | slogan | fragment
    items: list[str] = field(default_factory=list)
    name: str = ""
    rest: str = ""
    etc: bool = False


def time_prefix(text: str) -> int:
    m = _TIME.match(text)
    return m.end() if m and m.end() < len(text) else 0


def _opens_predicate(text: str, lex: Lexicon) -> bool:
    return bool(lex.starts_with(text, lex.modal) or lex.verb_at(text)
                or lex.starts_with(text, lex.prepositions) or text.startswith("由")
                or (text[:1] in "再又" and lex.verb_at(text, 1)))  # 11月底前再开工一批项目


def subject_end(text: str, lex: Lexicon) -> int:
    """Length of a leading subject (a unit or post: 县统计局、各乡镇（街道）) before a predicate; 0 if none."""
    mark = min((at for at in map(text.find, "，：；“") if at >= 0), default=len(text))
    for i in range(2, min(len(text) - 1, 24, mark + 1)):  # a subject never spans a mark
        head = text[:i]
        base = head[:-1].rsplit("（", 1)[0] if head.endswith("）") else head
        if base[-1:] in lex.unit_ends and base.endswith(lex.units):  # the cheap test first
            rest = text[i:]
            verb = lex.verb_at(rest)
            if verb and verb == rest and verb in lex.nominal:
                return 0  # 冷链物流中心建设: a noun phrase, not "中心 builds"
            if _opens_predicate(rest, lex) or (time_prefix(rest) and _opens_predicate(rest[time_prefix(rest):], lex)):
                return i
    return 0


def predicate_start(text: str, lex: Lexicon) -> tuple[str, int]:
    """('modal'|'verb'|'prep'|'time'|'subject', where the predicate starts) or ('', 0)."""
    if lex.starts_with(text, lex.modal) and not (lex.not_verbs and text.startswith(lex.not_verbs)):  # 要素保障
        return "modal", 0
    if lex.verb_at(text):
        return "verb", 0
    if lex.starts_with(text, lex.prepositions) or text.startswith("由"):
        return "prep", 0
    t = time_prefix(text)
    if t and _opens_predicate(text[t:], lex):
        return "time", t
    s = subject_end(text, lex)
    if s:
        return "subject", s
    return "", 0


def _verbish(item: str, lex: Lexicon) -> bool:
    return bool(lex.verb_at(item)) or (len(item) <= 4 and item[:1] in lex.short_verbs)


def compound_mask(text: str, lex: Lexicon) -> list[bool]:
    """For every character: is it inside a noun with a verb in it (城镇新增就业, 易地搬迁)?"""
    masked = [False] * len(text)
    for word in lex.compounds:
        at = text.find(word)
        while at >= 0:
            masked[at:at + len(word)] = [True] * len(word)
            at = text.find(word, at + 1)
    return masked


def has_verb(text: str, lex: Lexicon) -> bool:
    """A verb heads a predicate somewhere: not as a noun at the end (…建设) or before 和/与 (改造和…),
    not inside a compound noun (易地搬迁)."""
    flags = [a or b for a, b in zip(protected(text), compound_mask(text, lex))]
    for i in range(len(text)):
        v = "" if flags[i] else lex.verb_at(text, i)
        if not v:
            continue
        after = text[i + len(v):]
        if not after or after.startswith(_JOINERS) or v in lex.nominal or text[i - 1:i] == "新":
            continue  # 新入规企业: a new kind of thing, not a predicate
        return True
    return False


def time_only(text: str) -> bool:
    """A note that is only a time (11月底前、年内)."""
    return bool(_TIME.fullmatch(text.strip().rstrip("。；，")))


def is_fragment(text: str) -> bool:
    """A piece that cannot stand alone: a bare time (11月底前) or a continuation (并……)."""
    return bool(_TIME.fullmatch(text)) or text.startswith(_CONTINUE)


def _counted_result(text: str, lex: Lexicon) -> bool:
    """3个技改项目投产, 12家企业完成升规: a counted subject and its verb at the end — a result."""
    if not _COUNTED.match(text):
        return False
    if _DONE.search(text):  # 15家规上企业全部复工, 3个项目均已开工
        return True
    end = text.rstrip("。；，")
    return any(lex.verb_at(end, len(end) - n) == end[-n:] for n in (2, 3, 4) if len(end) > n)


def classify(text: str, lex: Lexicon) -> Shape:
    if not text.strip():
        return Shape("fragment")  # nothing to say (callers drop empty clauses; this keeps it total)
    if is_fragment(text):
        return Shape("fragment")
    if _counted_result(text, lex) or (text.rstrip("。；，").endswith(_STATES) and not has_outside(text, "、")):
        return Shape("predicate")  # a list of states (融资难、用工紧、订单不足) is still a list to frame
    if predicate_start(text, lex)[0]:
        return Shape("predicate")
    named = _named(text, lex)
    if named is not None:
        return named
    if QUANTITY_END.search(text.rstrip("。；，")) and not has_outside(text, "、"):
        return Shape("predicate")  # a figure stated (技改投资18亿元): not a noun to frame
    if re.fullmatch(r"“[^”]+”", text):
        return Shape("slogan", [text])
    if has_outside(text, "、") and has_outside(text, "，"):
        return Shape("predicate")  # prose with commas, not a list: keep the writer's sentence
    if _PROSE.search(_unquoted(text)) or _RESULT.search(_unquoted(text)) or len(text) > 40 and not has_outside(text, "、"):
        return Shape("predicate")  # 安全生产任何时候都是一项底线性工作: a statement, not a noun
    mark = "、" if has_outside(text, "、") else "，"
    items = [i.strip() for i in split_outside(text, mark) if i.strip()]
    if any(len(i) > 20 for i in items):
        return Shape("predicate")
    if len(items) > 1 and sum(_verbish(i, lex) for i in items) * 2 > len(items):
        return Shape("vo")
    if mark == "，" and len(items) > 1 and (any(has_verb(i, lex) or len(i) > 8 for i in items)
                                           or any(i.endswith(_COMMENT) for i in items)):
        return Shape("predicate")  # clauses with a comment each (…比重仍在六成以上，…不够大), not a list
    if has_verb(text, lex) and mark != "、":
        return Shape("predicate")
    if any(has_verb(i, lex) and not _verbish(i, lex) for i in items) or len(text) > 60:
        return Shape("predicate")
    etc = items[-1].endswith("等") and len(items[-1]) > 1
    if etc:
        items[-1] = items[-1][:-1]
    return Shape("list", items, etc=etc)


def _named(text: str, lex: Lexicon) -> Shape | None:
    flags = protected(text)
    colon = next((i for i, ch in enumerate(text) if ch == "：" and not flags[i]), -1)
    if not 0 < colon <= 16 or colon == len(text) - 1 or "，" in text[:colon]:
        return None
    name, rest = text[:colon], text[colon + 1:]
    inner = classify(rest, lex)
    if inner.kind in ("list", "slogan"):
        return Shape("named", inner.items, name=name, etc=inner.etc)
    return Shape("label", name=name, rest=rest)


def is_unit(name: str, lex: Lexicon) -> bool:
    """A unit or post (县商务局、各乡镇（街道）): a label that names one is the sentence's subject."""
    base = name[:-1].rsplit("（", 1)[0] if name.endswith("）") else name
    return base.endswith(lex.units)


def frame_class(items: list[str], voice: str, field: str, lex: Lexicon) -> str:
    """Which frames a noun list takes (by its last item): 'object<i>', 'nominal' or 'field'."""
    key = "deploy" if voice == "dispatch" else voice
    last = items[-1]
    for i, cls in enumerate(lex.objects):
        if any(last.endswith(e) for e in cls.ends) and key in cls.frames:
            return f"object{i}"
    if any(last.endswith(n) for n in lex.nominal) and key in lex.nominal_frames:
        return "nominal"
    return "field"


def frame_list(items: list[str], voice: str, field: str, lex: Lexicon, choose: Choose, *, etc: bool = False) -> str:
    """Give a noun list its verb: object class (项目、活动、政策…) first, then the nominal-verb
    frames (…建设), then the field, then the general frames."""
    return fill(_own_tail(choose(frames_for(items, voice, field, lex)), items, etc, lex), items, etc=etc)


def frames_for(items: list[str], voice: str, field: str, lex: Lexicon) -> tuple[str, ...]:
    """The frames a noun list may take (see :func:`frame_list`)."""
    key = "deploy" if voice == "dispatch" else voice
    cls = frame_class(items, voice, field, lex)
    frames: tuple[str, ...] = ()
    if cls.startswith("object"):
        frames = lex.objects[int(cls[6:])].frames[key]
    elif cls == "nominal":
        frames = lex.nominal_frames[key]
    if not frames and field in lex.fields and field != "general":
        frames = lex.fields[field].get(key, ())
        if any("{etc:项目}" in f for f in frames) and _names_work(items[-1], lex):
            frames = ()  # 土地报批 is work, not a project to build (推进土地报批建设)
    if not frames:
        frames = lex.fields.get("general", {}).get(key, ("抓好{items}{etc:工作}",))
    return frames


_FIELD_TAIL = re.compile(r"\{etc:\}([^{}]+)工作$")


def _own_tail(frame: str, items: list[str], etc: bool, lex: Lexicon) -> str:
    """One item that already names its work (…开发应用, …后续扶持, …数据统计) takes 工作 alone, not
    the field's word before it (做好……应用工作, not ……应用统计工作)."""
    m = _FIELD_TAIL.search(frame)
    if not m or len(items) > 1 or etc:
        return frame
    last, word = items[-1], m.group(1)
    return frame[:m.start(1)] + "工作" if _names_work(last, lex) or last.endswith(word[:2]) else frame


def _names_work(item: str, lex: Lexicon) -> bool:
    """Does the item end with the work it names (…应用, …扶持, …报批, …建设)?"""
    return item.endswith(lex.work_ends) or item.endswith(lex.nominal) \
        or any(lex.verb_at(item, len(item) - n) == item[-n:] for n in (2, 3, 4) if len(item) > n)


def fill(frame: str, items: list[str], *, etc: bool = False, name: str = "", body: str = "") -> str:
    many = len(items) > 1 or etc

    def etc_word(m: re.Match[str]) -> str:
        word = m.group(1)
        if not many:
            return ""
        if word and items[-1].endswith(word):  # 国企改革等各项改革, not 国企改革等改革 or a bare 等
            return "等各项" + word if word in ("改革", "工作", "任务", "政策") else "等各类" + word
        return "等" + word

    text = re.sub(r"\{etc:([^{}]*)\}", etc_word, frame)
    text = text.replace("{items}", "、".join(items)).replace("{name}", name).replace("{body}", body)
    for word in ("项目", "活动", "政策", "问题", "改革", "工作", "风险", "建设"):
        text = text.replace(word + word, word)
    return text


def drop_deictic(text: str, subject: str = "") -> str:
    """'我局将加快……' (a department's own voice) → '加快……' or '{subject}要加快……' in a leader's speech."""
    m = _DEICTIC.match(text)
    if not m:
        return re.sub(r"^下一步[，,]", "", text)
    rest = text[m.end():]
    return rest if not subject else f"{subject}要{rest}"
