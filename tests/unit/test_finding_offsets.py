"""Findings carry the exact characters they concern (start/end in the file's line): what --annotate anchors on."""
from __future__ import annotations

from speechgen.proof.checker import check_text

TEXT = "\n".join([
    "关于春季工作的讲话",
    "",
    "同志们：",
    "　　今年1-4月，全县工业增长-2%，高于全省2%，引进高层次人材12人。",
    "  在以习近平总书记为核心的党中央坚强领导下，我们再接再励，投资完成XX亿元。",
    "　　会议定于2025年04月08号召开,请各单位做好准备。",
])


def test_every_located_finding_quotes_its_characters() -> None:
    lines = TEXT.split("\n")
    findings = check_text(TEXT, source="稿件.txt")
    assert {f.rule for f in findings} >= {"norms", "sign-verb", "percent-point", "placeholder", "date", "punctuation"}
    for f in findings:
        assert f.start is not None and f.end is not None, f
        concerned = lines[f.line - 1][f.start:f.end]
        assert concerned and concerned in f.text, (f, concerned)


def test_offsets_count_the_indent_and_later_lines() -> None:
    findings = {(f.rule, f.text): f for f in check_text(TEXT, source="稿件.txt")}
    lines = TEXT.split("\n")
    core = findings[("norms", "以习近平总书记为核心的党中央")]
    assert lines[core.line - 1][core.start:core.end] == "以习近平总书记为核心的党中央"
    assert core.start == 3  # two spaces of indent and "在"
    hyphen = next(f for (rule, _), f in findings.items() if rule == "norms" and f.line == 4 and "1" in f.text)
    assert lines[3][hyphen.start:hyphen.end] == "-"
