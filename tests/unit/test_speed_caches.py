"""The start-up caches (issue 20): they change how fast, never what comes out."""
from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechgen.core import regexcache
from speechgen.core.yamlsrc import load_yaml, load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = [r"(?P<num>\d+(?:\.\d+)?)(?P<unit>亿元|万元|%)", r"[\u4e00-\u9fff]{2,}(?:会议|会)$", r"(?i)abc|d(e)f",
            r"^(一|二|三|四|五|六|七|八|九|十)+、", r"(?x) a \s+ b  # comment", r"(a)(?:b)(?P<c>c)\1"]


@pytest.fixture
def fresh_table(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regexcache, "_table", {})
    monkeypatch.setattr(regexcache, "_new", 0)
    monkeypatch.setattr(regexcache, "_used", set())
    monkeypatch.setattr(regexcache, "_run", 0)
    was = regexcache._original
    if was is not None:
        regexcache.uninstall()
    yield
    regexcache.uninstall()
    if was is not None:
        regexcache.install()


def _behaviour(p: re.Pattern[str], text: str) -> tuple:
    m = p.search(text)
    return (p.flags, p.groups, dict(p.groupindex), m and (m.span(), m.groups(), m.groupdict()), p.findall(text))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_program_from_the_table_behaves_as_compiled(fresh_table, pattern):
    text = "一、全市GDP 320.5亿元，增长5.6%，ABC def 经济运行分析会 a  b abcabca"
    plain = re._compiler.compile(pattern, 0)  # the ordinary way
    regexcache.install()
    recorded = regexcache._compile(pattern, 0)  # compiled and recorded
    assert (pattern, 0) in regexcache._table
    served = regexcache._compile(pattern, 0)  # from the table
    assert _behaviour(recorded, text) == _behaviour(served, text) == _behaviour(plain, text)


def test_table_survives_the_process_and_bad_entries_are_recompiled(fresh_table):
    regexcache.install()
    regexcache._compile(PATTERNS[0], 0)
    regexcache.save()
    regexcache.uninstall()
    regexcache._table.clear()
    regexcache.install()
    assert (PATTERNS[0], 0) in regexcache._table
    regexcache._table[(PATTERNS[0], 0)] = (0, [999999], 0, {}, (), 0)  # a program the engine refuses
    assert _behaviour(regexcache._compile(PATTERNS[0], 0), "5亿元") == _behaviour(re._compiler.compile(PATTERNS[0]), "5亿元")
    with pytest.raises(re.error):
        regexcache._compile("(unclosed", 0)  # errors are the ordinary ones


def test_patterns_no_run_uses_expire(fresh_table):
    """A pattern made from one input's text leaves the table after KEEP_RUNS saves without it."""
    regexcache.install()
    regexcache._compile("一次性的名称", 0)
    for i in range(regexcache.KEEP_RUNS + 1):
        regexcache._used.clear()
        regexcache._compile(PATTERNS[1], 0)
        regexcache._compile(f"每次不同{i}", 0)  # something new, so the table is saved
        regexcache.save()
    assert ("一次性的名称", 0) not in regexcache._table
    assert (PATTERNS[1], 0) in regexcache._table


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


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("SPEECHGEN_")}


def test_builtin_corpus_yaml_from_cache_equals_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "c"))
    for name in ("fields.yaml", "narration.yaml", "rewrite.yaml", "profiles/gbt9704.yaml"):
        path = ROOT / "corpora" / name
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
