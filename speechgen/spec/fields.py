"""The field taxonomy (领域): which policy field an indicator, task or problem belongs to.

The knowledge is data (``corpora/fields.yaml``; a user file may override or add fields with
:func:`load_taxonomy`); this module holds the two matching mechanisms:

* indicator names — regexes, field by field in the file's order, first match wins (so 第三产业
  lands in services before industry can claim 产业);
* free text (task, problem, achievement titles and notes) — keyword occurrences, a longer
  keyword hiding the shorter ones inside it, most occurrences wins, earlier field on a tie.

Nothing falls into a catch-all: text naming no field is ``general`` and attaches to nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.errors import InputError

GENERAL = "general"


@dataclass(frozen=True)
class Field:
    id: str
    name: str
    lead: str
    indicators: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    keywords: tuple[str, ...]
    headline: tuple[re.Pattern[str], ...]
    lower_is_better: tuple[re.Pattern[str], ...]
    #: the field's parts as a heading names them (外贸, 外资): only those the indicators speak of
    parts: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = ()

    def topic(self, names: Iterable[str]) -> str:
        """The field's name for a heading over *names*: 外贸外资 only when both parts are there."""
        names = list(names)
        present = [part for part, pats in self.parts if any(p.search(n) for n in names for p in pats)]
        return self.name if not present or len(present) == len(self.parts) else "和".join(present)

    def claims(self, name: str) -> bool:
        return self._indicators(name) and not self._exclude(name)

    @cached_property  # every indicator name is tried against field after field
    def _indicators(self) -> Callable[[str], bool]:
        return _any_search(self.indicators)

    @cached_property
    def _exclude(self) -> Callable[[str], bool]:
        return _any_search(self.exclude)


@dataclass(frozen=True)
class Taxonomy:
    fields: tuple[Field, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    def get(self, key: str) -> Field | None:
        return next((f for f in self.fields if key in (f.id, f.name)), None)

    def resolve(self, key: str) -> str:
        """A field id from an id or a Chinese name given in a spec (raises ValueError)."""
        found = self.get(key.strip())
        if found is None and key.strip() != GENERAL:
            names = "、".join(f"{f.id}（{f.name}）" for f in self.fields)
            raise ValueError(f"未知领域 {key!r}，可选：{names}")
        return found.id if found else GENERAL

    def of_indicator(self, name: str) -> str:
        """The field of an indicator name (first field whose patterns claim it), else ``general``."""
        return next((f.id for f in self.fields if f.claims(name)), GENERAL)

    def of_text(self, *texts: str) -> str:
        """The field of the first text that names one (keyword counting; see the module doc)."""
        for text in texts:
            best = self._best(str(text))
            if best != GENERAL:
                return best
        return GENERAL

    def of_item(self, title: str, items: Sequence[str] = ()) -> str:
        """An item's field: from its title, else the field most of its notes name (more than half)."""
        found = self.of_text(title)
        if found != GENERAL or not items:
            return found
        votes = [self.of_text(i) for i in items]
        best = max(sorted(set(votes)), key=votes.count)
        return best if best != GENERAL and votes.count(best) * 2 > len(votes) else GENERAL

    @cached_property  # kept on the taxonomy: a cache keyed by it would hash every field's patterns per call
    def keyword_index(self) -> tuple[tuple[tuple[str, str], ...], dict[str, tuple[int, ...]]]:
        return _keyword_index(self)

    def is_headline(self, name: str) -> bool:
        return any(p.search(name) for f in self.fields for p in f.headline)

    def lower_is_better(self, name: str) -> bool:
        return any(p.search(name) for f in self.fields for p in f.lower_is_better)

    def _best(self, text: str) -> str:
        counts = {f.id: 0 for f in self.fields}
        taken = [False] * len(text)
        for word, fid in _keywords_in(self, text):
            start = text.find(word)
            while start != -1:
                end = start + len(word)
                if not any(taken[start:end]):
                    taken[start:end] = [True] * len(word)
                    counts[fid] += 1
                start = text.find(word, end)
        order = {f.id: i for i, f in enumerate(self.fields)}
        best = max(counts, key=lambda k: (counts[k], -order[k]))
        return best if counts[best] else GENERAL


def _any_search(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str], bool]:
    """``name -> any(p.search(name) for p in patterns)`` as one regex search: their alternation
    finds a match somewhere exactly when one of them does.  Kept apart when joining could change
    a pattern's meaning (inline flags, which must open a pattern; groups, which a backreference
    counts; different compile flags)."""
    joinable = len({p.flags for p in patterns}) == 1 and all(p.groups == 0 and "(?" not in p.pattern.replace("(?:", "")
                                                              for p in patterns)
    if len(patterns) > 1 and joinable:
        try:
            one = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
            return lambda name: one.search(name) is not None
        except re.error:
            pass
    return lambda name: any(p.search(name) for p in patterns)


def _keyword_index(tax: Taxonomy) -> tuple[tuple[tuple[str, str], ...], dict[str, tuple[int, ...]]]:
    """(keyword, field id), longest first, so a long keyword claims its characters before a short one;
    and first character → the positions in that list of the keywords starting with it."""
    pairs = tuple(sorted(((w, f.id) for f in tax.fields for w in f.keywords if w), key=lambda p: -len(p[0])))
    starts: dict[str, list[int]] = {}
    for i, (word, _) in enumerate(pairs):
        starts.setdefault(word[0], []).append(i)
    return pairs, {ch: tuple(at) for ch, at in starts.items()}


def _keywords_in(tax: Taxonomy, text: str) -> list[tuple[str, str]]:
    """The keywords that can occur in *text* (their first character does), in the index's order:
    a text of a few dozen characters meets a handful of the taxonomy's hundreds of keywords."""
    pairs, starts = tax.keyword_index
    return [pairs[i] for i in sorted({i for ch in set(text) for i in starts.get(ch, ())})]


def _patterns(values: Any, where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for v in values or ():
        try:
            out.append(re.compile(str(v)))
        except re.error as exc:
            raise InputError(f"{where}：正则表达式 {v!r} 有误（{exc}）") from None
    return tuple(out)


def _field(raw: Any, where: str) -> Field:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
        raise InputError(f"{where}：每个领域需要 id 和 name")
    fid = str(raw["id"])
    return Field(fid, str(raw["name"]), str(raw.get("lead") or f"{raw['name']}方面"),
                 _patterns(raw.get("indicators"), f"{where}.indicators"),
                 _patterns(raw.get("exclude"), f"{where}.exclude"),
                 tuple(str(k) for k in raw.get("keywords") or ()),
                 _patterns(raw.get("headline"), f"{where}.headline"),
                 _patterns(raw.get("lower_is_better"), f"{where}.lower_is_better"),
                 tuple((str(k), _patterns(v, f"{where}.parts.{k}")) for k, v in (raw.get("parts") or {}).items()))


def parse_taxonomy(data: Any, source: str) -> Taxonomy:
    if not isinstance(data, dict) or not isinstance(data.get("fields"), list):
        raise InputError(f"{source}：应有 fields 列表")
    fields = tuple(_field(raw, f"{source} fields[{i}]") for i, raw in enumerate(data["fields"]))
    seen: set[str] = set()
    for f in fields:
        if f.id in seen or f.id == GENERAL:
            raise InputError(f"{source}：领域 id {f.id!r} 重复或保留")
        seen.add(f.id)
    return Taxonomy(fields)


def load_taxonomy(path: Path, *, over: Taxonomy | None = None) -> Taxonomy:
    """Read a taxonomy file; with *over*, its fields replace same-id fields and new ones go first."""
    tax = parse_taxonomy(load_yaml_file(path)[0], str(path))
    if over is None:
        return tax
    mine = {f.id: f for f in tax.fields}
    merged = [f for f in tax.fields if f.id not in over.ids]
    merged += [mine.get(f.id, f) for f in over.fields]
    return Taxonomy(tuple(merged))


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The built-in taxonomy (``corpora/fields.yaml``), read once."""
    return load_taxonomy(corpora_dir() / "fields.yaml")


def field_ids() -> tuple[str, ...]:
    return (*taxonomy().ids, GENERAL)


def indicator_field(name: str, explicit: str | None = None) -> str:
    return taxonomy().resolve(explicit) if explicit else taxonomy().of_indicator(name)


def text_field(*texts: str) -> str:
    return taxonomy().of_text(*texts)


def headline_default(names: Iterable[str]) -> dict[str, bool]:
    """Which of *names* count as 主要指标 by default: the taxonomy's headline ones; when a table has
    none of those (a department's own table), every indicator counts."""
    names = list(names)
    flags = {n: taxonomy().is_headline(n) for n in names}
    return flags if any(flags.values()) else {n: True for n in names}
