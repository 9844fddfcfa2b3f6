"""Entry filters the phrase picker applies on top of tags: the era of an entry, and what an earlier
speech already said.

* **Era** — a phrase-bank entry that belongs to a policy period carries ``years:`` (``2024-``,
  ``2020-2022``, ``-2021``, ``2023``); the meeting's year filters it (:func:`era_ok`).  An entry
  without ``years`` is timeless.  The tags in use are listed in ``corpora/phrases/README.md``.
* **Avoid** — :class:`AvoidIndex` holds the text of earlier speeches (``render --avoid``, the
  spec's ``avoid:``); :meth:`AvoidIndex.said` tells whether a candidate text repeats a sentence
  of at least :data:`MIN_CHARS` characters from them, so the picker takes another wording.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

Years = tuple[int | None, int | None]
#: sentences shorter than this are vocabulary (同志们、谢谢大家), not reuse
MIN_CHARS = 8
_YEARS = re.compile(r"^\s*(\d{4})?\s*(?:([-—–~至])\s*(\d{4})?)?\s*$")
_KEEP = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\ue000]")
#: sentence ends, and a nested {@category} (filled later): the pieces around it are compared on their own
_SPLIT = re.compile(r"[。！？；!?;\n]|\{@[a-z_]+\}")
#: the engine's \ue000POINTS\ue001 (replaced by the count of parts): matches a Chinese count
_COUNT_MARK = re.compile(r"\ue000[A-Z]+\ue001")
_COUNT = "[一二三四五六七八九十两]{1,3}"
#: ``{甲|乙}`` alternatives inside a bank entry (chosen after the picker asks): every one is checked
_ALT = re.compile(r"\{([^{}@]*\|[^{}]*)\}")
_MAX_VARIANTS = 32


def expand(text: str) -> list[str]:
    """Every wording of a text with ``{甲|乙}`` alternatives (at most :data:`_MAX_VARIANTS`)."""
    m = _ALT.search(text)
    if not m:
        return [text]
    out: list[str] = []
    for option in m.group(1).split("|"):
        out += expand(text[: m.start()] + option + text[m.end():])
        if len(out) >= _MAX_VARIANTS:
            break
    return out[:_MAX_VARIANTS]


def parse_years(raw: Any) -> Years:
    """``2024-`` → (2024, None); ``2020-2022`` → (2020, 2022); ``-2021`` → (None, 2021); ``2023`` →
    (2023, 2023).  ValueError (Chinese) for anything else."""
    text = str(raw).strip()
    m = _YEARS.match(text)
    if not text or not m or not (m.group(1) or m.group(3)):
        raise ValueError(f"years 应写成 2024-、2020-2022、-2021 或 2023，收到 {raw!r}")
    first = int(m.group(1)) if m.group(1) else None
    last = int(m.group(3)) if m.group(3) else (None if m.group(2) else first)
    if first is not None and last is not None and first > last:
        raise ValueError(f"years {raw!r}：起始年份晚于结束年份")
    return first, last


def era_ok(entry: Any, year: int | None) -> bool:
    """Is *entry* (anything with a ``years`` attribute, or None) current in *year*?  Timeless
    entries and an unknown year always pass."""
    years: Years | None = getattr(entry, "years", None)
    if years is None or year is None:
        return True
    first, last = years
    return (first is None or year >= first) and (last is None or year <= last)


def normalise(text: str) -> str:
    """Only the characters that carry meaning: Chinese, digits, letters (punctuation, markup and
    spaces dropped), so a sentence is found again whatever its layout.  A count placeholder stays
    as one private-use character."""
    text = _COUNT_MARK.sub("\ue000", text)
    return _KEEP.sub("", text).replace("时序进度", "序时进度")  # one word, whichever a draft uses


def sentences(text: str) -> list[str]:
    """The sentences (split at 。！？； and line ends) of *text*, normalised, at least MIN_CHARS long."""
    parts = (normalise(p) for p in _SPLIT.split(text))
    return [p for p in parts if len(p) >= MIN_CHARS]


class AvoidIndex:
    """The sentences of earlier speeches, to steer the picker away from repeating them."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.sentences: set[str] = set()
        self._corpus: list[str] = []
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        self.sentences.update(sentences(text))
        self._corpus.append(normalise(text))

    def __bool__(self) -> bool:
        return bool(self._corpus)

    def said(self, text: str) -> bool:
        """True when a sentence (or a sentence-sized piece of ≥ MIN_CHARS characters) of *text* —
        of any of its ``{甲|乙}`` wordings — appears verbatim in an earlier speech."""
        if not self._corpus:
            return False
        return any(self._said(variant) for variant in expand(text))

    def _said(self, text: str) -> bool:
        for piece in sentences(text):
            if "\ue000" in piece:  # 我讲\ue000点意见: any count said before counts
                pattern = re.compile(_COUNT.join(re.escape(p) for p in piece.split("\ue000")))
                if any(pattern.search(c) for c in self._corpus):
                    return True
            elif piece in self.sentences or any(piece in c for c in self._corpus):
                return True
        return False
