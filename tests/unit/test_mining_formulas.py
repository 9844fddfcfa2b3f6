"""The genre's vocabulary beyond four-character phrases: three-character formulas, quoted slogans,
numeral formulas, real transitions; every entry with frequency, document count and a source line."""
from __future__ import annotations

from pathlib import Path

import pytest

SPEECHES = {
    "q1.txt": """在全市一季度经济运行分析会上的讲话
同志们：
今天召开一季度经济运行分析会。下面，我讲两点意见。
一、一季度经济运行实现开门红
一季度，全市上下认真做好“六稳”工作、全面落实“六保”任务，经济运行实现开门红。总的来看，稳增长的基础更加牢固。
二、全力以赴确保实现双过半
（一）扎实推进稳增长。要落实一企一策，帮扶重点企业稳产满产。
（二）着力补短板。要牢牢把握两个确保，确保“三保”支出不留缺口。在肯定成绩的同时，要扩投资、促消费。
同志们，让我们坚定信心，确保上半年实现双过半！
""",
    "h1.txt": """在全县上半年经济形势分析会上的讲话
同志们：
今天召开上半年经济形势分析会。下面，我讲两点意见。
一、上半年经济运行总体平稳
上半年，全县上下扎实做好“六稳”工作，全面落实“六保”任务，实现了双过半。在肯定成绩的同时，也要看到补短板的任务依然艰巨。
二、突出重点抓好下半年工作
（一）坚持稳增长不动摇。要对重点企业实行一企一策，确保“三保”支出。总的来看，要扩投资、促消费。
（二）牢牢把握两个确保。全县上下要打好三大攻坚战，为明年一季度开门红打下基础。
""",
    "q3.txt": """在全区前三季度经济运行分析会上的讲话
同志们：
今天召开前三季度经济运行分析会。下面，我讲两点意见。
一、前三季度经济运行稳中有进
前三季度，全区上下做好“六稳”“六保”工作，稳增长成效明显。总的来看，开门红、双过半的成果得到巩固。
二、全力冲刺四季度
（一）抓好稳增长。要坚持一企一策，全力补短板，守住“三保”底线。
（二）打好三大攻坚战。要扩投资、促消费，把握两个确保。
""",
}


@pytest.fixture(scope="module")
def mined(tmp_path_factory: pytest.TempPathFactory):
    from speechgen.mining.miner import mine

    root = tmp_path_factory.mktemp("vocab")
    for name, text in SPEECHES.items():
        (root / name).write_text(text, encoding="utf-8")
    return mine([root], min_freq=2, min_docs=2)


def _texts(mined, category: str) -> set[str]:
    return {f.text for f in mined.categories.get(category, [])}


@pytest.mark.parametrize("category, expected", [
    ("mined_three_char", {"稳增长", "补短板", "开门红", "双过半", "扩投资", "促消费"}),
    ("mined_slogan", {"六稳", "六保", "三保"}),
    ("mined_numeral_formula", {"一企一策", "两个确保", "三大攻坚战"}),
    ("mined_transition", {"总的来看", "在肯定成绩的同时"}),
])
def test_the_genre_vocabulary_is_mined(mined, category: str, expected: set[str]) -> None:
    assert expected <= _texts(mined, category)


def test_transitions_are_connectives_not_content(mined) -> None:
    transitions = _texts(mined, "mined_transition")
    assert not transitions & {"一季度", "上半年", "前三季度", "今天召开一季度经济运行分析会"}
    assert all(len(t) <= 12 for t in transitions)


def test_entries_keep_frequency_documents_and_a_source_line(mined) -> None:
    entry = next(f for f in mined.categories["mined_numeral_formula"] if f.text == "一企一策")
    assert (entry.freq, entry.docs) == (3, 3)
    name, line = entry.source.split(":")
    assert name in SPEECHES and "一企一策" in SPEECHES[name].splitlines()[int(line) - 1]


def test_enumerators_and_periods_are_not_numeral_formulas(mined) -> None:
    assert not {t for t in _texts(mined, "mined_numeral_formula") if t.startswith(("一是", "一季度", "二季度"))}


def test_bank_yaml_carries_the_source(mined) -> None:
    import yaml

    from speechgen.mining.miner import bank_yaml

    data = yaml.safe_load(bank_yaml(mined))
    entries = data["categories"]["mined_slogan"]["entries"]
    assert all({"text", "freq", "docs", "source"} <= set(e) for e in entries)


def test_pdfs_are_mined_like_text(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pdf_maker import write_pdf

    from speechgen.mining.miner import mine

    for name, text in SPEECHES.items():
        write_pdf(tmp_path / (Path(name).stem + ".pdf"), text.splitlines())
    result = mine([tmp_path], min_freq=2, min_docs=2)
    assert result.documents == 3 and not result.skipped
    assert {"一企一策", "两个确保"} <= {f.text for f in result.categories["mined_numeral_formula"]}
