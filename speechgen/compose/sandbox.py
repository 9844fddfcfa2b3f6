"""User templates that cannot read or burn.

* :class:`ConfinedLoader` loads only real files inside the given folders: names are relative,
  without ``..``, backslashes or drive letters, and the file's resolved path (links followed)
  must stay inside its folder's resolved path.  Every user file is read bounded.  Each template
  remembers its modification time, so an edited user template is picked up by the next render
  in the same process (the environment cache is keyed on the folders; Jinja asks ``uptodate``).
* :class:`BoundedSandbox` (Jinja's immutable sandbox, plus) bounds arithmetic and formatting —
  ``**`` beyond ``template_int_bits``, ``*``/``+``/``%`` or a filter building text or lists
  beyond ``template_str_chars``, format widths beyond it — and checks the render's deadline on
  every call, loop step over ``range``/built lists, and output chunk.
* :func:`render_bounded` renders with a wall-clock and output-size budget (``render_seconds``,
  ``render_chars``); in the main thread a timer also interrupts loops that call nothing.
"""
from __future__ import annotations

import contextvars
import os
import re
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from speechgen.core.limits import LIMITS, read_bounded, setting
from speechgen.errors import TemplateError

_BAD_NAME = re.compile(r"(^|[/\\])\.\.([/\\]|$)|\\|^[/~]|^[A-Za-z]:|\x00")


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from *user_dirs* (first match wins) then *builtin*; ``builtin/NAME`` reaches the
    built-in file only."""

    def __init__(self, user_dirs: Sequence[Path], builtin: Path) -> None:
        self.user = [(Path(d), Path(os.path.realpath(d))) for d in user_dirs]
        self.builtin = (builtin, Path(os.path.realpath(builtin)))

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        name = template
        if _BAD_NAME.search(name):
            raise TemplateError(f"模板名 {name!r} 不允许：只能引用模板目录内的文件（不能用 ..、绝对路径）")
        roots = self.user + [self.builtin]
        if name.startswith("builtin/"):
            name, roots = name[len("builtin/"):], [self.builtin]
        for given, real in roots:
            path = given / name
            if not os.path.lexists(path):
                continue
            resolved = Path(os.path.realpath(path))
            if resolved != real and real not in resolved.parents:
                raise TemplateError(f"模板 {name} 指向模板目录 {given} 以外的文件（符号链接），拒绝读取")
            if not resolved.is_file():
                continue
            return self._read(path, resolved, name, builtin=(given, real) == self.builtin)
        raise jinja2.TemplateNotFound(template)

    def _read(self, path: Path, resolved: Path, name: str, *, builtin: bool) -> tuple[str, str, Callable[[], bool]]:
        raw = read_bounded(resolved, LIMITS.spec_bytes, what="模板文件", where=f"模板 {name}")
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TemplateError(f"模板 {name}：不是 UTF-8 编码") from None
        if builtin:
            return source, str(path), lambda: True
        mtime = os.stat(resolved).st_mtime_ns

        def uptodate() -> bool:
            try:
                return os.stat(path).st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate

    def resolve(self, template: str) -> Path | None:
        """The confined file *template* names, or None when there is none."""
        try:
            return Path(self.get_source(jinja2.Environment(), template)[1])
        except jinja2.TemplateNotFound:
            return None


# ------------------------------------------------------------------ budgets

class RenderTimeout(BaseException):
    """Raised inside a render when its wall clock runs out (a BaseException: templates and Jinja
    must not swallow it)."""


_DEADLINE: contextvars.ContextVar[float] = contextvars.ContextVar("speechgen_render_deadline", default=0.0)
_WIDTH = re.compile(r"\d{7,}")


def _tick() -> None:
    end = _DEADLINE.get()
    if end and time.monotonic() > end:
        raise RenderTimeout


def _too_big(what: str) -> TemplateError:
    return TemplateError(f"模板运算超出限制（{what}）")


def _size_ok(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > LIMITS.template_str_chars:
        raise _too_big(f"文字或列表长度不超过 {LIMITS.template_str_chars:,}")
    if isinstance(value, list):
        return TickingList(value)
    return value


def _width_ok(fmt: Any) -> None:
    if isinstance(fmt, str):
        for m in _WIDTH.finditer(fmt):
            if int(m.group()) > LIMITS.template_str_chars:
                raise _too_big(f"格式宽度不超过 {LIMITS.template_str_chars:,}")


def _ints_ok(args: Sequence[Any]) -> None:
    for a in args:
        if isinstance(a, int) and not isinstance(a, bool) and abs(a) > LIMITS.template_str_chars:
            raise _too_big(f"宽度、次数等参数不超过 {LIMITS.template_str_chars:,}")


class TickingList(list):  # type: ignore[type-arg]
    """A list whose iteration checks the render deadline (nested loops over built lists)."""

    def __iter__(self) -> Iterator[Any]:
        for i, item in enumerate(list.__iter__(self)):
            if not i & 1023:
                _tick()
            yield item


class BoundedRange:
    """``range`` for templates: at most ``template_range`` items, deadline checked while iterating."""

    def __init__(self, *args: int) -> None:
        self.r = range(*args)
        if len(self.r) > LIMITS.template_range:
            raise _too_big(f"range() 不超过 {LIMITS.template_range:,} 项")

    def __iter__(self) -> Iterator[int]:
        for i in self.r:
            if not i & 1023:
                _tick()
            yield i

    def __len__(self) -> int:
        return len(self.r)

    def __getitem__(self, i: Any) -> Any:
        return self.r[i]

    def __reversed__(self) -> Iterator[int]:
        return reversed(self.r)


def _bounded_filter(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _tick()
        values = [a for a in args if not isinstance(a, (jinja2.runtime.Context, jinja2.Environment,
                                                        jinja2.nodes.EvalContext))]
        _ints_ok(values[1:] + list(kwargs.values()))
        if name == "format" and values:
            _width_ok(values[0])
        if name == "replace" and len(values) >= 3 and isinstance(values[0], str):
            count = str(values[0]).count(str(values[1])) if values[1] != "" else len(values[0]) + 1
            if count * max(1, len(str(values[2]))) > LIMITS.template_str_chars:
                raise _too_big(f"文字长度不超过 {LIMITS.template_str_chars:,}")
        return _size_ok(fn(*args, **kwargs))

    for attr in ("jinja_pass_arg",):
        if hasattr(fn, attr):
            setattr(wrapper, attr, getattr(fn, attr))
    return wrapper


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded arithmetic, formatting and loops."""

    intercepted_binops = frozenset(["**", "*", "%", "+"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = BoundedRange
        for name, fn in list(self.filters.items()):
            self.filters[name] = _bounded_filter(fn, name)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and ints and right > 0:
            if max(1, abs(left).bit_length()) * right > LIMITS.template_int_bits and abs(left) > 1:
                raise _too_big(f"乘方结果不超过 {LIMITS.template_int_bits} 位二进制")
        elif operator == "*":
            if ints and abs(left).bit_length() + abs(right).bit_length() > LIMITS.template_int_bits * 4:
                raise _too_big("整数乘积过大")
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > LIMITS.template_str_chars:
                    raise _too_big(f"重复后的长度不超过 {LIMITS.template_str_chars:,}")
        elif operator == "%" and isinstance(left, str):
            _width_ok(left)
        elif operator == "+" and isinstance(left, (str, list)) and isinstance(right, (str, list)):
            if len(left) + len(right) > LIMITS.template_str_chars:
                raise _too_big(f"拼接后的长度不超过 {LIMITS.template_str_chars:,}")
        return _size_ok(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _tick()
        target = getattr(__obj, "__wrapped__", __obj)  # Jinja wraps str.format in its own function
        if isinstance(getattr(target, "__self__", None), (str, list, tuple, bytes)):  # "x".center(10**9), ljust…
            _ints_ok(list(args) + list(kwargs.values()))
        if getattr(target, "__name__", "") in ("format", "format_map"):
            _width_ok(getattr(target, "__self__", None))
        return _size_ok(super().call(__context, __obj, *args, **kwargs))


# ------------------------------------------------------------------ one render

def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render with the wall-clock (``render_seconds``) and output (``render_chars``) budgets."""
    seconds = setting("render_seconds")
    token = _DEADLINE.set(time.monotonic() + seconds)
    timer = _arm_timer(seconds)
    try:
        out: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > LIMITS.render_chars:
                raise TemplateError(f"生成的文字超出限制（一篇稿件不超过 {LIMITS.render_chars:,} 字）")
            out.append(chunk)
            _tick()
        return "".join(out)
    except RenderTimeout:
        raise TemplateError(f"生成超时（一篇稿件不超过 {seconds:g} 秒）：模板中可能有过大的循环或运算") from None
    finally:
        _disarm_timer(timer)
        _DEADLINE.reset(token)


def _arm_timer(seconds: float) -> Any:
    """In the main thread with no other SIGALRM user, a real timer interrupts even a loop that
    calls nothing; elsewhere the cooperative checks above carry the budget."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return None
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        return None

    def fire(_sig: int, _frame: Any) -> None:
        raise RenderTimeout

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds + 0.5)
    return old


def _disarm_timer(old: Any) -> None:
    if old is None:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)


class PrivateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in the user's private cache directory (checksummed, no-follow writes)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from speechgen.core import cache

        data = cache.load_bytes(f"jinja-{bucket.key}", bucket.checksum.encode())
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from speechgen.core import cache

        cache.store_bytes(f"jinja-{bucket.key}", bucket.checksum.encode(), bucket.bytecode_to_string())
