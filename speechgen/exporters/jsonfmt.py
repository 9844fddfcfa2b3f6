"""Draft → its stable JSON form (see :meth:`Draft.to_dict`)."""
from __future__ import annotations

import json

from speechgen.core.draft import Draft


def to_json(draft: Draft) -> str:
    return json.dumps(draft.to_dict(), ensure_ascii=False, indent=2) + "\n"
