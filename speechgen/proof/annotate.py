"""Checker findings as Word comments in a copy of the writer's own .docx.

``speechgen check 稿件.docx --annotate 稿件-批注.docx``: every finding becomes
one comment (author "speechgen校对") anchored on the characters it concerns.
The checker reads each body paragraph of a .docx as one line through the same
visible-text model the annotator writes with (:mod:`speechgen.core.wordtext`),
so a finding's ``line``/``start``/``end`` are a paragraph and character offsets
in it; a finding without offsets is anchored on its quoted text when that text
occurs once in the paragraph, else on the whole paragraph.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from speechgen.core.files import stat_input
from speechgen.errors import InputError
from speechgen.exporters.docx.comments import AUTHOR, Comment, annotate, paragraph_texts
from speechgen.proof.rules.base import SEVERITY_CN, Finding, descriptions

MAX_BYTES = 50 * 1024 * 1024


def rule_name(rule: str) -> str:
    """The short Chinese name of a rule ("遗留的占位符"), from its description."""
    text = descriptions().get(rule, rule)
    for stop in ("：", "（", "，"):
        text = text.split(stop, 1)[0]
    return text


def comment_text(finding: Finding) -> str:
    """What the comment says: severity, rule, the message (which carries the fix), the quoted text."""
    head = f"[{SEVERITY_CN[finding.severity]}] {rule_name(finding.rule)}（{finding.rule}）"
    return f"{head}\n{finding.message}"


def locate(finding: Finding, text: str) -> tuple[int, int]:
    """``[start, end)`` of *finding* in paragraph *text*."""
    if finding.start is not None and finding.end is not None and 0 <= finding.start <= finding.end <= len(text):
        return finding.start, finding.end
    if finding.text and text.count(finding.text) == 1:
        start = text.index(finding.text)
        return start, start + len(finding.text)
    body = text.lstrip()
    return len(text) - len(body), len(text.rstrip())


def finding_comments(findings: Sequence[Finding], texts: Sequence[str], *, author: str = AUTHOR) -> list[Comment]:
    """One :class:`Comment` per finding whose line is a paragraph of *texts* (paragraph 1 is ``texts[0]``)."""
    out = []
    for f in findings:
        if not 1 <= f.line <= len(texts):
            continue
        start, end = locate(f, texts[f.line - 1])
        out.append(Comment(f.line, start, end, comment_text(f), author=author))
    return out


def annotate_findings(path: str | Path, findings: Sequence[Finding], *, author: str = AUTHOR) -> bytes:
    """The .docx at *path* with one comment per finding (its bytes; nothing is written here)."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise InputError(f"{path}：--annotate 只能用于 .docx 稿件（批注写在 Word 文件中），"
                         "请先把稿件另存为 .docx")
    stat_input(path, max_bytes=MAX_BYTES)
    data = path.read_bytes()
    comments = finding_comments(findings, paragraph_texts(data, str(path)), author=author)
    return annotate(data, comments, source=str(path))
