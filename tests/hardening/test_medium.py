"""Issue 20, medium findings: located errors instead of internal ones, non-regular outputs,
colliding region names, silent table loss, strict integers and numbers, linear checks,
template budgets, regex timeouts, FIFOs and devices, private caches."""
from __future__ import annotations

import copy
import csv
import os
import stat
from pathlib import Path

import pytest

from hostile import BASE, dump, only, refused, run_cli


def _spec(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _with(**changes: object) -> dict:
    spec = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        node = spec
        parts = dotted.split("__")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        node[parts[-1]] = value
    return spec


# ---------------------------------------------------------------- located errors, never 内部错误

NESTED = "meeting: " + "[" * 5000 + "]" * 5000 + "\n"
CASES = {
    "deep nesting": (NESTED, ["s.yaml", "嵌套"]),
    "self alias": ("meeting: &m {type: quarterly_analysis, title: x, period: Q1, year: 2025, speaker: *m}\n",
                   ["s.yaml", "第1行"]),
    "lone surrogate": (dump(BASE).replace("全市一季度经济运行分析会", '"\\uD800会议"'), ["s.yaml", "meeting.title"]),
    "bell in title": (dump(BASE).replace("全市一季度经济运行分析会", '"会议\\a名称"'), ["meeting.title", "第3个字"]),
    "bidi override": (dump(BASE).replace("推行项目周调度", '"推行\\u202E项目"'), ["tasks[0].items[0]", "U+202E"]),
    "huge exponent": (dump(BASE).replace("'5.6'", "1e308"), ["indicators[0].growth", "数量级"]),
    "tiny exponent": (dump(BASE).replace("'5.6'", "1E-999999999"), ["indicators[0].growth", "数量级"]),
    "long title": (dump(_with(meeting__title="会" * 300)), ["meeting.title", "200"]),
    "tag on mapping": (dump(BASE).replace("meeting:", "meeting: !custom", 1), ["s.yaml", "!custom"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_spec_gives_a_located_error(tmp_path: Path, case: str) -> None:
    text, words = CASES[case]
    _spec(tmp_path, text)
    for out in ("out.docx", "out.md"):
        run = run_cli("render", "s.yaml", "-o", out, cwd=tmp_path)
        refused(run, *words)
    only(tmp_path, "s.yaml")


@pytest.mark.parametrize("field,value", [("rank", "yes"), ("prev_rank", "on"), ("rank", "1_000"),
                                         ("rank_total", "true"), ("prev_rank", "0x10")])
def test_integer_fields_refuse_booleans_and_odd_spellings(tmp_path: Path, field: str, value: str) -> None:
    spec = copy.deepcopy(BASE)
    spec["indicators"][0][field] = "RAW"
    _spec(tmp_path, dump(spec).replace("RAW", value))
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, f"indicators[0].{field}", "整数")
    assert "首位" not in run.out


@pytest.mark.parametrize("value,words", [('"1_000"', "下划线"), ("1_000", "下划线"), ("yes", "是/否值"),
                                         ('"٥"', "0-9"), ('"0x10"', "0x10"), ('"5.8%"', "%")])
def test_figure_fields_refuse_odd_spellings(tmp_path: Path, value: str, words: str) -> None:
    spec = copy.deepcopy(BASE)
    spec["indicators"][0]["growth"] = "RAW"
    _spec(tmp_path, dump(spec).replace("RAW", value))
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, "indicators[0].growth", "应为数字", words)
    only(tmp_path, "s.yaml")


def test_full_width_digits_read_as_the_table_readers_read_them(tmp_path: Path) -> None:
    spec = copy.deepcopy(BASE)
    spec["indicators"][0]["growth"] = "１２．５"
    spec["indicators"][0]["rank"] = "３"
    _spec(tmp_path, dump(spec))
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    assert run.code == 0, run.out
    assert "12.5%" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_year_with_underscore_is_not_a_number(tmp_path: Path) -> None:
    _spec(tmp_path, dump(BASE).replace("year: 2025", "year: 2_025"))
    refused(run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path), "meeting.year")


def test_large_csv_field_is_located(tmp_path: Path) -> None:
    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["指标名称", "同比增长(%)"], ["地区生产总值", "5.6"], ["x" * 200_000, "1"]])
    _spec(tmp_path, dump({**BASE, "indicators": {"file": "t.csv"}}))
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, "t.csv", "第3行")
    only(tmp_path, "s.yaml", "t.csv")


def test_unwritable_output_location_is_an_input_error(tmp_path: Path) -> None:
    _spec(tmp_path, dump(BASE))
    for target in ("/proc/speechgen-test.md", "/sys/speechgen.md", "missing-dir/x.md"):
        run = run_cli("render", "s.yaml", "-o", target, "--force", cwd=tmp_path)
        refused(run, target)


def test_no_space_left_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from speechgen.cli import main

    _spec(tmp_path, dump(BASE))

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "s.yaml", "-o", "out.md"])
    assert result.exit_code == 2, result.output
    assert "写入失败" in result.output and "内部错误" not in result.output
    only(tmp_path, "s.yaml")


# ---------------------------------------------------------------- outputs that are not regular files

def test_force_never_replaces_a_fifo(tmp_path: Path) -> None:
    _spec(tmp_path, dump(BASE))
    os.mkfifo(tmp_path / "out.md")
    run = run_cli("render", "s.yaml", "-o", "out.md", "--force", cwd=tmp_path)
    refused(run, "out.md", "不是普通文件")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out.md").st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    _spec(tmp_path, dump(BASE))
    os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    run = run_cli("render", "s.yaml", "-o", "null", "--force", "--format", "md", cwd=tmp_path)
    refused(run, "null", "不是普通文件")
    assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)


def test_force_does_not_follow_a_symlink_into_another_file(tmp_path: Path) -> None:
    _spec(tmp_path, dump(BASE))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    os.symlink(victim, tmp_path / "out.md")
    run = run_cli("render", "s.yaml", "-o", "out.md", "--force", cwd=tmp_path)
    assert run.code in (0, 2), str(run)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_colliding_region_names_get_deterministic_suffixes(tmp_path: Path) -> None:
    _spec(tmp_path, dump({**BASE, "meeting": {**BASE["meeting"], "title": "{地区}一季度经济运行分析会"}}))
    with open(tmp_path / "r.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["地区", "指标名称", "单位", "本期值", "同比增长(%)"])
        for i, region in enumerate(["a/b", "ab", "a|b", "CON", "-rf", ".hidden"]):
            w.writerow([region, "地区生产总值", "亿元", f"{100 + i}.5", f"{3 + i}.1"])
    outputs = []
    for _ in range(2):
        run = run_cli("batch", "s.yaml", "--regions", "r.csv", "-o", "out", "--format", "md", "--force",
                      "--no-check", "-j", "1", cwd=tmp_path)
        assert run.code == 0, str(run)
        outputs.append(sorted(p.name for p in (tmp_path / "out").iterdir()))
    names = outputs[0]
    assert outputs[0] == outputs[1] and len(names) == 6, names
    assert not any(n.startswith(("-", ".")) or n.split(".")[0].upper() == "CON" for n in names), names
    assert "重名" in run.out + run.err
    texts = {(tmp_path / "out" / n).read_text(encoding="utf-8").splitlines()[0] for n in names}
    assert len(texts) == 6  # every region kept its own draft


# ---------------------------------------------------------------- tables: nothing dropped silently

def _xlsx(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    for ref, fmt in (formats or {}).items():
        wb.active[ref].number_format = fmt
    wb.save(path)


@pytest.mark.parametrize("shape,words", [("rows", ["5,000", "行数"]), ("cols", ["60", "列数"])])
def test_rows_and_columns_beyond_the_limit_are_an_error(tmp_path: Path, shape: str, words: list[str]) -> None:
    header = ["指标名称", "同比增长(%)"]
    if shape == "rows":
        rows = [header] + [[f"指标{i}", 1.5] for i in range(5100)]
    else:
        rows = [header + [f"备注{i}" for i in range(70)], ["地区生产总值", 5.6] + ["x"] * 70]
    _xlsx(tmp_path / "t.xlsx", rows)
    _spec(tmp_path, dump({**BASE, "indicators": {"file": "t.xlsx"}}))
    refused(run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path), "t.xlsx", *words)


def test_formula_without_cached_value_is_not_a_blank(tmp_path: Path) -> None:
    _xlsx(tmp_path / "t.xlsx", [["指标名称", "同比增长(%)"], ["地区生产总值", "=2.8*2"], ["固定资产投资", 4.1]])
    _spec(tmp_path, dump({**BASE, "indicators": {"file": "t.xlsx"}}))
    refused(run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path), "t.xlsx", "B2", "公式")


def test_float_noise_from_a_formula_is_not_printed(tmp_path: Path) -> None:
    _xlsx(tmp_path / "t.xlsx", [["指标名称", "同比增长(%)"], ["地区生产总值", 10 / 3]])
    _spec(tmp_path, dump({**BASE, "indicators": {"file": "t.xlsx"}}))
    run = run_cli("render", "s.yaml", "-o", "out.md", "--force", cwd=tmp_path)
    refused(run, "t.xlsx", "B2", "小数")


# ---------------------------------------------------------------- linear checks, bounded templates

def test_placeholder_rule_is_linear(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("# 讲话\n\n" + "{{" * 40_000 + "${" * 20_000 + "\n", encoding="utf-8")
    run = run_cli("check", "d.md", cwd=tmp_path, timeout=30)
    assert run.code == 1 and run.cpu < 5, str(run)


def test_a_long_field_does_not_slow_render(tmp_path: Path) -> None:
    _spec(tmp_path, dump(_with(tasks=[{"title": "抓项目扩投资", "items": ["{{" * 12_500]}])))
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path, timeout=30)
    assert run.code in (1, 2) and run.cpu < 5, str(run)


def test_check_of_ten_thousand_indicators_is_bounded(tmp_path: Path) -> None:
    indicators = [{"name": f"指标{i}", "value": f"{100 + i}.5", "unit": "亿元", "growth": f"{i % 9}.{i % 10}",
                   "superior_growth": "3.0"} for i in range(10_000)]
    _spec(tmp_path, dump({**BASE, "indicators": indicators}))
    lines = [f"指标{i}{100 + i}.5亿元，增长{i % 9}.{i % 10}%。" for i in range(0, 10_000)]
    (tmp_path / "d.md").write_text("# 讲话\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("check", "d.md", "--spec", "s.yaml", cwd=tmp_path, timeout=120)
    assert run.code in (0, 1) and run.peak_mb < 500 and run.cpu < 15, str(run)


@pytest.mark.parametrize("body", ["{{ 9**(9**9) }}", "{{ 'x' * 10**10 }}", "{{ '%999999999d' % 1 }}",
                                  "{{ '{:999999999}'.format(1) }}", "{{ 'x'|center(999999999) }}",
                                  "{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}",
                                  "{% for i in range(10**5) %}{% for j in range(10**5) %}x{% endfor %}{% endfor %}",
                                  "{% set x = 'y' * 900000 %}{% for i in range(10000) %}{{ x }}{% endfor %}",
                                  "{{ range(10**12)|list|length }}"])
def test_user_template_cannot_burn(tmp_path: Path, body: str) -> None:
    tdir = tmp_path / "mine" / "blocks"
    tdir.mkdir(parents=True)
    (tdir / "closing.j2").write_text(body + "\n", encoding="utf-8")
    _spec(tmp_path, dump(BASE))
    run = run_cli("render", "s.yaml", "--templates", tmp_path / "mine", "-o", "out.md", "--no-check",
                  cwd=tmp_path, timeout=40, env={"SPEECHGEN_RENDER_SECONDS": "3"})
    refused(run)
    assert "closing.j2" in run.err or "一篇稿件" in run.err, str(run)  # the template, or the render's budget
    assert not (tmp_path / "out.md").exists()


def test_nested_phrase_references_do_not_multiply(tmp_path: Path) -> None:
    lines = ["category: rally", "mode: prefer", "entries:"]
    for depth in range(12):
        lines.append(f"  - text: '{'{@rally}' * 8}'")
    (tmp_path / "p.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _spec(tmp_path, dump(BASE))
    run = run_cli("render", "s.yaml", "--phrases", "p.yaml", "-o", "out.md", cwd=tmp_path)
    refused(run, "p.yaml")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$"])
def test_rules_regex_has_a_time_limit(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "r.yaml").write_text(f"version: 1\nrules:\n  - id: evil\n    pattern: '{pattern}'\n    right: b\n",
                                     encoding="utf-8")
    (tmp_path / "d.md").write_text("# 讲话\n\n" + "a" * 40 + "!\n", encoding="utf-8")
    run = run_cli("check", "d.md", "--rules", "r.yaml", cwd=tmp_path, timeout=15,
                  env={"SPEECHGEN_REGEX_SECONDS": "0.5"})
    if run.code == 2:  # the engine gave up: a located message naming the file and the rule
        refused(run, "r.yaml", "evil", "秒")
    else:  # or the engine matched it without backtracking at all
        assert run.code in (0, 1) and run.cpu < 3, str(run)
    assert run.seconds < 10, str(run)


def test_rules_regex_that_does_not_compile(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("version: 1\nrules:\n  - id: broken\n    pattern: '(a'\n    right: b\n",
                                     encoding="utf-8")
    (tmp_path / "d.md").write_text("# 讲话\n\n正文。\n", encoding="utf-8")
    refused(run_cli("check", "d.md", "--rules", "r.yaml", cwd=tmp_path), "r.yaml", "broken")


# ---------------------------------------------------------------- devices and FIFOs as inputs

@pytest.mark.parametrize("command", [["render", "{}", "-o", "out.md"], ["check", "{}"], ["outline", "{}"],
                                     ["render", "s.yaml", "--indicators", "{}", "-o", "out.md"],
                                     ["render", "s.yaml", "--phrases", "{}", "-o", "out.md"],
                                     ["check", "d.md", "--rules", "{}"]])
@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_devices_and_fifos_are_refused_as_inputs(tmp_path: Path, command: list[str], source: str) -> None:
    _spec(tmp_path, dump(BASE))
    (tmp_path / "d.md").write_text("# 讲话\n\n正文。\n", encoding="utf-8")
    if source == "fifo":
        os.mkfifo(tmp_path / "fifo.yaml")
        source = "fifo.yaml"
    run = run_cli(*[a.replace("{}", source) for a in command], cwd=tmp_path, timeout=15)
    refused(run, source)


# ---------------------------------------------------------------- caches

def test_caches_live_in_a_private_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speechgen.core.cache import cache_dir

    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "c"))
    d = cache_dir()
    assert d is not None and stat.S_IMODE(os.stat(d).st_mode) == 0o700 and os.stat(d).st_uid == os.geteuid()
    os.chmod(d, 0o777)
    assert cache_dir() is None  # a directory others can write into is not trusted


def test_a_planted_or_corrupt_cache_is_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speechgen.core.cache import load, store

    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "c"))
    store("tags", b"stamp", {"词": "n"})
    assert load("tags", b"stamp") == {"词": "n"}
    assert load("tags", b"other stamp") is None
    path = next((tmp_path / "c").glob("tags*"))
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    assert load("tags", b"stamp") is None


def test_cache_writes_do_not_follow_planted_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speechgen.core.cache import cache_dir, store

    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "c"))
    d = cache_dir()
    victim = tmp_path / "victim"
    victim.write_text("keep", encoding="utf-8")
    for name in ("tags.cache", f"tags.cache.{os.getpid()}.tmp", "tags.cache.tmp"):
        os.symlink(victim, d / name)
    store("tags", b"stamp", {"a": "b"})
    assert victim.read_text(encoding="utf-8") == "keep"


def test_ordinary_template_arithmetic_still_works(tmp_path: Path) -> None:
    import speechgen

    blocks = tmp_path / "mine" / "blocks"
    blocks.mkdir(parents=True)
    (blocks / "closing.j2").write_text(
        "{{ 2 ** 10 }}、{{ '一' * 3 }}、{{ 12000000|filesizeformat }}、{{ ([1, 2] * 2)|length }}、"
        "{% for i in range(3) %}{{ i }}{% endfor %}、{{ '%05d' % 42 }}、{{ '{:>6}'.format('甲') }}\n", encoding="utf-8")
    text = speechgen.render(BASE, templates=[tmp_path / "mine"]).text
    assert "1024、一一一、12.0 MB、4、012、00042、     甲" in text, text[-200:]
