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
import random
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .document import Draft, Heading, Paragraph, Run
from .errors import SpeechgenError, TemplateError
from .markup import parse_markup
from .model import MeetingType, Spec
from .narrate import narrate
from .numbers import cn_int, enum_word, fmt_number
from .phrasebank import PhraseBank, PhrasePicker, load_bank
from .resources import templates_dir

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
    extra: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ environment

def search_path(template_dirs: Iterable[Path] = ()) -> list[Path]:
    return [Path(d) for d in template_dirs] + [templates_dir()]


_ENV_CACHE: dict[tuple[str, ...], jinja2.Environment] = {}


def environment(template_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    """The sandboxed environment for a search path (cached: templates compile once)."""
    dirs = search_path(template_dirs)
    key = tuple(str(d) for d in dirs)
    env = _ENV_CACHE.get(key)
    if env is None:
        for d in dirs[:-1]:
            if not d.is_dir():
                raise TemplateError(f"模板目录不存在：{d}")
        loader = jinja2.ChoiceLoader([
            jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(dirs[-1]))}),
            jinja2.FileSystemLoader([str(d) for d in dirs]),
        ])
        env = ImmutableSandboxedEnvironment(
            loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=_finalize,
            auto_reload=False,
        )
        env.filters.update(cn=cn_int, enum=enum_word, num=fmt_number, date_cn=date_cn,
                           sentence=sentence, clause=clause, lead=lead_sentence, rest=rest_sentences)
        _ENV_CACHE[key] = env
    return env


def _finalize(value: Any) -> Any:
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
    text = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    text = text.replace("**", "")
    if text.startswith(("#", "::")):
        text = "＃" + text.lstrip("#:")
    return text


def date_cn(value: _dt.date | None) -> str:
    """2025-04-18 → 2025年4月18日 (no zero padding, GB/T 15835)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def clause(text: str) -> str:
    """Strip final punctuation so the template can continue the sentence."""
    return str(text).rstrip("。；;，,！!：: ")


def sentence(text: str) -> str:
    """End a sentence with 。 unless it already ends with a stop."""
    text = str(text).strip()
    return text if not text or text[-1] in "。！？!?…”" else clause(text) + "。"


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


def render_draft(spec: Spec, options: RenderOptions | None = None, *, bank: PhraseBank | None = None) -> Draft:
    """Render *spec* to a numbered :class:`Draft`."""
    opts = options or RenderOptions()
    if opts.variety not in VARIETIES:
        raise TemplateError(f"variety 应为 {'、'.join(VARIETIES)} 之一，收到 {opts.variety!r}")
    mtype = opts.meeting_type or spec.meeting.type.value
    if mtype not in MeetingType.__members__:
        raise TemplateError(f"未知的会议类型 {mtype!r}，可选：{'、'.join(MeetingType.__members__)}")
    env = environment(opts.template_dirs)
    name = template_name(mtype)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {exc.filename or exc.name} 第{exc.lineno}行：语法错误（{exc.message}）") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"找不到模板 {exc.name}（搜索路径：{'；'.join(map(str, search_path(opts.template_dirs)))}）") from None
    rng = random.Random(opts.seed)
    context = build_context(spec, rng, opts, bank if bank is not None else load_bank(opts.phrase_files))
    text = _render(template, context)
    draft = parse_markup(text)
    _fill_points(draft)
    m = spec.meeting
    draft.meta.update(type=mtype, seed=str(opts.seed), variety=opts.variety, meeting=m.title,
                      speaker=f"{m.speaker.post}{m.speaker.name}", office=m.office,
                      date=m.date.isoformat() if m.date else "", region=m.region, period=m.period_info.label)
    if opts.table and spec.indicator_rows:
        from .tables import indicator_table

        draft.blocks.append(indicator_table(spec))
    return draft


def _render(template: jinja2.Template, context: dict[str, Any]) -> str:
    try:
        return template.render(context)
    except SpeechgenError as exc:
        raise type(exc)(f"{_where(exc)}{exc}") from None
    except SecurityError as exc:
        raise TemplateError(f"{_where(exc)}模板试图访问不允许的内部属性（{exc}）") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {exc.filename or exc.name} 第{exc.lineno}行：语法错误（{exc.message}）") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{_where(exc)}找不到模板 {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{_where(exc)}变量未定义（{exc.message}）") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError,
            OverflowError, RecursionError) as exc:
        raise TemplateError(f"{_where(exc)}模板执行出错（{type(exc).__name__}: {exc}）") from None


def _where(exc: BaseException) -> str:
    """'模板 NAME 第N行：' from the innermost template frame of the traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"模板 {Path(frame.filename).name} 第{frame.lineno}行："
    return ""


def _fill_points(draft: Draft) -> None:
    count = cn_int(len(draft.headings(1)))
    for block in draft.blocks:
        runs = block.runs if isinstance(block, Paragraph) else block.body if isinstance(block, Heading) else []
        for i, run in enumerate(runs):
            if POINTS in run.text:
                runs[i] = Run(run.text.replace(POINTS, count), run.bold)


def build_context(spec: Spec, rng: random.Random, opts: RenderOptions, bank: PhraseBank) -> dict[str, Any]:
    m = spec.meeting
    period = m.period_info
    narration = narrate(spec, rng=rng)
    slots = {
        "region": m.region, "superior": m.superior, "period": period.label, "next": period.next_label,
        "remaining": period.remaining_label, "year": str(m.year), "meeting": m.title,
        "organizer": m.organizer or m.region.replace("全", "") + "委、" + m.region.replace("全", "") + "政府",
        "judgement": narration.judgement,
    }
    tags = {"type": m.type.value, "period": _period_tag(period.code),
            "speaker": "principal" if m.speaker.is_principal else "deputy", "tone": narration.tone}
    phrase = PhrasePicker(bank, rng, context=tags, slots=slots, variety=opts.variety)
    return {
        "spec": spec, "meeting": m, "period": period, "speaker": m.speaker, "region": m.region,
        "superior": m.superior, "year": m.year, "narration": narration, "phrase": phrase,
        "achievements": spec.achievements, "problems": spec.problems, "tasks": spec.tasks,
        "requirements": spec.requirements, "points": POINTS, "variety": opts.variety,
        "principal": m.speaker.is_principal, "tone": narration.tone, "slots": slots,
        "choice": lambda *options: rng.choice(options), **opts.extra,
    }


def _period_tag(code: str) -> str:
    return code if code in {"Q1", "Q2", "H1", "Q3", "Q4", "year"} else "month"
