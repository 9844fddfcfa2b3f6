"""The public API: load → render → export/check, outline, batch, mine, and a stable Draft dict."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import speechgen
from speechgen.core.draft import Draft

from conftest import SAMPLES

SAMPLE = SAMPLES / "city_q1.yaml"


def test_load_from_path_text_and_dict(spec_dict) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert speechgen.load(SAMPLE) == speechgen.load(str(SAMPLE)) == speechgen.load(text)
    assert speechgen.load(spec_dict).meeting.title == spec_dict["meeting"]["title"]
    with pytest.raises(speechgen.InputError):
        speechgen.load({"meeting": {}})


def test_render_export_check_round_trip(tmp_path: Path) -> None:
    spec = speechgen.load(SAMPLE)
    draft = speechgen.render(spec, seed=5)
    assert isinstance(draft, Draft) and draft.title.startswith("在")
    md = speechgen.export(draft, fmt="md")
    assert md.decode("utf-8") == speechgen.export(speechgen.render(spec, seed=5), fmt="md").decode("utf-8")
    path = tmp_path / "x.docx"
    data = speechgen.export(draft, path)
    assert path.read_bytes() == data and data[:2] == b"PK"
    with pytest.raises(speechgen.ExportError):
        speechgen.export(draft, path)  # no clobbering without force
    assert [f for f in speechgen.proofread(draft, spec=spec) if f.severity == "error"] == []


def test_draft_dict_form_is_stable_json() -> None:
    draft = speechgen.render(SAMPLE, seed=1)
    data = json.loads(json.dumps(draft.to_dict(), ensure_ascii=False))
    assert {"title", "subtitle", "meta", "blocks"} <= set(data) <= {"title", "subtitle", "meta", "blocks", "meeting",
                                                                 "provenance", "warnings"}
    assert data["meeting"]["period"] and data["provenance"] and all(p["formula"] for p in data["provenance"])
    assert {h["role"] for b in data["blocks"] if b["type"] == "heading" for h in [b]} >= {"achievements", "tasks"}
    assert {b["type"] for b in data["blocks"]} <= {"heading", "paragraph", "table"}
    assert Draft.from_dict(data) == draft


def test_outline_and_check_files(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    speechgen.export(speechgen.render(SAMPLE), path)
    info = speechgen.outline_speech(path).to_dict()
    assert info["title"].startswith("在") and info["headings"][0]["level"] == 1
    assert isinstance(speechgen.proofread(path), list)


def test_batch_api(tmp_path: Path) -> None:
    results = speechgen.render_many([SAMPLE], tmp_path / "out", fmt="md", workers=1)
    assert [r.ok for r in results] == [True] and results[0].output.exists()


def test_all_names_resolve() -> None:
    for name in speechgen.__all__:
        assert getattr(speechgen, name) is not None


def test_mine_phrases_api(tmp_path: Path) -> None:
    for i in range(2):
        speechgen.export(speechgen.render(SAMPLE, seed=i), tmp_path / f"s{i}.md")
    result = speechgen.mine_phrases(tmp_path)
    assert result.documents == 2 and result.categories


def test_outline_spec_works_twice(tmp_path) -> None:
    """The function is not shadowed by a submodule of the same name (it was, once imported)."""
    speech = tmp_path / "旧讲话.txt"
    speech.write_text("在全市经济运行分析会上的讲话\n同志们：\n下面我讲两点意见。\n一、关于当前经济运行\n"
                      "一季度，全市经济运行总体平稳。\n二、关于下一步工作\n要抓好项目建设。\n", encoding="utf-8")
    first = speechgen.outline_spec(speech)
    second = speechgen.outline_spec(speech)
    assert first == second and first["meeting"]
