"""``render --avoid`` chained over one office's four meetings (Q1 → H1 → Q3 → year): no generated
sentence of at least 8 characters is shared between any two drafts; ``check --against`` finds reuse."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from speechgen.api import build
from speechgen.compose.filters import MIN_CHARS, AvoidIndex, normalise
from speechgen.settings import RenderSettings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "office"
QUARTERS = ("q1", "h1", "q3", "year")


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def writer_texts(spec: Path) -> list[str]:
    """Every text the writer typed (normalised), longest first, so it can be cut out of a sentence."""
    texts = {normalise(p) for s in _strings(yaml.safe_load(spec.read_text(encoding="utf-8")))
             for p in re.split(r"[。！？；，、]", s)}
    return sorted((t for t in texts if len(t) >= 4), key=len, reverse=True)


def generated_sentences(text: str, writer: list[str]) -> set[str]:
    """Sentences of *text* that are mostly the program's: what is left after cutting out the
    writer's own text is at least MIN_CHARS characters."""
    out = set()
    for piece in re.split(r"[。！？；\n]", text):
        key = normalise(piece)
        rest = key
        for w in writer:
            rest = rest.replace(w, "")
        if len(key) >= MIN_CHARS and len(rest) >= MIN_CHARS:
            out.add(key)
    return out


def render_chain(tmp_path: Path, seed: int, avoid: bool, variety: str = "normal") -> dict[str, str]:
    drafts: dict[str, str] = {}
    done: list[Path] = []
    for q in QUARTERS:
        settings = RenderSettings.make(seed=seed, variety=variety, avoid=done if avoid else ())
        product = build(SAMPLES / f"{q}.yaml", settings, "md")
        out = tmp_path / f"{q}-{seed}.md"
        out.write_bytes(product.data)
        done.append(out)
        drafts[q] = product.data.decode("utf-8")
    return drafts


def shared(drafts: dict[str, str]) -> list[tuple[str, str, str]]:
    sets = {q: generated_sentences(t, writer_texts(SAMPLES / f"{q}.yaml")) for q, t in drafts.items()}
    return [(a, b, s) for a, b in itertools.combinations(QUARTERS, 2) for s in sorted(sets[a] & sets[b])]


@pytest.mark.parametrize("seed, variety", [(0, "normal"), (5, "normal"), (0, "low"), (3, "high")])
def test_chained_avoid_shares_no_generated_sentence(tmp_path: Path, seed: int, variety: str) -> None:
    assert shared(render_chain(tmp_path, seed, avoid=True, variety=variety)) == []


def test_without_avoid_the_quarters_do_repeat_themselves(tmp_path: Path) -> None:
    """The test above is not vacuous: without --avoid the same office repeats generated sentences."""
    assert shared(render_chain(tmp_path, 0, avoid=False))


def test_check_against_reports_reused_sentences(tmp_path: Path) -> None:
    from speechgen.proof.checker import check_file

    drafts = render_chain(tmp_path, 0, avoid=False)
    earlier, later = tmp_path / "q1-0.md", tmp_path / "h1-0.md"
    found = [f for f in check_file(later, against=[earlier]) if f.rule == "reuse"]
    assert found and all(f.severity == "warning" and "q1-0.md" in f.message for f in found)
    index = AvoidIndex([drafts["q1"]])
    assert all(index.said(f.text) for f in found)
    clean = [f for f in check_file(later, against=[tmp_path / "year-0.md"], ignore=["reuse"]) if f.rule == "reuse"]
    assert clean == []
