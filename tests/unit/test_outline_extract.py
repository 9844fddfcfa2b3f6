"""Spec extraction from an old speech: figures bound to subjects, markers for doubt, plain YAML, PDF input."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "outline_corpus"))
from annotated import load  # noqa: E402

import speechgen  # noqa: E402
from speechgen.errors import InputError  # noqa: E402
from speechgen.outline.figures import figures  # noqa: E402
from speechgen.outline.parse import outline_file, outline_text  # noqa: E402
from speechgen.outline.to_spec import spec_dict, spec_yaml  # noqa: E402

CORPUS = {sp.name: sp for sp in load()}


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(f.indicator, f.field, "待填" if f.masked else ("?" if f.value is None else str(f.value)))
            for f in figures(text, lambda _o: 1)]


@pytest.mark.parametrize("text, expected", [
    ("规上工业总产值和规上工业增加值分别增长15.6%、13.9%。",
     [("规上工业总产值", "growth", "15.6"), ("规上工业增加值", "growth", "13.9")]),
    ("全市地区生产总值完成412.6亿元，同比增长5.9%，高于全省0.6个百分点，居全省第4位。",
     [("地区生产总值", "value", "412.6"), ("地区生产总值", "growth", "5.9"),
      ("地区生产总值", "superior_growth", "5.3"), ("地区生产总值", "rank", "4")]),
    ("一般公共预算收入下降3.6%，在全省14个市州中排第13位。",
     [("一般公共预算收入", "growth", "-3.6"), ("一般公共预算收入", "rank_total", "14"),
      ("一般公共预算收入", "rank", "13")]),
    ("1-5月，规上工业增加值增长5.6%，比1-4月提高0.4个百分点。",
     [("规上工业增加值", "growth", "5.6"), ("规上工业增加值", "prev_growth", "5.2")]),
    ("固定资产投资增长6.9%，居全省第5位，较上半年前移2位。",
     [("固定资产投资", "growth", "6.9"), ("固定资产投资", "rank", "5"), ("固定资产投资", "prev_rank", "7")]),
    ("地区生产总值增长5.9%，居全省第4位，比去年同期前移2位。",  # last year's rank is not the previous period's
     [("地区生产总值", "growth", "5.9"), ("地区生产总值", "rank", "4"), ("地区生产总值", "prev_rank", "?")]),
    ("一季度生产总值增长X%，低于全省X个百分点，排名全省第XX位。",
     [("地区生产总值", "growth", "待填"), ("地区生产总值", "superior_growth", "待填"), ("地区生产总值", "rank", "待填")]),
    ("新开工亿元以上项目18个，比去年同期少5个，增长12%。", []),  # no indicator named: nothing bound
    ("地区生产总值总量居全省第5位，增速居全省第3位。",  # the size rank is not the growth rank
     [("地区生产总值", "rank", "?"), ("地区生产总值", "rank", "3")]),
    ("地区生产总值两年平均增长5.1%。", [("地区生产总值", "growth", "?")]),  # a two-year average
    ("规上工业增加值增长XX.X%，高于全省X.X个百分点。",
     [("规上工业增加值", "growth", "待填"), ("规上工业增加值", "superior_growth", "待填")]),
    ("社会消费品零售总额降幅收窄2.1个百分点，下降1.5%。", [("社会消费品零售总额", "prev_growth", "?"),
                                                         ("社会消费品零售总额", "growth", "-1.5")]),
])
def test_every_figure_is_bound_to_its_indicator(text: str, expected: list) -> None:
    assert _triples(text) == expected


def test_estimates_and_targets_are_marked() -> None:
    est = figures("预计上半年，地区生产总值同比增长5.5%左右。", lambda _o: 1)
    assert [(f.field, f.estimate) for f in est] == [("growth", True)]
    tgt = figures("今年的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长8%以上。", lambda _o: 1)
    assert [(f.indicator, f.field, f.value, f.bound) for f in tgt] == [
        ("地区生产总值", "target", Decimal(6), "左右"), ("固定资产投资", "target", Decimal(8), "以上")]


def test_spec_yaml_is_plain_ordered_and_commented() -> None:
    text = spec_yaml(outline_text(CORPUS["01_q1_city"].text, source="q1.txt"))
    assert "!!" not in text
    data = yaml.safe_load(text)
    assert list(data) == ["meeting", "indicators", "achievements", "problems", "tasks", "targets", "requirements"]
    assert data["meeting"]["year"] == 2024 and data["meeting"]["region"] == "全市"
    gdp = data["indicators"][0]
    assert (gdp["name"], gdp["value"], gdp["growth"], gdp["rank"]) == ("地区生产总值", 412.6, 5.9, 4)
    assert re.search(r"growth: 5\.9  # 第\d+行", text)
    assert gdp["prev_rank"] == "【待核】" and gdp["rank_total"] == "【待填】"


def test_masked_figures_become_placeholders_with_a_warning() -> None:
    speech = ("在全市上半年经济运行调度会上的讲话\n同志们：\n今天召开调度会。\n一、上半年经济运行情况\n"
              "上半年，全市地区生产总值增长X%，高于全省X个百分点；固定资产投资增长5.2%，居全省第3位。\n"
              "二、下半年重点工作\n（一）抓项目。要加快项目建设。\n")
    text = spec_yaml(outline_text(speech))
    assert "警告：原稿中共有" in text
    gdp = yaml.safe_load(text)["indicators"][0]
    assert gdp["growth"] == "【待填】"


def test_extracted_spec_does_not_render_until_checked(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(spec_yaml(outline_text(CORPUS["01_q1_city"].text)), encoding="utf-8")
    with pytest.raises(speechgen.SpeechgenError):
        speechgen.load(path)


def test_extracted_low_rank_is_not_praised(tmp_path: Path) -> None:
    speech = ("在全市2024年上半年经济运行分析会上的讲话\n同志们：\n今天召开分析会。\n一、上半年经济运行情况\n"
              "上半年，全市地区生产总值增长5.1%，低于全省0.4个百分点，在全省14个市州中排第13位。\n"
              "二、下半年重点工作\n（一）抓项目扩投资。要加快项目建设。\n")
    data = spec_dict(outline_text(speech))
    row = data["indicators"][0]
    assert (row["growth"], row["superior_growth"], row["rank"], row["rank_total"]) == (
        Decimal("5.1"), Decimal("5.5"), 13, 14)
    text = speechgen.render(speechgen.load(data), seed=1).text
    assert "前列" not in text and "倒数第2位" in text


def test_a_certain_figure_replaces_an_uncertain_one() -> None:
    speech = ("在全市2024年上半年经济运行分析会上的讲话\n同志们：\n今天召开分析会。\n一、上半年经济运行情况\n"
              "上半年，全市地区生产总值总量居全省第5位，增速居全省第3位，增长6.1%。\n二、下半年工作\n（一）抓项目。要加快建设。\n")
    text = spec_yaml(outline_text(speech))
    assert yaml.safe_load(text)["indicators"][0]["rank"] == 3 and "总量排位" in text


def test_outline_spec_twice() -> None:
    path = Path(__file__).resolve().parent.parent / "outline_corpus" / "05_annual_city.txt"
    assert speechgen.outline_spec(path)["meeting"]["type"] == speechgen.outline_spec(path)["meeting"]["type"]


def test_scanned_pdf_gets_a_clear_message(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="扫描件"):
        outline_file(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_of_a_speech_outlines_like_its_text(tmp_path: Path) -> None:
    src = tmp_path / "speech.txt"
    src.write_text(CORPUS["01_q1_city"].text, encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=180)
    heads = lambda o: [(h["level"], h["text"], h["role"]) for h in o.to_dict()["headings"]]  # noqa: E731
    assert heads(outline_file(tmp_path / "speech.pdf")) == heads(outline_file(src))


EXPECTED_FIGURES = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "outline_corpus" / "expected_figures.yaml").read_text(encoding="utf-8"))


def _extracted_triples(data: dict) -> list[list[str]]:
    out = [[r["name"], k, str(v)] for r in data.get("indicators", []) for k, v in r.items() if k not in {"name", "unit"}]
    out += [[r["name"], f"target_{k}", str(v)] for r in data.get("targets", []) for k, v in r.items()
            if k in {"growth", "value"}]
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_corpus_speech_figures_exactly(name: str) -> None:
    data = spec_dict(outline_text(CORPUS[name].text))
    assert sorted(_extracted_triples(data)) == sorted(EXPECTED_FIGURES[name])


def test_other_periods_and_estimates_are_comments_not_values() -> None:
    text = spec_yaml(outline_text(CORPUS["26_monthly_fagai_report"].text))
    assert "另有 growth 7.2（时期为“5月份当月”" in text
    assert yaml.safe_load(text)["meeting"]["period"] == "M1-5"


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pdf_maker import write_pdf  # noqa: E402


@pytest.mark.parametrize("name", ["01_q1_city", "07_dispatch_yao", "15_unmarked_subparts", "23_closing_pagebreak",
                                  "25_q1_problem_paragraphs"])
def test_pdf_made_from_a_speech_outlines_the_same_as_its_text(tmp_path: Path, name: str) -> None:
    from annotated import pdf_variant

    text = CORPUS[name].text
    pdf = write_pdf(tmp_path / "speech.pdf", pdf_variant(text).splitlines(), per_page=40)
    txt = tmp_path / "speech.txt"
    txt.write_text(text, encoding="utf-8")
    heads = lambda o: [(h["level"], h["text"], h["role"]) for h in o.to_dict()["headings"]]  # noqa: E731
    pdf_outline, txt_outline = outline_file(pdf), outline_file(txt)
    assert heads(pdf_outline) == heads(txt_outline)
    assert (pdf_outline.draft.title, pdf_outline.closing) == (txt_outline.draft.title, txt_outline.closing)


def test_check_reads_pdf(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from speechgen.cli import main

    pdf = write_pdf(tmp_path / "draft.pdf", ["同志们：", "今天开会。下面我讲两点意见。", "一、回顾工作",
                                            "一季度，全市地区生产总值增长XX%，工作有序推进。", "二、部署工作",
                                            "（一）抓项目。要加快进度。"])
    result = CliRunner().invoke(main, ["check", str(pdf)])
    assert result.exit_code == 1 and "placeholder" in result.output and "第4行" in result.output


def _confirm(text: str) -> str:
    """What a person does: keep checked values (drop 【待核】), delete what they cannot fill (【待填】),
    write the real name where the speech was anonymised (某某县 → 青山县)."""
    return "\n".join(l.replace("【待核】", "").replace("某某", "青山") for l in text.splitlines()
                     if "【待填】" not in l.split("#")[0]) + "\n"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_corpus_speech_gives_a_spec_that_renders_once_confirmed(name: str) -> None:
    text = spec_yaml(outline_text(CORPUS[name].text))
    assert "!!" not in text
    spec = speechgen.load(_confirm(text))
    draft = speechgen.render(spec, seed=3).text
    for problem in spec.problems:  # shortfalls are never praised as achievements
        assert problem.detail[:12] not in "".join(a for item in spec.achievements for a in item.items)
    assert draft


def test_task_lead_and_support_units_become_fields_and_leave_the_item() -> None:
    speech = ("在全市2024年一季度经济运行调度会上的讲话\n同志们：\n今天召开调度会。\n一、部署\n"
              "（一）抓项目。由市发改委牵头，市财政局、市自然资源局配合，6月底前完成前期工作。\n"
              "（二）抓工业。要帮助企业满产。\n")
    task = spec_dict(outline_text(speech))["tasks"][0]
    assert (task["lead"], task["support"], task["items"]) == ("市发改委", "市财政局、市自然资源局", ["6月底前完成前期工作。"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_old_word_doc_is_converted_and_outlined(tmp_path: Path) -> None:
    src = tmp_path / "old.txt"
    src.write_text(CORPUS["02_h1_county"].text, encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=180)
    heads = [(h["level"], h["role"]) for h in outline_file(tmp_path / "old.doc").to_dict()["headings"]]
    assert heads == [(h["level"], h["role"]) for h in outline_file(src).to_dict()["headings"]]


@pytest.mark.parametrize("paragraph, kept, problems", [
    ("全市实现地区生产总值512亿元，增长6.1%；新开工项目46个，营商环境持续优化。", ["新开工项目46个，营商环境持续优化。"], []),
    ("常态化整治违建问题，整治任务全面完成。", ["常态化整治违建问题，整治任务全面完成。"], []),
    ("在肯定成绩的同时，我们也要正视短板与问题。", [], []),  # announces problems, states none
    ("项目建设加快推进。但也要看到，部分重点项目进度滞后，投资后劲不足。", ["项目建设加快推进。"],
     ["部分重点项目进度滞后，投资后劲不足。"]),
    ("面对严峻复杂的外部环境，全市上下迎难而上，经济社会发展取得新成效。",
     ["面对严峻复杂的外部环境，全市上下迎难而上，经济社会发展取得新成效。"], []),
])
def test_review_paragraphs_split_into_work_done_and_shortfalls(paragraph: str, kept: list, problems: list) -> None:
    from speechgen.outline.review import split_review

    review = split_review([paragraph])
    assert (review.kept, review.problems) == (kept, problems)


def test_situation_part_goes_to_situation_marked_for_review() -> None:
    data = yaml.safe_load(spec_yaml(outline_text(CORPUS["02_h1_county"].text)))
    sit = data["situation"]
    assert [i["text"][:8] for i in sit["national"]] == ["【待核】从国际看", "【待核】从国内看"]
    assert sit["verdict"].startswith("【待核】总体来看，机遇大于挑战")
    tasks = data["tasks"]
    assert {t["group"] for t in tasks} == {"聚焦目标任务，全力冲刺下半年"} and all(t["verbatim"] for t in tasks)


@pytest.mark.parametrize("lead", ["从我市情况看，", "投资方面，", "就工业而言，"])
def test_a_lead_in_left_alone_by_its_figures_is_dropped(lead: str) -> None:
    from speechgen.outline.review import split_review
    review = split_review([f"{lead}地区生产总值增长5.6%。各项重点工作扎实推进，项目建设提速。"])
    assert review.kept == ["各项重点工作扎实推进，项目建设提速。"], review.kept
