"""Mine an office's archive of past speeches for its own formulaic expressions.

Each document is outlined (so every sentence knows its part's role), segmented
with jieba plus the 公文 user dictionary ``corpora/userdict.txt`` (so 规上工业增加值,
双过半, 放管服 stay whole), and searched for recurring chunks: four-character
expressions (抢前抓早、挂图作战), parallel chains (抓项目、扩投资), heading patterns
(以…为…, 抓…促…, {V}{N}抓{N}), sentence-initial transitions (在肯定成绩的同时，) and
lead-ins before a colon (主要表现在：), plus short stock sentences.  Candidates are
whole clauses or whole dictionary words, so no word is ever cut; names, places,
digits and masked figures (X, XX, *, **) are filtered out; what is kept must recur
(``min_freq`` occurrences in ``min_docs`` documents) and occur verbatim in a source.

This is the only module that imports jieba; its dictionary loads once per process,
on the first call of :func:`mine`.
"""
from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from speechgen.errors import InputError, SpeechgenError
from speechgen.mining.rules import (
    CATEGORIES, Found, candidates_in_clauses, clean_token, heading_candidates, raw_candidates,
)
from speechgen.outline.parse import outline_lines
from speechgen.outline.read import read_lines
from speechgen.core.resources import corpora_dir

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".docx", ".pdf")
Progress = Callable[[int, int], None]

_LOCK = threading.Lock()
_SEGMENTER: "Segmenter | None" = None


class Segmenter:
    """A private jieba tokenizer with the 公文 user dictionary and a word → POS table."""

    def __init__(self) -> None:
        import jieba  # the only jieba import of the project

        jieba.setLogLevel(logging.WARNING)
        self.tk = jieba.Tokenizer()
        private = _private_cache()
        if private is not None:  # jieba's own dictionary cache, out of the shared temp dir
            self.tk.tmp_dir = str(private)
        self.tk.initialize()
        self.tags = _pos_table(self.tk)
        self._clean: dict[str, bool] = {}
        self.formulas: set[str] = set()
        for word, freq, tag in user_words():
            self.tk.add_word(word, freq, tag)
            self.tags[word] = tag
            if tag in {"i", "l"}:
                self.formulas.add(word)

    def cut(self, text: str) -> list[str]:
        return list(self.tk.cut(text))

    def clean(self, word: str) -> bool:
        """Memoised :func:`~speechgen.mining_rules.clean_token` (words repeat a lot)."""
        ok = self._clean.get(word)
        if ok is None:
            ok = self._clean[word] = clean_token(word, self)
        return ok

    def known(self, word: str) -> bool:
        return self.tk.FREQ.get(word, 0) > 0

    def freq(self, word: str) -> int:
        return int(self.tk.FREQ.get(word, 0))


def segmenter() -> Segmenter:
    """The process-wide segmenter (the jieba dictionary loads here, once)."""
    global _SEGMENTER
    with _LOCK:
        if _SEGMENTER is None:
            _SEGMENTER = Segmenter()
        return _SEGMENTER


_WANTED_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "i", "l", "n", "vn", "ng", "s"}


_TAG_LINE = re.compile(rb"^(\S+) \d+ (" + b"|".join(t.encode() for t in sorted(_WANTED_TAGS)) + rb")\r?$", re.M)


def _private_cache() -> Path | None:
    from speechgen.core.cache import cache_dir

    return cache_dir()


def _pos_table(tk: Any) -> dict[str, str]:
    """Part-of-speech tags of the main dictionary we filter or select on (names, places, nouns, idioms).

    Cached in the user's private cache directory (:mod:`speechgen.core.cache`), keyed by the
    dictionary's size and mtime; a cache owned by someone else or failing its checksum is ignored.
    """
    import os

    import jieba

    from speechgen.core import cache

    dict_path = getattr(tk, "dictionary", None) or os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    try:
        st = os.stat(dict_path) if dict_path else None
    except OSError:
        st = None
    stamp = f"{st.st_size}:{st.st_mtime_ns}".encode() if st else b""
    if stamp:
        table = cache.load("jieba-tags-v3", stamp)
        if isinstance(table, dict):
            return table
    with tk.get_dict_file() as fh:
        data = fh.read()
    table = {w.decode("utf-8"): t.decode("ascii") for w, t in _TAG_LINE.findall(data)}
    if stamp:
        cache.store("jieba-tags-v3", stamp, table)
    return table


def user_words(path: Path | None = None) -> list[tuple[str, int, str]]:
    """Entries of the user dictionary: ``词语 [词频] [词性]`` per line, ``#`` comments."""
    path = path or corpora_dir() / "userdict.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else "n"
        out.append((parts[0], freq, tag))
    return out


# --------------------------------------------------------------------------- corpus

def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files to mine: the given files, and .txt/.md/.docx files under the given folders (sorted)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()
                            and not f.name.startswith((".", "~$")) and not f.stem.upper().startswith("README"))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"{p}：文件或目录不存在")
    return list(dict.fromkeys(files))


@dataclass
class MiningResult:
    categories: dict[str, list[Found]] = field(default_factory=dict)
    documents: int = 0
    characters: int = 0
    skipped: list[str] = field(default_factory=list)  # one Chinese message per unreadable file
    min_docs: int = 1


def mine(paths: Iterable[str | Path], *, min_freq: int = 2, min_docs: int = 2,
         progress: Progress | None = None) -> MiningResult:
    """Mine the files and folders *paths*; ``progress(done_bytes, total_bytes)`` after each file."""
    files = corpus_files(paths)
    if not files:
        raise InputError("没有找到可分析的讲话稿（支持 .txt、.md、.docx）")
    sizes = [f.stat().st_size for f in files]
    seg = segmenter()
    tally = _Tally()
    result = MiningResult()
    done = 0
    for f, size in zip(files, sizes):
        try:
            lines = read_lines(f, markdown=True)
        except SpeechgenError as exc:
            result.skipped.append(str(exc))
            log.warning("skipped %s: %s", f, exc)
        else:
            raw = "".join(line.text for line in lines)
            tally.add_document(_document_candidates(lines, f, seg), raw, f.name)
            result.documents += 1
            result.characters += len(raw)
        done += size
        if progress is not None:
            progress(done, sum(sizes))
    if result.documents == 0:
        raise InputError("所有文件都无法读取：\n" + "\n".join(result.skipped))
    result.min_docs = min(min_docs, result.documents)
    result.categories = tally.select(min_freq, result.min_docs)
    return result


def _document_candidates(lines: list[Any], path: Path, seg: Segmenter) -> list[Found]:
    outline = outline_lines(lines, source=str(path), joinable=path.suffix.lower() not in {".docx", ".doc", ".wps"})
    found: list[Found] = []
    role = "opening"
    block_lines = outline.block_lines or [0] * len(outline.draft.blocks)
    for block, line in zip(outline.draft.blocks, block_lines):
        start = len(found)
        text = getattr(block, "text", "")
        if hasattr(block, "level"):  # a Heading
            role = block.role or "other"
            found += heading_candidates(text, role, seg) + raw_candidates(text, role)
            body = "".join(r.text for r in block.body)
            if body:
                found += candidates_in_clauses(body, role, seg) + raw_candidates(body, role)
        elif text and getattr(block, "kind", "body") != "salutation":
            kind = getattr(block, "kind", "body")
            part = "closing" if kind == "closing" else role
            found += candidates_in_clauses(text, part, seg) + raw_candidates(text, part)
        for f in found[start:]:
            f.line = line
    return found


class _Tally:
    def __init__(self) -> None:
        self.freq: Counter[tuple[str, str]] = Counter()
        self.docs: Counter[tuple[str, str]] = Counter()
        self.roles: dict[tuple[str, str], Counter[str]] = {}
        self.pattern: dict[tuple[str, str], str] = {}
        self.pattern_docs: dict[str, set[int]] = {}
        self.where: dict[tuple[str, str], list[int]] = {}  # first few documents of each key
        self.source: dict[tuple[str, str], str] = {}     # "file:line" of the first occurrence
        self.names: list[str] = []
        self.raws: list[str] = []
        self.n = 0

    def add_document(self, found: list[Found], raw: str, name: str = "") -> None:
        seen: set[tuple[str, str]] = set()
        for c in found:
            key = (c.category, c.text)
            self.freq[key] += 1
            self.roles.setdefault(key, Counter())[c.role] += 1
            if c.pattern:
                self.pattern[key] = c.pattern
                self.pattern_docs.setdefault(c.pattern, set()).add(self.n)
            if key not in self.source:
                self.source[key] = f"{name}:{c.line}" if c.line else name
            if key not in seen:
                seen.add(key)
                self.docs[key] += 1
                where = self.where.setdefault(key, [])
                if len(where) < 4:
                    where.append(self.n)
        self.raws.append(raw)
        self.n += 1

    def verbatim(self, key: tuple[str, str]) -> bool:
        """The expression occurs as such in a source (line breaks aside)."""
        return any(key[1] in self.raws[d] for d in self.where.get(key, []))

    def select(self, min_freq: int, min_docs: int) -> dict[str, list[Found]]:
        pattern_freq: Counter[str] = Counter()
        for key, pat in self.pattern.items():
            pattern_freq[pat] += self.freq[key]
        out: dict[str, list[Found]] = {name: [] for name in CATEGORIES}
        for key, n in self.freq.items():
            pat = self.pattern.get(key)
            if pat:  # a heading pattern recurs even when each heading is new
                ok = pattern_freq[pat] >= min_freq and len(self.pattern_docs[pat]) >= min_docs
            else:
                ok = n >= min_freq and self.docs[key] >= min_docs
            if ok and self.verbatim(key):
                roles = [r for r, _ in self.roles[key].most_common()]
                out[key[0]].append(Found(key[0], key[1], roles[0], pat or "", n, self.docs[key], roles,
                                         source=self.source.get(key, "")))
        for items in out.values():
            items.sort(key=lambda f: (-f.docs, -f.freq, f.text))
        return {k: v for k, v in out.items() if v}


# --------------------------------------------------------------------------- output

def bank_data(result: MiningResult) -> dict[str, Any]:
    """The phrase bank (``categories: {name: {description, entries}}``) that ``--phrases`` loads."""
    cats: dict[str, Any] = {}
    for name, items in result.categories.items():
        entries = []
        for f in items:
            entry: dict[str, Any] = {"text": f.text, "tags": {"part": f.roles}, "freq": f.freq, "docs": f.docs}
            if f.source:
                entry["source"] = f.source
            if f.pattern:
                entry["pattern"] = f.pattern
            entries.append(entry)
        cats[name] = {"description": CATEGORIES[name], "entries": entries}
    rally = [{"text": f.text, "tags": {"part": ["closing"]}, "freq": f.freq, "docs": f.docs}
             for f in result.categories.get("mined_chain", []) if is_rally(f.text)]
    if rally:  # the built-in closings say 让我们{@rally}，…: the office's own chains take that slot
        cats["rally"] = {"description": "号召语中的并列四字短语（本单位用法，优先于内置条目）", "entries": rally}
    return {"categories": cats}


def is_rally(text: str) -> bool:
    """Two or three four-character phrases joined by 、 (凝心聚力、真抓实干), as a closing call uses them."""
    parts = text.split("、")
    return (2 <= len(parts) <= 3 and all(len(p) == 4 and all("\u4e00" <= ch <= "\u9fff" for ch in p) for p in parts)
            and not any(p[0] in "谁一不既有没要" for p in parts))  # 谁…谁… / 一…一… are other figures


def bank_yaml(result: MiningResult) -> str:
    import yaml

    head = (f"# speechgen phrases mine：从 {result.documents} 篇讲话稿（{result.characters} 字）中挖掘的常用表达。\n"
            f"# freq 为出现次数，docs 为出现的篇数（至少 {result.min_docs} 篇），source 为一处出处（文件:行）；tags.part 为所在部分的作用。\n"
            "# 可直接用于 speechgen render --phrases 本文件：rally 类（并列四字短语）直接进入讲话结尾的号召句；\n"
            "# 其他类别在自定义模板中以 phrase('mined_four_char', part='tasks') 取用。\n")
    body = yaml.safe_dump(bank_data(result), allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=None)
    return head + body
