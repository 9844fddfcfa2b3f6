"""The installed package (non-editable) carries templates/ and corpora/ and works from any directory."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES


def test_installed_package_renders_from_another_directory(tmp_path: Path) -> None:
    probe = subprocess.run([sys.executable, "-c", "import speechgen, sys; print(speechgen.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("speechgen is not installed in this interpreter (source checkout)")
    out = tmp_path / "draft.docx"
    result = subprocess.run([sys.executable, "-m", "speechgen", "render", str(SAMPLES / "city_q1.yaml"),
                             "-o", str(out)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 5000
    listing = subprocess.run([sys.executable, "-m", "speechgen", "templates"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert "（未找到）" not in listing.stdout
