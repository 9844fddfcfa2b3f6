"""The note rewriter: department notes → sentences in the voice of the part and the speaker.

Rules over the genre's punctuation and a small built-in lexicon (``corpora/rewrite.yaml``), no
word segmenter: jieba stays out of ``import speechgen`` and of rendering (its dictionary costs a
second of cold start).  What it does to a note:

* note punctuation becomes sentence punctuation (bullets, ``1)``, half-width marks, trailing ``；``
  or ``：``, line breaks; numbering inside a note, 1.…;2.…, cuts it into clauses), fragments join
  the sentence before them, very long sentences split;
* consecutive noun notes (or numbered parts) that take the same kind of frame are one list in one
  frame (要抓好A、B、C等工作); one item never repeats a frame or its head verb;
* a clause without a predicate gets a verb frame: a noun list by its objects (项目 → 加快推进……
  项目建设, 活动 → 办好……) or its field (安全 → 抓好……等重点领域安全), "name：a、b、c" by
  "围绕name，……", a bare slogan by 深入开展“……”; a name that repeats the heading is dropped;
* the voice: imperative in a speech's deployment (要 / 要抓紧 / 务必 / 坚决, varied, never doubled,
  after a subject the note names, 要在 before a time inside the clause, 要完成/要实现 before a noun
  phrase and its figure), third person in a work report (要 → 将 after a subject, dropped at the
  start of any clause), results (……通过验收, a figure) and causes kept as written in achievements
  and problems;
* every character of the note's words survives: numbers, units, names, quotations and dates are
  never cut or re-spelled; only punctuation, bullets, a department's "我局将" and a name that
  repeats the heading are dropped.  Nothing is added that states a fact (frames add verbs of
  action, never figures, dates, results or causes).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Sequence

from speechgen.compose.rewrite.lexicon import VOICES, Lexicon, builtin_lexicon
from speechgen.compose.rewrite.lists import as_written, classify_for, deficit, is_result, join_notes, kept, merge_lists
from speechgen.compose.rewrite.punct import clauses, normalise, protected
from speechgen.compose.rewrite.shape import (Shape, classify, drop_deictic, fill, frame_list, is_unit, predicate_start,
                                             time_only, time_prefix)
from speechgen.compose.rewrite.voice import declarative, imperative

__all__ = ["NoteStyle", "VOICES", "reported", "rewrite_note", "rewrite_notes", "voice_for", "whole_sentence"]

_LABELS = ("目标", "任务", "措施", "举措", "重点", "时限", "要求", "做法", "内容", "主要内容", "工作内容", "具体措施")
_SYMBOLS = re.compile(r"[*#\[\]<>{}|＊×]|::|X{2,}")
_JOIN_LIMIT = 48
#: a department speaking of itself in its note (not 我县/我区: the report's own region)
_OFFICE_DEICTIC = re.compile(r"^(?:我局|我委|我办|本局|我单位|本单位|我部门|我中心)(?:将|要|拟)")
#: a clause that waits for its main clause (为了……，省委制定了……): never cut after it
_SUBORDINATE = re.compile(r"(?:^|[，：])(?:为了|由于|因为|虽然|尽管|如果|随着|只有|只要|通过|除了|无论|不管|既然|即使|一旦)[^，]*$")
_SPLIT_LIMIT = 90
_END = "。！？"


@dataclass(frozen=True)
class NoteStyle:
    """Where the notes go: the voice (see :data:`VOICES`), the item's field and heading, and the
    unit a department's "我局" stands for (the task's lead)."""

    voice: str = "deploy"
    field: str = "general"
    heading: str = ""
    subject: str = ""


def voice_for(part: str, meeting_type: str) -> str:
    """The voice of a part ('tasks', 'requirements', 'achievements', 'problems') in a meeting type."""
    if part in ("achievements", "problems"):
        return part
    if meeting_type in ("work_report", "statement"):
        return "report"
    return "dispatch" if meeting_type == "dispatch" else "deploy"


def rewrite_notes(notes: Sequence[str], style: NoteStyle, rng: random.Random, *,
                  lexicon: Lexicon | None = None, first: bool = True) -> list[str]:
    """Every note of one item, rewritten; the first sentence carries the voice's modal (unless
    *first* is false: the notes continue an enumerator such as 一要 that already says it)."""
    lex = lexicon or builtin_lexicon()
    out: list[str] = []
    used: set[str] = set()  # frames this item already used: 加快推进A，扎实推进B (not 加快推进 twice)
    for note, text in join_notes(notes, style.voice, style.field, lex, _SYMBOLS):
        if out and time_only(text):
            out[-1] = _attach_time(out[-1], text.rstrip("。；，"), lex)
            continue
        out += _rewrite(note, text, style, rng, lex, first=first and not out, used=used)
    return _vary(_knit(out, style, lex), lex)


#: how long two short directives may be together to be one sentence (要A，B。): longer ones, or
#: ones with a comma of their own, are points of their own (a template may number them 一是、二是)
_DIRECTIVE_KNIT = 36
#: how long the facts of one item may be together to be told as one sentence (。 → ，)
_KNIT_LIMIT = 90


def _single(sentence: str) -> bool:
    """One plain sentence: ends with 。 and has no other stop or semicolon inside."""
    return sentence[-1:] == "。" and not any(ch in sentence[:-1] for ch in "。！？；")


def _knit(sentences: list[str], style: NoteStyle, lex: Lexicon) -> list[str]:
    """Short notes of one item strung as a writer strings them, not one curt sentence each:
    short facts (achievements, problems) without commas of their own joined by ， (a fact that
    has commas stays a sentence: a template may string items with ；); a short directive joined
    to the one before when it opens with a verb (a rotated 要 dropped: the modal carries over)."""
    if style.voice in ("achievements", "problems"):
        runs: list[list[str]] = []
        for s in sentences:
            run = runs[-1] if runs else []
            if run and _single(run[-1]) and _single(s) and "，" not in run[-1] + s and len(s) <= 40 \
                    and sum(map(len, run)) + len(s) <= _KNIT_LIMIT:
                run.append(s)
            else:
                runs.append([s])
        return [r[0] if len(r) == 1 else "，".join(x[:-1] for x in r) + "。" for r in runs]
    out: list[str] = []
    plain: list[bool] = []  # the sentence (or every one knit into it) has no comma of its own
    for s in sentences:
        prev = out[-1] if out else ""
        bare = s[1:] if s.startswith("要") and lex.verb_at(s[1:]) else s
        if prev and plain[-1] and _single(prev) and _single(s) and "，" not in s \
                and len(prev) + len(bare) <= _DIRECTIVE_KNIT \
                and (predicate_start(bare, lex)[0] == "verb" or (bare.startswith("争取") and lex.verb_at(bare))):
            out[-1] = prev[:-1] + "，" + bare
        else:
            out.append(s)
            plain.append("，" not in s)
    return out


def _vary(sentences: list[str], lex: Lexicon) -> list[str]:
    """No run of sentences that all open with 要: the later one becomes a bare imperative."""
    out = list(sentences)
    for i in range(1, len(out)):
        if out[i].startswith("要") and out[i - 1].startswith("要") and lex.verb_at(out[i][1:]):
            out[i] = out[i][1:]
    return out


def _attach_time(sentence: str, time: str, lex: Lexicon) -> str:
    """A note that is only a time joins the sentence before it: '要在11月底前推动……'."""
    body, stop = sentence[:-1], sentence[-1]
    modal = next((m for m in ("要抓紧", "务必", "坚决", "要") if body.startswith(m)), "")
    if modal and lex.verb_at(body[len(modal):]):
        at = "在" if time.endswith(("前", "内", "底")) else ""
        return f"{modal}{at}{time}{body[len(modal):]}{stop}"
    return f"{time}，{body}{stop}"


def rewrite_note(note: str, style: NoteStyle, rng: random.Random, *, lexicon: Lexicon | None = None,
                 first: bool = True) -> list[str]:
    """One note → its sentences (each ends with 。 or the writer's ！？)."""
    return _rewrite(note, normalise(note), style, rng, lexicon or builtin_lexicon(), first=first)


def _rewrite(note: str, text: str, style: NoteStyle, rng: random.Random, lex: Lexicon, *, first: bool,
             used: "set[str] | None" = None) -> list[str]:
    """:func:`rewrite_note`, given also *text*: the note as :func:`normalise` returns it (normalised once)."""
    if _SYMBOLS.search(note):  # masks (项目**个), markup-like or code-like text: the writer's, as typed
        return [whole_sentence(note.strip())]
    if style.voice in ("deploy", "dispatch"):
        text = drop_deictic(text, style.subject)
    elif style.voice == "report":
        text = re.sub(r"^下一步[，,]", "", text)  # the plans part's lead already says it
        if style.subject and _OFFICE_DEICTIC.match(text):  # 我局将… in a report of the whole region:
            text = drop_deictic(text, style.subject)        # the leading unit says it (区发改局将…)
    text = _drop_heading(text, style.heading)
    times: dict[int, str] = {}
    sentences: list[list[str]] = []
    stops: list[str] = []
    joinable = topic = False
    cut = merge_lists(clauses(text), style.voice, style.field, lex, lambda shape: as_written(shape, style.voice, lex))
    for i, (clause, stop) in enumerate(cut):
        lead = time_prefix(clause)  # 6月底前，项目入库纳统、土地报批: the time, then a list to frame
        lead = lead if clause[:lead].endswith("，") else 0
        shape = classify_for(clause[lead:].lstrip("，") if lead else clause, style.voice, lex)
        if shape.kind not in ("list", "named", "slogan"):
            lead, shape = 0, classify_for(clause, style.voice, lex) if lead else shape
        if topic:  # the clause comments on the noun before it: 已达标的4户企业，12月10日前完成入规
            sentences[-1][-1] += ("" if clause.startswith(_ADVERBS) else "，") + clause
        elif sentences and time_only(clause) and len(sentences) - 1 not in times:
            times[len(sentences) - 1] = clause  # 推动4家企业升规入统；12月底前 → 要在12月底前推动……
        else:
            nxt = cut[i + 1][0] if i + 1 < len(cut) and stop in ("；", "") else ""
            is_topic = shape.kind == "list" and bool(nxt) and _comments(nxt, shape, lex)
            # a counted list in a record of facts (高新技术企业87家、专精特新企业6家) is the writer's
            # result as written: no frame may guess its verb (推进……等工作)
            counted = shape.kind == "list" and kept(shape, style.voice, lex)
            plain = is_topic or bool(counted) or shape.kind in ("predicate", "vo", "fragment")
            piece = clause if plain else _framed(shape, style, lex, rng, used)
            if lead and not plain:
                piece = clause[:lead].rstrip("，") + "，" + piece
            small = sentences and joinable and len("，".join(sentences[-1])) + len(piece) <= _JOIN_LIMIT
            if sentences and (shape.kind == "fragment" or (small and predicate_start(piece, lex)[0] != "subject")):
                sentences[-1].append(piece)
            else:
                sentences.append([piece])
                stops.append("")
        stops[-1] = stop if stop in "！？" and stop else "。"
        joinable = stop in ("；", "")
        topic = not topic and shape.kind == "list" and piece == clause and i + 1 < len(cut) and joinable
    result: list[str] = []
    for i, (parts, stop) in enumerate(zip(sentences, stops)):
        for k, sent in enumerate(_split_long("，".join(parts), lex)):
            voiced = _voiced(sent, style, lex, rng, first=first and not result, lead=k == 0) + stop
            result.append(_attach_time(voiced, times[i], lex) if k == 0 and i in times else voiced)
    return result


_ADVERBS = ("均", "都", "已", "分别", "全部", "共", "累计", "正在", "目前")


def _comments(nxt: str, shape: Shape, lex: Lexicon) -> bool:
    """Is the clause after a noun list a comment on it (均已建成投用; for one noun: 12月10日前完成)?"""
    if nxt.startswith(_ADVERBS):
        return True
    return len(shape.items) == 1 and not shape.etc and predicate_start(nxt, lex)[0] in ("verb", "time")


def whole_sentence(text: str) -> str:
    """The writer's text as one sentence: a final 。 unless it already ends one (note marks dropped)."""
    body = text.rstrip("”’」）)")
    return text if body and body[-1] in "。！？!?…" else text.rstrip("；;，,：: ") + "。"


def _voiced(sentence: str, style: NoteStyle, lex: Lexicon, rng: random.Random, *, first: bool, lead: bool) -> str:
    if style.voice in ("deploy", "dispatch"):
        return imperative(sentence, style.voice, lex, rng, first=first) if lead else sentence
    if style.voice == "report":
        return declarative(sentence, lex)
    return sentence


def _framed(shape, style: NoteStyle, lex: Lexicon, rng: random.Random,  # type: ignore[no-untyped-def]
            used: "set[str] | None" = None) -> str:
    used = set() if used is None else used

    def choose(frames: list[str]) -> str:  # never a frame, nor a frame's head verb, twice in one item
        fresh = [f for f in frames if f not in used and _head(f) not in used] \
            or [f for f in frames if f not in used] or list(frames)
        frame = fresh[0] if len(fresh) == 1 else rng.choice(fresh)
        used.update((frame, _head(frame)))
        return frame
    key = "deploy" if style.voice == "dispatch" else style.voice
    if shape.kind == "list" and key == "problems" and len(shape.items) == 1 and not shape.etc:
        return shape.items[0] if not deficit(shape.items[0], lex) else frame_list(
            shape.items, style.voice, style.field, lex, choose)
    if shape.kind == "list":
        return frame_list(shape.items, style.voice, style.field, lex, choose, etc=shape.etc)
    if shape.kind == "slogan":
        frames = lex.slogan.get(key)
        return fill(choose(frames), shape.items) if frames else shape.items[0]
    if shape.kind == "named" and key == "achievements" and is_result(shape.items, lex):
        body = "、".join(shape.items) + ("等" if shape.etc else "")  # a result as written, under its name
        return body if _echoes(shape.name, style.heading) else f"{_topic(shape.name)}，{body}"
    if shape.kind == "named" and key == "problems":
        return f"{_topic(shape.name)}，主要是{'、'.join(shape.items)}{'等' if shape.etc else ''}"
    if shape.kind == "named":
        body = frame_list(shape.items, style.voice, style.field, lex, choose, etc=shape.etc)
        if _echoes(shape.name, style.heading) or key not in lex.named:
            return body
        return fill(choose(lex.named[key]), shape.items, name=shape.name, body=body)
    # label: "name：a sentence"
    inner = classify(shape.rest, lex)
    rest = shape.rest if inner.kind in ("predicate", "vo", "fragment", "label") else _framed(inner, style, lex, rng, used)
    if shape.name in _LABELS or _echoes(shape.name, style.heading):
        return rest
    if is_unit(shape.name, lex):
        return shape.name + rest
    if predicate_start(rest, lex)[0] and not shape.name.endswith("方面"):
        return f"{shape.name}方面，{rest}"
    return f"{shape.name}，{rest}"  # 两个产业集群：产值分别增长…… → 两个产业集群，产值分别增长……


def _head(frame: str) -> str:
    """The verb a frame leads with (抓好 of 统筹抓好{items}……), as a key of the frames used."""
    return "head:" + frame.split("{", 1)[0].rsplit("，", 1)[-1][-2:]


def _topic(name: str) -> str:
    return name if name.endswith("方面") else name + "方面"


def _echoes(name: str, heading: str) -> bool:
    """Does *name* repeat the heading (contained in it, or most of its characters are)?"""
    name, heading = name.strip(), heading.strip().rstrip("。")
    if not name or not heading:
        return False
    if name in heading or heading in name:
        return True
    return sum(ch in heading for ch in name) >= max(3, round(len(name) * 0.75))


def _drop_heading(text: str, heading: str) -> str:
    """'加快重点项目建设：对8个……' under the heading 加快重点项目建设 → '对8个……'."""
    head = heading.strip().rstrip("。；，：")
    if head and text.startswith(head) and len(text) > len(head) + 1 and text[len(head)] in "，：。；":
        return text[len(head) + 1:]
    return text


def _split_long(sentence: str, lex: Lexicon) -> list[str]:
    """A very long sentence cut at the comma nearest its middle where a new predicate starts."""
    if len(sentence) <= _SPLIT_LIMIT:
        return [sentence]
    flags = protected(sentence)
    cuts = [i for i, ch in enumerate(sentence) if ch == "，" and not flags[i]
            and i >= 20 and len(sentence) - i > 20 and predicate_start(sentence[i + 1:], lex)[0]
            and not _SUBORDINATE.search(sentence[:i])]
    if not cuts:
        return [sentence]
    cut = min(cuts, key=lambda i: abs(i - len(sentence) / 2))
    return _split_long(sentence[:cut], lex) + _split_long(sentence[cut + 1:], lex)


def reported(text: str) -> str:
    """A sentence in a report's voice (third person): 各局办中心要加强调度 → 各局办中心将加强调度,
    要加强…… → 加强…… (:func:`declarative`, clause by clause; the writer's words otherwise as given)."""
    return declarative(str(text), builtin_lexicon())
