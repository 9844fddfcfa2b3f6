"""Spec → Draft through Jinja2.

Python builds the sentences (narration, phrase choice); the template arranges
them.  The environment is sandboxed (no attribute access to Python internals,
no file access beyond the template search path), uses ``StrictUndefined`` and a
``finalize`` hook that refuses ``None`` and sanitises values so user text can
never inject markup.  User template directories are searched before the
built-ins; ``builtin/NAME`` always reaches the built-in file so an override can
``{% extends "builtin/quarterly_analysis.j2" %}`` and replace a single block.
"""
from __future__ import annotations

import datetime as _dt
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SecurityError

from speechgen.core.draft import Draft, Heading, MeetingFacts, Paragraph, Provenance, Run
from speechgen.errors import SpeechgenError, TemplateError
from speechgen.core.markup import escape_text, parse_markup
from speechgen.spec.model import MeetingType, Spec
from speechgen.core.numbers import cn_int, enum_word, fmt_number
from speechgen.compose.context import build_context, unify_progress_word
from speechgen.compose.filters import AvoidIndex
from speechgen.compose.timing import calendar_provenance, calendar_warnings
from speechgen.compose.narration import Narration
from speechgen.compose.situation import missing_inputs
from speechgen.compose.bank import PhraseBank, load_bank
from speechgen.compose.lost import lost_items
from speechgen.compose.picker import PhrasePicker
from speechgen.compose.sandbox import BoundedSandbox, ConfinedLoader, PrivateBytecodeCache, render_bounded
from speechgen.compose.streams import Streams
from speechgen.core.resources import templates_dir
from speechgen.compose.views import qty
from speechgen.compose.narration.vintage import chain
from speechgen.compose.rewrite import reported
from speechgen.compose.views import sentence as _sentence

POINTS = "\ue000POINTS\ue001"  # replaced by the real number of level-1 parts
VARIETIES = ("low", "normal", "high")


@dataclass
class RenderOptions:
    seed: int = 0
    variety: str = "normal"
    template_dirs: Sequence[Path] = ()
    phrase_files: Sequence[Path] = ()
    meeting_type: str | None = None
    table: bool = False
    standard_requirements: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    avoid_texts: Sequence[str] = ()  # earlier speeches: their sentences are not repeated


# ------------------------------------------------------------------ environment

def search_path(template_dirs: Iterable[Path] = ()) -> list[Path]:
    return [Path(d) for d in template_dirs] + [templates_dir()]


_ENV_CACHE: dict[tuple[str, ...], jinja2.Environment] = {}


def environment(template_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    """The sandboxed environment for a search path (cached: templates compile once; a user
    template edited since is reloaded, see :class:`~speechgen.compose.sandbox.ConfinedLoader`)."""
    dirs = search_path(template_dirs)
    key = tuple(str(d) for d in dirs)
    env = _ENV_CACHE.get(key)
    if env is None:
        for d in dirs[:-1]:
            if not d.is_dir():
                raise TemplateError(f"模板目录不存在：{d}")
        env = BoundedSandbox(
            loader=ConfinedLoader(dirs[:-1], dirs[-1]), undefined=jinja2.StrictUndefined, autoescape=False,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=_finalize,
            auto_reload=len(dirs) > 1, bytecode_cache=_bytecode_cache(),
        )
        env.filters.update(cn=cn_int, qty=qty, enum=enumerator, num=fmt_number, date_cn=date_cn,
                           sentence=sentence, clause=clause, lead=lead_sentence, rest=rest_sentences,
                           chain=chain, reported=reported)
        _ENV_CACHE[key] = env
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates cached in the user's private cache directory (keyed by source checksum),
    so a cold process skips Jinja's compile step; ``SPEECHGEN_NO_CACHE=1`` turns it off."""
    import os

    return None if os.environ.get("SPEECHGEN_NO_CACHE") else PrivateBytecodeCache()


def _finalize(value: Any) -> Any:
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises here: UndefinedError, or SecurityError from the sandbox
    if value is None or isinstance(value, jinja2.Undefined):
        raise TemplateError("模板输出了空值（None）：请检查对应字段是否填写")
    if isinstance(value, bool):
        raise TemplateError("模板直接输出了真假值")
    if isinstance(value, Decimal):
        return fmt_number(value)
    if isinstance(value, str):
        return _sanitise(value)
    return value


def _sanitise(text: str) -> str:
    """Escape a value for the markup: its characters survive, none of them can act as markup."""
    text = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    return escape_text(text)


def enumerator(n: int, style: str = "是", total: int | None = None) -> str:
    """一是、二要、第一，… — and nothing when the list has a single item (a lone 一是 is a defect)."""
    return "" if total == 1 else enum_word(n, style)


def date_cn(value: _dt.date | None) -> str:
    """2025-04-18 → 2025年4月18日 (no zero padding, GB/T 15835)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def clause(text: str) -> str:
    """Strip final punctuation so the template can continue the sentence."""
    return str(text).rstrip("。；;，,！!：: ")


def sentence(text: str) -> str:
    """End a sentence with 。 unless it already ends with a stop (also inside closing quotes)."""
    return _sentence(text)


def lead_sentence(text: str) -> str:
    """The first sentence (up to and including the first 。！？), as a bold lead."""
    text = str(text).strip()
    for i, ch in enumerate(text):
        if ch in "。！？":
            return text[: i + 1]
    return sentence(text)


def rest_sentences(text: str) -> str:
    """What follows :func:`lead_sentence`, as a complete sentence (may be empty)."""
    rest = str(text).strip()[len(lead_sentence(text)):] if any(c in str(text) for c in "。！？") else ""
    return sentence(rest) if rest.strip() else ""


# ------------------------------------------------------------------ rendering

def template_name(meeting_type: str) -> str:
    return f"{meeting_type}.j2"


def load_template(name: str, template_dirs: Iterable[Path] = ()) -> jinja2.Template:
    """Compile template *name* from the search path, with located Chinese errors."""
    env = environment(template_dirs)
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {_short(exc.filename or exc.name)} 第{exc.lineno}行：语法错误（{exc.message}）") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"找不到模板 {exc.name}（搜索路径：{'；'.join(map(str, search_path(template_dirs)))}）") from None


def resolve(name: str, template_dirs: Iterable[Path] = ()) -> Path | None:
    """The file a template name resolves to on the search path (``builtin/x`` → the built-in x);
    names that leave the template folders raise :class:`TemplateError`."""
    loader = environment(template_dirs).loader
    assert isinstance(loader, ConfinedLoader)
    return loader.resolve(name)


def template_files(meeting_type: str, template_dirs: Iterable[Path] = ()) -> list[tuple[str, Path | None]]:
    """Every template a meeting type really uses (its file, what it extends, the blocks it
    includes — skipping a parent's blocks the child replaces), in order of first use, each
    with the file it resolves to (``None``: missing)."""
    env = environment(template_dirs)
    seen: dict[str, Path | None] = {}
    todo: list[tuple[str, frozenset[str]]] = [(template_name(meeting_type), frozenset())]
    while todo:
        name, replaced = todo.pop(0)
        if name in seen:
            continue
        path = seen[name] = resolve(name, template_dirs)
        if path is None:
            continue
        try:
            ast = env.parse(env.loader.get_source(env, name)[0], name, str(path))  # type: ignore[union-attr]
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"模板 {_short(str(path))} 第{exc.lineno}行：语法错误（{exc.message}）") from None
        defined = frozenset(b.name for b in ast.find_all(nodes.Block) if not _calls_super(b))
        for ref, is_parent in _references(ast, replaced):
            todo.append((ref, replaced | defined if is_parent else frozenset()))
    return list(seen.items())


def _calls_super(block: nodes.Block) -> bool:
    return any(isinstance(c.node, nodes.Name) and c.node.name == "super" for c in block.find_all(nodes.Call))


def _references(node: nodes.Node, replaced: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """(template name, is it the parent) for constant extends/include/import in *node*."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block) and child.name in replaced:
            continue
        if isinstance(child, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = child.template
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                yield target.value, isinstance(child, nodes.Extends)
        yield from _references(child, replaced)


def compose_text(spec: Spec, options: RenderOptions | None = None, *,
                 bank: PhraseBank | None = None) -> tuple[str, PhrasePicker]:
    """Render *spec* to markup; also return the picker (its ``log`` lists every phrase chosen)."""
    text, context = _compose(spec, options or RenderOptions(), bank)
    return text, context["phrase"]


def _compose(spec: Spec, opts: RenderOptions, bank: PhraseBank | None) -> tuple[str, dict[str, Any]]:
    if opts.variety not in VARIETIES:
        raise TemplateError(f"variety 应为 {'、'.join(VARIETIES)} 之一，收到 {opts.variety!r}")
    mtype = opts.meeting_type or spec.meeting.type.value
    if mtype not in MeetingType.__members__:
        raise TemplateError(f"未知的会议类型 {mtype!r}，可选：{'、'.join(MeetingType.__members__)}")
    template = load_template(template_name(mtype), opts.template_dirs)
    streams = Streams(f"{opts.seed}:{draft_key(spec)}")
    context = build_context(spec, streams, variety=opts.variety, mtype=mtype, points=POINTS, extra=opts.extra,
                            seed=opts.seed, standard_requirements=opts.standard_requirements,
                            bank=bank if bank is not None else load_bank(opts.phrase_files),
                            avoid=AvoidIndex(opts.avoid_texts))
    return unify_progress_word(_render(template, context), spec), context


def draft_key(spec: Spec) -> str:
    """What tells one draft from another (meeting, place, time, speaker): mixed into the seed so
    two different meetings rendered with the same seed do not pick the same stock sentences."""
    import hashlib

    m = spec.meeting
    key = "|".join((m.type.value, m.title, m.region, m.period, str(m.year), m.speaker.name, m.speaker.post))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def render_draft(spec: Spec, options: RenderOptions | None = None, *, bank: PhraseBank | None = None) -> Draft:
    """Render *spec* to a numbered :class:`Draft`."""
    opts = options or RenderOptions()
    text, context = _compose(spec, opts, bank)
    draft = parse_markup(text)
    _fill_points(draft)
    m = spec.meeting
    mtype = opts.meeting_type or m.type.value
    draft.meta.update(type=mtype, seed=str(opts.seed), variety=opts.variety,
                      meeting=m.title, speaker=f"{m.speaker.post}{m.speaker.name}", office=m.office,
                      date=m.date.isoformat() if m.date else "", region=m.region, period=m.period_info.label)
    regions = context["narration"].regions
    draft.warnings = lost_items(spec, draft.text, mtype, regions=regions.review if regions is not None else ())
    draft.meeting = MeetingFacts(mtype, m.title, m.period, m.period_info.label, m.year,
                                 m.date.isoformat() if m.date else "", m.region, m.superior, m.speaker.name,
                                 m.speaker.post, m.speaker.is_principal)
    draft.provenance = (provenance(context["narration"], spec) + list(context["situation"].numbers)
                        + calendar_provenance(context["calendar"]))
    draft.warnings += situation_warnings(spec, mtype, context["situation"]) + calendar_warnings(context["calendar"])
    if opts.table and spec.indicator_rows:
        from speechgen.spec.tables.rows import indicator_table

        draft.blocks.append(indicator_table(spec))
    return draft


#: meeting types whose genre reads the period against the outside world
SITUATION_TYPES = ("quarterly_analysis", "annual_conference", "dispatch")


def situation_warnings(spec: Spec, mtype: str, text: Any) -> list[str]:
    """Say which inputs would fill the situation part (the draft makes no outside claim without them)."""
    if mtype not in SITUATION_TYPES or text.outside:
        return []
    missing = "、".join(missing_inputs(spec))
    return [f"提示：未提供 {missing}，讲话稿不谈外部形势；填写后会按“全国—上级—兄弟地区—本地”写出形势部分"
            "（加 --placeholders 可留出【形势：待补】段落）"]


def provenance(narration: Narration, spec: Spec | None = None) -> list[Provenance]:
    """Every computed number of the narration with its formula, indicator, sentence and table row."""
    rows = {ind.name: i for i, ind in enumerate(spec.indicator_rows, start=1)} if spec is not None else {}
    texts = {s.indicator: s.text for s in narration.statements}
    out = [Provenance(d.text, d.formula, name, texts.get(name, ""), rows.get(name, 0))
           for name, numbers in narration.numbers_by_indicator() for d in numbers]
    return out + [Provenance(d.text, d.formula, context=d.context) for d in narration.derived]


def _render(template: jinja2.Template, context: dict[str, Any]) -> str:
    try:
        return render_bounded(template, context)
    except SpeechgenError as exc:
        raise type(exc)(f"{_where(exc)}{exc}") from None
    except SecurityError as exc:
        raise TemplateError(f"{_where(exc)}模板试图访问不允许的内部属性（{exc}）") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {_short(exc.filename or exc.name)} 第{exc.lineno}行：语法错误（{exc.message}）") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{_where(exc)}找不到模板 {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{_where(exc)}变量未定义（{exc.message}）") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError,
            OverflowError, RecursionError) as exc:
        raise TemplateError(f"{_where(exc)}模板执行出错（{type(exc).__name__}: {exc}）") from None


def _short(filename: str | None) -> str:
    """A template's name as a user sees it: blocks/opening.j2 rather than a full path."""
    if not filename:
        return "（未知）"
    path = Path(filename)
    return f"{path.parent.name}/{path.name}" if path.parent.name == "blocks" else path.name


def _where(exc: BaseException) -> str:
    """'模板 NAME 第N行：' from the innermost template frame of the traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"模板 {_short(frame.filename)} 第{frame.lineno}行："
    return ""


def _fill_points(draft: Draft) -> None:
    count = qty(len(draft.headings(1)))
    for block in draft.blocks:
        runs = block.runs if isinstance(block, Paragraph) else block.body if isinstance(block, Heading) else []
        for i, run in enumerate(runs):
            if POINTS in run.text:
                runs[i] = Run(run.text.replace(POINTS, count), run.bold)
