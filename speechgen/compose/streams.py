"""One seeded random stream per purpose.

Every choice of a draft (a phrase category, a narration form, the structure) draws
from its own :class:`random.Random`, seeded from the draft's seed and the purpose's
name.  Adding a wording to one category therefore changes no choice in any other
category, and the same seed always gives the same draft.
"""
from __future__ import annotations

import random


class Streams:
    def __init__(self, seed: int | str = 0) -> None:
        self.seed = str(seed)
        self._streams: dict[str, random.Random] = {}

    @classmethod
    def of(cls, source: "Streams | random.Random | int | None") -> "Streams":
        """Streams from a seed, from an existing :class:`Streams`, or from a ``random.Random``
        (its next 64 bits become the seed, so callers that pass an RNG stay deterministic)."""
        if isinstance(source, Streams):
            return source
        if isinstance(source, random.Random):
            return cls(source.getrandbits(64))
        return cls(0 if source is None else source)

    def __call__(self, purpose: str) -> random.Random:
        stream = self._streams.get(purpose)
        if stream is None:
            stream = self._streams[purpose] = random.Random(f"{self.seed}/{purpose}")
        return stream
