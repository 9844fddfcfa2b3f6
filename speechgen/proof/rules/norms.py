"""提法 rules written as data (``corpora/norms.yaml`` plus a user file).

File format::

    rules:
      - id: second-centenary-goal          # unique; a user rule with a built-in id replaces it
        wrong: 第二个百年目标               # literal text … or
        pattern: '第二个百年(?!奋斗)目标'   # … a Python regular expression
        right: 第二个百年奋斗目标           # the correct form (shown in the message)
        source: 党的二十大报告              # where the correct form comes from
        note: 规范表述为“第二个百年奋斗目标”  # optional explanation
        severity: error                     # error (default) | warning
        example: 为实现第二个百年目标而奋斗   # a wrong sentence the rule must catch
        allow: [第二个百年奋斗目标]          # optional: text in which a match is fine

A match that lies inside an occurrence of ``right`` (or of an ``allow`` text) is
never reported, so ``wrong`` may be a part of the correct form.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from speechgen.core.files import stat_input
from speechgen.core.limits import LIMITS, breach, read_bounded, setting
from speechgen.errors import InputError
from speechgen.proof.rules.base import snippet, Doc, Finding, register

_FIELDS = {"id", "wrong", "pattern", "right", "source", "note", "severity", "example", "allow"}


@dataclass(frozen=True)
class NormRule:
    id: str
    pattern: re.Pattern[str]
    right: str
    source: str
    note: str = ""
    severity: str = "error"
    example: str = ""
    allow: tuple[str, ...] = ()
    origin: str = ""  # set for user rules: run with a time limit (the `regex` engine), named in errors

    def find(self, text: str) -> Iterator[re.Match[str]]:
        if not text:
            return
        safe: list[tuple[int, int]] | None = None
        for m in self._matches(text):
            if safe is None:
                safe = _spans(text, (self.right, *self.allow))
            if not any(a <= m.start() and m.end() <= b for a, b in safe):
                yield m


    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        if not self.origin:
            yield from self.pattern.finditer(text)  # built-in rules: trusted, plain `re`
            return
        seconds = setting("regex_seconds")
        try:
            yield from self.pattern.finditer(text, timeout=seconds)  # type: ignore[call-arg]
        except TimeoutError:
            raise InputError(f"{self.origin} 规则 {self.id}：正则表达式在一篇稿件上运行超过 {seconds:g} 秒"
                             "（可能有嵌套的重复，如 (a+)+），请改写") from None


def _spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    for needle in needles:
        if not needle:
            continue
        start = text.find(needle)
        while start >= 0:
            out.append((start, start + len(needle)))
            start = text.find(needle, start + 1)
    return out


@register("norms", "提法不规范（corpora/norms.yaml 及 --rules 用户规则）")
def norms(doc: Doc) -> Iterator[Finding]:
    text, starts, lines = doc.joined()
    for rule in doc.norms:
        for m in rule.find(text):
            if "\n" in m.group(0):
                continue  # a pattern must not join two paragraphs
            i = bisect_right(starts, m.start()) - 1
            ln, start = lines[i], m.start() - starts[i]
            found = m.group(0)
            if len(found) == 1:  # a bare "-" says little: quote it with its neighbours
                found = snippet(ln.text, start, start + len(found), 3)
            yield Finding("norms", rule.severity, ln.number, found,  # type: ignore[arg-type]
                          _message(rule, found)).at(m, -starts[i])


def _message(rule: NormRule, found: str) -> str:
    fix = f"应为“{rule.right}”" if rule.right else "请改正"
    note = f"。{rule.note.rstrip('。')}" if rule.note else ""
    return f"提法不规范：“{found}”{fix}（依据：{rule.source}）{note}。"


# ------------------------------------------------------------------ loading

def builtin_path() -> Path:
    from speechgen.core.resources import corpora_dir

    return corpora_dir() / "norms.yaml"


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float, origin: str, user: bool) -> tuple[NormRule, ...]:
    return tuple(parse_rules(_read_yaml(Path(path), origin), origin=origin, user=user))


def load_norms(path: str | Path) -> list[NormRule]:
    """Rules from one YAML file; :class:`InputError` (Chinese, located) if it is malformed."""
    p = Path(path)
    mtime = stat_input(p, what="提法规则文件").st_mtime
    user = p != builtin_path()
    return list(_load_cached(str(p.resolve()), mtime, str(p), user))


def builtin_norms() -> list[NormRule]:
    return load_norms(builtin_path())


def merge_norms(base: Sequence[NormRule], extra: Sequence[NormRule]) -> list[NormRule]:
    """*extra* rules replace base rules with the same id and are added otherwise."""
    ids = {r.id for r in extra}
    return [r for r in base if r.id not in ids] + list(extra)


def _read_yaml(path: Path, origin: str) -> Any:
    from speechgen.core.yamlsrc import decode, load_yaml, load_yaml_file

    raw = read_bounded(path, LIMITS.spec_bytes, what="提法规则文件", where=origin)
    if path == builtin_path():  # our own file: parsed once into the private cache
        return load_yaml_file(path, raw)[0]
    text = decode(raw, origin)
    try:
        return load_yaml(text, origin)[0]  # bounded: aliases, depth, size
    except InputError as exc:
        raise InputError(str(exc).replace("YAML 格式错误", "提法规则文件不是有效的 YAML")) from None


def parse_rules(data: Any, *, origin: str = "<规则>", user: bool = True) -> list[NormRule]:
    """Validate rule data (a ``{rules: [...]}`` mapping or a bare list).  *user* rules are compiled
    with the `regex` engine and run with a time limit."""
    if isinstance(data, dict):
        data = data.get("rules")
    if not isinstance(data, list):
        raise InputError(f"{origin}：提法规则文件应包含 rules 列表（每条有 wrong 或 pattern、right、source）")
    if len(data) > LIMITS.rules:
        raise breach(origin, "rules", len(data))
    rules: list[NormRule] = []
    seen: set[str] = set()
    for i, raw in enumerate(data):
        rule = _parse_rule(raw, f"{origin} rules[{i}]", origin if user else "")
        if rule.id in seen:
            raise InputError(f"{origin} rules[{i}]：规则编号 id “{rule.id}”重复")
        seen.add(rule.id)
        rules.append(rule)
    return rules


def _parse_rule(raw: Any, where: str, origin: str = "") -> NormRule:
    if not isinstance(raw, dict):
        raise InputError(f"{where}：每条规则应是字段表（id、wrong/pattern、right、source）")
    unknown = set(map(str, raw)) - _FIELDS
    if unknown:
        raise InputError(f"{where}：未知字段 {'、'.join(sorted(unknown))}（可用：{'、'.join(sorted(_FIELDS))}）")
    for key in ("wrong", "pattern", "right", "source", "note", "example"):
        if key in raw and not isinstance(raw[key], str):
            raise InputError(f"{where}.{key}：应为文字")
    if not raw.get("wrong") and not raw.get("pattern"):
        raise InputError(f"{where}：缺少 wrong（错误写法）或 pattern（正则表达式）")
    if not raw.get("right") and not raw.get("note"):
        raise InputError(f"{where}：缺少 right（正确写法）或 note（说明）")
    severity = raw.get("severity", "error")
    if severity not in ("error", "warning"):
        raise InputError(f"{where}.severity：应为 error 或 warning，收到 {severity!r}")
    pattern = _compile(raw, where, user=bool(origin))
    allow = raw.get("allow", [])
    if isinstance(allow, str):
        allow = [allow]
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise InputError(f"{where}.allow：应为文字列表")
    rid = str(raw.get("id") or raw.get("wrong") or raw.get("pattern"))
    return NormRule(id=rid, pattern=pattern, right=raw.get("right", ""), source=raw.get("source", "用户规则"),
                    note=raw.get("note", ""), severity=severity, example=raw.get("example", raw.get("wrong", "")),
                    allow=tuple(allow), origin=origin)


def _compile(raw: dict[str, Any], where: str, *, user: bool = False) -> re.Pattern[str]:
    text = raw.get("pattern") or re.escape(raw["wrong"])
    if len(text) > LIMITS.rule_pattern_chars:
        raise breach(f"{where}.{'pattern' if raw.get('pattern') else 'wrong'}", "rule_pattern_chars", len(text))
    if not user:
        return re.compile(text)
    import regex  # user patterns: an engine with a time limit

    try:
        return regex.compile(text)  # type: ignore[no-any-return]
    except (regex.error, re.error, ValueError, OverflowError, RecursionError) as exc:
        raise InputError(f"{where}.pattern（{raw.get('id') or text}）：正则表达式有误（{exc}）") from None
