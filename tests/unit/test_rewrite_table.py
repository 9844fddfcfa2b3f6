"""The note rewriter over a table of department notes: the expected rewrite per part and meeting
type (as a pattern: the seed varies modals and frames, never the facts), and what every rewrite
keeps (numbers, quotations, no note punctuation, a final stop)."""
from __future__ import annotations

import random
import re

import pytest

from speechgen.compose.rewrite import NoteStyle, rewrite_notes, voice_for
from speechgen.compose.rewrite.punct import split_enumeration

M = r"(?:要|要抓紧|务必|坚决)?"  # the speaker's modal, varied by the seed (or none)
PROJ = r"(?:加快|抓紧|全力)推进"

CASES = [
    # --- noun lists get a verb frame: by their objects, else by their field (speech deployment)
    ("防汛备汛、道路交通、危化品", "deploy", "safety", "抓好安全生产",
     r"要(?:绷紧安全生产这根弦，)?抓好防汛备汛、道路交通、危化品等重点领域安全。"),
    ("冷链仓储二期、多式联运站场、信息平台", "deploy", "investment", "加快项目建设",
     rf"要{PROJ}冷链仓储二期、多式联运站场、信息平台等(?:项目)?建设。"),
    ("冬季购物节、汽车以旧换新补贴、县城夜市提升", "deploy", "consumption", "促进消费回暖",
     r"要(?:加快推进|扎实推进|抓好)冬季购物节、汽车以旧换新补贴、县城夜市提升等工作。"),
    ("春季消费季、美食节", "deploy", "consumption", "促消费", r"要(?:精心办好|组织好)春季消费季、美食节等活动。"),
    ("家电以旧换新补贴、购车补贴", "deploy", "consumption", "促消费",
     r"要(?:落实好家电以旧换新补贴、购车补贴等政策|把家电以旧换新补贴、购车补贴等政策落实到位)。"),
    ("安全生产风险、金融风险", "deploy", "safety", "守牢底线",
     r"要(?:防范化解|严防)安全生产风险、金融风险等各类风险。"),
    ("融资难、用工紧、订单不足", "deploy", "industry", "服务企业",
     r"要(?:着力|下大力气)解决融资难、用工紧、订单不足等问题。"),
    ("冷链物流中心建设", "deploy", "investment", "抓项目", r"要(?:加快推进|扎实推进|抓好)冷链物流中心建设。"),
    ("老旧小区改造和配套管网建设", "deploy", "urban", "城市更新",
     r"要(?:加快推进|扎实推进|抓好)老旧小区改造和配套管网建设。"),
    ("开发区体制改革、国企改革", "deploy", "reform", "深化改革",
     r"要(?:深化|扎实推进)开发区体制改革、国企改革等各项改革。"),
    ("冬季供暖、困难群众救助、农民工工资支付", "deploy", "livelihood", "兜牢民生底线",
     r"要办好冬季供暖、困难群众救助、农民工工资支付等民生实事。"),
    ("高标准农田、秋冬种", "deploy", "agriculture", "三农工作", r"要抓好高标准农田、秋冬种等农业农村工作。"),
    ("规上工业、限上商贸、房地产开发", "deploy", "stats", "应统尽统",
     r"要(?:加快推进|扎实推进|抓好)规上工业、限上商贸、房地产开发等工作。"),
    ("限上商贸企业、个体户", "dispatch", "consumption", "抓消费",
     r"要(?:精准服务限上商贸企业、个体户等经营主体|加大限上商贸企业、个体户等培育力度)。"),
    # --- "name：a、b、c" → 围绕/聚焦 name，…; a name that repeats the heading is dropped
    ("智慧物流港：冷链仓储二期、多式联运站场、信息平台；", "deploy", "investment", "抓好项目攻坚",
     rf"要(?:围绕|聚焦)智慧物流港，{PROJ}冷链仓储二期、多式联运站场、信息平台等(?:项目)?建设。"),
    ("重点项目建设：城北污水管网、第二水厂", "deploy", "investment", "加快重点项目建设",
     rf"要{PROJ}城北污水管网、第二水厂等(?:项目)?建设。"),
    ("夜经济：步行街提升、夜市", "deploy", "consumption", "促进消费",
     r"要(?:围绕|聚焦)夜经济，抓好步行街提升、夜市等消费促进工作。"),
    ("产业园区：标准化厂房三期、园区道路", "report", "investment", "园区建设",
     r"围绕产业园区，(?:加快)?推进标准化厂房三期、园区道路等项目建设。"),
    ("抓好安全生产：开展燃气、自建房专项整治", "deploy", "safety", "抓好安全生产",
     rf"{M}开展燃气、自建房专项整治。"),
    # --- sentences with a predicate: the modal, after a subject the note names
    ("加快专项债券资金支出，12月10日前支出进度达到95%以上", "deploy", "investment", "抓投资",
     r"(?:要|务必)加快专项债券资金支出，12月10日前支出进度达到95%以上。"),
    ("县统计局会同行业主管部门逐一核查在建项目", "deploy", "stats", "应统尽统",
     r"县统计局(?:要|务必|要抓紧)会同行业主管部门逐一核查在建项目。"),
    ("各乡镇（街道）摸排闲置厂房，建立台账", "deploy", "industry", "盘活资源", r"各乡镇（街道）要摸排闲置厂房，建立台账。"),
    ("统计部门要会同行业主管部门核查，防止漏统少统", "deploy", "stats", "应统尽统",
     r"统计部门要会同行业主管部门核查，防止漏统少统。"),
    ("对投资完成率低于80%的项目，由分管副县长每周到现场调度一次", "deploy", "investment", "抓投资",
     r"对投资完成率低于80%的项目，(?:要|务必)由分管副县长每周到现场调度一次。"),
    ("对欠税企业逐户清缴；加快国有资产资源处置", "deploy", "fiscal", "抓收入",
     r"要对欠税企业逐户清缴，加快国有资产资源处置。"),
    ("坚决遏制重特大事故发生", "deploy", "safety", "安全生产", r"坚决遏制重特大事故发生。"),
    ("遏制重特大事故发生", "deploy", "safety", "安全生产", r"坚决遏制重特大事故发生。"),
    ("确保零就业家庭动态清零", "deploy", "livelihood", "就业", r"确保零就业家庭动态清零。"),
    ("11月底前完成燃气管网隐患排查整治", "deploy", "safety", "安全生产",
     r"11月底前(?:要|要抓紧|务必)完成燃气管网隐患排查整治。"),
    ("稳订单、拓市场、保生产", "deploy", "industry", "稳工业", r"要稳订单、拓市场、保生产。"),
    ("县商务局：组织3家企业参加广交会", "deploy", "trade", "稳外贸", r"县商务局(?:要|要抓紧)组织3家企业参加广交会。"),
    ("商务局:推动3家商贸企业升规入统", "deploy", "consumption", "促消费", r"商务局(?:要|要抓紧)推动3家商贸企业升规入统。"),
    ("目标：全年新增规上企业15家", "deploy", "industry", "培育企业", r"全年(?:要|务必)新增规上企业15家。"),
    ("我局将加快推进老旧小区改造，年内完成118个", "deploy", "urban", "城市更新",
     r"县住建局要加快推进老旧小区改造，年内完成118个。"),
    ("下一步，我们将办好第三届“山货节”", "deploy", "consumption", "促消费", r"县住建局要办好第三届“山货节”。"),
    ("签约项目12个，总投资 48.6 亿元", "deploy", "reform", "招商", r"要签约项目12个，总投资48.6亿元。"),
    # --- note punctuation and bullets become sentence punctuation
    ("1) 推进“智改数转”，全年实施技改项目120个以上", "deploy", "industry", "工业",
     r"(?:要抓紧|要|务必)推进“智改数转”，全年实施技改项目120个以上。"),
    ("（2）组织“百企千岗”招聘会3场", "deploy", "livelihood", "就业", r"要(?:抓紧)?组织“百企千岗”招聘会3场。"),
    ("- 培育夜间经济集聚区3个;", "deploy", "consumption", "消费", r"要培育夜间经济集聚区3个。"),
    ("• 争取专项债券资金5.2亿元。", "deploy", "investment", "投资", r"争取专项债券资金5.2亿元。"),
    ("③ 完成1,200户农房抗震改造", "deploy", "urban", "住房", r"要(?:抓紧)?完成1,200户农房抗震改造。"),
    ("一是压减一般性支出10%以上", "deploy", "fiscal", "财政", r"(?:要|务必)压减一般性支出10%以上。"),
    ('推动园区"亩均论英雄"综合评价全覆盖', "deploy", "reform", "改革", r"要(?:抓紧)?推动园区“亩均论英雄”综合评价全覆盖。"),
    ("加强重点税源监控;清缴欠税 ", "deploy", "fiscal", "财政", r"要加强重点税源监控，清缴欠税。"),
    ("建立重点企业监测制度\n按月报送分析报告", "deploy", "industry", "监测", r"要建立重点企业监测制度，按月报送分析报告。"),
    ("“亩均论英雄”", "deploy", "reform", "改革", r"要(?:深入开展“亩均论英雄”|把“亩均论英雄”落到实处)。"),
    ("推动4家企业升规入统\n12月底前", "deploy", "stats", "入统", r"(?:要抓紧|要|务必)在12月底前推动4家企业升规入统。"),
    # --- a very long note is split where a new predicate starts
    ("县级领导逐户走访12户重点工业企业，帮助落实订单、电力和资金，对企业提出的问题当场能解决的当场解决，"
     "当场不能解决的明确责任单位和办结时限，限期反馈，并在下次调度会上通报办理情况，对推诿扯皮、久拖不决的严肃追责",
     "deploy", "industry", "工业",
     r"县级领导要逐户走访12户重点工业企业，帮助落实订单、电力和资金。对企业提出的问题当场能解决的当场解决，"
     r"当场不能解决的明确责任单位和办结时限，限期反馈，并在下次调度会上通报办理情况，对推诿扯皮、久拖不决的严肃追责。"),
    # --- dispatch: the same imperative, the genre's firmer modals
    ("盯紧12个未入库项目，月底前全部入库", "dispatch", "investment", "抓入库", r"(?:要|务必)盯紧12个未入库项目，月底前全部入库。"),
    ("对进度滞后的项目挂牌督办", "dispatch", "investment", "抓项目", r"要对进度滞后的项目挂牌督办。"),
    # --- work report: third person, no 要
    ("要加强项目调度，确保全年完成投资41亿元以上", "report", "investment", "加快重点项目建设",
     r"加强项目调度，确保全年完成投资41亿元以上。"),
    ("股室要逐项对账，9月底前完成", "report", "general", "内部管理", r"股室将逐项对账，9月底前完成。"),
    ("项目谋划、专项债券申报培训", "report", "general", "队伍建设", r"(?:做好|抓好)项目谋划、专项债券申报培训等工作。"),
    ("冬季购物节、家电以旧换新", "report", "consumption", "促消费", r"做好冬季购物节、家电以旧换新等消费促进工作。"),
    ("对8个未开工项目实行“一项目一方案”，逐项销号", "report", "investment", "项目建设",
     r"对8个未开工项目实行“一项目一方案”，逐项销号。"),
    # a department's 我局 in a report of the whole region: the leading unit says it
    ("下一步，我局将加快项目前期工作", "report", "investment", "项目建设", r"县住建局将加快项目前期工作。"),
    ("我镇将加快项目前期工作", "report", "investment", "项目建设", r"我镇将加快项目前期工作。"),
    # --- achievements: results as written, noun lists framed as work done
    ("新能源装备、绿色建材两个产业集群：产值分别增长12.6%、9.8%", "achievements", "industry", "工业运行稳中有升",
     r"新能源装备、绿色建材两个产业集群，产值分别增长12.6%、9.8%。"),
    ("滨河物流园一期、县城第二水厂、城北污水管网；均已建成投用", "achievements", "investment", "项目建设提速",
     r"滨河物流园一期、县城第二水厂、城北污水管网均已建成投用。"),
    ("新增规上工业企业11家", "achievements", "industry", "工业", r"新增规上工业企业11家。"),
    ("春节消费季、美食节", "achievements", "consumption", "消费回暖", r"举办春节消费季、美食节等活动。"),
    ("完成老旧小区改造118个，新建改建城市道路41公里", "achievements", "urban", "城市建设",
     r"完成老旧小区改造118个，新建改建城市道路41公里。"),
    ("已达标的4户企业；12月10日前完成入规", "deploy", "industry", "扩增量", r"已达标的4户企业，12月10日前完成入规。"),
    # --- problems: deficits and causes kept, lists as 主要是……
    ("订单不足、融资难、用工紧", "problems", "industry", "企业经营困难", r"主要是订单不足、融资难、用工紧等问题。"),
    ("新开工项目少；产业类项目占比不到四成，储备项目前期工作滞后", "problems", "investment", "投资后劲不足",
     r"新开工项目少，产业类项目占比不到四成，储备项目前期工作滞后。"),
    ("传统产业占比仍在六成以上，新兴产业规模还不够大", "problems", "industry", "产业结构偏重",
     r"传统产业占比仍在六成以上，新兴产业规模还不够大。"),
    ("受原材料价格上涨影响，部分企业利润下滑", "problems", "industry", "企业效益下滑", r"受原材料价格上涨影响，部分企业利润下滑。"),
    ("融资难", "problems", "finance", "融资", r"主要是融资难问题。"),
    ("工业方面：3户重点企业停产", "problems", "industry", "工业", r"工业方面，主要是3户重点企业停产。"),
    # --- a clause about a thing takes the speaker's 推动, or 要 before the verb that sets its figure
    ("国企改革深化提升", "deploy", "reform", "深化改革", r"要(?:抓紧)?推动国企改革深化提升。"),
    ("全年粮食播种面积稳定在98万亩以上", "deploy", "agriculture", "稳粮", r"全年粮食播种面积(?:要|务必)稳定在98万亩以上。"),
    ("项目审批时限压缩至5个工作日", "deploy", "general", "优化服务", r"项目审批时限(?:要|务必)压缩至5个工作日。"),
    ("11月底前再开工一批产业项目", "deploy", "investment", "抓项目", r"11月底前(?:要|务必|要抓紧)再开工一批产业项目。"),
    ("明年项目谋划：11月底前各乡镇报送储备项目清单", "deploy", "investment", "谋项目",
     r"明年项目谋划方面，11月底前各乡镇(?:要|务必)报送储备项目清单。"),
    ("春节前后组织“春风行动”招聘活动", "deploy", "general", "稳就业", r"春节前后组织“春风行动”招聘活动。"),
    ("营商环境持续优化", "report", "general", "营商环境", r"营商环境持续优化。"),
    # --- verbs the lexicon knows (not framed as a noun list) and frames that fit their object
    ("根治欠薪", "deploy", "livelihood", "兜牢民生底线", r"要根治欠薪。"),
    ("获评省级先进制造业县", "achievements", "industry", "产业转型", r"获评省级先进制造业县。"),
    ("中秋、国庆假期接待游客312万人次", "achievements", "consumption", "消费回暖", r"中秋、国庆假期接待游客312万人次。"),
    ("高新技术企业87家、专精特新企业6家", "achievements", "industry", "企业培育", r"高新技术企业87家、专精特新企业6家。"),
    ("汛期24小时值班", "deploy", "safety", "防汛", r"要(?:抓紧)?(?:严格落实|落实好)汛期24小时值班制度。"),
    ("汛期24小时值班", "report", "safety", "防汛", r"落实汛期24小时值班制度。"),
    # --- the safety frame only for safety domains; principles of responsibility are 要求
    ("党政同责、一岗双责、齐抓共管、失职追责", "deploy", "safety", "压实责任",
     r"要(?:严格落实党政同责、一岗双责、齐抓共管、失职追责等要求|把党政同责、一岗双责、齐抓共管、失职追责等要求落到实处)。"),
    ("签订安全生产责任书", "deploy", "safety", "压实责任", r"要签订安全生产责任书。"),
    # --- a span of months or years takes the dash (GB/T 15834), not inside a quotation
    ("1-9月新增规上工业企业11家", "achievements", "industry", "工业", r"1—9月新增规上工业企业11家。"),
    ("编制2024-2026年行动计划", "deploy", "general", "规划", r"要编制2024—2026年行动计划。"),
    # --- review round 4: results in achievements stay as written (not 推进……工作)
    ("省级特色小镇创建通过验收", "achievements", "general", "城乡建设", r"省级特色小镇创建通过验收。"),
    ("惠企政策免申即享", "achievements", "general", "优化营商环境", r"惠企政策免申即享。"),
    ("楼宇经济：东湖国际、创智大厦、金融港三栋楼宇税收超亿元", "achievements", "services", "服务业",
     r"楼宇经济方面，东湖国际、创智大厦、金融港三栋楼宇税收超亿元。"),
    ("康养产业园一期投产", "achievements", "industry", "工业", r"康养产业园一期投产。"),
    # a report drops 要 at the start of every clause, and a subject's 要 becomes 将
    ("我街道将全力抓好税源培育，要加大对重点企业的走访服务力度", "report", "fiscal", "财税",
     r"我街道将全力抓好税源培育，加大对重点企业的走访服务力度。"),
    ("各局办中心要加强调度", "report", "general", "调度", r"各局办中心将加强调度。"),
    ("加快征收进度，12月底前要完成城南片区改造", "report", "urban", "城市建设", r"加快征收进度，12月底前完成城南片区改造。"),
    # inline numbering inside one note: each part its own clause, each with a verb
    ("1.防止规模性返贫;2.帮扶产业提质增效;3.易地搬迁后续扶持", "deploy", "agriculture", "乡村振兴",
     r"坚决防止规模性返贫，帮扶产业提质增效，(?:抓好)易地搬迁后续扶持工作。"),
    ("（1）项目入库纳统（2）土地报批（3）要素保障", "report", "investment", "项目建设",
     r"(?:推进|抓好)项目入库纳统、土地报批、要素保障等工作。"),
    ("一是稳住工业基本盘，二是扩大有效投资", "deploy", "general", "稳增长", r"要稳住工业基本盘，扩大有效投资。"),
    ("①稳订单②拓市场", "deploy", "industry", "稳工业", r"要稳订单[、，]拓市场。"),
    # a time, then a noun list: the list still gets its verb
    ("6月底前，项目入库纳统、土地报批、要素保障", "report", "investment", "项目建设",
     r"6月底前，(?:推进|抓好)项目入库纳统、土地报批、要素保障等工作。"),
    # a figure after a compound noun: 要实现/要完成 before the whole phrase, never 城镇要新增就业
    ("城镇新增就业1.2万人以上", "deploy", "livelihood", "稳就业", r"(?:要|务必)实现城镇新增就业1.2万人以上。"),
    ("高标准农田建设3.5万亩", "deploy", "agriculture", "粮食安全", r"要(?:抓紧)?完成高标准农田建设3.5万亩。"),
    ("城乡居民人均可支配收入增长6%", "deploy", "income", "增收", r"城乡居民人均可支配收入(?:要|务必)增长6%。"),
    # a time inside the clause marks where the predicate starts
    ("汽车以旧换新补贴11月底前兑付完毕", "deploy", "consumption", "促消费",
     r"汽车以旧换新补贴(?:要|务必)在11月底前兑付完毕。"),
    # a frame's tail never repeats what the item already names
    ("经普数据开发应用", "deploy", "stats", "统计", r"要做好经普数据开发应用工作。"),
    ("土地报批", "deploy", "investment", "项目建设", r"要(?:抓好|做好|统筹抓好)土地报批工作。"),
    ("技改投资18亿元", "deploy", "industry", "工业", r"要(?:抓紧)?完成技改投资18亿元。"),
    ("污水处理厂三期12月底前投运", "deploy", "investment", "项目建设", r"污水处理厂三期(?:要|务必)在12月底前投运。"),
    ("各乡镇要加强调度，同时要压实责任", "report", "general", "调度", r"各乡镇将加强调度，同时压实责任。"),
]
_NOTE_MARKS = re.compile(r"[;,:!?]|[；：，、]$|^(?:[-•·*（(①-⑳]|\d+[)）.、])|[；：，、][。！？]")


@pytest.mark.parametrize("note, voice, field, heading, pattern", CASES, ids=[c[0][:14] for c in CASES])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rewrite_pattern(note, voice, field, heading, pattern, seed):
    out = "".join(rewrite_notes([note], NoteStyle(voice, field, heading, "县住建局"), random.Random(seed)))
    assert re.fullmatch(pattern, out), out


@pytest.mark.parametrize("note, voice, field, heading, pattern", CASES, ids=[c[0][:14] for c in CASES])
def test_rewrite_keeps_facts_and_fixes_punctuation(note, voice, field, heading, pattern):
    sentences = rewrite_notes([note], NoteStyle(voice, field, heading), random.Random(5))
    text = "".join(sentences)
    for number in re.findall(r"\d+(?:[.,]\d+)*%?", split_enumeration(note).replace(" ", "")):  # 2. 3. are marks
        if not re.fullmatch(r"\d\)?", number) or number in note[3:]:
            assert number in text
    for quoted in re.findall(r"[“\"]([^”\"]+)[”\"]", note):
        assert f"“{quoted}”" in text
    for s in sentences:
        assert s[-1] in "。！？" and not _NOTE_MARKS.search(s.replace("1,200", "")), s


def test_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("part, mtype, voice", [
    ("tasks", "quarterly_analysis", "deploy"), ("tasks", "annual_conference", "deploy"),
    ("tasks", "department", "deploy"), ("tasks", "dispatch", "dispatch"), ("tasks", "work_report", "report"),
    ("tasks", "statement", "report"), ("achievements", "dispatch", "achievements"),
    ("problems", "work_report", "problems"),
])
def test_voice_per_part_and_meeting_type(part, mtype, voice):
    assert voice_for(part, mtype) == voice


def test_modals_vary_and_never_double():
    notes = ["加快项目建设", "推进技改", "培育企业", "做好统计", "抓好招商", "办好活动"]
    out = rewrite_notes(notes, NoteStyle("deploy"), random.Random(3))
    assert out[0].startswith("要")
    assert not any(a.startswith("要") and b.startswith("要") for a, b in zip(out, out[1:]))
    assert not any("要要" in s or "要务必" in s for s in out)


@pytest.mark.parametrize("notes, voice, field, sentences, pattern", [
    # short facts of one item read as one sentence
    (["原材料价格上涨", "应收账款回收周期拉长", "有3家企业停产半停产"], "problems", "industry", 1,
     r"原材料价格上涨，应收账款回收周期拉长，有3家企业停产半停产。"),
    (["企业开办时间压缩至0.5个工作日", "办理“高效办成一件事”事项23项"], "achievements", "general", 1,
     r"企业开办时间压缩至0.5个工作日，办理“高效办成一件事”事项23项。"),
    # a fact with commas of its own stays a sentence (templates may string items with ；)
    (["新能源电池产业园二期投产，新增产值18亿元", "新增规上工业企业11家"], "achievements", "industry", 2, None),
    # short directives: one modal, one sentence
    (["做好冬季供暖保障", "安全生产", "根治欠薪"], "deploy", "livelihood", 1, r"要做好冬季供暖保障，\w+安全生产，根治欠薪。"),
    (["谋划储备涉农项目50个以上", "争取中央和省级资金3亿元"], "deploy", "agriculture", 1,
     r"(?:要|务必)谋划储备涉农项目50个以上，争取中央和省级资金3亿元。"),
    # directives with commas of their own stay points of their own
    (["推进传统产业“智改数转”，全年实施技改项目120个以上", "培育省级以上专精特新企业30家以上"], "deploy", "industry", 2, None),
    # consecutive noun notes of one item: one list in one frame (not 抓好A工作，抓好B工作)
    (["规上企业满产达产", "新入规企业培育", "技改投资"], "deploy", "industry", 1,
     r"要(?:统筹)?抓好规上企业满产达产、新入规企业培育、技改投资等工作。"),
    (["城北污水管网", "第二水厂"], "deploy", "investment", 1, rf"要{PROJ}城北污水管网、第二水厂等项目建设。"),
    (["融资难", "用工紧"], "problems", "industry", 1, r"主要是融资难、用工紧等问题。"),
    (["背街小巷整治", "垃圾分类", "违建拆除1.2万平方米"], "achievements", "urban", 1,
     r"推进背街小巷整治、垃圾分类等工作，违建拆除1.2万平方米。"),
    (["汽车、家电以旧换新", "夜间经济", "县城商圈提升"], "deploy", "consumption", 1,
     r"要(?:加快推进|扎实推进|抓好)汽车、家电以旧换新、夜间经济、县城商圈提升等(?:消费促进)?工作。"),
])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_notes_of_one_item_are_strung_like_a_writers(notes, voice, field, sentences, pattern, seed):
    out = rewrite_notes(notes, NoteStyle(voice, field), random.Random(seed))
    assert len(out) == sentences, out
    if pattern:
        assert re.fullmatch(pattern, "".join(out)), out


@pytest.mark.parametrize("seed", range(6))
def test_noun_notes_of_one_item_do_not_repeat_a_frame(seed):
    # two noun notes of one kind are one list in one frame
    out = "".join(rewrite_notes(["农村人居环境整治提升", "农村供水保障"], NoteStyle("deploy", "agriculture"),
                                random.Random(seed)))
    assert re.fullmatch(r"要(?:加快推进|扎实推进|抓好)农村人居环境整治提升、农村供水保障等工作。", out), out
    # noun notes of different kinds keep their frames, never the same head verb twice
    out = "".join(rewrite_notes(["城北污水管网", "春季消费季", "冬季供暖", "规上工业"], NoteStyle("deploy", "consumption"),
                                random.Random(seed)))
    heads = re.findall(r"(推进|办好|组织好|抓好)", out)
    assert len(heads) == len(set(heads)) >= 3, out
