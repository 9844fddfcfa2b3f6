"""The speaker's voice on a sentence that already has a predicate.

Deployment in a speech is imperative: 要 / 要抓紧 / 务必 / 坚决 (as the genre varies it, not on
every sentence), placed after a subject the note names ("县统计局要……") or after a leading time
("11月底前要……").  A work report speaks in the third person: a department's 要 becomes 将 after a
subject and disappears at the start.
"""
from __future__ import annotations

import random
import re

from speechgen.compose.rewrite.lexicon import Lexicon
from speechgen.compose.rewrite.punct import protected
from speechgen.compose.rewrite.shape import QUANTITY_END, compound_mask, predicate_start, subject_end, time_prefix

_DEADLINE = re.compile(r"\d{1,2}月|\d{1,2}日|年底|年内|以上|以内|%|前完成|之前|确保")
_STRONG = ("要抓紧", "务必", "坚决")


def choose_modal(rest: str, voice: str, lex: Lexicon, rng: random.Random, *, bare: bool) -> str:
    """The modal for a predicate beginning *rest* ('' = a bare imperative)."""
    verb = lex.verb_at(rest)
    if verb in lex.firm or rest.startswith(tuple(lex.firm)):
        return "坚决"
    weights = [(m, w) for m, w in lex.modals.get(voice, (("要", 1),)) if bare or m]
    if not weights:
        return lex.first.get(voice, "要")
    modal = rng.choices([m for m, _ in weights], weights=[w for _, w in weights])[0]
    if modal == "要抓紧" and not (verb in lex.speed or rest.startswith(tuple(lex.speed))):
        modal = "要"
    if modal == "务必" and not _DEADLINE.search(rest):
        modal = "要"
    if modal.endswith("抓紧") and rest.startswith(("抓紧", "加快", "尽快")):
        modal = "要"
    return modal


_TOPIC = re.compile(r"^[^，。；“]{1,14}方面，")
_DONE = re.compile(r"(?<![为除罢])了(?![解结])|已经|已于")
_VP_SUBJECT = re.compile(r"^[^，。；]{2,40}，(?:这|也|就|更|都)?是")


def imperative(text: str, voice: str, lex: Lexicon, rng: random.Random, *, first: bool) -> str:
    """Give a predicate sentence the speaker's modal, unless it already has one."""
    if _VP_SUBJECT.match(text) or _DONE.search(text):
        return text  # 加大专项债投放，是……举措 / 出台了实施方案: a statement, not an instruction
    topic = _TOPIC.match(text)
    if topic:  # 统计上报方面，各部门要……
        return topic.group(0) + imperative(text[topic.end():], voice, lex, rng, first=first)
    kind, pos = predicate_start(text, lex)
    if not kind and text[:1] in lex.short_verbs and "、" in text[2:5]:
        kind = "verb"  # 稳订单、拓市场、保生产
    if not kind:
        timed = _inner_time(text, voice, lex, rng)
        if timed:  # 汽车以旧换新补贴11月底前兑付完毕 → ……补贴要在11月底前兑付完毕
            return timed
        target = _target(text, lex)
        if target:  # 高标准农田建设3.5万亩 → 要完成高标准农田建设3.5万亩 (never 高标准农田要建设)
            at, verb = target
            text, kind, pos = text[:at] + verb + text[at:], "time" if at else "verb", at
    at = _thing_topic(text, lex) if not kind else 0
    figure = re.search(r"\d", text.split("，", 1)[0]) if at else None
    if at and figure:  # a target: 粮食播种面积要稳定在98万亩以上 (要 before the verb that sets the figure)
        kind, pos = "subject", _last_verb(text, lex, at, figure.start())
    elif at:  # 国企改革深化提升 → 推动国企改革深化提升
        text, kind = "推动" + text, "verb"
    if not kind or kind == "modal":
        return text
    rest = text[pos:]
    if lex.starts_with(rest, lex.modal):
        return text
    if kind == "prep" and text.startswith(("对", "针对")) and "，" in text[:40]:
        j = text.index("，") + 1
        after = text[j:]
        topic = "的" in text[max(0, j - 10):j - 1]  # 对进度滞后的项目，…  (not 对欠税企业逐户清缴，…)
        if topic and after and not lex.starts_with(after, lex.modal) and (lex.verb_at(after) or after.startswith("由")):
            return text[:j] + choose_modal(after, voice, lex, rng, bare=False) + after
    modal = choose_modal(rest, voice, lex, rng, bare=not first and kind in ("verb", "prep"))
    return text[:pos] + modal + rest


#: what the words before a clause's first verb may not contain for them to be a thing it is about:
#: a modal or adverb (是要将已都也还再又), a time (11月底前, 春节前后), a figure, a clause break
_NOT_TOPIC = re.compile(r"[是要将已都也还再又\d年月日季底初旬节前后期间来，、：；“”《]")
_WHOLE_YEAR = re.compile(r"^(?:全年|年内|今年)")


def _thing_topic(text: str, lex: Lexicon) -> int:
    """Where the verb of a clause about a thing starts (0: not such a clause): a short noun phrase,
    then its verb (新材料产业链延链补链, 全年粮食播种面积稳定在98万亩以上).  As a directive it takes
    the speaker's 推动 before it, or, when it sets a figure, 要 before its verb."""
    if "确保" in text or "力争" in text:
        return 0
    start = _WHOLE_YEAR.match(text)
    offset = start.end() if start else 0
    for p in range(offset + 2, min(len(text), offset + 13)):
        verb = lex.verb_at(text, p)
        if verb:  # …and the verb heads a predicate, not the end of a noun phrase (明年项目谋划，…)
            after = text[p + len(verb):p + len(verb) + 1]
            ok = bool(after) and after not in "，。；：" and not _NOT_TOPIC.search(text[offset:p]) \
                and not lex.verb_at(text, offset)
            return p if ok else 0
    return 0


#: what the thing before an inner time may not contain (a modal or adverb, a figure, a clause break)
_NOT_HEAD = re.compile(r"[是要将已都也还再又\d，、：；“”《]")


def _inner_time(text: str, voice: str, lex: Lexicon, rng: random.Random) -> str:
    """A thing, a time inside the clause, then its verb: the modal goes before the time ('' if none)."""
    head_end = min((at for at in map(text.find, "，；：“") if at >= 0), default=len(text))
    for t in range(2, min(head_end, 17)):
        span = time_prefix(text[t:])
        if not span or _NOT_HEAD.search(text[:t]) or not text[t].isdigit() and text[t] not in "年上下一二三四本当近节汛春":
            continue
        time, rest = text[t:t + span].rstrip("，"), text[t + span:]
        if lex.starts_with(rest, lex.modal) or not (lex.verb_at(rest) or (rest[:1] in "再又" and lex.verb_at(rest, 1))):
            return ""
        modal = choose_modal(rest, voice, lex, rng, bare=False)
        modal = "要" if modal == "要抓紧" else modal
        at = "在" if time.endswith(("前", "内", "底", "月", "日", "旬", "末", "季度")) else ""
        return f"{text[:t]}{modal}{at}{time}{rest}"
    return ""


def _target(text: str, lex: Lexicon) -> "tuple[int, str] | None":
    """A noun phrase and its figure with no verb of its own (城镇新增就业1.2万人以上, 高标准农田建设3.5万亩):
    where the verb of a target goes, and which (完成 after a nominal verb, else 实现)."""
    clause = text.split("，", 1)[0]
    figure = QUANTITY_END.search(clause)  # the clause ends with its figure
    start = time_prefix(clause) or (m.end() if (m := _WHOLE_YEAR.match(clause)) else 0)
    if not figure or figure.start() - start < 2 or figure.start() > start + 20:
        return None
    head = clause[start:figure.start()]
    if re.search(r"[\d；：“”《》（）的年月日是要将已]", head) or _has_own_verb(head, lex):
        return None
    nominal = head.endswith(lex.nominal) or head.endswith(lex.work_ends)
    return start, lex.targets["nominal" if nominal else "other"]


def _has_own_verb(head: str, lex: Lexicon) -> bool:
    """Does *head* have a verb of its own: not inside a compound noun (城镇新增就业), not a nominal
    verb that ends it (…农田建设)?"""
    masked = compound_mask(head, lex)
    i = 0
    while i < len(head):
        verb = "" if masked[i] else lex.verb_at(head, i)
        if not verb:
            i += 1
            continue
        if not (i + len(verb) == len(head) and verb in lex.nominal):
            return True
        i += len(verb)
    return False


def _last_verb(text: str, lex: Lexicon, start: int, end: int) -> int:
    """The start of the last verb in ``text[start:end]`` (项目审批时限压缩至5个工作日 → 压缩)."""
    last, i = start, start
    while i < end:
        verb = lex.verb_at(text, i)
        if verb:
            last, i = i, i + len(verb)
        else:
            i += 1
    return last


def declarative(text: str, lex: Lexicon) -> str:
    """A report's voice, clause by clause: '要加强……' → '加强……'; '县统计局要会同……' → '县统计局将会同……'
    ('我街道将抓好……，要加大……' → '……，加大……': a 要 at the start of any clause goes)."""
    flags = protected(text)
    cuts = [i for i, ch in enumerate(text) if ch == "，" and not flags[i]]
    bounds = list(zip([0, *[c + 1 for c in cuts]], [*cuts, len(text)]))
    return "，".join(_declarative_clause(text[a:b], lex) for a, b in bounds)


_LINKED = re.compile(r"^(同时|并|还|也|更|同时还)要(?!求)")


def _declarative_clause(text: str, lex: Lexicon) -> str:
    linked = _LINKED.match(text)
    if linked and lex.verb_at(text, linked.end()):  # 同时要压实 → 同时压实; 还要 → 还将
        word = linked.group(1)
        return word + ("将" if word in ("还", "也", "更", "同时还") else "") + text[linked.end():]
    for word in ("要抓紧", "务必", "必须", "要"):
        if text.startswith(word) and lex.verb_at(text[len(word):] if word != "要抓紧" else "抓紧"):
            return "抓紧" + text[3:] if word == "要抓紧" else text[len(word):]
    t = time_prefix(text)
    if t and text[t:].startswith("要") and lex.verb_at(text, t + 1):  # 12月底前要完成 → 12月底前完成
        return text[:t] + text[t + 1:]
    s = subject_end(text, lex)
    if s and text[s:].startswith(("要", "务必")) and not text[s:].startswith("要求"):
        skip = 1 if text[s] == "要" else 2
        return text[:s] + "将" + text[s + skip:]
    return text
