"""The cached package (:mod:`speechgen.exporters.docx.skeleton`) writes the bytes python-docx writes, and
:mod:`~speechgen.exporters.docx.zipout` the bytes zipfile writes."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechgen
from speechgen.core.draft import Draft
from speechgen.exporters.docx import ooxml as ox
from speechgen.exporters.docx import skeleton as sk
from speechgen.exporters.docx import zipout
from speechgen.exporters.docx.comments import annotate, paragraph_texts
from speechgen.exporters.docx.explain import figure_comments
from speechgen.exporters.docx.writer import _meeting_date, python_docx, to_docx
from speechgen.exporters.profiles import load_profile

ROOT = Path(__file__).resolve().parents[2]


def _by_python_docx(draft: Draft, profile: str, explain: bool) -> bytes:
    """What ``to_docx`` wrote before the skeleton: python-docx for every draft."""
    stamp = _meeting_date(draft.meta)
    data = python_docx(draft, load_profile(profile), None)
    if explain and draft.provenance:
        data = annotate(data, figure_comments(paragraph_texts(data), draft.provenance))
    return ox.deterministic_zip(data, (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sk, "_MEMO", {})


@pytest.mark.parametrize("sample, profile, explain, table", [
    ("city_q1", "speech", False, False), ("city_q1", "gbt9704", True, True),
    ("county_work_report", "gbt9704", False, False), ("county_h1", "podium", True, True),
    ("city_annual", "speech", True, False), ("county_statement", "podium", False, True),
])
def test_same_bytes_as_python_docx(sample, profile, explain, table):
    draft = speechgen.render(ROOT / "samples" / f"{sample}.yaml", table=table)
    expected = _by_python_docx(draft, profile, explain)
    assert to_docx(draft, profile=profile, explain=explain) == expected  # skeleton built now
    sk._MEMO.clear()
    assert to_docx(draft, profile=profile, explain=explain) == expected  # skeleton read from the cache


def test_cache_off_and_corrupt_cache_still_write_the_same(tmp_path, monkeypatch):
    draft = speechgen.render(ROOT / "samples" / "city_q1.yaml")
    expected = _by_python_docx(draft, "speech", False)
    to_docx(draft, profile="speech")
    files = list((tmp_path / "cache").glob("docx-skeleton-*.cache"))
    assert len(files) == 1
    data = bytearray(files[0].read_bytes())
    data[-10] ^= 0xFF  # a flipped byte fails the checksum: the skeleton is rebuilt, not trusted
    files[0].write_bytes(bytes(data))
    sk._MEMO.clear()
    assert to_docx(draft, profile="speech") == expected
    monkeypatch.setenv("SPEECHGEN_NO_CACHE", "1")
    sk._MEMO.clear()
    assert to_docx(draft, profile="speech") == expected


def test_profile_file_gets_its_own_skeleton(tmp_path):
    prof = tmp_path / "narrow.yaml"
    prof.write_text("extends: speech\npage:\n  margins_mm: {top: 40, bottom: 35, left: 30, right: 30}\n", encoding="utf-8")
    draft = speechgen.render(ROOT / "samples" / "city_q1.yaml")
    assert to_docx(draft, profile=prof) == _by_python_docx(draft, str(prof), False)
    assert to_docx(draft, profile=prof) != to_docx(draft, profile="speech")


def test_property_checks_match_python_docx():
    """A property python-docx refuses is refused the same way (never silently cut)."""
    draft = Draft(title="标题", meta={"meeting": "会" * 256, "date": "2025-04-18"})
    with pytest.raises(ValueError, match="255"):
        to_docx(draft, profile="speech")
    with pytest.raises(ValueError, match="255"):
        python_docx(draft, load_profile("speech"), None)


def _by_zipfile(members: list[tuple[str, bytes]], date_time: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    return out.getvalue()


_NAMES = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x9fff, blacklist_categories=("Cs",)),
                 min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(members=st.lists(st.tuples(_NAMES, st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode)),
                        max_size=6, unique_by=lambda m: m[0]),
       date_time=st.tuples(st.integers(1980, 2107), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
                           st.integers(0, 59), st.integers(0, 59)))
def test_zipout_writes_what_zipfile_writes(members, date_time):
    """The archive with reused deflated members is byte for byte zipfile's, and reads back."""
    made = zipout.archive([zipout.member(n, d) for n, d in members], date_time)
    assert made == _by_zipfile(members, date_time)
    with zipfile.ZipFile(io.BytesIO(made)) as zf:
        assert zf.testzip() is None
        assert [(i.filename, zf.read(i)) for i in zf.infolist()] == members
