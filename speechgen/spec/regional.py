"""One region's spec out of a shared spec (``speechgen batch --regions``).

* ``{地区}`` / ``{region}`` (full-width braces too) is replaced by the region's name in every text of
  the spec — meeting, speaker, preceding, notes, achievements, problems, tasks, requirements,
  targets, situation, relays… through nested lists and mappings.  Numbers are never touched.
* The speech names its own level after the region: 青山县 → ``meeting.region`` 全县 ("全县经济运行…",
  "我县"), 城关镇 → 全镇, a name without a known suffix → the name itself (suffixes in
  ``corpora/regions.yaml``); a ``meeting.region`` written with ``{地区}`` keeps the name.
* The title gets the name: ``{地区}`` in it is replaced; else a leading level word of the shared
  spec (全市…) is replaced by the name; else the name is put in front.
* The level compared with: the table's total row (全市) when it names one; else the shared spec's
  own level when the region's differs (a 全市 spec sent to its 县); else the shared spec's superior.
* What the shared spec says for another level is not rewritten (it may be meant): each region's
  notes list the texts that still name the shared level (全市…), a speaker not written with
  ``{地区}``, and achievements or problems that every region's draft will carry alike, so the
  writer can fix the spec.
"""
from __future__ import annotations

import re
from enum import Enum
from typing import Any, Callable, Iterator

from pydantic import BaseModel

from speechgen.spec.model import Indicator, Spec
from speechgen.spec.tables.regionsheet import level_of

SLOT = re.compile(r"[{｛]\s*(?:地区|region)\s*[}｝]")
LEVEL = re.compile(r"^全[省市县区州盟旗镇乡]|^全街道|^全园区|^全苏木")


def has_slot(text: str) -> bool:
    return bool(SLOT.search(text))


def fill(value: Any, fn: Callable[[str], str]) -> Any:
    """*value* with *fn* applied to every text inside it (models, lists, tuples, dict values);
    the same object back when nothing changed.  Enums and numbers are left alone."""
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = fill(old, fn)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        new = fn(value)
        return value if new == value else new
    if isinstance(value, (list, tuple)):
        items = [fill(v, fn) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        out = {k: fill(v, fn) for k, v in value.items()}
        return value if all(out[k] is value[k] for k in value) else out
    return value


def substitute(spec: Spec, region: str) -> Spec:
    """*spec* with every ``{地区}`` / ``{region}`` replaced by *region*."""
    return fill(spec, lambda text: SLOT.sub(region, text) if "{" in text or "｛" in text else text)


def texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every text in *value*, paths as in a spec: ``tasks[0].items[1]``."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{path}.{key}")


def regional_spec(base: Spec, region: str, rows: list[Indicator], *, total_label: str | None = None,
                  average: bool = False) -> tuple[Spec, list[str]]:
    """The spec of *region* (its indicator *rows*) and what the writer should check in it."""
    spec = substitute(base, region)
    meeting = base.meeting
    level = level_of(region) or region
    own = spec.meeting.region if has_slot(meeting.region) else level
    update: dict[str, Any] = {"title": _title(meeting.title, spec.meeting.title, meeting.region, region),
                              "region": own}
    label = (total_label or "").strip()
    if len(label) == 2 and label.startswith("全"):  # 全市 names the level; 合计/全市合计 do not
        update["superior"] = label
    elif LEVEL.match(meeting.region) and meeting.region != own and not has_slot(meeting.region):
        update["superior"] = meeting.region  # a 全市 spec sent to its 县: compared with 全市
    if not has_slot(meeting.organizer) and meeting.organizer.strip() and meeting.region != own:
        update["organizer"] = ""  # 市委、市政府 is not the county's: derived from the level instead
    spec = spec.model_copy(update={
        "meeting": spec.meeting.model_copy(update=update),
        "indicators": rows,
        "narration": spec.narration.model_copy(update={"average_basis": average}),
    })
    return spec, _notes(base, own)


def _title(shared: str, filled: str, level: str, region: str) -> str:
    if has_slot(shared):
        return filled
    if level and filled.startswith(level):
        return region + filled[len(level):]
    return region + filled


def _notes(base: Spec, own: str) -> list[str]:
    """Texts of the shared spec that may not fit the region's draft."""
    notes = []
    shared = [f"{name}（{len(items)} 项）" for name, items in (("achievements", base.achievements),
                                                             ("problems", base.problems)) if items
              and not any(has_slot(t) for _, t in texts(items))]
    if shared:
        notes.append(f"spec 的 {'、'.join(shared)} 没有写 {{地区}}，原样写入每个地区的讲话稿；"
                     "如是某个地区自己的情况，请为该地区单独写 spec")
    level = base.meeting.region
    if level == own or has_slot(level):
        return notes
    speaker = base.meeting.speaker
    who = "　".join(x for x in (speaker.post, speaker.name) if x)
    if who and not has_slot(who):
        notes.append(f"meeting.speaker（{who}）对所有地区相同；如各地区讲话人不同，请在 spec 中写 {{地区}}")
    places = [p for p, t in texts(base, "") if level in t and not p.startswith(("meeting.region", "meeting.superior",
                                                                                   "indicators", "regions"))
              and not p.startswith("meeting.title")]
    if places:
        shown = "、".join(places[:5]) + (f" 等 {len(places)} 处" if len(places) > 5 else "")
        notes.append(f"spec 中 {shown} 写的是“{level}”，未改写；如指本地区，请改为 {{地区}}")
    return notes
