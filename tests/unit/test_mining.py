"""Phrase mining with jieba: recurring chunks only, whole words, verbatim, no names/places/numbers.

jieba's dictionary loads once per process (about a second); every test here shares one
mined corpus (module fixture) written for these tests.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SPEECH_A = """在全市一季度项目建设调度会上的讲话
同志们：
今天召开项目建设调度会，主要是盘点一季度项目进展，部署下一阶段工作。下面，我讲两点意见。
一、正视问题，认清形势
一季度，全市新开工项目38个，同比增长6.5%。在肯定成绩的同时，也要清醒看到存在的不足，主要表现在：一是开工率偏低。二是要素保障不到位。总的来看，形势依然严峻。
**同志指出：要加快补齐短板。
二、突出重点，全力抓好项目建设
（一）抓项目、扩投资、守底线，以项目建设为抓手。各县区要坚持抢前抓早、挂图作战，确保项目早开工。由李建国同志牵头，对接北京有关部门。
（二）强化督查抓落实。李建国同志指出：要实行周调度。对进度滞后的项目，要约谈问责。统筹抓好土壤污染、生态环境、安全生产。
同志们，时间紧、任务重。希望大家真抓实干，确保完成全年目标任务。谢谢大家！
"""

SPEECH_B = """# 在全市二季度经济运行分析会上的讲话

同志们：

这次会议的主要任务是分析上半年经济运行情况。下面，我讲三点意见。

## 一、客观看待经济运行

上半年，全市经济运行总体平稳，地区生产总值增长XX%。在肯定成绩的同时，也要看到困难，主要表现在：一是工业增长乏力。二是消费恢复偏慢。总的来看，稳增长压力较大。

## 二、聚焦重点抓投资

**（一）抓项目、扩投资、守底线。**要抢前抓早、挂图作战，以改革创新为动力，推动项目早见效。**同志指出：要压实责任。

**（二）压实责任抓落实。**王立军同志指出：各部门要靠前指挥，统筹抓好土壤污染、生态环境、安全生产。

## 三、以改革创新为动力

要守正创新，马上就办。

同志们，让我们坚定信心，确保完成全年目标任务。谢谢大家！
"""

SPEECH_C = """在全县重点工作推进会上的讲话
同志们：
今天的会议很重要。下面，我讲几点意见。
一、全力抓好重点工作
要聚焦主责主业，稳扎稳打，确保项目落地见效。青山县、白水县要加快进度，力争增长8%以上。
二、狠抓工作落实
要强化责任担当，对工作不力的严肃问责。
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from docx import Document

    root = tmp_path_factory.mktemp("archive")
    (root / "a.txt").write_text(SPEECH_A, encoding="utf-8")
    (root / "b.md").write_text(SPEECH_B, encoding="utf-8")
    doc = Document()
    for line in SPEECH_C.splitlines():
        doc.add_paragraph(line)
    doc.save(str(root / "c.docx"))
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a speech format: ignored in folders
    return root


@pytest.fixture(scope="module")
def mined(corpus: Path):
    from speechgen.mining.miner import mine

    return mine([corpus], min_freq=2, min_docs=2)


@pytest.fixture(scope="module")
def seg():
    from speechgen.mining.miner import segmenter

    return segmenter()


def _entries(result) -> dict[tuple[str, str], object]:
    return {(cat, f.text): f for cat, items in result.categories.items() for f in items}


def _sources(corpus: Path) -> list[str]:
    from speechgen.outline.read import read_lines

    return ["\n".join(line.text for line in read_lines(p, markdown=True)) for p in sorted(corpus.iterdir())
            if p.suffix in {".txt", ".md", ".docx"}]


def test_recurring_expressions_are_found_with_counts(mined) -> None:
    entries = _entries(mined)
    assert mined.documents == 3
    expected = {
        ("mined_four_char", "挂图作战"): (2, 2),
        ("mined_four_char", "抢前抓早"): (2, 2),
        ("mined_chain", "抓项目、扩投资、守底线"): (2, 2),
        ("mined_transition", "在肯定成绩的同时"): (2, 2),
        ("mined_transition", "总的来看"): (2, 2),
        ("mined_lead_in", "主要表现在"): (2, 2),
        ("mined_stock_sentence", "谢谢大家！"): (2, 2),
    }
    for key, (freq, docs) in expected.items():
        assert key in entries, key
        assert (entries[key].freq, entries[key].docs) == (freq, docs), key


def test_heading_patterns_list_real_headings(mined) -> None:
    entries = _entries(mined)
    grab = {text for (cat, text), f in entries.items() if cat == "mined_heading_pattern" and f.pattern == "{动宾}抓{名词}"}
    assert {"压实责任抓落实", "强化督查抓落实"} <= grab
    using = {text for (cat, text), f in entries.items() if cat == "mined_heading_pattern" and f.pattern == "以…为…"}
    assert using == {"以项目建设为抓手", "以改革创新为动力"}
    assert "聚焦重点抓投资" in grab  # one-off heading, but its pattern recurs


def test_roles_become_part_tags(mined) -> None:
    entries = _entries(mined)
    assert entries[("mined_four_char", "挂图作战")].roles == ["tasks"]
    assert set(entries[("mined_lead_in", "主要表现在")].roles) <= {"achievements", "situation", "problems"}
    assert entries[("mined_stock_sentence", "谢谢大家！")].roles == ["closing"]


def test_one_off_names_places_numbers_and_masks_are_not_mined(mined) -> None:
    texts = [text for _, text in _entries(mined)]
    assert "守正创新" not in texts and "稳扎稳打" not in texts  # each occurs in one speech only
    for content in ("土壤污染", "生态环境", "安全生产"):  # recurring, but content words, not formulas
        assert content not in texts
    for text in texts:
        assert not re.search(r"[0-9０-９XＸ*＊%]", text), text
        for banned in ("李建国", "王立军", "北京", "青山县", "白水县", "同志指出"):
            assert banned not in text, text


def test_every_expression_occurs_verbatim_and_as_whole_words(mined, corpus: Path, seg) -> None:
    sources = _sources(corpus)
    for (cat, text), _ in _entries(mined).items():
        assert any(text in s for s in sources), (cat, text)
        assert any(_aligned(text, line, seg) for s in sources for line in s.splitlines()), (cat, text)


def _aligned(text: str, line: str, seg) -> bool:
    """Some occurrence of *text* in *line* starts and ends on jieba token boundaries."""
    bounds, pos = {0}, 0
    for tok in seg.cut(line):
        pos += len(tok)
        bounds.add(pos)
    return any(m.start() in bounds and m.start() + len(text) in bounds for m in re.finditer(re.escape(text), line))


def test_bank_loads_and_keeps_counts(mined, tmp_path: Path) -> None:
    import yaml

    from speechgen.mining.miner import bank_yaml
    from speechgen.compose.bank import load_bank_file

    path = tmp_path / "bank.yaml"
    text = bank_yaml(mined)
    path.write_text(text, encoding="utf-8")
    bank = load_bank_file(path)
    assert set(bank.categories) - {"rally"} == set(mined.categories)  # rally: chains for the closing call
    assert all(bank.descriptions[c] for c in bank.categories)
    phrase = next(p for p in bank.categories["mined_four_char"] if p.text == "挂图作战")
    assert phrase.tags == {"part": ("tasks",)}
    raw = yaml.safe_load(text)["categories"]["mined_four_char"]["entries"]
    assert {"text", "tags", "freq", "docs"} <= set(raw[0])


def test_user_dictionary_keeps_genre_terms_whole(seg) -> None:
    words = seg.cut("规上工业增加值增长，实现双过半，深化放管服改革，坚持稳中求进，优化营商环境，做到应统尽统")
    for term in ("规上工业增加值", "双过半", "放管服", "稳中求进", "营商环境", "应统尽统"):
        assert term in words


def test_user_dictionary_file() -> None:
    from speechgen.mining.miner import user_words

    words = user_words()
    assert len(words) >= 300
    assert len({w for w, _, _ in words}) == len(words)
    assert all(not w.startswith("#") and " " not in w for w, _, _ in words)


def test_single_document_lowers_min_docs_and_progress_is_reported(corpus: Path) -> None:
    from speechgen.mining.miner import mine

    calls: list[tuple[int, int]] = []
    result = mine([corpus / "a.txt"], min_freq=2, min_docs=2, progress=lambda d, t: calls.append((d, t)))
    assert result.min_docs == 1 and result.documents == 1
    assert calls == [((corpus / "a.txt").stat().st_size, (corpus / "a.txt").stat().st_size)]
    assert ("mined_lead_in", "指出") not in _entries(result)


def test_unreadable_files_are_skipped_and_reported(corpus: Path, tmp_path: Path) -> None:
    from speechgen.mining.miner import mine

    (tmp_path / "good.txt").write_text(SPEECH_A, encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip at all")
    result = mine([tmp_path], min_freq=1, min_docs=1)
    assert result.documents == 1
    assert len(result.skipped) == 1 and "broken.docx" in result.skipped[0]


def test_missing_corpus_is_a_chinese_error(tmp_path: Path) -> None:
    from speechgen.errors import InputError
    from speechgen.mining.miner import mine

    with pytest.raises(InputError, match="不存在"):
        mine([tmp_path / "nope"])
    with pytest.raises(InputError, match="没有找到"):
        mine([tmp_path])


def test_jieba_loads_only_for_mining() -> None:
    code = ("import sys, speechgen, speechgen.outline.parse, speechgen.outline.to_spec, speechgen.cli; "
            "print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
