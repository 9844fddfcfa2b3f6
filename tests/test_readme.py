"""The README's 快速上手 runs as written: every command exits 0 in a fresh directory holding the repository's samples."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## 快速上手"):]
    block = section[section.index("```bash\n") + 8:]
    block = block[:block.index("```")]
    return [re.sub(r"\s+#\s.*$", "", line).strip() for line in block.splitlines() if line.strip()]


def test_install_line_shows_venv_activation() -> None:
    first = quick_start()[0]
    assert first.startswith("python3 -m venv .venv") and ". .venv/bin/activate" in first and "pip install" in first


@pytest.mark.skipif(not (BIN / "speechgen").exists(), reason="speechgen is not installed in this environment")
def test_every_quick_start_command_runs(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")  # what a fresh clone has
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    commands = quick_start()[1:]  # the first line installs (done: this environment has speechgen)
    assert len(commands) >= 10
    for cmd in commands:
        assert cmd.startswith("speechgen ")
        done = subprocess.run(["bash", "-c", cmd], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{cmd}\n{done.stdout[-800:]}\n{done.stderr[-800:]}"
    for made in ("新会议.yaml", "讲话稿.docx", "讲话稿.md", "讲话稿-批注.docx", "修订稿.docx", "上半年.yaml",
                 "今年.yaml", "本单位短语.yaml", "spec.schema.json"):
        assert (tmp_path / made).stat().st_size > 0
