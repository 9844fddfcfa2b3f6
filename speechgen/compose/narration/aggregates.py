"""Sentences over the whole table (genre forms 6, 11, 12, 17, 21, 23) and the overall judgement.

Each sentence is produced only when the table supports it (at least two
comparable indicators; three for the 升降 tallies), so a short table yields a
short summary rather than a vacuous one.  Every count printed is recorded as a
:class:`Derived` with the rule that produced it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from speechgen.core.numbers import cn_count, cn_int, fmt_number, progress_percent
from speechgen.compose.narration.facts import Context, Facts
from speechgen.compose.narration.model import Derived, Statement
from speechgen.compose.narration.rules import judgement_of, tone_of
from speechgen.compose.narration.wording import Picker


@dataclass
class Summary:
    sentences: list[str] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)

    def say(self, pick: Picker, form: str, numbers: list[Derived] = (), **slots: "str | tuple[str, ...]") -> None:  # type: ignore[assignment]
        sentence = pick(form, slots) + "。"
        self.sentences.append(sentence)
        self.derived.extend(replace(d, context=sentence) for d in numbers)


def join_names(names: list[str]) -> str:
    """A、B和C (two: A和B)."""
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "和" + names[-1]


def _count(n: int, rule: str) -> Derived:
    return Derived(str(n), rule)


Row = tuple[Facts, Statement]


def summarise(rows: list[Row], ctx: Context, pick: Picker) -> Summary:
    out = Summary()
    _superior_tally(rows, ctx, pick, out)
    _top_ranks(rows, ctx, pick, out)
    before = len(out.sentences)
    _change_tally(rows, ctx, pick, out)
    _move_tally(rows, ctx, pick, out)
    _join_tallies(out, before, f"与{ctx.prev}相比，")
    _target_tally(rows, ctx, pick, out)
    _schedule(rows, ctx, pick, out)
    return out


def _superior_tally(rows: list[Row], ctx: Context, pick: Picker, out: Summary) -> None:
    comparable = [f for f, _ in rows if f.sup_diff is not None]
    if len(comparable) < 2:
        return
    total = len(comparable)
    m = sum(f.sup_diff > 0 for f in comparable)  # type: ignore[operator]
    k = sum(f.sup_diff < 0 for f in comparable)  # type: ignore[operator]
    sup = ctx.sup_options
    nums = [_count(total, f"有{ctx.superior}增速可比的指标数"),
            _count(m, f"增速高于{ctx.superior}的指标数"), _count(k, f"增速低于{ctx.superior}的指标数")]
    partial = "" if total == len(rows) else "partial_"
    if m == total:
        out.say(pick, "tally_all_above", nums[:1], total=str(total), sup=sup)
    elif m == 0:
        out.say(pick, "tally_none_above", nums[:1], total=str(total), sup=sup)
    elif k:
        out.say(pick, f"tally_{partial}mixed_below", nums, total=str(total), m=str(m), k=str(k), sup=sup)
    else:
        out.say(pick, f"tally_{partial}mixed", nums[:2], total=str(total), m=str(m), sup=sup)


def _top_ranks(rows: list[Row], ctx: Context, pick: Picker, out: Summary) -> None:
    top_n = ctx.rules.top_n
    top = sorted(((f.indicator.rank, i, f) for i, (f, _) in enumerate(rows)
                  if f.indicator.rank is not None and f.indicator.rank <= top_n and _ranks_high(f, top_n)),
                 key=lambda t: t[:2])
    if len(top) < 2:
        return
    names = join_names([f.indicator.name.strip() for _, _, f in top])
    top_word = Derived(cn_int(top_n), "前几位的范围（NarrationRules.top_n）")
    # names only: each indicator's own statement already gives its growth (no figure twice)
    text = pick("top_list", {"lvl": ctx.superior, "top": cn_int(top_n), "names": names})
    counts = Counter(rank for rank, _, _ in top)
    nums = [top_word]
    if max(counts.values()) >= 2:
        tally = "、".join(f"{cn_count(counts[r])}个第{cn_int(r)}" for r in sorted(counts))
        nums += [Derived(cn_count(counts[r]), f"排第{r}位的指标个数") for r in sorted(counts)]
        text += "，" + pick("rank_tally", {"tally": tally})
    out.sentences.append(text + "。")
    out.derived.extend(replace(d, context=text + "。") for d in nums)


def _ranks_high(f: Facts, top_n: int) -> bool:
    """A place among the first *top_n* is an honour only in a field large enough: third of three is
    last, not "前三位" (twice as many competitors as places named)."""
    total = f.indicator.rank_total
    return total is None or (total >= 2 * top_n and f.indicator.rank < total)


def _change_tally(rows: list[Row], ctx: Context, pick: Picker, out: Summary) -> None:
    diffs = [f.prev_diff for f, _ in rows if f.prev_diff is not None]
    if len(diffs) < 3:
        return
    m, k = sum(d > 0 for d in diffs), sum(d < 0 for d in diffs)
    j = len(diffs) - m - k
    if not m and not k:
        return
    nums = [*ctx.prev_numbers]
    if m:
        nums.append(_count(m, f"增速比{ctx.prev}加快的指标数"))
    if k:
        nums.append(_count(k, f"增速比{ctx.prev}回落的指标数"))
    if not m or not k:  # one-sided: never "0项加快"
        form = "change_tally_up" if m else "change_tally_down"
        out.say(pick, form, nums, prev=ctx.prev, **({"m": str(m)} if m else {"k": str(k)}))
    elif j:
        out.say(pick, "change_tally_flat", nums + [_count(j, f"增速与{ctx.prev}持平的指标数")],
                prev=ctx.prev, m=str(m), k=str(k), j=str(j))
    else:
        out.say(pick, "change_tally", nums, prev=ctx.prev, m=str(m), k=str(k))


def _move_tally(rows: list[Row], ctx: Context, pick: Picker, out: Summary) -> None:
    moves = [f.rank_move for f, _ in rows if f.rank_move is not None]
    if len(moves) < 3:
        return
    m, k = sum(n > 0 for n in moves), sum(n < 0 for n in moves)
    if not m and not k:
        return
    form = "move_tally" if m and k else "move_tally_up" if m else "move_tally_down"
    nums = [*ctx.prev_numbers, _count(m, f"排位比{ctx.prev}前移的指标数"), _count(k, f"排位比{ctx.prev}后移的指标数")]
    nums = [n for n in nums if n.text != "0" or form == "move_tally"]
    out.say(pick, form, nums, prev=ctx.prev, **({"m": str(m)} if m else {}), **({"k": str(k)} if k else {}))


def _join_tallies(out: Summary, before: int, lead: str) -> None:
    """The speed and rank tallies against the previous period, when both were said, as one
    sentence: "与上半年相比，1项指标增速加快、2项回落，1项排位前移、2项后移。" (the shared
    lead not said twice; another wording joined by ；)."""
    if len(out.sentences) != before + 2:
        return
    first, second = out.sentences[-2:]
    if first.startswith(lead) and second.startswith(lead):
        joined = first[:-1] + "，" + second[len(lead):]
    else:
        joined = first[:-1] + "；" + second
    out.sentences[-2:] = [joined]
    out.derived = [replace(d, context=joined) if d.context in (first, second) else d for d in out.derived]


def _target_tally(rows: list[Row], ctx: Context, pick: Picker, out: Summary) -> None:
    judged = [f for f, _ in rows if f.target_met is not None and not f.lower_better]
    if len(judged) < 2:
        return
    total, m = len(judged), sum(bool(f.target_met) for f in judged)
    nums = [_count(total, "设定目标增速的指标数"), _count(m, "增速达到或超过目标的指标数")]
    if m == total:
        out.say(pick, "target_tally_all", nums[:1], total=str(total))
    elif m == 0:
        out.say(pick, "target_tally_none", nums[:1], total=str(total))
    else:
        out.say(pick, "target_tally", nums, total=str(total), m=str(m))


def _schedule(rows: list[Row], ctx: Context, pick: Picker, out: Summary) -> None:
    period = ctx.period
    share = period.time_progress
    if share is None or period.last == 12:
        return
    if period.last == 6 and _double_half(rows, pick, out):
        return
    judged = [f for f, _ in rows if f.progress_ahead is not None]
    if len(judged) < 2:
        return  # one indicator's own statement already says 快于/慢于序时进度: no tally of one
    t = progress_percent(share)
    total, ahead = len(judged), [f for f in judged if f.progress_ahead]
    nums = [Derived(fmt_number(t), f"时序进度 = 已过月数 {period.last} ÷ 全年 12 个月 × 100%"), _count(total, "有年度目标值的指标数"),
            _count(len(ahead), "完成进度快于时序进度的指标数")]
    slots = {"t": fmt_number(t), "period": period.label, "total": str(total)}
    if not ahead:
        out.say(pick, "progress_tally_none", nums[:2], **slots)
    elif total >= 3:
        out.say(pick, "progress_tally", nums, m=str(len(ahead)), **slots)
    else:
        names = join_names([f.indicator.name.strip() for f in ahead])
        out.say(pick, "progress_tally_names", nums[:1], t=slots["t"], period=period.label, names=names)


def _double_half(rows: list[Row], pick: Picker, out: Summary) -> bool:
    judged = [f for f, _ in rows if f.double_half is not None]
    if not judged:
        return False
    passed = [f for f in judged if f.double_half]
    total = _count(len(judged), "有年度目标值和目标增速的指标数")
    if len(passed) == len(judged) and len(judged) >= 2:
        out.say(pick, "double_half_all", [total], total=total.text)
    elif passed:
        out.say(pick, "double_half_some", names=join_names([f.indicator.name.strip() for f in passed]))
    elif len(judged) == 1:  # never "1项指标均未…"
        out.say(pick, "double_half_none_one", names=judged[0].indicator.name.strip())
    else:
        out.say(pick, "double_half_none", [total], total=total.text)
    return True


# ------------------------------------------------------------------ judgement

def judge(rows: list[Row], ctx: Context, pick: Picker, region: str) -> tuple[str, str, str]:
    """(judgement, overall sentence, tone) by the rule documented in :mod:`.rules`."""
    top = [(f, s) for f, s in rows if s.part != "joined"]  # sub-items are no headline: not counted, not named
    if not top:  # no actual figure stated (none, or estimates only): no ground for any verdict
        return "", "", "positive"
    strong = [s.indicator for _, s in top if s.verdict == "strength"]
    weak = [s.indicator for _, s in top if s.verdict == "weakness"]
    judgement = judgement_of(len(top), len(strong), len(weak), ctx.rules)
    tone = tone_of(judgement, len(weak))
    # a fall of a tenth or more in any figure the draft states, sub-items included, is never "总体平稳"
    slumps = [s.indicator for f, s in rows if s.verdict == "weakness" and not f.lower_better
              and (s.facts or {}).get("growth") == "slump"]
    if judgement == "总体平稳" and slumps:
        judgement = "分化" if strong else "承压前行"
        weak = weak or slumps  # the sentence names what makes it so
        tone = tone_of(judgement, len(weak))
    form = f"overall_{judgement}"
    if judgement == "稳中有进" and not weak:
        form += "_noweak"
    needs = "".join(pick.wordings.forms.get(form, []))
    if not strong and "{strong}" in needs:  # nothing to praise: a weak indicator is never "总体平稳"
        form = "overall_承压前行" if weak else "overall_总体平稳"
    elif not weak and "{weak}" in needs:
        form = "overall_稳中有进_noweak" if strong else "overall_总体平稳"
    if form != f"overall_{judgement}" and not form.endswith("_noweak"):
        judgement = form.removeprefix("overall_")
        tone = tone_of(judgement, len(weak))
    # how hard the sentence may speak of the weak: 明显偏弱、形势不容乐观 only when a stated figure fell,
    # and then it names the ones that fell (GDP level with the city is not 明显偏弱 beside a falling one)
    def dropped(f: Facts, s: Statement) -> bool:
        return (s.facts or {}).get("growth") in ("down", "slump") and not f.lower_better

    falling = [s.indicator for f, s in top if s.verdict == "weakness" and dropped(f, s)]
    fell = any(dropped(f, s) for f, s in rows)
    named = (falling or weak) if form in ("overall_分化", "overall_承压前行") and fell else weak
    slots = {"region": region, "strong": "、".join(strong[:3]), "weak": "、".join(named[:3])}
    saved = pick.table.get("declines")
    pick.table["declines"] = "some" if fell else "none"
    try:
        sentence = pick(form, slots) + "。"
    finally:
        if saved is None:
            pick.table.pop("declines", None)
        else:
            pick.table["declines"] = saved
    return judgement, sentence, tone
