"""``check --against 上期讲话.docx``: sentences a draft reuses verbatim from earlier speeches.

A sentence (split at 。！？； and line ends) of at least
:data:`~speechgen.compose.filters.MIN_CHARS` meaningful characters that appears word for word in
an earlier speech is reported once, as a warning, with the file it came from.  Punctuation,
markup and spaces are ignored in the comparison, so a .docx and a .md of one speech match.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from speechgen.compose.filters import MIN_CHARS, AvoidIndex, normalise
from speechgen.outline.read import read_text
from speechgen.proof.rules.base import Doc, Finding

_PIECES = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


def load_against(paths: Sequence[str | Path]) -> list[tuple[str, AvoidIndex]]:
    """Each earlier speech (.docx/.md/.txt) as (its name, an index of its sentences)."""
    return [(Path(p).name, AvoidIndex([read_text(p)])) for p in paths]


def reused(doc: Doc, against: Iterable[tuple[str, AvoidIndex]]) -> list[Finding]:
    """One warning per sentence of *doc* found verbatim in an earlier speech."""
    indexes = list(against)
    findings: list[Finding] = []
    seen: set[str] = set()
    for line in doc.prose():
        for m in _PIECES.finditer(line.text):
            sentence = m.group(0).strip()
            key = normalise(sentence)
            if len(key) < MIN_CHARS or key in seen:
                continue
            source = next((name for name, index in indexes if index.said(sentence)), None)
            if source is not None:
                seen.add(key)
                findings.append(Finding("reuse", "warning", line.number, sentence,
                                        f"与上期讲话《{source}》中的句子完全相同，建议换一种说法或更新内容"))
    return findings
