"""Phrase banks: categorised formulaic expressions, chosen by a seeded RNG.

A bank is a folder (or file list) of YAML files, one category each::

    category: closing_rally
    description: 结尾号召
    entries:
      - text: 让我们{rally_verbs}，确保完成全年目标任务！
        tags: {type: [quarterly_analysis], period: [Q3, year], speaker: principal}
      - 一句不带标签的短语也可以直接写成字符串

Tags restrict where an entry fits: an entry fits a context when, for each of
its tag keys, the context's value is listed.  ``{slot}`` names are filled from
the draft's facts (region, superior, period, next, remaining, year, meeting…).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import PhraseBankError
from .resources import corpora_dir
from .yamlsrc import decode, load_yaml

TAG_KEYS = ("type", "period", "speaker", "tone", "part", "variety")
_SLOT = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Phrase:
    text: str
    tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""

    def fits(self, context: Mapping[str, str]) -> bool:
        return all(context.get(k) in allowed for k, allowed in self.tags.items() if k in context)


@dataclass
class PhraseBank:
    categories: dict[str, list[Phrase]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def merge(self, other: "PhraseBank") -> "PhraseBank":
        """Entries of *other* come first in each category (user banks win on `low` variety)."""
        merged = PhraseBank(dict(self.categories), dict(self.descriptions))
        for cat, phrases in other.categories.items():
            seen = {p.text for p in phrases}
            merged.categories[cat] = list(phrases) + [p for p in self.categories.get(cat, []) if p.text not in seen]
            if cat in other.descriptions:
                merged.descriptions[cat] = other.descriptions[cat]
        return merged

    def __len__(self) -> int:
        return sum(len(v) for v in self.categories.values())


def load_bank_file(path: Path) -> PhraseBank:
    """Load one YAML bank file (one category, or ``categories: {name: [...]}``)."""
    name = str(path)
    try:
        data, _ = load_yaml(decode(path.read_bytes(), name), name)
    except OSError as exc:
        raise PhraseBankError(f"{name}：无法读取短语库（{exc.strerror}）") from None
    except Exception as exc:  # InputError from the YAML reader
        raise PhraseBankError(str(exc)) from None
    bank = PhraseBank()
    if not isinstance(data, dict):
        raise PhraseBankError(f"{name}：短语库应为字段表（category、entries）")
    groups = data.get("categories") if "categories" in data else {data.get("category") or path.stem: data}
    if not isinstance(groups, dict):
        raise PhraseBankError(f"{name}：categories 应为字段表")
    for cat, body in groups.items():
        entries = body.get("entries") if isinstance(body, dict) else body
        if not isinstance(entries, list):
            raise PhraseBankError(f"{name}：类别 {cat} 缺少 entries 列表")
        bank.categories[str(cat)] = [_entry(e, name, str(cat), i) for i, e in enumerate(entries)]
        if isinstance(body, dict) and body.get("description"):
            bank.descriptions[str(cat)] = str(body["description"])
    return bank


def _entry(raw: Any, name: str, cat: str, i: int) -> Phrase:
    if isinstance(raw, str):
        return Phrase(raw, {}, f"{name}#{cat}[{i}]")
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise PhraseBankError(f"{name}：{cat}[{i}] 应为文字或含 text 的字段表")
    tags: dict[str, tuple[str, ...]] = {}
    for key, val in (raw.get("tags") or {}).items():
        if key not in TAG_KEYS:
            raise PhraseBankError(f"{name}：{cat}[{i}] 未知标签 {key}，可用：{'、'.join(TAG_KEYS)}")
        vals = val if isinstance(val, list) else [val]
        tags[key] = tuple(str(v) for v in vals)
    return Phrase(raw["text"], tags, f"{name}#{cat}[{i}]")


def load_bank(paths: Iterable[Path] = ()) -> PhraseBank:
    """The built-in bank, with user bank files merged over it in order."""
    bank = builtin_bank()
    for p in paths:
        p = Path(p)
        files = sorted(p.glob("*.y*ml")) if p.is_dir() else [p]
        if not p.exists():
            raise PhraseBankError(f"{p}：短语库文件不存在")
        for f in files:
            bank = bank.merge(load_bank_file(f))
    return bank


_BUILTIN: PhraseBank | None = None


def builtin_bank() -> PhraseBank:
    global _BUILTIN
    if _BUILTIN is None:
        bank = PhraseBank()
        for f in sorted((corpora_dir() / "phrases").glob("*.yaml")):
            bank = bank.merge(load_bank_file(f))
        _BUILTIN = bank
    return _BUILTIN


class PhrasePicker:
    """Chooses phrases for one draft: seeded, tag-filtered, never the same text twice."""

    def __init__(self, bank: PhraseBank, rng: random.Random, *, context: Mapping[str, str],
                 slots: Mapping[str, str], variety: str = "normal") -> None:
        self.bank, self.rng, self.context, self.slots, self.variety = bank, rng, dict(context), slots, variety
        self.used: set[str] = set()

    def __call__(self, category: str, **tags: str) -> str:
        phrases = self.bank.categories.get(category)
        if not phrases:
            raise PhraseBankError(f"短语库缺少类别 {category!r}")
        ctx = {**self.context, **tags}
        fitting = [p for p in phrases if p.fits(ctx)] or list(phrases)
        fresh = [p for p in fitting if self.fill(p.text) not in self.used] or fitting
        chosen = fresh[0] if self.variety == "low" else self.rng.choice(fresh)
        text = self.fill(chosen.text)
        self.used.add(text)
        return text

    def fill(self, text: str) -> str:
        def slot(m: re.Match[str]) -> str:
            if m.group(1) not in self.slots:
                raise PhraseBankError(f"短语 “{text}” 使用了未知的占位符 {{{m.group(1)}}}")
            return self.slots[m.group(1)]

        return _SLOT.sub(slot, text)
