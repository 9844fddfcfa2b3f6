"""Hostile input cases for the fuzz test and ``benchmarks/fuzz_long.py``.

One case = a few files written into an empty folder plus the command line that reads them.
:func:`make_case` draws everything from one seeded ``random.Random``, so a failing case is
reproduced from its number alone.  Kinds: specs (mutated samples and hand-made attacks),
workbooks and CSV tables, phrase files, rules files, documents for check/outline.
"""
from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.yaml") if "excel" not in p.name)

#: snippets an attacker (or a careless paste) puts into a YAML value
VALUES = [
    "yes", "on", "off", "1_000", "0x1F", "0o17", "1e308", "-1e308", "1E-999999999", ".inf", ".nan", "~", "null",
    "9" * 400, "'" + "长" * 5000 + "'", '"\\uD800"', '"\\a\\b\\x1b[31m"', '"\\u202Eabc"', '"\\u2066x\\u2069"',
    "!!binary aGVsbG8=", "!custom x", "!!python/object:os.system x", "&a [*a]", "*undefined", "[" * 60 + "]" * 60,
    "{a: {b: {c: {d: {e: {f: 1}}}}}}", "2025-02-30", "-0", "0.0000", "5.80", "-5.6", "1.5%", "五", "",
    '"{{ 7*7 }}"', '"{% include \'x\' %}"', '"${HOME}"', '"**"', '"{@rally}{@rally}"', '"\\t\\n\\r"',
    "[1, 2, 3]", "{}", "2147483648", "-1", "0", "18446744073709551617", '"' + "{{" * 3000 + '"',
]
KEYS = ["rank", "prev_rank", "rank_total", "growth", "value", "superior_growth", "year", "title", "period",
        "type", "date", "name", "items", "detail", "seed", "unit", "part", "annual_target", "target_growth",
        "file", "sheet", "leader_speaks", "principal", "排名", "增速", "会议"]


@dataclass
class Case:
    kind: str
    args: list[str]  # command line after `speechgen`
    output: str | None  # the output file the command may write


def make_case(seed: int, folder: Path) -> Case:
    rng = random.Random(seed)
    kind = rng.choices(["spec", "spec_attack", "table", "phrases", "rules", "document", "outline"],
                       weights=[30, 15, 15, 10, 10, 10, 10])[0]
    return globals()[f"_{kind}"](rng, folder)


def _write(folder: Path, name: str, data: str | bytes) -> None:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    path.write_bytes(data)


def _sample(rng: random.Random) -> str:
    return rng.choice(SAMPLES).read_text(encoding="utf-8")


def _mutate_text(rng: random.Random, text: str, rounds: int) -> str:
    lines = text.splitlines()
    for _ in range(rounds):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.35 and ":" in lines[i]:  # replace a value
            key, _, _ = lines[i].partition(":")
            lines[i] = f"{key}: {rng.choice(VALUES)}"
        elif op < 0.5:  # a new key with a hostile value
            indent = len(lines[i]) - len(lines[i].lstrip())
            lines.insert(i, " " * indent + f"{rng.choice(KEYS)}: {rng.choice(VALUES)}")
        elif op < 0.6:
            del lines[i]
        elif op < 0.7:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op < 0.8 and lines[i]:  # flip a character
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + chr(rng.choice([0, 7, 9, 27, 0x202E, 0xFEFF, 0x3000, ord(":"), ord("-"),
                                                     ord("["), ord("&"), ord("*"), ord("!"), ord("'")])) + lines[i][j + 1:]
        elif op < 0.9:  # indentation damage
            lines[i] = (" " * rng.choice([0, 1, 3, 8])) + lines[i].lstrip()
        else:
            lines[i] = lines[i] * rng.choice([2, 50, 500])
    return "\n".join(lines) + "\n"


def _spec(rng: random.Random, folder: Path) -> Case:
    _write(folder, "s.yaml", _mutate_text(rng, _sample(rng), rng.randint(1, 3)))
    out = rng.choice(["out.md", "out.docx", "out.txt", "out.json"])
    return Case("spec", ["render", "s.yaml", "-o", out], out)


ATTACKS = [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
                                            for p, c in zip("abcdefgh", "bcdefghi")) + "meeting: *i\n",
    "meeting: " + "[" * 3000 + "]" * 3000 + "\n",
    "meeting: " + "{a: " * 500 + "1" + "}" * 500 + "\n",
    "meeting: &m {type: dispatch, title: *m}\n",
    "meeting: !!python/object/apply:os.system ['true']\n",
    "? [a, b]\n: 1\n",
    "- 1\n- 2\n",
    "\ufeff\ufeffmeeting: {}\n",
    "meeting:\n  type: quarterly_analysis\n  title: x\n  period: Q1\n  year: yes\n",
    "indicators:\n  file: /etc/passwd\nmeeting: {type: dispatch, title: x, period: Q1, year: 2025}\n",
    "indicators:\n  file: /dev/zero\nmeeting: {type: dispatch, title: x, period: Q1, year: 2025}\n",
    "meeting: {type: dispatch, title: x, period: Q1, year: 2025}\nindicators:\n" +
    "".join(f"  - {{name: 指标{i}, growth: {i}e{i}}}\n" for i in range(30)),
]


def _spec_attack(rng: random.Random, folder: Path) -> Case:
    text = rng.choice(ATTACKS)
    if rng.random() < 0.5:
        text = _mutate_text(rng, text, 1)
    _write(folder, "s.yaml", text)
    out = rng.choice(["out.md", "out.docx"])
    return Case("spec_attack", ["render", "s.yaml", "-o", out], out)


CELLS = [None, "", "—", "5.6", 5.6, -3.2, 10 / 3, 1e308, float("inf"), True, "第3位", "倒数第1", "yes", "=1/0",
         "=A1*2", "x" * 40_000, "\x07", "\u202e", "1,234.5", "５．６", "5.6%", 0, 2 ** 70, "2025-04-18"]
HEADERS = ["指标名称", "单位", "本期值", "同比增长(%)", "全省增速(%)", "全省排位", "上期增速", "上期排位", "年度目标",
           "目标增速", "备注", "地区"]


def _table(rng: random.Random, folder: Path) -> Case:
    ncols, nrows = rng.randint(1, 8), rng.choice([1, 3, 10, 50, 5001])
    header = rng.sample(HEADERS, min(ncols, len(HEADERS)))
    rows = [header] + [[rng.choice(CELLS) if rng.random() < 0.5 else f"指标{r}" if c == 0 else rng.choice(["5.6", 3, "-1.2"])
                        for c in range(len(header))] for r in range(nrows)]
    if rng.random() < 0.5:
        import openpyxl

        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append([_xl(v) for v in row])
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
        if rng.random() < 0.3:
            data = _damage_zip(rng, data)
        _write(folder, "t.xlsx", data)
        name = "t.xlsx"
    else:
        buf = io.StringIO()
        csv.writer(buf).writerows([["" if v is None else str(v) for v in row] for row in rows])
        _write(folder, "t.csv", buf.getvalue())
        name = "t.csv"
    _write(folder, "s.yaml", _sample(rng).split("indicators:")[0] + f"indicators: {{file: {name}}}\n")
    if rng.random() < 0.3:
        return Case("table", ["batch", "s.yaml", "--regions", name, "-o", "out", "-j", "1", "--format", "md"], None)
    return Case("table", ["render", "s.yaml", "-o", "out.md"], "out.md")


def _xl(v: object) -> object:
    if isinstance(v, float) and v != v or v == float("inf"):
        return "inf"
    if isinstance(v, str):
        return "".join(ch for ch in v if ch >= " " or ch == "\t") or None  # openpyxl refuses controls
    return v


def _damage_zip(rng: random.Random, data: bytes) -> bytes:
    op = rng.random()
    if op < 0.4:
        i = rng.randrange(len(data))
        return data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    if op < 0.7:
        return data[: rng.randrange(len(data))]
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith("sheet1.xml"):
                body = body.replace(b"<sheetData>", b"<sheetData>" + b" " * rng.choice([10, 3_000_000]))
            dst.writestr(info.filename, body)
    return buf.getvalue()


def _phrases(rng: random.Random, folder: Path) -> Case:
    entries = [rng.choice(["让我们真抓实干！", "{@rally}" * rng.randint(1, 9), "{region}上下{@rally}",
                           "{{ 7*7 }}", "\u202e反转", "x" * 10_000, "{nope}", "{@unknown_category}"])
               for _ in range(rng.randint(1, 20))]
    text = "category: " + rng.choice(["rally", "closing", "opening", "bogus", "[1]"]) + "\nmode: " + \
        rng.choice(["prefer", "append", "weird"]) + "\nentries:\n" + "".join(f"  - {e!r}\n" for e in entries)
    _write(folder, "p.yaml", _mutate_text(rng, text, rng.randint(0, 3)))
    _write(folder, "s.yaml", _sample(rng))
    return Case("phrases", ["render", "s.yaml", "--phrases", "p.yaml", "-o", "out.md"], "out.md")


PATTERNS = ["(a+)+$", "(x|x)*y", "[", "(?<=a+)b", "\\", "同志们", "(?P<n>a)(?P=n)", ".*" * 20, "a{99999}",
            "(?i)abc", "\\p{Han}+", "", "(?:(?:a*)*)*b"]


def _rules(rng: random.Random, folder: Path) -> Case:
    rules = "".join(f"  - id: r{i}\n    pattern: {rng.choice(PATTERNS)!r}\n    right: 规范\n"
                    if rng.random() < 0.7 else f"  - id: w{i}\n    wrong: {rng.choice(['某某', '', 'x' * 600])!r}\n"
                    for i in range(rng.randint(1, 5)))
    _write(folder, "r.yaml", _mutate_text(rng, "version: 1\nrules:\n" + rules, rng.randint(0, 2)))
    _write(folder, "d.md", "# 讲话\n\n" + "a" * rng.choice([10, 30, 5000]) + "!\n同志们：\n")
    return Case("rules", ["check", "d.md", "--rules", "r.yaml"], None)


def _doc_text(rng: random.Random) -> str:
    parts = ["在全市经济工作会议上的讲话", "同志们：", "一、主要成绩", "（一）项目建设", "1.抓投资", "一是抓项目。",
             "{{ x }}", "某某", "增长-2%", "\u202e", "\x07", "\ud800", "X" * 500, "第" * 3000, "。" * 2000, "（" * 500]
    return "\n".join(rng.choice(parts) for _ in range(rng.randint(1, 400)))


def _document(rng: random.Random, folder: Path) -> Case:
    name = rng.choice(["d.md", "d.txt", "d.docx"])
    if name == "d.docx":
        _write(folder, name, _docx(rng, _doc_text(rng)))
    else:
        _write(folder, name, _doc_text(rng))
    args = ["check", name]
    if rng.random() < 0.3:
        _write(folder, "s.yaml", _mutate_text(rng, _sample(rng), rng.randint(0, 2)))
        args += ["--spec", "s.yaml"]
    return Case("document", args, None)


def _docx(rng: random.Random, text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph("".join(ch for ch in line if ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF))
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    return _damage_zip(rng, data) if rng.random() < 0.3 else data


def _outline(rng: random.Random, folder: Path) -> Case:
    case = _document(rng, folder)
    name = case.args[1]
    out = rng.choice([None, "o.yaml"])
    args = ["outline", name, *rng.choice([[], ["--json"], ["--spec"]])]
    if out:
        args += ["-o", out]
    return Case("outline", args, out)


@dataclass
class Outcome:
    seed: int
    kind: str
    code: int
    seconds: float  # wall clock
    problem: str  # empty when the case behaved
    cpu: float = 0.0  # CPU seconds of this process during the case (steadier on a shared machine)


def run_case(seed: int, folder: Path) -> Outcome:
    """Run case *seed* in-process through the CLI (CliRunner) inside the empty *folder*; judge it:
    exit 0/1/2 only, no 内部错误, no output file after a failure, no temp file left."""
    import os
    import time

    from click.testing import CliRunner

    from speechgen.cli import main

    case = make_case(seed, folder)
    before = set(os.listdir(folder))
    cwd = os.getcwd()
    os.chdir(folder)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = CliRunner().invoke(main, case.args, catch_exceptions=True)
    finally:
        os.chdir(cwd)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    code, text = result.exit_code, result.output
    problem = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problem = f"exception {type(result.exception).__name__}: {result.exception}"
    elif code not in (0, 1, 2):
        problem = f"exit {code}: {text[-300:]}"
    elif "内部错误" in text or "Traceback" in text:
        problem = f"internal error: {text[-300:]}"
    after = set(os.listdir(folder)) - before
    if any(n.endswith(".tmp") or n.startswith(".") for n in after):
        problem = problem or f"temp file left: {sorted(after)}"
    if code == 2 and case.output and case.output in after:
        problem = problem or f"output {case.output} written although the run failed"
    return Outcome(seed, case.kind, code, seconds, problem, cpu)
