"""The rewriter's language knowledge (``corpora/rewrite.yaml``): verb lists, subject endings and the
verb frames per object class, field and voice.  Loaded once per process, checked on load."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Mapping

from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.errors import PhraseBankError

#: the voices a note can be written in (the frame tables are keyed by these, except dispatch,
#: which borrows deploy's frames).
VOICES = ("deploy", "dispatch", "report", "achievements", "problems")
_FRAME_SLOT = re.compile(r"\{(items|name|body|etc:[^{}]*)\}")


@dataclass(frozen=True)
class ObjectClass:
    ends: tuple[str, ...]
    frames: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset[str]
    not_verbs: tuple[str, ...]
    short_verbs: frozenset[str]
    nominal: tuple[str, ...]
    modal: tuple[str, ...]
    firm: frozenset[str]
    speed: frozenset[str]
    prepositions: tuple[str, ...]
    units: tuple[str, ...]
    objects: tuple[ObjectClass, ...]
    fields: Mapping[str, Mapping[str, tuple[str, ...]]]
    nominal_frames: Mapping[str, tuple[str, ...]]
    named: Mapping[str, tuple[str, ...]]
    slogan: Mapping[str, tuple[str, ...]]
    modals: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    first: Mapping[str, str] = field(default_factory=dict)
    max_verb: int = 4
    #: endings that state a result (通过验收、投产、即享): an achievement so told is kept as written
    results: tuple[str, ...] = ()
    #: nouns with a verb inside (城镇新增就业): never split by a modal
    compounds: tuple[str, ...] = ()
    #: endings that already name a piece of work (应用、扶持): a frame adds no field word after them
    work_ends: tuple[str, ...] = ()
    #: the verb a target takes before a noun phrase and its figure: after a nominal verb, else
    targets: Mapping[str, str] = field(default_factory=dict)

    @cached_property  # subject_end tries every prefix of a clause: most end in no unit's last character
    def unit_ends(self) -> frozenset[str]:
        """The last character of every unit ending (县统计局 ends in 局)."""
        return frozenset(u[-1] for u in self.units if u)

    def verb_at(self, text: str, pos: int = 0) -> str:
        """The longest lexicon verb starting at *pos* ('' when none; 开发区 is no verb)."""
        if self.not_verbs and text.startswith(self.not_verbs, pos):
            return ""
        for n in range(self.max_verb, 1, -1):
            if text[pos:pos + n] in self.verbs:
                return text[pos:pos + n]
        return ""

    def starts_with(self, text: str, words: tuple[str, ...]) -> str:
        """The longest of *words* that *text* starts with ('' when none)."""
        if not text.startswith(words):
            return ""
        return max((w for w in words if text.startswith(w)), key=len)


def _words(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    raw = data.get(key) or []
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise PhraseBankError(f"{where}：{key} 应为词语列表")
    return tuple(w.strip() for w in raw)


def _frames(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise PhraseBankError(f"{where}：应为 口吻 → 句式列表 的字段表")
    out: dict[str, tuple[str, ...]] = {}
    for voice, frames in raw.items():
        if voice not in VOICES:
            raise PhraseBankError(f"{where}：未知口吻 {voice}，可用：{'、'.join(VOICES)}")
        if not isinstance(frames, list) or not frames or not all(isinstance(f, str) for f in frames):
            raise PhraseBankError(f"{where}.{voice}：应为非空的句式列表")
        for f in frames:
            unknown = set(re.findall(r"\{([^{}]*)\}", f)) - {m.group(1) for m in _FRAME_SLOT.finditer(f)}
            if unknown:
                raise PhraseBankError(f"{where}.{voice}：句式 “{f}” 使用了未知的占位符 {sorted(unknown)}")
        out[str(voice)] = tuple(frames)
    return out


def parse_lexicon(data: Any, where: str) -> Lexicon:
    if not isinstance(data, dict):
        raise PhraseBankError(f"{where}：顶层应为字段表")
    objects = []
    for i, raw in enumerate(data.get("objects") or []):
        ends = _words(raw, "ends", f"{where} objects[{i}]")
        objects.append(ObjectClass(ends, _frames({k: v for k, v in raw.items() if k != "ends"},
                                                 f"{where} objects[{i}]")))
    voice = data.get("voice") or {}
    modals = {v: tuple((str(m), int(w)) for m, w in (spec.get("modals") or {}).items()) for v, spec in voice.items()}
    verbs = frozenset(_words(data, "verbs", where))
    return Lexicon(
        verbs=verbs, not_verbs=_words(data, "not_verbs", where), short_verbs=frozenset(_words(data, "short_verbs", where)),
        nominal=_words(data, "nominal", where), modal=_words(data, "modal", where),
        firm=frozenset(_words(data, "firm", where)), speed=frozenset(_words(data, "speed", where)),
        prepositions=_words(data, "prepositions", where), units=_words(data, "units", where),
        objects=tuple(objects),
        fields={str(k): _frames(v, f"{where} fields.{k}") for k, v in (data.get("fields") or {}).items()},
        nominal_frames=_frames(data.get("nominal_frames") or {}, f"{where} nominal_frames"),
        named=_frames(data.get("named") or {}, f"{where} named"),
        slogan=_frames(data.get("slogan") or {}, f"{where} slogan"),
        modals=modals, first={v: str(spec.get("first", "要")) for v, spec in voice.items()},
        max_verb=max((len(v) for v in verbs), default=2),
        results=_words(data, "results", where), compounds=_words(data, "compounds", where),
        work_ends=_words(data, "work_ends", where), targets=_targets(data.get("targets"), where),
    )


def _targets(raw: Any, where: str) -> dict[str, str]:
    raw = raw or {"nominal": "完成", "other": "实现"}
    if not isinstance(raw, dict) or set(raw) != {"nominal", "other"} \
            or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise PhraseBankError(f"{where}：targets 应为 nominal、other 两个动词")
    return {str(k): v.strip() for k, v in raw.items()}


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    path = corpora_dir() / "rewrite.yaml"
    data, _ = load_yaml_file(path)
    return parse_lexicon(data, str(path))
