"""The start-up caches (issue 20): they change how fast, never what comes out."""
from __future__ import annotations

import dataclasses
import marshal
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechgen.core import regexcache
from speechgen.core.runcache import KEEP_RUNS
from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import load_yaml, load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = [r"(?P<num>\d+(?:\.\d+)?)(?P<unit>亿元|万元|%)", r"[\u4e00-\u9fff]{2,}(?:会议|会)$", r"(?i)abc|d(e)f",
            r"^(一|二|三|四|五|六|七|八|九|十)+、", r"(?x) a \s+ b  # comment", r"(a)(?:b)(?P<c>c)\1"]


@pytest.fixture
def fresh_table(tmp_path, monkeypatch):
    """The hooks on fresh, empty tables in a private cache of the test's own."""
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "cache"))
    was = regexcache._original is not None
    regexcache.uninstall()
    regexcache.install()
    yield
    regexcache.uninstall()
    if was:
        regexcache.install()


def _behaviour(p: re.Pattern[str], text: str) -> tuple:
    m = p.search(text)
    return (p.flags, p.groups, dict(p.groupindex), m and (m.span(), m.groups(), m.groupdict()), p.findall(text))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_program_from_the_table_behaves_as_compiled(fresh_table, pattern):
    text = "一、全市GDP 320.5亿元，增长5.6%，ABC def 经济运行分析会 a  b abcabca"
    plain = regexcache._original(pattern, 0)  # the ordinary way
    recorded = regexcache._compile(pattern, 0)  # compiled and recorded
    assert (pattern, 0) in regexcache._regex.blobs
    served = regexcache._compile(pattern, 0)  # from the table
    assert _behaviour(recorded, text) == _behaviour(served, text) == _behaviour(plain, text)


def test_table_survives_the_process_and_bad_entries_are_recompiled(fresh_table):
    regexcache._compile(PATTERNS[0], 0)
    regexcache.save()
    regexcache.uninstall()
    regexcache.install()
    assert (PATTERNS[0], 0) in regexcache._regex.blobs
    regexcache._regex.blobs[(PATTERNS[0], 0)] = marshal.dumps((0, [999999], 0, {}, ()))  # the engine refuses it
    assert _behaviour(regexcache._compile(PATTERNS[0], 0), "5亿元") == _behaviour(re._compiler.compile(PATTERNS[0]), "5亿元")
    regexcache._regex.blobs[(PATTERNS[0], 0)] = b"\x00garbage"
    assert regexcache._compile(PATTERNS[0], 0).pattern == PATTERNS[0]
    with pytest.raises(re.error):
        regexcache._compile("(unclosed", 0)  # errors are the ordinary ones


def test_patterns_no_run_uses_expire(fresh_table):
    """A pattern made from one input's text leaves the table after KEEP_RUNS saves without it."""
    table = regexcache._regex
    regexcache._compile("一次性的名称", 0)
    for i in range(KEEP_RUNS + 1):
        table.used.clear()
        regexcache._compile(PATTERNS[1], 0)
        regexcache._compile(f"每次不同{i}", 0)  # something new, so the table is saved
        table.save()
    assert ("一次性的名称", 0) not in table.blobs
    assert (PATTERNS[1], 0) in table.blobs


def test_dataclass_methods_from_the_table_are_the_same(fresh_table):
    if regexcache._methods is None:
        pytest.skip("dataclass methods are cached on CPython 3.11 only")

    def make() -> type:
        @dataclasses.dataclass(frozen=True, order=True)
        class Row:
            name: str
            value: int = 0
            tags: tuple[str, ...] = ()
        return Row

    first = make()  # compiled and recorded
    regexcache.save()
    regexcache.uninstall()
    regexcache.install()
    assert regexcache._methods.blobs
    second = make()  # from the table
    assert second.__init__.__annotations__ == first.__init__.__annotations__  # not stringified
    a, b = second("甲", 2), second("乙")
    assert (a.value, b.value, b.tags, a < b, a == second("甲", 2), hash(a) == hash(second("甲", 2))) == \
        (2, 0, (), first("甲", 2) < first("乙"), True, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.value = 3  # type: ignore[misc]
    assert repr(a) == "test_dataclass_methods_from_the_table_are_the_same.<locals>.make.<locals>.Row(name='甲', value=2, tags=())"


def test_command_line_output_is_the_same_with_and_without_caches(tmp_path):
    """Two runs on an empty private cache (the second one served from it) and one with caches off
    write the same bytes."""
    out = []
    for i, env in enumerate([{}, {}, {"SPEECHGEN_NO_CACHE": "1"}]):
        target = tmp_path / f"d{i}.docx"
        cmd = [sys.executable, "-m", "speechgen", "render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(target)]
        res = subprocess.run(cmd, capture_output=True, env={**_env(), "SPEECHGEN_CACHE_DIR": str(tmp_path / "c"), **env})
        assert res.returncode == 0, res.stderr.decode()
        out.append(target.read_bytes())
    assert out[0] == out[1] == out[2]
    assert (tmp_path / "c" / "regex-programs.cache").exists()
    assert (tmp_path / "c" / "dataclass-methods.cache").exists()


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("SPEECHGEN_")}


def test_builtin_corpus_yaml_from_cache_equals_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "c"))
    for name in ("fields.yaml", "narration.yaml", "rewrite.yaml", "profiles/gbt9704.yaml"):
        path = corpora_dir() / name  # the installed data (CI installs the package, not the checkout)
        text = path.read_text(encoding="utf-8")
        expected = load_yaml(text, str(path))
        assert load_yaml_file(path) == expected  # parsed and stored
        assert load_yaml_file(path) == expected  # read back
    assert len(list((tmp_path / "c").glob("yaml-*.cache"))) == 4


def test_user_yaml_is_never_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "c"))
    user = tmp_path / "mine.yaml"
    user.write_text("a: 1.50\n", encoding="utf-8")
    assert load_yaml_file(user)[0] == {"a": Decimal("1.50")}
    assert not list((tmp_path / "c").glob("yaml-*.cache"))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5),
                    st.decimals(allow_nan=False, allow_infinity=False, places=2), st.dates())


@settings(max_examples=60, deadline=None)
@given(st.recursive(scalars, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=3), kids,
                                                                                       max_size=3), max_leaves=12))
def test_tagging_round_trips(value):
    from speechgen.core.yamlsrc import _tag, _untag

    back = _untag(_tag(value))
    assert back == value and type(back) is type(value)
