"""Choosing phrases for one draft: filters every entry must pass, then soft preferences.

``picker(category, **kw)``: keys of :data:`~speechgen.compose.bank.TAG_VALUES` in *kw*
narrow the context (``field="industry"``; entries tagged for that field are
preferred); ``about=[statements]`` names the indicators the phrase speaks of (its
``when`` conditions are checked against them); ``optional=True`` returns "" when no
entry may be said instead of failing (and then also refuses an entry used already, one
repeating a three-character run of ``avoid`` or one not written for the given ``field``); ``avoid=TEXT`` prefers entries that repeat no
four-character run of TEXT; other keys are slot values for this call
(``lead="市发改委"``).  ``picker.log`` records every choice in order.

Entry filters are a list (:data:`DEFAULT_FILTERS` plus the caller's): each is
``filter(phrase, call) -> bool`` and an entry is offered only when all pass, so
other rules (era tags, steering away from an earlier speech) plug in as filters.
Each category draws from its own random stream (:class:`~speechgen.compose.streams.Streams`).
"""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from speechgen.compose.bank import _ALT, _ECHO, TAG_VALUES, Phrase, PhraseBank, _fill, _grams, _marks, _NESTED
from speechgen.compose.conditions import Facts, TableFacts
from speechgen.compose.filters import era_ok
from speechgen.compose.streams import Streams
from speechgen.core.limits import LIMITS
from speechgen.errors import PhraseBankError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """One request to the picker, as filters see it."""

    category: str
    context: Mapping[str, str]
    slots: Mapping[str, str]
    about: Sequence[Facts] | None = None
    table: TableFacts = field(default_factory=TableFacts)
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keywords, for filters added later
    year: int | None = None  # the meeting's year: entries of another era are left out
    #: the slot names with a value (asked for every candidate); computed here unless the picker,
    #: which knows its draft's, gives it
    available: frozenset[str] | None = None
    #: the table's facts as conditions read them (:meth:`TableFacts.mapping`), likewise
    table_facts: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.available is None:
            object.__setattr__(self, "available", frozenset(k for k, v in self.slots.items() if v))
        if self.table_facts is None:
            object.__setattr__(self, "table_facts", self.table.mapping())


Filter = Callable[[Phrase, Call], bool]


def fits_tags(phrase: Phrase, call: Call) -> bool:
    return phrase.fits(call.context)


def has_slots(phrase: Phrase, call: Call) -> bool:
    return phrase.slots <= call.available


def judgement_holds(phrase: Phrase, call: Call) -> bool:
    """The entry's ``when``/``needs`` hold for the indicators it speaks of (or the whole table)."""
    cond = phrase.condition
    return not cond or cond.holds(call.about, call.table_facts, call.table.material)


def of_its_era(phrase: Phrase, call: Call) -> bool:
    """An entry tagged ``years:`` for a policy period is said only in a meeting of that period."""
    return era_ok(phrase, call.year)


DEFAULT_FILTERS: tuple[Filter, ...] = (fits_tags, has_slots, judgement_holds, of_its_era)


def _fits_context(phrase: Phrase, context: Mapping[str, str], year: int | None) -> bool:
    """:func:`fits_tags` and :func:`of_its_era`: they read nothing of a call but its context and year,
    the same for every call of a draft, so :meth:`PhraseBank.fitting` keeps their result."""
    return phrase.fits(context) and era_ok(phrase, year)


def facts_of(about: Any) -> list[Facts] | None:
    """``about=`` as fact mappings: statements (their ``.facts``), items (their ``.about``), or mappings."""
    if about is None:
        return None
    out: list[Facts] = []
    for a in about if isinstance(about, (list, tuple)) else [about]:
        if isinstance(a, Mapping):
            out.append(a)
        elif hasattr(a, "facts"):
            out.append(a.facts)
        elif hasattr(a, "about"):
            out.extend(facts_of(a.about) or [])
    return out


class PhrasePicker:
    """Chooses phrases for one draft: seeded, filtered, never the same text twice (see module doc)."""

    def __init__(self, bank: PhraseBank, rng: "random.Random | Streams | int", *, context: Mapping[str, str],
                 slots: Mapping[str, str], variety: str = "normal", facts: TableFacts | None = None,
                 filters: Sequence[Filter] = (), year: int | None = None,
                 said: Callable[[str], bool] | None = None) -> None:
        self.bank, self.context, self.slots, self.variety = bank, dict(context), dict(slots), variety
        self.year = year
        self.said = said or (lambda text: False)  # an earlier speech (--avoid) used this text: prefer others
        self.streams = Streams.of(rng)
        self.facts = facts or TableFacts()
        # what every call of the draft shares (its slots and facts are not changed once given)
        self._available = frozenset(k for k, v in self.slots.items() if v)
        self._table_facts = self.facts.mapping()
        self.filters: list[Filter] = [*DEFAULT_FILTERS, *filters]
        self.used: set[str] = set()
        self.entries: set[str] = set()
        self.log: list[tuple[str, str]] = []
        self.repeats: list[str] = []
        self._echo: set[str] = set()  # distinctive slots the previous phrase used
        self._head = ""  # how the previous phrase began: the next one should begin differently

    def call(self, category: str, kw: Mapping[str, Any]) -> Call:
        about = facts_of(kw.get("about"))
        tags = {k: str(v) for k, v in kw.items() if k in TAG_VALUES}
        given = {k: str(v) for k, v in kw.items() if k not in TAG_VALUES and k not in _CONTROL}
        available = self._available.difference(given) | {k for k, v in given.items() if v}
        return Call(category, {**self.context, "variety": self.variety, **tags}, {**self.slots, **given},
                    about, self.facts, {k: v for k, v in kw.items() if k in _CONTROL}, self.year,
                    available, self._table_facts)

    def offered(self, category: str, **kw: Any) -> list[Phrase]:
        """The entries of *category* that pass every filter for this call."""
        return self._passing(category, self.call(category, kw))

    def _passing(self, category: str, call: Call) -> list[Phrase]:
        """Every filter, in two steps: the result of the context's (tags, era) comes from the bank's
        store; those that read the call itself (slots, the indicators spoken of) and the caller's
        own run on what is left, the defaults called directly (this runs for every pick)."""
        fit = self.bank.fitting(category, call.context, call.year, _fits_context)
        extra = [f for f in self.filters if f not in DEFAULT_FILTERS]
        return [p for p in fit if has_slots(p, call) and judgement_holds(p, call)
                and (not extra or all(f(p, call) for f in extra))]

    def __call__(self, category: str, **kw: Any) -> str:
        if not self.bank.categories.get(category):
            raise PhraseBankError(f"短语库缺少类别 {category!r}")
        depth = int(kw.pop("_depth", 0))
        optional = bool(kw.pop("optional", False))
        avoid = _marks(str(kw.get("avoid", "") or ""))
        call = self.call(category, kw)
        fitting = self._passing(category, call)
        if not fitting:
            if optional:
                return ""
            shown = "，".join(f"{k}={v}" for k, v in call.context.items())
            raise PhraseBankError(f"短语库类别 {category} 没有适合当前场合的条目（{shown}）")
        given = {k for k, v in kw.items() if k not in TAG_VALUES and k not in _CONTROL and v}
        if given:  # an entry that uses every fact given (lead and deadline) beats one that drops some
            best = max(len(p.slots & given) for p in fitting)
            fitting = [p for p in fitting if len(p.slots & given) == best]
        texts = [(p, _fill(p.text, call.slots)) for p in fitting]
        fresh = [(p, t) for p, t in texts if t not in self.used and (p.source or p.text) not in self.entries]
        if optional:  # a rule, not a preference: nothing used, nothing echoing TEXT, written for the field
            near = _grams(str(kw.get("avoid", "") or ""), 3)
            field = str(kw.get("field", "general"))
            fresh = [(p, t) for p, t in fresh
                     if (field == "general" or "field" in p.tags) and not (near & _grams(t, 3))]
            if not fresh:
                return ""
        if not fresh:
            log.warning("phrase category %s exhausted; repeating a phrase", category)
            self.repeats.append(category)
            fresh = texts
        top = max(p.priority for p, _ in fresh)
        fresh = [(p, t) for p, t in fresh if p.priority == top]
        fresh = self._preferred(fresh, {k for k in kw if k in TAG_VALUES}, avoid)
        stream = self.streams(category)
        chosen, text = fresh[0] if self.variety == "low" else stream.choice(fresh)
        text = _ALT.sub(lambda m: m.group(1).split("|")[0 if self.variety == "low" else
                                                       stream.randrange(m.group(1).count("|") + 1)], text)
        self._echo, self._head = chosen.slots & _ECHO, text[:4]
        self.used.add(text)
        self.entries.add(chosen.source or chosen.text)  # one entry once, whatever its slots are filled with
        self.log.append((category, text))
        return self._nested(text, depth=depth)

    def _preferred(self, fresh: list[tuple[Phrase, str]], tags: set[str],
                   avoid: frozenset[str]) -> list[tuple[Phrase, str]]:
        """Soft preferences, in order: each narrows the candidates unless none would be left."""
        fresh = [(p, t) for p, t in fresh if not self.said(t)] or fresh  # not what an earlier speech said
        fresh = [(p, t) for p, t in fresh if all(k in p.tags for k in tags)] or fresh  # written for the field
        if avoid:  # says as little as possible of what the text next to it already says
            overlap = [len(avoid & _marks(t)) for _, t in fresh]
            least = min(overlap)
            fresh = [c for c, n in zip(fresh, overlap) if n == least]
        # no echo of the previous phrase's distinctive slots or of its opening
        return [(p, t) for p, t in fresh if not (p.slots & self._echo) and t[:4] != self._head] or fresh

    def _nested(self, text: str, *, depth: int) -> str:
        """Fill ``{@category}`` references with a phrase of that category (e.g. ``{@rally}`` →
        坚定信心、真抓实干), so a mined or user bank can supply the office's own chains."""
        if "{@" not in text:
            return text
        if depth >= LIMITS.phrase_ref_depth - 1:
            raise PhraseBankError(f"短语 “{text[:40]}” 的 {{@类别}} 引用嵌套过深（超出限制：不超过 "
                                  f"{LIMITS.phrase_ref_depth} 层；查看各短语库中互相引用的类别）")
        return _NESTED.sub(lambda m: self(m.group(1), _depth=depth + 1), text)

    def fill(self, text: str) -> str:
        """Fill the draft's slots in a literal text."""
        return _fill(text, self.slots)


#: keywords that steer the choice and are not slots.
_CONTROL = frozenset({"about", "avoid"})
