"""Layout profiles for the Word exporter: page, grid, styles and page numbers as data.

A profile is a YAML file (built-ins in ``corpora/profiles/``: ``gbt9704``,
``speech``, ``podium``) resolved into a frozen :class:`Profile`.  A file may say
``extends: NAME`` (a built-in or another file) and override only what differs;
a file without ``extends`` starts from ``gbt9704``.  Sizes are points or Chinese
size names (三号, 小二); lengths are millimetres; line pitch is points.
This module never imports python-docx.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from speechgen.errors import ExportError, InputError

BUILTIN = ("gbt9704", "speech", "podium")
STYLE_NAMES = ("标题", "署名", "正文", "称谓", "一级标题", "二级标题", "三级标题", "四级标题", "表格标题", "表格")
SIZE_NAMES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
              "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5}
ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "justify",
         "左对齐": "left", "居中": "center", "右对齐": "right", "两端对齐": "justify"}
_DIGITS = dict(zip("123456", "一二三四五六"))
_TOP_KEYS = {"name", "extends", "description", "page", "grid", "latin_font", "title_gap_lines", "styles",
             "page_number"}
_STYLE_KEYS = {"font", "latin", "size", "bold", "align", "indent", "line_pitch", "keep_next"}


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: East Asian font, size (pt), alignment, first-line indent (characters)."""

    font: str
    size: float
    latin: str = "Times New Roman"
    bold: bool = False
    align: str = "justify"
    indent: float = 0.0
    line_pitch: float | None = None  # exact pitch in pt; None = single spacing
    keep_next: bool = False


@dataclass(frozen=True)
class PageNumberSpec:
    font: str = "宋体"
    size: float = 14.0
    position: str = "outside"  # outside: odd right / even left, one character in; center
    dash: str = "\u2014"


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    source: str
    page_mm: tuple[float, float]  # width, height
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    footer_mm: float
    header_mm: float
    line_pitch: float  # pt
    chars_per_line: int | None
    latin_font: str
    title_gap_lines: int
    styles: Mapping[str, StyleSpec] = field(default_factory=dict)
    page_number: PageNumberSpec = PageNumberSpec()

    @property
    def lines_per_page(self) -> int:
        type_area_pt = (self.page_mm[1] - self.margins_mm[0] - self.margins_mm[1]) / 25.4 * 72
        return int(type_area_pt / self.line_pitch + 1e-6)

    def summary(self) -> str:
        w, h = self.page_mm
        top, bottom, left, right = self.margins_mm
        body = self.styles["正文"]
        grid = f"每行{self.chars_per_line}字，" if self.chars_per_line else ""
        place = {"outside": "单页居右、双页居左", "center": "居中"}.get(self.page_number.position, "居右")
        return (f"{self.name}：{self.description}\n"
                f"  纸张 {_n(w)}×{_n(h)} 毫米；页边距 上{_n(top)} 下{_n(bottom)} 左{_n(left)} 右{_n(right)} 毫米\n"
                f"  正文 {body.font} {_n(body.size)}磅，固定行距 {_n(self.line_pitch)}磅，"
                f"每页{self.lines_per_page}行，{grid}页码{place}\n  来源：{self.source}")


def _n(x: float) -> str:
    return f"{x:g}"


def builtin_dir() -> Path:
    from speechgen.core.resources import corpora_dir

    return corpora_dir() / "profiles"


def default_profile_name(meta: Mapping[str, str]) -> str:
    """``gbt9704`` for work reports, ``speech`` for everything else."""
    return "gbt9704" if meta.get("type") == "work_report" else "speech"


def load_profile(profile: "str | Path | Profile") -> Profile:
    """Resolve a built-in name, a YAML file path or a ready :class:`Profile`."""
    if isinstance(profile, Profile):
        return profile
    text = str(profile).strip()
    if isinstance(profile, str) and text.lower() in BUILTIN:
        return _builtin(text.lower())
    path = Path(text)
    if isinstance(profile, Path) or path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return _from_file(path)
    raise ExportError(f"未知的版式 {text!r}：可选 {'、'.join(BUILTIN)}，或给出版式文件路径（.yaml）")


@lru_cache(maxsize=None)
def _builtin(name: str) -> Profile:
    return _from_file(builtin_dir() / f"{name}.yaml", label=f"内置版式 {name}")


def _from_file(path: Path, *, label: str | None = None) -> Profile:
    raw, lines, source = _read_chain(path, ())
    return _build(raw, lines, source=label or str(path), origin=source)


def _read_chain(path: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], dict[tuple[Any, ...], int], str]:
    """Read *path* and merge it over what it extends; returns (data, lines of *path*, name)."""
    from speechgen.core.yamlsrc import load_yaml_file

    try:
        resolved = path.resolve()
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        raise ExportError(f"版式文件 {path} 不存在") from None
    except OSError as exc:
        raise ExportError(f"版式文件 {path} 无法读取（{exc.strerror or exc}）") from None
    if resolved in seen:
        raise InputError(f"{path}：extends 形成循环引用")
    data, lines = load_yaml_file(path, raw_bytes)
    if not isinstance(data, dict):
        raise InputError(f"{path} 第1行：版式文件顶层应为字段表（page、grid、styles……）")
    parent = data.get("extends", None if path.parent == builtin_dir() and path.stem == "gbt9704" else "gbt9704")
    if parent is None:
        return data, lines, str(path)
    if not isinstance(parent, str) or not parent.strip():
        raise InputError(f"{path} 第{lines.get(('extends',), 1)}行 extends：应为版式名或文件路径")
    base_path = builtin_dir() / f"{parent.lower()}.yaml" if parent.lower() in BUILTIN else path.parent / parent
    base, _, _ = _read_chain(base_path, seen + (resolved,))
    return _merge(base, data), lines, str(path)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, val in over.items():
        out[key] = _merge(out[key], val) if isinstance(val, dict) and isinstance(out.get(key), dict) else val
    return out


class _Reader:
    """Typed, located access to the merged profile data."""

    def __init__(self, data: dict[str, Any], lines: dict[tuple[Any, ...], int], origin: str) -> None:
        self.data, self.lines, self.origin = data, lines, origin

    def fail(self, path: tuple[Any, ...], msg: str) -> InputError:
        probe = path
        while probe and probe not in self.lines:
            probe = probe[:-1]
        where = f" 第{self.lines[probe]}行" if probe in self.lines else ""
        return InputError(f"{self.origin}{where} {'.'.join(map(str, path))}：{msg}")

    def get(self, path: tuple[Any, ...]) -> Any:
        node: Any = self.data
        for key in path:
            if not isinstance(node, dict):
                raise self.fail(path[:-1], "应为字段表")
            node = node.get(key)
        return node

    def number(self, path: tuple[Any, ...], lo: float, hi: float, unit: str) -> float:
        value = self.get(path)
        try:
            num = float(value)
        except (TypeError, ValueError):
            raise self.fail(path, f"应为数字（{unit}），收到 {value!r}") from None
        if not lo <= num <= hi:
            raise self.fail(path, f"应在 {_n(lo)}～{_n(hi)} {unit}之间，收到 {_n(num)}")
        return num

    def text(self, path: tuple[Any, ...]) -> str:
        value = self.get(path)
        if not isinstance(value, str) or not value.strip() or len(value) > 60:
            raise self.fail(path, f"应为字体名等文字，收到 {value!r}")
        return value.strip()

    def size(self, path: tuple[Any, ...]) -> float:
        value = self.get(path)
        if isinstance(value, str) and not value.strip().replace(".", "", 1).isdigit():
            key = value.strip()
            key = _DIGITS.get(key[0], key[0]) + key[1:] if key else key
            key = key[:-1] if key.startswith("小") and key.endswith("号") else key
            if key in SIZE_NAMES:
                return float(SIZE_NAMES[key])
            raise self.fail(path, f"字号应为磅值（如 16）或字号名（如 三号、小二），收到 {value!r}")
        return self.number(path, 5, 72, "磅")

    def flag(self, path: tuple[Any, ...], default: bool) -> bool:
        value = self.get(path)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(path, f"应为 true 或 false，收到 {value!r}")
        return value

    def keys(self, path: tuple[Any, ...], allowed: set[str] | tuple[str, ...]) -> None:
        node = self.get(path) if path else self.data
        if node is None:
            return
        if not isinstance(node, dict):
            raise self.fail(path, "应为字段表")
        for key in node:
            if key not in allowed:
                raise self.fail(path + (key,), f"未知字段，可用：{'、'.join(sorted(allowed))}")


def _build(data: dict[str, Any], lines: dict[tuple[Any, ...], int], *, source: str, origin: str) -> Profile:
    r = _Reader(data, lines, origin)
    r.keys((), _TOP_KEYS)
    for section, allowed in (("page", {"width_mm", "height_mm", "margins_mm", "footer_mm", "header_mm"}),
                             ("grid", {"line_pitch_pt", "chars_per_line"}),
                             ("page_number", {"font", "size", "position", "dash"})):
        r.keys((section,), allowed)
    r.keys(("page", "margins_mm"), {"top", "bottom", "left", "right"})
    width, height = r.number(("page", "width_mm"), 50, 1000, "毫米"), r.number(("page", "height_mm"), 50, 1000, "毫米")
    margins = tuple(r.number(("page", "margins_mm", side), 0, 200, "毫米") for side in ("top", "bottom", "left", "right"))
    if margins[0] + margins[1] >= height - 20 or margins[2] + margins[3] >= width - 20:
        raise r.fail(("page", "margins_mm"), "页边距过大，版心不足20毫米")
    pitch = r.number(("grid", "line_pitch_pt"), 6, 120, "磅")
    chars = r.get(("grid", "chars_per_line"))
    if chars is not None and (not isinstance(chars, int) or isinstance(chars, bool) or not 5 <= chars <= 80):
        raise r.fail(("grid", "chars_per_line"), f"每行字数应为 5～80 的整数，或留空，收到 {chars!r}")
    latin = r.text(("latin_font",)) if r.get(("latin_font",)) is not None else "Times New Roman"
    styles = _styles(r, pitch, latin)
    gap = r.get(("title_gap_lines",))
    if gap is not None and (not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= 5):
        raise r.fail(("title_gap_lines",), f"应为 0～5 的整数，收到 {gap!r}")
    return Profile(
        name=str(data.get("name") or Path(origin).stem), description=str(data.get("description") or ""),
        source=source, page_mm=(width, height), margins_mm=margins,  # type: ignore[arg-type]
        footer_mm=r.number(("page", "footer_mm"), 0, 100, "毫米") if r.get(("page", "footer_mm")) is not None else 21.0,
        header_mm=r.number(("page", "header_mm"), 0, 100, "毫米") if r.get(("page", "header_mm")) is not None else 15.0,
        line_pitch=pitch, chars_per_line=chars, latin_font=latin, title_gap_lines=1 if gap is None else gap,
        styles=styles, page_number=_page_number(r))


def _styles(r: _Reader, pitch: float, latin: str) -> dict[str, StyleSpec]:
    r.keys(("styles",), STYLE_NAMES)
    out: dict[str, StyleSpec] = {}
    for name in STYLE_NAMES:
        path = ("styles", name)
        if not isinstance(r.get(path), dict):
            raise r.fail(path, "缺少该样式的定义（font、size……）")
        r.keys(path, _STYLE_KEYS)
        align = r.get(path + ("align",)) or "justify"
        if align not in ALIGN:
            raise r.fail(path + ("align",), f"对齐方式应为 {'、'.join(ALIGN)} 之一，收到 {align!r}")
        line = r.get(path + ("line_pitch",))
        line_pitch = None if line == "single" else pitch if line is None else r.number(path + ("line_pitch",), 6, 120, "磅")
        out[name] = StyleSpec(
            font=r.text(path + ("font",)), size=r.size(path + ("size",)),
            latin=r.text(path + ("latin",)) if r.get(path + ("latin",)) is not None else latin,
            bold=r.flag(path + ("bold",), False), align=ALIGN[align],
            indent=r.number(path + ("indent",), 0, 10, "字") if r.get(path + ("indent",)) is not None else 0.0,
            line_pitch=line_pitch, keep_next=r.flag(path + ("keep_next",), False))
    return out


def _page_number(r: _Reader) -> PageNumberSpec:
    pos = r.get(("page_number", "position")) or "outside"
    if pos not in ("outside", "center", "right"):
        raise r.fail(("page_number", "position"), f"应为 outside（单页居右、双页居左）、center 或 right，收到 {pos!r}")
    dash = r.get(("page_number", "dash"))
    return PageNumberSpec(
        font=r.text(("page_number", "font")) if r.get(("page_number", "font")) is not None else "宋体",
        size=r.size(("page_number", "size")) if r.get(("page_number", "size")) is not None else 14.0,
        position=pos, dash="" if dash in ("", None) else str(dash))


def list_profiles() -> list[Profile]:
    """The built-in profiles, in their canonical order."""
    return [_builtin(name) for name in BUILTIN]
