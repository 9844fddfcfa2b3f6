"""The wordings of every narration form (``corpora/narration.yaml``) and a seeded picker.

The file has the phrase bank's format (:mod:`speechgen.compose.bank`): one category
per form, entries with ``text`` and optional ``when``; a ``--phrases`` file may
override a form by naming its category.  Each form has several equivalent
wordings.  All wordings of one form must use the same *number* slots, so that a
different seed changes the words but never the facts; :func:`load_wordings`
checks this.  Each form draws from its own random stream.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from speechgen.compose.bank import NUMBER_SLOTS, TEXT_SLOTS, Phrase, PhraseBank, parse_bank, read_bank_yaml
from speechgen.compose.conditions import Condition, Facts
from speechgen.compose.streams import Streams
from speechgen.core.resources import corpora_dir
from speechgen.errors import PhraseBankError

_SLOT = re.compile(r"\{([a-z_]+)\}")


@dataclass
class Wordings:
    forms: dict[str, list[str]] = field(default_factory=dict)
    entries: dict[str, list[Phrase]] = field(default_factory=dict)  # the same wordings with their conditions
    domains: list[tuple[str, str]] = field(default_factory=list)
    count_units: frozenset[str] = frozenset()
    level_keywords: tuple[str, ...] = ()
    lower_is_better: tuple[str, ...] = ()
    #: comparison words by data basis: ``year`` (full-year data) / ``mom`` → [(old, new), …]
    bases: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    region_labels: dict[str, str] = field(default_factory=dict)  # 全市 → 县（市、区）
    review_order: tuple[str, ...] = ()  # field ids in the order a review tells them
    _conditions: dict[str, list[Condition | None]] = field(default_factory=dict, init=False, repr=False,
                                                          compare=False)

    def merge(self, other: "Wordings") -> "Wordings":
        return Wordings(
            bases={**self.bases, **other.bases},
            forms={**self.forms, **other.forms},
            entries={**self.entries, **other.entries},
            domains=other.domains + self.domains,
            count_units=self.count_units | other.count_units,
            level_keywords=other.level_keywords + self.level_keywords,
            lower_is_better=other.lower_is_better + self.lower_is_better,
            region_labels={**self.region_labels, **other.region_labels},
            review_order=other.review_order or self.review_order,
        )

    def conditions(self, form: str) -> list[Condition | None]:
        """Each wording's ``when``/``needs`` (None: said of any row), kept per form: a draft's
        statements ask for the same forms again and again, and so does the next draft."""
        found = self._conditions.get(form)
        if found is None:
            entries = self.entries.get(form, [])
            found = self._conditions[form] = [(entries[i].condition or None) if i < len(entries) else None
                                              for i in range(len(self.forms.get(form, ())))]
        return found

    def domain(self, name: str) -> str:
        """Short field name for problem labels: 规上工业增加值 → 工业."""
        for key, short in self.domains:
            if key.lower() in name.lower():
                return short
        for suffix in ("增加值", "总额", "总值", "总量", "完成额"):
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                name = name[: -len(suffix)]
                break
        return name[:6]


def _strings(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise PhraseBankError(f"{where}：应为文字列表")
    return list(raw)


def _check_form(name: str, variants: list[str], source: str) -> None:
    if not variants:
        raise PhraseBankError(f"{source}：句式 {name} 没有任何措辞")
    slot_sets = []
    for v in variants:
        slots = set(_SLOT.findall(v))
        unknown = slots - NUMBER_SLOTS - TEXT_SLOTS
        if unknown:
            raise PhraseBankError(f"{source}：句式 {name} 的措辞 “{v}” 使用了未知的占位符 {sorted(unknown)}")
        slot_sets.append(slots & NUMBER_SLOTS)
    if any(s != slot_sets[0] for s in slot_sets):
        raise PhraseBankError(
            f"{source}：句式 {name} 的各条措辞必须使用相同的数字占位符（否则换种子会改变事实）")


def parse_wordings(data: Any, source: str) -> Wordings:
    if not isinstance(data, dict):
        raise PhraseBankError(f"{source}：顶层应为字段表（categories、domains……）")
    key = "categories" if "categories" in data else "forms"
    if not isinstance(data.get(key) or {}, dict):
        raise PhraseBankError(f"{source}：{key} 应为字段表（句式名: 措辞列表）")
    bank = parse_bank({"categories": data.get(key) or {}}, source, slots=NUMBER_SLOTS | TEXT_SLOTS) \
        if data.get(key) else PhraseBank()
    words = wordings_of(bank, source)
    domains = []
    for i, pair in enumerate(data.get("domains") or []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise PhraseBankError(f"{source}：domains[{i}] 应为 [关键词, 简称]")
        domains.append((pair[0], pair[1]))
    return Wordings(
        forms=words.forms, entries=words.entries, domains=domains, bases=_bases(data.get("bases") or {}, source),
        count_units=frozenset(_strings(data.get("count_units") or [], f"{source} count_units")),
        level_keywords=tuple(_strings(data.get("level_keywords") or [], f"{source} level_keywords")),
        lower_is_better=tuple(_strings(data.get("lower_is_better") or [], f"{source} lower_is_better")),
        region_labels={str(k): str(v) for k, v in (data.get("region_labels") or {}).items()},
        review_order=tuple(_strings(data.get("review_order") or [], f"{source} review_order")),
    )


def wordings_of(bank: PhraseBank, source: str) -> Wordings:
    """The forms of a bank (categories named after narration forms), each checked."""
    forms: dict[str, list[str]] = {}
    for name, phrases in bank.categories.items():
        variants = [p.text for p in phrases]
        _check_form(name, variants, source)
        forms[name] = variants
    return Wordings(forms=forms, entries={k: list(v) for k, v in bank.categories.items()})


def _bases(raw: Any, source: str) -> dict[str, tuple[tuple[str, str], ...]]:
    if not isinstance(raw, dict):
        raise PhraseBankError(f"{source}：bases 应为字段表（year、mom: [[原词, 替换词], …]）")
    out = {}
    for key, pairs in raw.items():
        if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
            raise PhraseBankError(f"{source}：bases.{key} 应为 [原词, 替换词] 的列表")
        out[str(key)] = tuple((a, b) for a, b in pairs)
    return out


def load_wording_file(path: Path) -> Wordings:
    return parse_wordings(read_bank_yaml(path), str(path))


@lru_cache(maxsize=8)
def load_wordings(extra: tuple[Path, ...] = ()) -> Wordings:
    """The built-in wordings with *extra* files merged over them (form by form)."""
    words = load_wording_file(corpora_dir() / "narration.yaml")
    for path in extra:
        words = override(words, load_wording_file(Path(path)), str(path))
    return words


def override(words: Wordings, user: Wordings, source: str) -> Wordings:
    """*user*'s forms replace the built-in ones of the same name (same number slots required)."""
    for name, variants in user.forms.items():
        if name in words.forms and _number_slots(variants[0]) != _number_slots(words.forms[name][0]):
            raise PhraseBankError(f"{source}：句式 {name} 必须使用与内置措辞相同的数字占位符 "
                                  f"{sorted(_number_slots(words.forms[name][0]))}")
    return words.merge(user)


def with_bank(words: Wordings, bank: PhraseBank | None) -> Wordings:
    """Forms a phrase bank (``--phrases``) overrides: its categories named after narration forms.
    ``mode: append`` entries (priority 0) join the built-in wordings; ``prefer`` ones replace them."""
    if bank is None:
        return words
    mine = {c: ps for c, ps in bank.categories.items() if c in words.forms and ps
            and [p.text for p in ps] != words.forms[c]}
    if not mine:
        return words
    user = PhraseBank({c: ps if any(p.priority for p in ps) else ps + [p for p in words.entries.get(c, [])
                                                                      if p.text not in {q.text for q in ps}]
                       for c, ps in mine.items()})
    return override(words, wordings_of(user, "--phrases"), "--phrases")


def _number_slots(text: str) -> set[str]:
    return set(_SLOT.findall(text)) & NUMBER_SLOTS


_ALL = frozenset({"causes", "opportunities", "risks", "achievements"})


class Picker:
    """Chooses one wording per use from the form's own random stream, avoiding the wording the
    same form used last time (so consecutive statements do not read alike); with *about* (the
    judgement facts of the row spoken of), only wordings whose ``when`` holds are offered."""

    def __init__(self, wordings: Wordings, rng: "random.Random | Streams | int",
                 table: Mapping[str, Any] | None = None) -> None:
        self.wordings, self.streams, self.table = wordings, Streams.of(rng), dict(table or {})
        self.rng = self.streams("narration")  # alternatives inside one wording ({sup} 全省/全省平均水平)
        self.last: dict[str, int] = {}
        self.vocab: tuple[tuple[str, str], ...] = ()  # word replacements for the current row (比上年…)
        self.avoid: Callable[[str], bool] = lambda text: False  # True: an earlier speech said this

    def __call__(self, form: str, slots: Mapping[str, "str | Sequence[str]"],
                 about: Facts | None = None) -> str:
        variants = self.wordings.forms.get(form)
        if not variants:
            raise PhraseBankError(f"措辞文件缺少句式 {form!r}")
        rows = None if about is None else [about]
        allowed = [i for i, cond in enumerate(self.wordings.conditions(form))
                   if cond is None or cond.holds(rows, self.table, _ALL)]
        if not allowed:
            raise PhraseBankError(f"句式 {form} 没有符合数据的措辞")
        choices = [i for i in allowed if i != self.last.get(form)] or allowed
        index = self.streams("narration/" + form).choice(choices)
        text = self.fill(variants[index], slots)
        if self.avoid(text):  # an earlier speech said this: another wording (or alternative) if any
            for i in [index, *(c for c in choices if c != index)] * 2:
                candidate = self.fill(variants[i], slots)
                if not self.avoid(candidate):
                    index, text = i, candidate
                    break
        self.last[form] = index
        return text

    def fill(self, text: str, slots: Mapping[str, "str | Sequence[str]"], *, draw: bool = True) -> str:
        """Fill *text*'s slots (an alternative is chosen once per wording) and apply :attr:`vocab`;
        ``draw=False`` takes the first alternative without using the RNG (for look-ahead)."""
        chosen: dict[str, str] = {}

        def slot(m: re.Match[str]) -> str:
            key = m.group(1)
            value = slots.get(key)
            if value is None:
                raise PhraseBankError(f"措辞 “{text}” 的占位符 {{{key}}} 没有取值")
            if key not in chosen:
                if isinstance(value, str):
                    chosen[key] = value
                else:
                    chosen[key] = self.streams("slot/" + key).choice(list(value)) if draw else list(value)[0]
            return chosen[key]

        return self.words(_SLOT.sub(slot, text))

    def words(self, text: str) -> str:
        for old, new in self.vocab:
            text = text.replace(old, new)
        return text
