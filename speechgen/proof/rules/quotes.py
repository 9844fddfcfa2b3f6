"""Quotes of leaders must be their exact words: a quoted passage close to, but not the same as, a
quote the spec gives (``relays[].quotes``) is a misquote."""
from __future__ import annotations

import difflib
import re
from typing import Iterator

from speechgen.core.chars import nested_quotes, unquoted
from speechgen.proof.rules.base import Doc, Finding, register

_QUOTED = re.compile(r"“([^“”]{6,400})”")
_SIMILAR = 0.6


def _spec_quotes(doc: Doc) -> list[str]:
    if doc.spec is None:
        return []
    return [nested_quotes(unquoted(q)) for r in doc.spec.relays for q in r.quotes if q.strip()]


@register("quote", "引用的领导原话与 spec（relays.quotes）不一致")
def quote(doc: Doc) -> Iterator[Finding]:
    quotes = _spec_quotes(doc)
    if not quotes:
        return
    exact = set(quotes)
    for ln in doc.prose():
        for m in _QUOTED.finditer(ln.text):
            said = m.group(1)
            if said in exact or said.rstrip("。！？") in exact:
                continue
            best = max(quotes, key=lambda q: difflib.SequenceMatcher(None, q, said).ratio())
            if difflib.SequenceMatcher(None, best, said).ratio() >= _SIMILAR:
                yield Finding("quote", "error", ln.number, said[:30],
                              f"引用的原话与 spec 不一致，应原样引用：“{best}”")
