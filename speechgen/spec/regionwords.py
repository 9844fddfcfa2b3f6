"""The words of the administrative levels (``corpora/regions.yaml``): region-name suffixes and units for
reading region tables, and how a speech names its own place and organs (全镇 → 我镇, 镇党委/镇政府).

Kept apart from the table readers so that composing a draft does not import them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file


@dataclass(frozen=True)
class RegionWords:
    levels: tuple[tuple[str, str], ...]  # name suffix → level word (县 → 全县), longest first
    suffixes: tuple[str, ...]  # every suffix a region name may end with
    units: frozenset[str]
    places: dict[str, str]  # level word → how the speech names its own place (全镇 → 我镇)
    organs: dict[str, tuple[str, str]]  # level word → (party organ, government organ): 全镇 → (镇党委, 镇政府)


@lru_cache(maxsize=1)
def region_words() -> RegionWords:
    """The suffixes and units of ``corpora/regions.yaml``."""
    data = load_yaml_file(corpora_dir() / "regions.yaml")[0] or {}
    levels = tuple((str(s), str(w)) for s, w in data.get("levels", ()))
    suffixes = tuple(sorted({s for s, _ in levels} | {str(s) for s in data.get("other_suffixes", ())},
                            key=len, reverse=True))
    return RegionWords(levels, suffixes, frozenset(str(u) for u in data.get("units", ())),
                       {str(k): str(v) for k, v in (data.get("places") or {}).items()},
                       {str(k): (str(v[0]), str(v[1])) for k, v in (data.get("organs") or {}).items()})


#: how a speech names its own place at the levels regions.yaml does not list
_PLACE = {"全市": "我市", "全县": "我县", "全区": "我区", "全省": "我省", "全州": "我州", "全旗": "我旗"}


def own_place(region: str) -> str:
    """我市, 我县, 我镇… for the speech's own region (``corpora/regions.yaml`` for the levels below the
    county), else 我们."""
    return _PLACE.get(region) or region_words().places.get(region, "我们")
