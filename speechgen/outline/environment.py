"""The situation part of an old speech → ``situation`` (national, superior, local, opportunities,
risks, verdict), every sentence marked 【待核】: last year's judgements of the environment are never
true of this year by default, so the draft does not render until a person has replaced them.
"""
from __future__ import annotations

import re
from typing import Any

from speechgen.outline.extract import CHECK, Section, Val
from speechgen.outline.review import negative

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_SCOPES = (("national", re.compile(r"^(?:从|就)?(?:国际|全球|世界|全国|国内|宏观)(?:形势|层面|上)?(?:来)?看[，,]")),
           ("superior", re.compile(r"^(?:从|就)?全?[省区州]?(?:内|里|全省|全区)(?:形势|层面)?(?:来)?看[，,]")),
           ("local", re.compile(r"^(?:从|就)?(?:我|本|全)[市县区州旗省](?:情况|自身|内部)?(?:来)?看[，,]")))
_VERDICT = re.compile(r"机遇大于挑战|挑战大于机遇|总体(?:来看|上看|而言)|综合研判|总的来看")
_OPPORTUNITY = re.compile(r"机遇|有利|利好|支撑|向好|潜力|优势|窗口期|红利|回升")


def situation(secs: list[Section]) -> dict[str, Any]:
    """``situation`` from the sections whose role is situation ({} if there are none)."""
    out: dict[str, Any] = {}
    for sec in secs:
        if sec.role != "situation":
            continue
        for text, line in sec.parts:
            for m in _SENTENCE.finditer(text):
                _place(out, m.group(0).strip(), f"原稿第{line}行：原稿的形势判断，请换成本期的")
    order = ("national", "superior", "peers", "local", "opportunities", "risks", "verdict")
    return {k: out[k] for k in order if k in out}


def _place(out: dict[str, Any], sent: str, note: str) -> None:
    if len(sent) < 6 or sent.endswith(("：", ":")):
        return
    for key, rx in _SCOPES:
        if rx.match(sent):
            out.setdefault(key, []).append({"text": Val(f"{CHECK}{sent}", note)})
            return
    if _VERDICT.search(sent) and "verdict" not in out:
        out["verdict"] = Val(f"{CHECK}{sent}", note)
    elif negative(sent):
        out.setdefault("risks", []).append(Val(f"{CHECK}{sent}", note))
    elif _OPPORTUNITY.search(sent):
        out.setdefault("opportunities", []).append(Val(f"{CHECK}{sent}", note))
    else:
        out.setdefault("local", []).append({"text": Val(f"{CHECK}{sent}", note)})
