"""Proofread a draft: leftover placeholders, wrong numbers, wrong 提法 and the
other mistakes that get writers into trouble.

    >>> from speechgen.check import check_text
    >>> [f.rule for f in check_text("全市GDP增长X%，高于全省2%。")]
    ['placeholder', 'percent-point']

Every rule returns :class:`Finding` values; nothing here raises for what it
finds.  Bad *input* (a missing file, a corrupt .docx, a malformed rules file)
raises :class:`~speechgen.errors.InputError` with a Chinese message.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence, Union

from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml_file
from speechgen.proof.reuse import load_against, reused
from speechgen.proof.rules import Doc, Finding, registry
from speechgen.proof.rules.base import DocLine
from speechgen.proof.rules.facts import Facts, Pool, build_facts
from speechgen.proof.rules.lines import lines_from_draft, lines_from_text
from speechgen.proof.rules.norms import NormRule, builtin_norms, load_norms, merge_norms, parse_rules
from speechgen.errors import CheckFailed, InputError

if TYPE_CHECKING:  # pragma: no cover
    from speechgen.outline.read import Line
    from speechgen.core.draft import Draft
    from speechgen.spec.model import Spec

log = logging.getLogger(__name__)

#: ``rules=`` accepts a user rules file, parsed rules, or raw rule dicts (merged over the built-ins).
RulesArg = Union[str, Path, Sequence[Union[NormRule, dict]], None]
SpecArg = Union["Spec", str, Path, Mapping[str, Any], None]
MARKDOWN_SUFFIXES = (".md", ".markdown")

__all__ = ["Finding", "check_text", "check_draft", "check_file", "rule_ids", "failed",
           "summary", "ensure_clean", "load_norms"]


def rule_ids() -> list[str]:
    """The ids of every registered rule, in running order."""
    return list(registry())


def check_text(text: str, *, spec: SpecArg = None, rules: RulesArg = None, source: str = "",
               select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Finding]:
    """Check pasted text.  *source* names the text; a ``.md`` name turns on Markdown handling."""
    from speechgen.outline.read import Line

    markdown = source.lower().endswith(MARKDOWN_SUFFIXES)
    numbered = [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    doc = _file_doc(numbered, markdown=markdown, source=source or "<文本>")
    doc.spec, doc.norms = _spec(spec), _norms(rules)
    return _run(doc, select, ignore)


def check_draft(draft: "Draft", *, spec: SpecArg = None, rules: RulesArg = None,
                select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Finding]:
    """Check a :class:`Draft`; ``line`` is the line of its plain-text export."""
    doc = Doc(lines_from_draft(draft), spec=_spec(spec), norms=_norms(rules), source="<draft>", structured=True,
              provenance=list(draft.provenance) or None)
    return _run(doc, select, ignore)


def check_file(path: str | Path, *, spec: SpecArg = None, rules_file: str | Path | None = None,
               select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               against: Sequence[str | Path] = (), table_only: bool = False) -> list[Finding]:
    """Check a .txt, .md or .docx file (``line`` is the paragraph number for .docx); *against*
    names earlier speeches whose sentences the file must not reuse verbatim (rule ``reuse``).

    *table_only*: *spec* holds an indicator table and no writer's material, so only the figures
    said of a table indicator are checked (a figure of no indicator may come from material the
    checker has not seen)."""
    from speechgen.outline.read import read_lines

    path = Path(path)
    spec = _spec(spec)
    norms = _norms(rules_file)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    doc = _file_doc(read_lines(path), markdown=markdown, source=str(path))
    doc.spec, doc.norms = spec, norms
    if table_only and spec is not None:
        doc.cache["facts"] = table_facts(spec)
    ignore = list(ignore)
    findings = _run(doc, select, [i for i in ignore if i != "reuse"])
    if table_only and spec is not None:
        by_number = {ln.number: ln for ln in doc.lines}
        findings = [_table_figure(f, by_number.get(f.line), doc.cache["facts"]) for f in findings]
    if against and "reuse" not in ignore:
        findings = sorted(findings + reused(doc, load_against(against)), key=lambda f: f.line)
    return findings


class _Unknown(Pool):
    """The figures of no table indicator, when the writer's material is not at hand: not judged."""

    def matches(self, figure: Decimal, decimals: int, rank: str = "") -> bool:
        return True


def table_facts(spec: "Spec") -> Facts:
    """The facts of an indicator table alone (see ``check_file(table_only=True)``)."""
    facts = build_facts(spec)
    facts.everything = _Unknown()
    return facts


_CLAUSE = re.compile(r"[，；。！？,;]")


@lru_cache(maxsize=1)
def _continuing() -> tuple[str, ...]:
    """Words that open a clause continuing the previous clause's subject (``corpora/clauses.yaml``)."""
    path = corpora_dir() / "clauses.yaml"
    data = load_yaml_file(path)[0] or {}
    return tuple(sorted((str(w) for w in data.get("continuing", ())), key=len, reverse=True))


_UNIT = re.compile(r"[\d.,]+\s*(\D*)$")


def _fits(shown: str, ind: Any) -> bool:
    """Whether a figure written with its unit (27家, 512.3亿元, 5.8%) can be one of *ind*'s: a
    percentage or a rank can; an amount only in the indicator's unit; a count only when it has one."""
    m = _UNIT.search(shown)
    unit = m.group(1).strip() if m else ""
    if not unit or shown.startswith("第") or unit in ("%", "％", "个百分点", "位", "名"):
        return True
    if unit in ("家", "个", "项", "户", "人", "人次"):
        return ind.count is not None or ind.count_of is not None or unit in (ind.unit or "")
    return unit in (ind.unit or "") or (ind.unit or "") in unit


def _table_figure(f: Finding, ln: "DocLine | None", facts: Facts) -> Finding:
    """Checked against a table alone, a figure is said of a table indicator when its clause names
    one, or continues (比上年同期增长…, 居全省第4位) a clause that does; any other figure may come
    from the writer's material: a reminder, not an error."""
    if f.rule != "number" or ln is None:
        return f
    pos = f.start - ln.indent if f.start is not None else max(ln.text.find(f.text), 0)
    head = ln.text[:pos]
    sentence = head[max(head.rfind(p) for p in "。！？") + 1:]
    for clause in reversed(_CLAUSE.split(sentence)):
        named = facts.mentions(clause)
        if named:
            if _fits(f.text, named[-1][2]):
                return f
            break
        if not clause.lstrip().startswith(_continuing()):
            break
    return replace(f, severity="warning", message=f.message.split("（")[0] +
                   "；只给了指标表、没有给 spec，这个数字可能来自写稿人的材料，加 --spec 可完整核对")


def _file_doc(lines: "list[Line]", *, markdown: bool, source: str) -> Doc:
    """Classify read lines for the line rules; the heading structure is the outliner's."""
    doc_lines = lines_from_text(((ln.number, ln.text) for ln in lines), markdown=markdown,
                                styles=[ln.style for ln in lines])
    from speechgen.outline.parse import outline_document  # the outliner: only for files and text, not drafts
    from speechgen.proof.structure_view import with_outline

    outline = outline_document(lines, source=source, markdown=markdown)
    return Doc(with_outline(doc_lines, outline), source=source, structured=True)


def failed(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """True when *findings* hold an error (or, with *strict*, any finding)."""
    return any(strict or f.severity == "error" for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    if not findings:
        return "未发现问题。"
    return f"共发现 {len(findings)} 处问题：错误 {errors} 处，提醒 {len(findings) - errors} 处。"


def ensure_clean(draft: "Draft", *, spec: SpecArg = None, rules: RulesArg = None,
                 placeholders: bool = False) -> list[Finding]:
    """Raise :class:`CheckFailed` listing the errors in *draft*; return its warnings otherwise.

    With *placeholders*, the 【…待补…】 paragraphs the writer asked for are reminders, not errors."""
    findings = check_draft(draft, spec=spec, rules=rules)
    if placeholders:
        findings = [f if not (f.rule == "placeholder" and "待补" in f.text) else
                    Finding(f.rule, "warning", f.line, f.text, f.message) for f in findings]
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        listing = "\n".join(f"  {f}" for f in errors)
        exc = CheckFailed(f"生成的初稿未通过自动检查（{len(errors)} 处错误，行号按纯文本稿计），未写出任何文件：\n{listing}\n"
                          "如确需输出，可加 --no-check 跳过检查。")
        exc.findings = errors  # type: ignore[attr-defined]
        raise exc
    return findings


# ------------------------------------------------------------------ internals

def _spec(value: "SpecArg") -> "Spec | None":
    """A Spec, or one loaded from a path or a mapping (InputError if it is invalid)."""
    from speechgen.spec.model import Spec

    if value is None or isinstance(value, Spec):
        return value
    from speechgen.spec.loader import load_spec

    return load_spec(value if isinstance(value, Mapping) else Path(value))


def _norms(rules: RulesArg) -> list[NormRule]:
    base = builtin_norms()
    if rules is None:
        return base
    if isinstance(rules, (str, Path)):
        return merge_norms(base, load_norms(rules))
    extra = [r for r in rules if isinstance(r, NormRule)]
    raw = [r for r in rules if isinstance(r, dict)]
    if raw:
        extra += parse_rules(raw, origin="rules")
    if len(extra) != len(rules):
        raise InputError("rules：应为规则文件路径、NormRule 或规则字段表的列表")
    return merge_norms(base, extra)


def _run(doc: Doc, select: Iterable[str] | None, ignore: Iterable[str]) -> list[Finding]:
    rules = registry()
    chosen = list(rules) if select is None else list(select)
    skipped = set(ignore)
    unknown = [r for r in [*chosen, *skipped] if r not in rules]
    if unknown:
        raise InputError(f"未知的检查规则：{'、'.join(unknown)}（可用：{'、'.join(rules)}）")
    order = {rid: i for i, rid in enumerate(rules)}
    findings: list[Finding] = []
    for rid in chosen:
        if rid not in skipped:
            findings.extend(rules[rid](doc))
    findings = _located(list(dict.fromkeys(findings)), doc)  # a finding reported twice is one problem
    findings.sort(key=lambda f: (f.line, order[f.rule]))
    log.debug("check %s: %d findings", doc.source or "<text>", len(findings))
    return findings


def _located(findings: list[Finding], doc: Doc) -> list[Finding]:
    """Offsets in the file's own line: the rule's span (or the finding's text when it occurs once) + indent."""
    by_number = {ln.number: ln for ln in doc.lines}
    out = []
    for f in findings:
        ln = by_number.get(f.line)
        if ln is None:
            out.append(f)
            continue
        start, end = f.start, f.end
        if start is None and f.text and ln.text.count(f.text) == 1:
            start = ln.text.index(f.text)
            end = start + len(f.text)
        if start is not None and end is not None:
            f = replace(f, start=start + ln.indent, end=end + ln.indent)
        out.append(f)
    return out
