"""The layer rule, pinned over the real imports of every module (function-level ones included).

``cli → web → batch → api → proof → mining → {outline, compose, exporters} → spec → core →
{errors, settings}``: a module may import its own subpackage and any layer below; siblings in
braces do not import each other; nothing imports upwards; no cycles between modules.
Imports under ``if TYPE_CHECKING:`` are annotations only and are exempt from the cycle rule.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "speechgen"
LAYERS: list[set[str]] = [
    {"cli"}, {"web"}, {"batch"}, {"api"}, {"proof"}, {"mining"},
    {"outline", "compose", "exporters"}, {"spec"}, {"core"}, {"errors", "settings", "_compat"},
]
ENTRY = {"__init__", "__main__"}


def layer_of(top: str) -> int:
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"speechgen.{top} belongs to no layer: add it to LAYERS")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path) -> list[tuple[str, int, bool]]:
    """(imported speechgen module, line, under TYPE_CHECKING) for every import in *path*."""
    me = module_name(path)
    is_pkg = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = me.split(".") if is_pkg else me.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names = [mod] + [f"{mod}.{a.name}" for a in node.names]
        for name in names:
            if name.startswith("speechgen.") and _exists(name):
                found.append((name, node.lineno, id(node) in typing_only))
    return found


def _exists(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (PKG / rel).with_suffix(".py").exists() or (PKG / rel / "__init__.py").exists()


def all_modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "_data" not in p.parts)


def violations(paths: list[Path]) -> list[str]:
    bad = []
    for path in paths:
        me = module_name(path)
        parts = me.split(".")
        if len(parts) == 1 or parts[1] in ENTRY:
            continue
        mine = parts[1]
        for name, line, _ in imports_of(path):
            top = name.split(".")[1]
            if top == mine:
                continue
            if layer_of(top) <= layer_of(mine):
                bad.append(f"{path.relative_to(PKG.parent)}:{line} imports {name} (layer of {mine} ≤ {top})")
    return bad


def test_no_upward_or_sideways_imports() -> None:
    assert violations(all_modules()) == []


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for path in all_modules():
        me = module_name(path)
        graph[me] = {n for n, _, typing in imports_of(path) if not typing and n != me
                     and not me.startswith(n + ".")}  # a package's own __init__ runs first anyway
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_top_level_keeps_only_entry_points() -> None:
    top = sorted(p.stem for p in PKG.glob("*.py"))
    assert top == sorted(["__init__", "__main__", "_compat", "api", "batch", "errors", "settings"])


def test_the_rule_catches_a_planted_upward_import(tmp_path: Path) -> None:
    planted = PKG / "core" / "_planted_upward.py"
    planted.write_text("def f():\n    from speechgen.compose import engine\n", encoding="utf-8")
    try:
        found = violations([planted])
    finally:
        planted.unlink()
    assert found and "imports speechgen.compose" in found[0]


@pytest.mark.parametrize("old, new", [
    ("speechgen.model", "speechgen.spec.model"), ("speechgen.document", "speechgen.core.draft"),
    ("speechgen.loader", "speechgen.spec.loader"), ("speechgen.check", "speechgen.proof.checker"),
    ("speechgen.narrate", "speechgen.compose.narration"), ("speechgen.phrasebank", "speechgen.compose.bank"),
])
def test_old_import_paths_still_work_with_a_deprecation_warning(old: str, new: str) -> None:
    import importlib
    import sys

    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new):
        mod = importlib.import_module(old)
    assert mod is importlib.import_module(new)
