"""The annotated outline corpus: speeches written for the tests, with hand-made expected outlines.

Each ``*.txt`` file here is a speech in one of the genre's shapes.  An expected heading is marked
in place by an annotation just before its numbering marker::

    ⟨1a⟩一、客观看待一季度经济运行          level 1, role achievements
    ……主要抓了三件事。⟨2t⟩一是抓项目。       level 2 (run-in), role tasks

Roles: a achievements, s situation, p problems, t tasks, r requirements, o other.  Everything not
annotated (enumerations inside a level-2 item, lists in the opening, trailing asides, run-in lists
inside an unmarked sub-part, 一方面/另一方面, a numbered byline) must NOT come out as a level-1 or
level-2 heading.  Level-3 headings are not scored (the annotation rules define levels 1 and 2).

``shared_expected.yaml`` holds the expected headings (short heading texts, levels, roles — no body
sentences) of the three speeches in ``../shared/corpus`` for the benchmark; no test needs them.

Scoring: a heading is identified by its level and the first :data:`KEY` characters of its text
after the marker; heading F1 is micro-averaged over all speeches, role accuracy is measured over
the matched headings.  :func:`pdf_variant` hard-wraps and paginates a speech the way text copied
out of a PDF looks, so every speech is also scored with page noise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

HERE = Path(__file__).resolve().parent
KEY = 6
ROLES = {"a": "achievements", "s": "situation", "p": "problems", "t": "tasks", "r": "requirements",
         "o": "other"}
ANNOTATION = re.compile(r"⟨([12])([asptro])⟩")
_MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十]{1,3}部分[，,、：:]?|第[一二三四五六七八九十]{1,3}(?:个问题|个方面|方面|点|条)?[，,、：:]"
    r"|[一二三四五六七八九十]{1,3}(?:[、．.]|是|要)|[（(][一二三四五六七八九十\d]{1,3}[）)]、?|\d{1,2}[、．.]"
    r"|(?:首先|其次|再次|最后)[，,：:]?|[①-⑳])")
_NOISE_LINE = re.compile(r"^[\s—\-–_~·\d第页共/Pp（）()]*$")
_STOP = "。！？：!?:；;"


@dataclass
class Expected:
    level: int
    role: str
    key: str


@dataclass
class Speech:
    name: str
    text: str                      # the speech without annotations
    expected: list[Expected] = field(default_factory=list)


def heading_key(text: str) -> str:
    """The first KEY characters of a heading's text (spaces and a leading 要 dropped, stops end it)."""
    out: list[str] = []
    for ch in text[1:] if text.startswith("要") else text:
        if ch in _STOP:
            break
        if ch.isspace() or ch in "，,、“”\"":
            continue
        out.append(ch)
        if len(out) == KEY:
            break
    return "".join(out)


def parse(name: str, annotated: str) -> Speech:
    """Split an annotated speech into its plain text and expected headings."""
    expected = []
    for m in ANNOTATION.finditer(annotated):
        rest = ANNOTATION.sub("", annotated[m.end():m.end() + 400])
        lines = rest.split("\n")
        body = lines[0] + "".join(l for l in lines[1:] if not _NOISE_LINE.match(l))
        marker = _MARKER.match(body)
        text = body[marker.end():] if marker else body
        expected.append(Expected(int(m.group(1)), ROLES[m.group(2)], heading_key(text)))
    return Speech(name, ANNOTATION.sub("", annotated), expected)


def load(folder: Path = HERE) -> list[Speech]:
    return [parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def load_shared(corpus: Path, expectations: Path = HERE / "shared_expected.yaml") -> list[Speech]:
    """The shared corpus speeches with their expected headings (benchmark only)."""
    import yaml

    data = yaml.safe_load(expectations.read_text(encoding="utf-8"))
    out = []
    for name, heads in data.items():
        path = corpus / name
        if not path.is_file():
            continue
        exp = [Expected(int(h[0]), ROLES[h[1]], heading_key(h[2])) for h in heads]
        out.append(Speech(name, path.read_text(encoding="utf-8"), exp))
    return out


# ----------------------------------------------------------------------------- scoring

@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    expected: int = 0
    roles_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.roles_right / self.tp if self.tp else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected
        self.roles_right += other.roles_right
        self.misses += other.misses


def _same(a: str, b: str) -> bool:
    k = min(len(a), len(b))
    return k > 0 and a[:k] == b[:k]


def score(speech: Speech, predicted: list[dict[str, Any]]) -> Score:
    """Compare predicted headings (``outline.to_dict()["headings"]``) with the expectation."""
    pred = [(h["level"], heading_key(h["text"]), h["role"]) for h in predicted if h["level"] <= 2]
    s = Score(predicted=len(pred), expected=len(speech.expected))
    free = list(range(len(speech.expected)))
    for level, key, role in pred:
        hit = next((i for i in free if speech.expected[i].level == level and _same(speech.expected[i].key, key)),
                   None)
        if hit is None:
            s.misses.append(f"{speech.name}: 多出 L{level} {key}（{role}）")
            continue
        free.remove(hit)
        s.tp += 1
        if speech.expected[hit].role == role:
            s.roles_right += 1
        else:
            s.misses.append(f"{speech.name}: 作用 L{level} {key}：{role}，应为 {speech.expected[hit].role}")
    for i in free:
        e = speech.expected[i]
        s.misses.append(f"{speech.name}: 漏掉 L{e.level} {e.key}（{e.role}）")
    return s


def evaluate(speeches: Iterable[Speech], outline: Callable[[str], list[dict[str, Any]]],
             variant: Callable[[str], str] | None = None) -> Score:
    total = Score()
    for sp in speeches:
        text = variant(sp.text) if variant else sp.text
        total.add(score(sp, outline(text)))
    return total


# ----------------------------------------------------------------------------- PDF look

def _width(ch: str) -> int:
    return 1 if ord(ch) < 0x2E80 else 2


def pdf_variant(text: str, *, columns: int = 56, per_page: int = 18, head: int = 3,
                header: str = "内部资料 注意保存") -> str:
    """Hard-wrap every paragraph after the first *head* lines at *columns* (CJK = 2 columns),
    break pages with a page number and a running header, as text copied out of a PDF."""
    styles = ["— {n} —", "- {n} -", "第{n}页", "{n}", "第 {n} 页 共 9 页"]
    out: list[str] = []
    page, used = 1, 0
    for i, para in enumerate(l for l in text.split("\n") if l.strip()):
        chunks = [para] if i < head else _wrap(para, columns)
        for chunk in chunks:
            if used == per_page:
                out += ["", styles[page % len(styles)].format(n=page), "", header]
                page, used = page + 1, 0
            out.append(chunk)
            used += 1
    return "\n".join(out) + "\n"


def _wrap(text: str, columns: int) -> list[str]:
    chunks, start, used = [], 0, 0
    for i, ch in enumerate(text):
        if used + _width(ch) > columns:
            chunks.append(text[start:i])
            start, used = i, 0
        used += _width(ch)
    chunks.append(text[start:])
    return chunks
