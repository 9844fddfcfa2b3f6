"""A bank mined from the office's speeches changes the drafts: its chains fill the closing call."""
from __future__ import annotations

from pathlib import Path

import pytest

import speechgen
from speechgen.mining.miner import bank_yaml, is_rally, mine

from conftest import SAMPLES

SPEECH = """\
在全县工作推进会上的讲话

同志们：

今天召开这次会议，主要任务是部署下一阶段工作。下面，我讲两点意见。

一、认清形势，增强紧迫感

当前工作任务十分繁重，各单位要高度重视，狠抓落实。

二、突出重点，抓好各项工作

要抓项目、扩投资，要稳运行、保增长。

同志们，任务艰巨，使命光荣。让我们同心同德、众志成城，确保完成全年目标任务！
"""


@pytest.mark.parametrize(("text", "ok"), [("同心同德、众志成城", True), ("凝心聚力、真抓实干、奋勇争先", True),
                                          ("抓项目、扩投资", False), ("谁行动快、谁措施实", False), ("同心同德", False)])
def test_is_rally(text: str, ok: bool) -> None:
    assert is_rally(text) is ok


def test_mined_chain_reaches_the_closing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"s{i}.txt").write_text(SPEECH.replace("全县", f"第{i}县"), encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text(bank_yaml(mine([corpus])), encoding="utf-8")
    assert "同心同德、众志成城" in bank.read_text(encoding="utf-8")
    spec = speechgen.load(SAMPLES / "city_q1.yaml")
    used = [("同心同德、众志成城" in speechgen.render(spec, seed=seed, phrases=[bank]).text) for seed in range(10)]
    assert sum(used) >= 5, used  # most closing calls take a rally chain, and the office's own comes first
    assert not any("同心同德、众志成城" in speechgen.render(spec, seed=seed).text for seed in range(10))
