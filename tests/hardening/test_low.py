"""Issue 20, low findings: temp files and signals, batch workers and -j, control characters in
check output, files outside the spec's folder, YAML written by outline, figures at the limits."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hostile import BASE, dump, only, refused, run_cli


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    from speechgen.cli import main

    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, list(args))


def test_stale_temp_files_of_dead_runs_are_swept(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    from speechgen.core.files import temp_name

    stale = tmp_path / temp_name("out.md", pid=2 ** 22 + 7)
    alive = tmp_path / temp_name("out.md", pid=os.getpid())
    stale.write_bytes(b"half")
    alive.write_bytes(b"in progress elsewhere")
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    assert run.code == 0, str(run)
    assert not stale.exists() and alive.exists()


def test_sigterm_mid_write_removes_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    real = os.fsync

    def killed(fd: int) -> None:
        real(fd)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", killed)
    result = _cli(tmp_path, monkeypatch, "render", "s.yaml", "-o", "out.md")
    assert result.exit_code == 143, result.output
    assert "未写入" in result.output
    only(tmp_path, "s.yaml")
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_interrupt_after_the_file_was_written_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "s.yaml").write_text(dump(BASE), encoding="utf-8")
    import click

    real_echo = click.echo

    def echo(message: object = None, *a: object, **k: object) -> None:
        if isinstance(message, str) and message.startswith(("已写入", "已生成")):
            raise KeyboardInterrupt
        real_echo(message, *a, **k)

    monkeypatch.setattr(click, "echo", echo)
    result = _cli(tmp_path, monkeypatch, "render", "s.yaml", "-o", "out.md")
    assert result.exit_code == 130
    assert (tmp_path / "out.md").exists()
    assert "未写入任何文件" not in result.output and "out.md" in result.output


def _spec_dir(tmp_path: Path, n: int) -> list[str]:
    names = []
    for i in range(n):
        spec = {**BASE, "meeting": {**BASE["meeting"], "title": f"第{i}次经济运行分析会"}}
        (tmp_path / f"s{i}.yaml").write_text(dump(spec), encoding="utf-8")
        names.append(f"s{i}.yaml")
    return names


def _session_members(sid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getsid(int(entry)) == sid:
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_batch_workers_end_with_their_parent(tmp_path: Path) -> None:
    names = _spec_dir(tmp_path, 40)
    proc = subprocess.Popen([sys.executable, "-m", "speechgen", "batch", *names, "-o", "out", "-j", "2",
                             "--format", "docx"], cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while len(_session_members(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_session_members(proc.pid)) >= 3, "workers never started"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 5
    while _session_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _session_members(proc.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"orphaned workers {left}"


def test_jobs_are_capped_at_the_cpu_count() -> None:
    from speechgen.batch import effective_jobs

    cpus = os.cpu_count() or 1
    assert effective_jobs(1000) == cpus
    assert effective_jobs(None) == cpus
    assert effective_jobs(1000, force=True) == 1000
    assert effective_jobs(0) == 1


def test_batch_reports_a_capped_jobs_value(tmp_path: Path) -> None:
    names = _spec_dir(tmp_path, 2)
    run = run_cli("batch", *names, "-o", "out", "-j", "500", "--format", "md", cwd=tmp_path, timeout=30)
    assert run.code == 0, str(run)
    assert "CPU" in run.err


def test_check_names_bidi_and_control_characters_and_never_echoes_them(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("# 讲话\n\n今年全市经济\u202e稳中有进\x07。\n", encoding="utf-8")
    run = run_cli("check", "d.md", cwd=tmp_path)
    assert run.code == 1, str(run)
    assert "U+202E" in run.out and "U+0007" in run.out
    assert "\u202e" not in run.out + run.err and "\x07" not in run.out + run.err


def test_spec_files_outside_the_spec_folder_need_a_flag(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("指标名称,同比增长(%)\n地区生产总值,5.6\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "s.yaml").write_text(dump({**BASE, "indicators": {"file": "../../x.csv"}}), encoding="utf-8")
    refused(run_cli("render", "s.yaml", "-o", "out.md", cwd=sub), "../../x.csv", "--allow-outside")
    (sub / "t.yaml").write_text(dump({**BASE, "indicators": {"file": str(tmp_path / "x.csv")}}), encoding="utf-8")
    refused(run_cli("render", "t.yaml", "-o", "out.md", cwd=sub), "x.csv", "--allow-outside")
    run = run_cli("render", "s.yaml", "-o", "out.md", "--allow-outside", cwd=sub)
    assert run.code == 0, str(run)


def test_outline_spec_yaml_escapes_file_names(tmp_path: Path) -> None:
    name = "旧讲话\nmeeting: {title: 注入}\n#.txt"
    (tmp_path / name).write_text("在全市经济工作会议上的讲话\n\n同志们：\n\n一、主要成绩\n\n经济平稳。\n", encoding="utf-8")
    run = run_cli("outline", name, "--spec", "-o", "out.yaml", cwd=tmp_path)
    assert run.code == 0, str(run)
    data = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    assert data["meeting"].get("title") != "注入"
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "\nmeeting: {title: 注入}" not in text


@pytest.mark.parametrize("figure", ["999999999999999", "0.000000000000001", "12345678901234.5678",
                                    "-999999999999999", "0.1", "100000000000000"])
def test_a_figure_within_the_limits_prints_and_passes_the_checker(tmp_path: Path, figure: str) -> None:
    spec = {**BASE, "indicators": [{"name": "地区生产总值", "value": figure, "unit": "亿元", "growth": figure,
                                    "superior_growth": "5.2"}]}
    (tmp_path / "s.yaml").write_text(dump(spec), encoding="utf-8")
    run = run_cli("render", "s.yaml", "-o", "out.md", cwd=tmp_path)
    assert run.code == 0, str(run)
    assert figure.lstrip("-") in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_readme_lists_every_limit() -> None:
    from speechgen.core.limits import describe

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 限制", 1)[1].split("\n## ", 1)[0]
    for field, text, shown in describe():
        assert f"`{field}`" in section and shown in section, field


def test_an_edited_user_template_is_picked_up_in_the_same_process(tmp_path: Path) -> None:
    import speechgen

    blocks = tmp_path / "mine" / "blocks"
    blocks.mkdir(parents=True)
    closing = blocks / "closing.j2"
    closing.write_text("第一版结尾。\n", encoding="utf-8")
    first = speechgen.render(BASE, templates=[tmp_path / "mine"]).text
    closing.write_text("第二版结尾。\n", encoding="utf-8")
    os.utime(closing, ns=(time.time_ns(), time.time_ns() + 10_000_000))  # a later mtime even on coarse clocks
    second = speechgen.render(BASE, templates=[tmp_path / "mine"]).text
    assert "第一版结尾" in first and "第二版结尾" in second and "第一版结尾" not in second
