"""Hardening: very large inputs render; interrupted writes leave neither partial nor clobbered files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import speechgen
from speechgen.errors import ExportError
from speechgen.core.files import write_atomic


def test_thousand_indicators_and_100kb_of_achievements_render() -> None:
    item = "围绕重点产业链开展精准招商，推动一批重大项目签约落地并尽快形成实物工作量"
    spec = {
        "meeting": {"type": "quarterly_analysis", "title": "全市一季度经济运行分析会", "period": "Q1",
                    "year": 2025, "speaker": {"name": "李华", "post": "市长"}},
        "indicators": [{"name": f"指标{i}", "value": f"{100 + i}.5", "unit": "亿元",
                        "growth": f"{(i % 17) - 6}.{i % 10}", "superior_growth": "3.0",
                        "rank": (i % 11) + 1, "rank_total": 11} for i in range(1000)],
        "achievements": [{"title": f"重点工作取得进展（{i}）", "items": [f"{item}，第{i}项"]} for i in range(2500)],
        "tasks": [{"title": "抓项目扩投资", "items": ["推行项目周调度"]}],
    }
    assert sum(len(a["items"][0]) for a in spec["achievements"]) > 100_000
    draft = speechgen.render(spec)
    assert draft.char_count() > 150_000
    assert "指标999" in draft.text


def test_interrupted_write_keeps_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.md"
    target.write_text("writer's version", encoding="utf-8")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ExportError, match="写入失败"):
        write_atomic(target, b"new draft", force=True)
    assert target.read_text(encoding="utf-8") == "writer's version"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_keyboard_interrupt_mid_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new.docx"

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"PK...", force=False)
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "new.md"
        write_atomic(target, b"x")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        write_atomic(target, b"y", force=True)
        assert target.stat().st_mode & 0o777 == 0o640  # an overwrite keeps the file's mode
    finally:
        os.umask(old)
