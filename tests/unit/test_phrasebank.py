"""The phrase bank: loads, tags valid, big enough, clean text, user banks merge, seeded picking."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from speechgen.compose.engine import RenderOptions, compose_text
from speechgen.errors import PhraseBankError
from speechgen.spec.loader import load_spec
from speechgen.compose.bank import SLOTS, TAG_VALUES, builtin_bank, load_bank, load_bank_file
from speechgen.compose.picker import PhrasePicker

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
TEMPLATES = ROOT / "templates"
_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff”）])[,;:?!()]|[,;:?!()](?=[\u4e00-\u9fff“（])")


def test_builtin_bank_is_large_enough():
    bank = builtin_bank()
    assert len(bank.categories) >= 12
    assert len(bank) >= 400
    assert all(len(entries) >= 3 for entries in bank.categories.values()), "every category offers a choice"


def test_every_tag_key_and_value_is_known():
    for cat, entries in builtin_bank().categories.items():
        for p in entries:
            for key, values in p.tags.items():
                assert key in TAG_VALUES, (cat, p.text)
                assert set(values) <= set(TAG_VALUES[key]), (cat, p.text, key, values)
            assert p.slots <= set(SLOTS), (cat, p.text)


@pytest.mark.parametrize("cat", sorted(builtin_bank().categories))
def test_phrase_text_is_clean(cat):
    for p in builtin_bank().categories[cat]:
        text = p.text
        assert not re.search(r"\d", text), f"Arabic digit in {cat}: {text}"
        assert not _HALF_WIDTH.search(text), f"half-width punctuation in {cat}: {text}"
        assert not re.search(r"[。，、；：！？]{2}", text.replace("：“", "")), f"doubled punctuation in {cat}: {text}"
        assert text.count("“") == text.count("”"), text
        assert text.count("（") == text.count("）"), text
        assert "XX" not in text and "某某" not in text, text


def test_texts_are_unique_across_the_bank():
    texts = [p.text for entries in builtin_bank().categories.values() for p in entries]
    assert len(texts) == len(set(texts))


def test_every_category_the_templates_call_exists():
    called = set()
    for f in TEMPLATES.rglob("*.j2"):
        called |= set(re.findall(r"phrase\('([a-z_]+)'", f.read_text(encoding="utf-8")))
        for group in re.findall(r"for category in \(([^)]*)\)", f.read_text(encoding="utf-8")):
            called |= set(re.findall(r"'([a-z_]+)'", group))
    called.add("problem_label")  # chosen in Python (wording.problems)
    missing = called - set(builtin_bank().categories)
    assert not missing
    assert len(called) >= 40


@pytest.mark.parametrize("bad, message", [
    ("category: x\nentries:\n- text: 好\n  tags: {colour: red}\n", "未知标签 colour"),
    ("category: x\nentries:\n- text: 好\n  tags: {period: Q5}\n", "period 的取值 Q5 无效"),
    ("category: x\nentries:\n- text: 在{nowhere}召开\n", "未知的占位符 {nowhere}"),
    ("category: x\nentries:\n- ''\n", "x[0] 应为非空文字"),
    ("category: x\nentries:\n- text: 好\n  tag: {period: Q1}\n", "未知字段 tag"),
    ("category: x\nentries: 好\n", "缺少 entries"),
    ("category: x\nmode: replace\nentries: [好]\n", "mode 应为 prefer 或 append"),
    ("- 只有一个列表\n", "应为字段表"),
])
def test_bad_bank_files_give_located_messages(tmp_path, bad, message):
    f = tmp_path / "mine.yaml"
    f.write_text(bad, encoding="utf-8")
    with pytest.raises(PhraseBankError) as exc:
        load_bank_file(f)
    assert message in str(exc.value)
    assert "mine.yaml" in str(exc.value)


def test_missing_user_bank_is_an_error(tmp_path):
    with pytest.raises(PhraseBankError, match="不存在"):
        load_bank([tmp_path / "nope.yaml"])


def _closing(spec, **opts):
    text, _ = compose_text(spec, RenderOptions(**opts))
    return next(line for line in text.splitlines() if line.startswith("::closing"))


def test_user_bank_takes_effect_and_wins(tmp_path, make_spec):
    f = tmp_path / "ours.yaml"
    f.write_text("category: closing_call\nentries:\n- 请各单位把今天的部署一条一条抓到位！\n", encoding="utf-8")
    spec = make_spec()
    for seed in range(5):
        assert "请各单位把今天的部署一条一条抓到位！" in _closing(spec, seed=seed, phrase_files=[f])
    assert "一条一条抓到位" not in _closing(spec, seed=0)


def test_user_bank_in_append_mode_mixes_with_the_builtin(tmp_path, make_spec):
    f = tmp_path / "ours.yaml"
    f.write_text("category: closing_call\nmode: append\nentries:\n- 请各单位把今天的部署一条一条抓到位！\n",
                 encoding="utf-8")
    spec = make_spec()
    closings = {_closing(spec, seed=s, phrase_files=[f]) for s in range(30)}
    assert any("一条一条抓到位" in c for c in closings)
    assert any("一条一条抓到位" not in c for c in closings)
    assert "一条一条抓到位" in _closing(spec, variety="low", phrase_files=[f])  # low: user entries first


def test_user_bank_folder_and_new_category(tmp_path, make_spec):
    (tmp_path / "a.yaml").write_text("categories:\n  endorse:\n    entries: [通报很清楚，我都同意。]\n",
                                     encoding="utf-8")
    text, _ = compose_text(make_spec(), RenderOptions(phrase_files=[tmp_path]))
    assert "通报很清楚，我都同意。" in text


def _picker(entries, variety="normal", seed=0):
    from speechgen.compose.bank import Phrase, PhraseBank

    bank = PhraseBank({"t": [Phrase(e) for e in entries]})
    return PhrasePicker(bank, random.Random(seed), context={}, slots={"region": "全市"}, variety=variety)


def test_picker_never_repeats_until_exhausted():
    pick = _picker(["甲。", "乙。", "丙。"])
    assert sorted(pick("t") for _ in range(3)) == ["丙。", "乙。", "甲。"]
    assert pick.repeats == []
    pick("t")
    assert pick.repeats == ["t"]


def test_picker_prefers_entries_that_use_every_given_fact():
    pick = _picker(["由{lead}牵头。", "由{lead}牵头，{deadline}完成。", "{deadline}完成。"])
    assert pick("t", lead="市发改委", deadline="6月底前") == "由市发改委牵头，6月底前完成。"
    # exhausted: repeat the complete sentence rather than drop the deadline
    assert pick("t", lead="市工信局", deadline="6月底前") == "由市工信局牵头，6月底前完成。"
    only_lead = _picker(["由{lead}牵头。", "由{lead}牵头，{deadline}完成。"])
    assert only_lead("t", lead="市发改委", deadline="") == "由市发改委牵头。"


def test_low_variety_takes_the_first_fitting_entry():
    assert _picker(["标准说法。", "另一说法。"], variety="low", seed=7)("t") == "标准说法。"


def test_variety_tagged_entries_only_at_high():
    from speechgen.compose.bank import Phrase, PhraseBank

    bank = PhraseBank({"t": [Phrase("平实。"), Phrase("华丽。", {"variety": ("high",)})]})
    normal = {PhrasePicker(bank, random.Random(s), context={}, slots={}, variety="normal")("t") for s in range(20)}
    high = {PhrasePicker(bank, random.Random(s), context={}, slots={}, variety="high")("t") for s in range(20)}
    assert normal == {"平实。"}
    assert high == {"平实。", "华丽。"}


def test_unfitting_context_is_an_error_not_a_wrong_phrase():
    from speechgen.compose.bank import Phrase, PhraseBank

    bank = PhraseBank({"t": [Phrase("一季度开门红。", {"period": ("Q1",)})]})
    pick = PhrasePicker(bank, random.Random(0), context={"period": "Q3"}, slots={})
    with pytest.raises(PhraseBankError, match="没有适合当前场合"):
        pick("t")


def test_kept_filter_results_follow_context_era_and_bank(monkeypatch):
    """The bank keeps what fits a context (issue 20: speed); a different context, era or bank is
    never answered from another's result, and the store stays bounded."""
    from speechgen.compose import bank as bank_mod
    from speechgen.compose.bank import Phrase, PhraseBank

    bank = PhraseBank({"t": [Phrase("一季度开门红。", {"period": ("Q1",)}), Phrase("全年收官。", {"period": ("year",)}),
                             Phrase("新阶段。", years=(2026, None))]})

    def picks(context, year=None, source=bank):
        return {PhrasePicker(source, random.Random(s), context=context, slots={}, year=year)("t") for s in range(30)}

    assert picks({"period": "Q1"}) == {"一季度开门红。", "新阶段。"}
    assert picks({"period": "year"}) == {"全年收官。", "新阶段。"}
    assert picks({"period": "Q1"}, year=2025) == {"一季度开门红。"}
    assert picks({"period": "Q1"}, source=bank.merge(PhraseBank({"t": [Phrase("新增。")]}))) == {
        "新增。", "一季度开门红。", "新阶段。"}
    monkeypatch.setattr(bank_mod, "_FITTING_KEYS", 2)
    for period in ("Q2", "H1", "Q3", "Q4"):  # each one new: the store starts afresh when full
        picks({"period": period})
        assert len(bank._fitting) <= 2


def _sentences(text: str) -> list[str]:
    body = [ln for ln in text.splitlines() if ln and not ln.startswith(("::title", "::subtitle", "#"))]
    return [s for s in re.split(r"(?<=[。！？])", "".join(body)) if len(s) > 6]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_phrase_repeats_within_a_sample_draft_across_20_seeds(sample):
    spec = load_spec(sample)
    for seed in range(20):
        variety = "high" if seed % 4 == 3 else "normal"
        text, picker = compose_text(spec, RenderOptions(seed=seed, variety=variety))
        assert picker.repeats == [], (sample.stem, seed, picker.repeats)
        chosen = [t for _, t in picker.log]
        assert len(chosen) == len(set(chosen)), (sample.stem, seed)
        sentences = _sentences(text)
        assert len(sentences) == len(set(sentences)), (sample.stem, seed)


def test_every_builtin_entry_says_where_it_fits():
    for cat, entries in builtin_bank().categories.items():
        assert all(len(p.tags.get("part", ())) == 1 for p in entries), cat


def test_category_part_must_be_known(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text("category: x\npart: middle\nentries: [好。]\n", encoding="utf-8")
    with pytest.raises(PhraseBankError, match="part 应为"):
        load_bank_file(f)


def test_mined_bank_metadata_and_outline_roles_are_accepted(tmp_path):
    f = tmp_path / "mined.yaml"
    f.write_text("categories:\n  mined_four_char:\n    entries:\n"
                 "    - {text: 抢前抓早, tags: {part: [achievements, tasks]}, freq: 5, docs: 3, pattern: AABB}\n",
                 encoding="utf-8")
    (entry,) = load_bank_file(f).categories["mined_four_char"]
    assert entry.text == "抢前抓早" and entry.tags["part"] == ("achievements", "tasks")


def test_the_cached_builtin_bank_keeps_every_field_of_every_phrase() -> None:
    """A cold process loads the bank from the private cache: era tags (years) and the rest survive."""
    from speechgen.compose import bank as bank_mod

    parsed = bank_mod._from_dump(bank_mod._to_dump(bank_mod.builtin_bank()))
    assert bank_mod._valid_dump(bank_mod._to_dump(parsed))
    before = {c: [(p.text, p.years, dict(p.tags)) for p in ps] for c, ps in bank_mod.builtin_bank().categories.items()}
    after = {c: [(p.text, p.years, dict(p.tags)) for p in ps] for c, ps in parsed.categories.items()}
    assert after == before and any(p.years for ps in parsed.categories.values() for p in ps)
