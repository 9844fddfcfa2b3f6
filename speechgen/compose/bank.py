"""Phrase banks: categorised formulaic expressions, chosen by a seeded RNG.

A bank is a folder (or file list) of YAML files, one category each::

    category: closing
    description: 结尾
    part: closing           # where the category's entries fit (a default tag for each entry)
    mode: prefer            # prefer (default): these entries win; append: mix with the built-ins
    entries:
      - text: 让我们坚定信心、真抓实干，确保完成全年目标任务！
        tags: {type: [quarterly_analysis], period: [Q3, year], speaker: principal}
      - 一句不带标签的短语也可以直接写成字符串
      - 同志们，{时间紧、任务重|时不我待、只争朝夕}。      # {甲|乙}：同一句的几种说法

Tags restrict where an entry fits (see :data:`TAG_VALUES`): an entry fits a
context when, for each of its tag keys, the context's value is listed.
``{slot}`` names (see :data:`SLOTS`) are filled from the draft's facts; an entry
whose slot has no value in the current draft is skipped.

An entry that states a judgement carries its conditions on the data (``when``)
and the writer's material it needs (``needs``), see :mod:`speechgen.compose.conditions`.

The narration wordings (``corpora/narration.yaml``) use the same format (one
category per narration form, with the narration's slots), so one ``--phrases``
file can override both.  Choosing is :class:`speechgen.compose.picker.PhrasePicker`.
"""
from __future__ import annotations

import logging
import re
from functools import cached_property, lru_cache
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from speechgen.core.chars import bad_char
from speechgen.core.limits import LIMITS, read_bounded
from speechgen.compose.conditions import Condition, parse_condition
from speechgen.errors import PhraseBankError
from speechgen.spec.fields import field_ids
from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.compose.filters import parse_years

log = logging.getLogger(__name__)

#: the policy fields (corpora/fields.yaml) an entry may be tagged for.
FIELDS = field_ids()

#: tag key → allowed values.
TAG_VALUES: dict[str, tuple[str, ...]] = {
    "type": ("quarterly_analysis", "annual_conference", "dispatch", "department", "work_report", "statement"),
    "period": ("Q1", "Q2", "H1", "Q3", "Q4", "year", "month"),
    "speaker": ("principal", "deputy"),
    "tone": ("positive", "mixed", "negative"),
    # the template parts, plus the outline's role names (achievements = review, other) used by mined banks
    "part": ("opening", "review", "problems", "situation", "targets", "tasks", "requirements", "closing",
             "achievements", "other"),
    "variety": ("low", "normal", "high"),
    "field": FIELDS,
    "when": ("before", "after", "none"),
    # has the period under review ended by the meeting day (data out)?  "unknown" fits no entry
    # tagged with it, so a draft without date or data makes no such claim
    "status": ("ended", "open"),
    # has the stage the speech deploys for ({next}) already begun on the meeting day?
    "stage": ("begun", "ahead"),
}
TAG_KEYS = tuple(TAG_VALUES)
#: fields an entry may carry for the reader only (``speechgen phrases mine`` writes freq/docs/pattern).
_METADATA = {"freq", "docs", "pattern", "note", "source", "example"}

#: slot name → what it is filled with.
SLOTS: dict[str, str] = {
    "region": "本级称谓（全市）", "superior": "上级（全省）", "place": "本地简称（我市）",
    "period": "时期（一季度）", "next": "下一时段（二季度）", "remaining": "余下时段（后三个季度）",
    "stage_goal": "阶段目标（实现上半年“双过半”）", "year": "年份数字", "meeting": "会议名称",
    "organizer": "召开会议的机关（市委、市政府）", "judgement": "总体判断（稳中有进）",
    "convener": "研究决定召开这次会议的机关（部门工作会议：市商务局党组；其他：同 organizer）",
    "authority": "报告单位落实其决策部署的机关（部门：本级党委政府；镇、县：上级党委政府）",
    "leader": "主要领导称谓", "sector": "部门/行业（商务）", "system": "系统称谓（全市商务系统）",
    "unit": "发言单位（我县）", "last_year": "回顾之年（去年/今年）", "this_year": "部署之年（今年/明年）",
    "count": "条目数（中文数字）", "lead": "牵头单位", "deadline": "时限", "support": "配合单位",
    "topic": "领域名称（工业经济）",
    "leadership": "讲话人归功的领导机关（县长、部门：县委；书记：上级党委 市委）",
    "voice": "讲话人代表的机关（书记：县委；县长：县政府；局长：本局）",
    # calendar (only with meeting.date): 二季度乃至全年 / 距离年底只剩70多天 / 距离报统关网只有不到一周
    "horizon": "部署时段（二季度乃至全年）", "countdown": "阶段倒计时（距离年底只剩70多天）",
    "deadline_countdown": "时间节点倒计时（距离报统关网只有不到一周）",
    "owner": "负责调度推进的领导（常务副县长王明同志）", "check_by": "督查人或单位",
    "check_when": "督查时间（月底前）", "check_action": "督查方式（专项督查）",
}
#: the narration's slots (``corpora/narration.yaml``): numbers, which every wording of a form must share …
NUMBER_SLOTS = frozenset({"value", "p", "d", "rank", "n", "c", "gap", "t", "m", "k", "j", "total",
                          "top", "values", "ranks", "tally", "parts"})
#: … and words.
TEXT_SLOTS = frozenset({"name", "unit", "sup", "lvl", "prev", "names", "region", "strong", "weak",
                        "domain", "period", "whole", "month", "label", "basis"})
ANY_SLOTS = frozenset(SLOTS) | NUMBER_SLOTS | TEXT_SLOTS
_SLOT = re.compile(r"\{([a-z_]+)\}")
#: slots whose value reads as an echo when two consecutive phrases both use it.
_ECHO = {"stage_goal", "next", "horizon", "remaining", "this_year", "last_year", "judgement", "topic", "system", "leader"}


@dataclass(frozen=True)
class Phrase:
    text: str
    tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""
    priority: int = 0  # user entries (prefer mode) outrank built-in ones
    condition: Condition = Condition()  # judgement conditions on the data (when/needs)
    years: tuple[int | None, int | None] | None = None  # the era it belongs to (compose.filters)

    def fits(self, context: Mapping[str, str]) -> bool:
        return all(context.get(k) in allowed for k, allowed in self.tags.items() if k in context)

    @cached_property  # asked for every candidate of every pick: the text never changes
    def slots(self) -> frozenset[str]:
        return frozenset(_SLOT.findall(self.text))


#: how many (category, context) results a bank keeps before starting afresh
_FITTING_KEYS = 4096


@dataclass
class PhraseBank:
    categories: dict[str, list[Phrase]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    #: (test, category, draft context, year) → the entries that pass (see :meth:`fitting`)
    _fitting: dict[Any, list[Phrase]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def fitting(self, category: str, context: Mapping[str, str], year: int | None,
                test: Callable[["Phrase", Mapping[str, str], int | None], bool]) -> list["Phrase"]:
        """The entries of *category* for which ``test(entry, context, year)`` holds, kept per key: a
        draft asks for the same category in the same context again and again, and so does the next
        draft rendered by the process.  *test* must read nothing but its arguments (tags, era); a
        bank's categories are not changed once it is built (:meth:`merge` makes a new bank)."""
        key = (test, category, frozenset(context.items()), year)
        found = self._fitting.get(key)
        if found is None:
            if len(self._fitting) >= _FITTING_KEYS:  # a long-lived server meets many contexts: stay bounded
                self._fitting.clear()
            found = self._fitting[key] = [p for p in self.categories.get(category, []) if test(p, context, year)]
        return found

    def merge(self, other: "PhraseBank") -> "PhraseBank":
        """Entries of *other* come first in each category; identical texts are kept once."""
        merged = PhraseBank(dict(self.categories), dict(self.descriptions))
        for cat, phrases in other.categories.items():
            seen = {p.text for p in phrases}
            merged.categories[cat] = list(phrases) + [p for p in self.categories.get(cat, []) if p.text not in seen]
            if cat in other.descriptions:
                merged.descriptions[cat] = other.descriptions[cat]
        return merged

    def __len__(self) -> int:
        return sum(len(v) for v in self.categories.values())


def read_bank_yaml(path: Path) -> Any:
    name = str(path)
    try:
        data, _ = load_yaml_file(path, read_bounded(path, LIMITS.spec_bytes, what="短语库文件", where=name))
    except OSError as exc:
        raise PhraseBankError(f"{name}：无法读取短语库（{exc.strerror}）") from None
    except Exception as exc:  # InputError from the YAML reader
        raise PhraseBankError(str(exc)) from None
    return data


def load_bank_file(path: Path, *, priority: int = 0, slots: frozenset[str] = ANY_SLOTS) -> PhraseBank:
    """Load one YAML bank file (one category, or ``categories: {name: {...}}``)."""
    return parse_bank(read_bank_yaml(path), str(path), priority=priority, slots=slots, default=path.stem)


def parse_bank(data: Any, name: str, *, priority: int = 0, slots: frozenset[str] = ANY_SLOTS,
               default: str = "") -> PhraseBank:
    """A bank from parsed YAML; *slots* is the slot vocabulary its entries may use; a one-category
    file without ``category:`` is named *default* (its file name)."""
    if isinstance(data, dict) and "forms" in data and "categories" not in data:
        data = {**data, "categories": data["forms"]}  # the narration file's older key
    if not isinstance(data, dict):
        raise PhraseBankError(f"{name}：短语库应为字段表（category、entries）")
    category = data.get("category") or default
    if not isinstance(category, str) or len(category) > 80:
        raise PhraseBankError(f"{name}：category 应为类别名（如 closing），收到 {str(category)[:40]!r}")
    groups = data.get("categories") if "categories" in data else {category: data}
    if not isinstance(groups, dict):
        raise PhraseBankError(f"{name}：categories 应为字段表")
    bank = PhraseBank()
    count = 0
    for cat, body in groups.items():
        entries = body.get("entries") if isinstance(body, dict) else body
        if not isinstance(entries, list):
            raise PhraseBankError(f"{name}：类别 {cat} 缺少 entries 列表")
        meta = body if isinstance(body, dict) else {}
        mode, part = meta.get("mode", "prefer"), meta.get("part")
        if mode not in ("prefer", "append"):
            raise PhraseBankError(f"{name}：类别 {cat} 的 mode 应为 prefer 或 append，收到 {mode!r}")
        if part is not None and part not in TAG_VALUES["part"]:
            raise PhraseBankError(f"{name}：类别 {cat} 的 part 应为 {'、'.join(TAG_VALUES['part'])} 之一，收到 {part!r}")
        prio = priority if mode == "prefer" else 0
        count += len(entries)
        if count > LIMITS.phrase_entries:
            raise PhraseBankError(f"{name}：超出限制（短语库条目数不超过 {LIMITS.phrase_entries:,}）")
        bank.categories[str(cat)] = [_entry(e, name, str(cat), i, prio, part, slots)
                                     for i, e in enumerate(entries)]
        if isinstance(body, dict) and body.get("description"):
            bank.descriptions[str(cat)] = str(body["description"])
    return bank


def _entry(raw: Any, name: str, cat: str, i: int, priority: int, part: str | None = None,
           vocabulary: frozenset[str] = ANY_SLOTS) -> Phrase:
    where = f"{name}：{cat}[{i}]"
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise PhraseBankError(f"{where} 应为非空文字或含 text 的字段表")
    unknown = set(raw) - {"text", "tags", "when", "needs", "years"} - _METADATA
    if unknown:
        raise PhraseBankError(f"{where} 未知字段 {'、'.join(sorted(unknown))}"
                              f"（只允许 text、tags、when、needs、years 和说明字段 {'、'.join(sorted(_METADATA))}）")
    tags: dict[str, tuple[str, ...]] = {}
    for key, val in (raw.get("tags") or {}).items():
        if key not in TAG_VALUES:
            raise PhraseBankError(f"{where} 未知标签 {key}，可用：{'、'.join(TAG_KEYS)}")
        vals = tuple(str(v) for v in (val if isinstance(val, list) else [val]))
        bad = [v for v in vals if v not in TAG_VALUES[key]]
        if bad:
            raise PhraseBankError(f"{where} 标签 {key} 的取值 {'、'.join(bad)} 无效，可用：{'、'.join(TAG_VALUES[key])}")
        tags[key] = vals
    if part and "part" not in tags:
        tags["part"] = (part,)  # the category's part, unless the entry names its own
    refs = _NESTED.findall(raw["text"])
    if cat in refs:
        raise PhraseBankError(f"{where} 用 {{@{cat}}} 引用了自身所在的类别（循环引用），请改为引用其他类别")
    if len(refs) > LIMITS.phrase_ref_count:
        raise PhraseBankError(f"{where}：超出限制（{{@类别}} 引用不超过 {LIMITS.phrase_ref_count} 个，收到 {len(refs)} 个）")
    if len(raw["text"]) > LIMITS.text_chars:
        raise PhraseBankError(f"{where}：超出限制（一条短语不超过 {LIMITS.text_chars:,} 字）")
    found = bad_char(raw["text"])
    if found:
        raise PhraseBankError(f"{where} 第{found[0]}个字是{found[1]}（不可见的控制或方向字符），请删除")
    for slot in _SLOT.findall(raw["text"]):
        if slot not in vocabulary:
            raise PhraseBankError(f"{where} 使用了未知的占位符 {{{slot}}}，可用：{'、'.join(sorted(vocabulary))}")
    condition = parse_condition(raw.get("when"), raw.get("needs"), where)
    try:
        years = parse_years(raw["years"]) if raw.get("years") is not None else None
    except ValueError as exc:
        raise PhraseBankError(f"{where} {exc}") from None
    return Phrase(raw["text"], tags, where, priority, condition, years)


def load_bank(paths: Iterable[Path] = ()) -> PhraseBank:
    """The built-in bank, with user bank files (or folders of them) merged over it in order."""
    bank = builtin_bank()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise PhraseBankError(f"{p}：短语库文件不存在")
        files = sorted(p.glob("*.y*ml")) if p.is_dir() else [p]
        for f in files:
            bank = bank.merge(load_bank_file(f, priority=1))
    return bank


_BUILTIN: PhraseBank | None = None


def builtin_bank() -> PhraseBank:
    """The built-in bank: parsed once per installation, then loaded from the private cache (keyed by
    every file's name, size and mtime), so a cold process does not re-read 69 YAML files."""
    global _BUILTIN
    if _BUILTIN is None:
        from speechgen.core import cache

        files = sorted((corpora_dir() / "phrases").glob("*.yaml"))
        stamp = "\n".join(f"{f}:{st.st_size}:{st.st_mtime_ns}" for f in files for st in [f.stat()]).encode()
        saved = cache.load("phrase-bank-v3", stamp)
        if _valid_dump(saved):
            _BUILTIN = _from_dump(saved)
        else:
            bank = PhraseBank()
            for f in files:
                bank = bank.merge(load_bank_file(f, slots=frozenset(SLOTS)))
            cache.store("phrase-bank-v3", stamp, _to_dump(bank))
            _BUILTIN = bank
    return _BUILTIN


def _to_dump(bank: PhraseBank) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Every field of every phrase (a field added to :class:`Phrase` is cached without touching this)."""
    def row(p: Phrase) -> dict[str, Any]:
        d = {f.name: getattr(p, f.name) for f in fields(Phrase)}
        d["tags"] = {k: tuple(v) for k, v in p.tags.items()}
        d["condition"] = (p.condition.anyof, p.condition.needs)  # marshal takes tuples and frozensets
        return d

    return {c: [row(p) for p in ps] for c, ps in bank.categories.items()}, dict(bank.descriptions)


def _valid_dump(saved: Any) -> bool:
    return (isinstance(saved, tuple) and len(saved) == 2 and isinstance(saved[0], dict)
            and isinstance(saved[1], dict)
            and all(isinstance(r, dict) and set(r) == _PHRASE_FIELDS for ps in saved[0].values() for r in ps))


def _from_dump(saved: tuple[dict[str, list[dict[str, Any]]], dict[str, str]]) -> PhraseBank:
    cats, descriptions = saved
    return PhraseBank({c: [Phrase(**{**r, "condition": Condition(*r["condition"])}) for r in ps]
                       for c, ps in cats.items()}, dict(descriptions))


_PHRASE_FIELDS = {f.name for f in fields(Phrase)}


_NESTED = re.compile(r"\{@([a-z_]+)\}")
#: ``{甲|乙}`` inside an entry: alternative wordings of one phrase (the first is the standard one,
#: ``variety: low`` always takes it), so two drafts rarely share a whole stock sentence
_ALT = re.compile(r"\{([^{}@]*\|[^{}]*)\}")


@lru_cache(maxsize=1)
def _echo_words() -> tuple[str, ...]:
    """Judgement words two neighbouring sentences should not both say (``corpora/echo.yaml``)."""
    data, _ = load_yaml_file(corpora_dir() / "echo.yaml")
    return tuple(str(w) for w in (data or {}).get("words") or ())


@lru_cache(maxsize=8192)
def _marks(text: str) -> frozenset[str]:
    """What a text says that its neighbour should not repeat: its runs of four characters and the
    judgement words of ``corpora/echo.yaml`` it uses (差距 after 与年度目标差距较大)."""
    return _grams(text) | frozenset("=" + w for w in _echo_words() if w in text)


@lru_cache(maxsize=8192)  # the picker compares every candidate with every other one, pick after pick
def _grams(text: str, n: int = 4) -> frozenset[str]:
    """Runs of *n* Chinese characters (punctuation ignored), to tell whether two texts overlap."""
    han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return frozenset(han[i:i + n] for i in range(len(han) - n + 1))


def _fill(text: str, slots: Mapping[str, str]) -> str:
    if "{" not in text:  # most entries have no slot: no pattern to run
        return text

    def slot(m: re.Match[str]) -> str:
        if m.group(1) not in slots:
            raise PhraseBankError(f"短语 “{text}” 使用了未知的占位符 {{{m.group(1)}}}")
        return slots[m.group(1)]

    return _SLOT.sub(slot, text)
