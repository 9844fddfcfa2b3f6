"""The library entry points: drafts, files, rendered samples, the broken draft."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from speechgen.proof.checker import check_draft, check_file, check_text, ensure_clean, failed, rule_ids, summary
from speechgen.core.draft import Draft, Heading, Paragraph, Run
from speechgen.errors import CheckFailed, InputError
from speechgen.spec.loader import load_spec
from speechgen.core.markup import parse_markup

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def test_clean_sample_draft_has_no_findings() -> None:
    assert check_file(DATA / "clean_draft.md") == []


def test_clean_draft_pasted_as_plain_text_has_no_findings() -> None:
    text = (DATA / "clean_draft.md").read_text(encoding="utf-8")
    plain = text.replace("**", "").replace("## ", "").replace("# ", "")
    assert check_text(plain, source="稿.txt") == []


def test_broken_draft_trips_every_rule() -> None:
    findings = check_file(DATA / "broken_draft.md", spec=DATA / "check_spec.yaml")
    assert {f.rule for f in findings} == set(rule_ids()) - {"spec-placeholder"}  # check_spec.yaml is filled
    assert failed(findings)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_rendered_samples_check_clean(sample: Path, seed: int) -> None:
    from speechgen.api import render
    from speechgen.exporters import export_bytes

    spec = load_spec(sample)
    draft = render(spec, seed=seed, table=seed == 7)
    assert check_draft(draft, spec=spec) == []
    for fmt in ("md", "txt"):
        text = export_bytes(draft, fmt).decode("utf-8")
        assert check_text(text, spec=spec, source=f"稿.{fmt}") == [], fmt


def test_draft_lines_follow_the_text_export() -> None:
    draft = parse_markup("::title 在会上的讲话\n::salutation 同志们：\n\n# 工作回顾\n\n增速高于全省2%。\n")
    (finding,) = check_draft(draft)
    assert finding.line == draft.text.splitlines().index("\u3000\u3000增速高于全省2%。") + 1


def test_draft_heading_numbering_comes_from_the_draft() -> None:
    draft = Draft(blocks=[Heading(1, "甲", marker="一、"), Heading(1, "乙", marker="三、"),
                          Heading(2, "子", marker="（一）"), Heading(2, "子", marker="2."),
                          Paragraph([Run("正文。")])])
    messages = [f.message for f in check_draft(draft) if f.rule == "numbering"]
    assert any("缺少二、" in m for m in messages)
    assert any("混用编号" in m for m in messages)


def test_docx_line_is_the_paragraph_number(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    for text in ("在会上的讲话", "同志们：", "一、工作回顾", "全市GDP增长X%。"):
        doc.add_paragraph(text)
    path = tmp_path / "稿.docx"
    doc.save(str(path))
    (finding,) = check_file(path)
    assert (finding.rule, finding.line, finding.text) == ("placeholder", 4, "X")


def test_markdown_bold_is_markup_but_masked_figures_are_not() -> None:
    text = "**一要压实责任。**各部门要靠前指挥，完成投资**亿元，同比增长**%。"
    found = [f for f in check_text(text, source="稿.md") if f.rule == "placeholder"]
    assert len(found) == 2
    assert len([f for f in check_text(text, source="稿.txt") if f.rule == "placeholder"]) == 4


def test_narration_numbers_are_accepted(monkeypatch: pytest.MonkeyPatch, make_spec) -> None:
    import speechgen.compose.narration as narrate_mod

    spec = make_spec()
    text = "地区生产总值两年平均增长77.7%。"
    assert "number" in [f.rule for f in check_text(text, spec=spec)]

    def fake(spec_, *, rng=None):
        return narrate_mod.Narration(derived=[narrate_mod.Derived("77.7%", "两年平均")])

    monkeypatch.setattr(narrate_mod, "narrate", fake)
    assert "number" not in [f.rule for f in check_text(text, spec=spec)]


def test_a_failing_narration_does_not_break_the_check(monkeypatch: pytest.MonkeyPatch, make_spec) -> None:
    import speechgen.compose.narration as narrate_mod

    def broken(spec_, *, rng=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(narrate_mod, "narrate", broken)
    spec = make_spec()
    assert check_text("地区生产总值增长5.6%，高于全省0.4个百分点。", spec=spec) == []


def test_select_and_ignore() -> None:
    text = "增长X%，高于全省2%。"
    assert [f.rule for f in check_text(text, select=["placeholder"])] == ["placeholder"]
    assert "placeholder" not in [f.rule for f in check_text(text, ignore=["placeholder"])]
    with pytest.raises(InputError, match="未知的检查规则"):
        check_text(text, select=["spelling"])


def test_ensure_clean_raises_check_failed_with_the_findings() -> None:
    draft = Draft(blocks=[Paragraph([Run("全市GDP增长X%。")])])
    with pytest.raises(CheckFailed) as err:
        ensure_clean(draft)
    assert err.value.exit_code == 1
    assert "placeholder" in str(err.value) and err.value.findings[0].rule == "placeholder"
    assert ensure_clean(Draft(blocks=[Paragraph([Run("全市经济稳中向好。")])])) == []


def test_finding_dict_shape_and_summary() -> None:
    findings = check_text("增长X%。")
    assert list(findings[0].to_dict()) == ["rule", "severity", "line", "text", "message", "start", "end"]
    assert summary(findings).startswith("共发现 1 处问题") and summary([]) == "未发现问题。"
    assert not failed([]) and failed(findings)


def test_missing_and_corrupt_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        check_file(tmp_path / "无.txt")
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="docx"):
        check_file(bad)


def test_random_text_never_raises() -> None:
    rng = random.Random(3)
    alphabet = "一二三是要第、，。；：“”‘’（）《》【】()X*某〇0123456789.%-年月日号增长下降高于全省个百分点\n#"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        for source in ("a.txt", "a.md"):
            for f in check_text(text, source=source):
                assert f.line >= 1 and f.severity in ("error", "warning") and f.message


def test_enumerator_headings_continue_their_series_across_headings() -> None:
    draft = Draft(blocks=[Heading(1, "要求", marker="一、"),
                          Heading(2, "压实责任。", marker="一要", body=[Run("正文。")]),
                          Heading(2, "强化督查。", marker="二要", body=[Run("正文。")]),
                          Heading(1, "其他", marker="二、"), Paragraph([Run("二要加强协调。")])])
    findings = [f for f in check_draft(draft) if f.rule == "numbering"]
    assert [(f.line, f.text) for f in findings] == [(5, "二要")]
