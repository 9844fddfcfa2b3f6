"""Speeches written for the corpus-tool tests (fictional places, people and figures),
and a generator that turns clean paragraphs into PDF-extracted-looking text.

Each sample is a list of paragraphs plus the headings the outliner must find:
(level, marker, text, role).  ``pdf_text`` hard-wraps paragraphs at a page
width, breaks pages with page numbers in varied styles and a running header,
and reports the source line of every character so tests can check ``line``.
"""
from __future__ import annotations

from dataclasses import dataclass

QUARTERLY = [
    "在全市2025年一季度经济运行分析会上的讲话",
    "市长　周立新",
    "（2025年4月16日）",
    "同志们：",
    "今天，市政府召开全市一季度经济运行分析会，主要任务是盘点一季度经济运行情况，研判当前形势，安排部署二季度重点工作。"
    "刚才，市统计局通报了一季度主要指标完成情况，市发改委、市工信局分别作了发言，讲得都很好，我都同意。下面，我讲三点意见。",
    "一、客观看待一季度经济运行，坚定实现“双过半”的信心",
    "一季度，全市上下认真落实市委、市政府决策部署，主要经济指标实现平稳开局。全市地区生产总值完成386.2亿元，"
    "同比增长5.9%，高于全省平均水平0.4个百分点，居全省第三位。",
    "(一)工业生产总体平稳。规上工业增加值同比增长6.1%，新增入规企业12家，重点企业产能利用率稳步回升，"
    "装备制造、新材料等行业保持较快增长。",
    "（二）项目投资持续发力。固定资产投资同比增长8.3%，新开工亿元以上项目27个，省市重点项目开工率明显高于去年同期。",
    "（三）、消费市场加快回暖。社会消费品零售总额同比增长5.2%，汽车、家电等大宗消费回升，文旅消费明显升温。",
    "在肯定成绩的同时，也要清醒看到，当前经济运行中还存在一些不容忽视的困难和问题，主要表现在：一是工业增长后劲不足。"
    "新增产能项目少，部分企业订单下滑。二是财政收支矛盾突出。一般公共预算收入下降2.1%，刚性支出压力较大。"
    "三是项目储备质量不高。产业类项目占比偏低，前期工作推进迟缓。对此，我们必须高度重视，切实加以解决。",
    "二、坚定信心、迎难而上，全力以赴抓好二季度各项工作",
    "二季度是实现“双过半”的关键时期，重点抓好以下几个方面的工作：",
    "首先，全力稳住工业基本盘。对重点工业企业实行一企一策，帮助企业稳订单、拓市场，确保规上工业增加值增速稳定在6%以上。",
    "其次，持续扩大有效投资。坚持抢前抓早、挂图作战，对进度滞后的项目挂牌督办，力争二季度新开工项目40个以上。",
    "三是加快释放消费潜力。办好系列促消费活动，扩大以旧换新覆盖面，支持商贸企业升规入统，做到应统尽统。",
    "四是抓好财源建设。加强重点税源监控，依法依规组织收入，坚持过紧日子，兜牢“三保”底线。",
    "三、压实责任、改进作风，确保各项工作落地见效",
    "第一，压实工作责任。各分管副市长要靠前指挥，牵头部门要亲自抓、负总责。第二，强化督查考核。"
    "市政府督查室要实行清单管理，每月通报进展。第三，改进工作作风。大力弘扬马上就办、真抓实干的作风，"
    "对不作为、慢作为的严肃问责。",
    "同志们，时间紧、任务重。希望大家坚定信心、真抓实干，确保完成上半年各项目标任务，以优异成绩向市委、市政府交上一份满意的答卷！",
]
QUARTERLY_HEADINGS = [
    (1, "一、", "客观看待一季度经济运行，坚定实现“双过半”的信心", "achievements"),
    (2, "(一)", "工业生产总体平稳", "achievements"),
    (2, "（二）", "项目投资持续发力", "achievements"),
    (2, "（三）、", "消费市场加快回暖", "achievements"),
    (3, "一是", "工业增长后劲不足", "problems"),
    (3, "二是", "财政收支矛盾突出", "problems"),
    (3, "三是", "项目储备质量不高", "problems"),
    (1, "二、", "坚定信心、迎难而上，全力以赴抓好二季度各项工作", "tasks"),
    (2, "首先", "全力稳住工业基本盘", "tasks"),
    (2, "其次", "持续扩大有效投资", "tasks"),
    (2, "三是", "加快释放消费潜力", "tasks"),
    (2, "四是", "抓好财源建设", "tasks"),
    (1, "三、", "压实责任、改进作风，确保各项工作落地见效", "requirements"),
    (2, "第一，", "压实工作责任", "requirements"),
    (2, "第二，", "强化督查考核", "requirements"),
    (2, "第三，", "改进工作作风", "requirements"),
]

# A dispatch meeting copied from a web page: 一要 parts (no 一、), 一是 at level 2 in one part and
# level 3 in another, breadcrumb / repeated title / 推荐访问 boilerplate, slogan closing.
DISPATCH_WEB = [
    "在全市稳增长攻坚调度会上的讲话",
    "首页 > 政务公开 > 领导讲话",
    "在全市稳增长攻坚调度会上的讲话",
    "发布时间：2024-07-08 来源：市政府办公室 浏览次数：",
    "【字体：大 中 小】",
    "同志们：",
    "今天召开全市稳增长攻坚调度会，主要是对上半年经济运行进行调度，对下半年重点工作再动员、再部署。"
    "刚才，市统计局通报了上半年主要经济指标，各县区作了表态发言，我都同意。下面，我强调几点意见。",
    "一要认清形势抓统筹。上半年全市经济运行总体平稳，但困难不少。首先，要把稳增长放在更加突出的位置，"
    "主要负责同志要亲自研究、亲自调度，把各项政策用足用好。其次，要统筹好发展和安全，守住安全生产底线，"
    "确保不发生重大事故。再次，要坚持问题导向，对短板弱项逐一建立台账，明确责任单位和完成时限。",
    "二要紧盯指标抓调度。指标是衡量工作成效最直接的标尺。一是实行周调度。市发改委每周汇总重点指标进展，"
    "对异常波动及时预警。二是实行月通报。每月对各县区指标完成情况进行排名通报。三是实行季考核。对排名靠后的县区进行约谈。",
    "三要聚焦项目抓投资。项目是稳增长的压舱石，要坚持抢前抓早、挂图作战，倒排工期、清单管理，确保项目早开工、早投产、早见效。"
    "下半年计划新开工的项目要在9月底前全部开工，续建项目要加快建设进度，已建成的项目要尽快投产达效。"
    "同时，要做好项目储备，今年以来储备的项目数量偏少、质量不高，主要原因有：一是谋划不深，二是前期不实，"
    "三是要素保障不到位。",
    "四要优化服务抓落实。各级领导干部要深入企业一线，帮助解决实际困难。对工作不力、推诿扯皮的，要严肃追责问责。",
    "时不我待，只争朝夕！希望各级各部门以更加饱满的热情、更加务实的作风，确保完成全年目标任务！",
    "推荐访问",
    "全市上半年经济运行情况通报",
    "关于做好汛期安全工作的通知",
]
DISPATCH_HEADINGS = [
    (1, "一要", "认清形势抓统筹", "situation"),
    (2, "首先", "要把稳增长放在更加突出的位置，主要负责同志要亲自研究、亲自调度，把各项政策用足用好", "situation"),
    (2, "其次", "要统筹好发展和安全，守住安全生产底线，确保不发生重大事故", "situation"),
    (2, "再次", "要坚持问题导向，对短板弱项逐一建立台账，明确责任单位和完成时限", "situation"),
    (1, "二要", "紧盯指标抓调度", "tasks"),
    (2, "一是", "实行周调度", "tasks"),
    (2, "二是", "实行月通报", "tasks"),
    (2, "三是", "实行季考核", "tasks"),
    (1, "三要", "聚焦项目抓投资", "tasks"),
    (3, "一是", "谋划不深", "problems"),
    (3, "二是", "前期不实", "problems"),
    (3, "三是", "要素保障不到位", "problems"),
    (1, "四要", "优化服务抓落实", "requirements"),
]

# A bureau's report: table of contents, no salutation, （一）、 markers, 1、 items, no closing.
BUREAU_REPORT = [
    "目  录",
    "一、上半年工作完成情况\t1",
    "二、下半年工作打算\t3",
    "三、意见建议\t4",
    "市商务局上半年工作汇报",
    "根据会议安排，现将我局上半年工作完成情况和下半年工作打算汇报如下：",
    "一、上半年工作完成情况",
    "（一）、主要指标稳中有进。上半年，全市社会消费品零售总额完成126.4亿元，同比增长6.8%，增速居全省第五位。",
    "（二）、重点工作扎实推进。组织开展各类促消费活动32场，新增限上商贸企业41家。",
    "二、下半年工作打算",
    "1、抓好消费提振。围绕汽车、家电、餐饮等重点领域，持续开展促消费系列活动。",
    "2、抓好企业培育。加大升规入统工作力度，力争全年新增限上企业80家以上。",
    "3、抓好外贸稳定。帮助外贸企业稳订单、拓市场。",
    "三、意见建议",
    "1、建议加大消费券发放力度。",
    "2、建议建立商贸企业入统奖励机制。",
]
BUREAU_HEADINGS = [
    (1, "一、", "上半年工作完成情况", "achievements"),
    (2, "（一）、", "主要指标稳中有进", "achievements"),
    (2, "（二）、", "重点工作扎实推进", "achievements"),
    (1, "二、", "下半年工作打算", "tasks"),
    (2, "1、", "抓好消费提振", "tasks"),
    (2, "2、", "抓好企业培育", "tasks"),
    (2, "3、", "抓好外贸稳定", "tasks"),
    (1, "三、", "意见建议", "other"),
    (2, "1、", "建议加大消费券发放力度", "other"),
    (2, "2、", "建议建立商贸企业入统奖励机制", "other"),
]

# An annual conference, one paragraph per line but with a heading split across two lines,
# spaces inside words, a half-width comma, "and" for 和, and 一是 / 1. at levels 2 and 3.
ANNUAL = [
    "坚定信心  攻坚克难",
    "——在全县2024年经济工作会议上的讲话",
    "县长　王建华",
    "（2024年1月12日）",
    "各位领导、同志们：",
    "这次会议的主要任务是，全面总结2023年经济工作，安排部署2024年重点任务。下面，我讲三个方面的意见。",
    "一、回顾2023年工作，成绩来之不易",
    "过去的一年，全县上下顶住下行压力，地区生产总值增长6.2%，一般公共预算收入增长8.1%，经济运行稳中有进。",
    "一是产业发展提质增效。新增规上工业企业15家，工业投资增长12%，农产品加工产业链不断延伸，特色产业规模持续扩大。",
    "二是城乡面貌持续改善。完成老旧小区改造23个，新建农村公路86公里，县城功能更加完善，人居环境明显提升。",
    "三是民生保障更加有力。城镇新增就业5200人，民生支出占比达到78%，教育、医疗、养老等公共服务水平不断提高。",
    "二、坚持稳中求进，扎实做好2024年",
    "经济工作",
    "2024年经济工作的总体要求是：稳中求进、以进促稳。重点抓好以下工作。",
    "（一）全力以赴抓项目扩投资。一是强化项目谋划。围绕国家政策导向，谋划储备一批重大项目。"
    "二是加快项目建设。实行项目周调度 , 月通报制度。三是强化要素保障 and 服务。",
    "（二）千方百计促消费稳增长。1.办好 促消费 系列活动。2.培育夜间经济和首店经济。",
    "（三）持之以恒优化营商环境。深化放管服改革，推行一件事一次办。",
    "三、加强组织领导，确保各项任务落到实处",
    "各乡镇、各部门要切实扛起责任，把各项任务分解到岗、落实到人。要强化督查考核，对工作推进不力的严肃问责。",
    "同志们，新的一年，任务艰巨、使命光荣。让我们坚定信心、真抓实干，为全县高质量发展作出新的更大贡献！",
]
ANNUAL_HEADINGS = [
    (1, "一、", "回顾2023年工作，成绩来之不易", "achievements"),
    (2, "一是", "产业发展提质增效", "achievements"),
    (2, "二是", "城乡面貌持续改善", "achievements"),
    (2, "三是", "民生保障更加有力", "achievements"),
    (1, "二、", "坚持稳中求进，扎实做好2024年经济工作", "tasks"),
    (2, "（一）", "全力以赴抓项目扩投资", "tasks"),
    (3, "一是", "强化项目谋划", "tasks"),
    (3, "二是", "加快项目建设", "tasks"),
    (3, "三是", "强化要素保障和服务", "tasks"),
    (2, "（二）", "千方百计促消费稳增长", "tasks"),
    (3, "1.", "办好促消费系列活动", "tasks"),
    (3, "2.", "培育夜间经济和首店经济", "tasks"),
    (2, "（三）", "持之以恒优化营商环境", "tasks"),
    (1, "三、", "加强组织领导，确保各项任务落到实处", "requirements"),
]


@dataclass
class PdfText:
    text: str
    lines: list[tuple[int, int, int]]  # (paragraph, first offset, source line) per wrapped line

    def line_of(self, para: int, offset: int) -> int:
        found = 0
        for p, start, line in self.lines:
            if p == para and start <= offset:
                found = line
        return found


def _width(ch: str) -> int:
    return 1 if ord(ch) < 0x2E80 else 2


def pdf_text(paragraphs: list[str], *, head: int = 4, columns: int = 44, per_page: int = 14,
             header: str = "全市经济工作会议材料汇编") -> PdfText:
    """Hard-wrap paragraphs after the first *head* lines at *columns* (CJK = 2), paginate with
    page numbers in rotating styles and a running header, as text copied out of a PDF."""
    styles = ["— {n} —", "- {n} -", "第{n}页", "{n}", "第 {n} 页 共 9 页"]
    out: list[str] = []
    where: list[tuple[int, int, int]] = []
    page_lines, page = 0, 1
    for p, para in enumerate(paragraphs):
        chunks = [(0, para)] if p < head else _wrap(para, columns)
        for offset, chunk in chunks:
            if page_lines == per_page:
                out += ["", styles[page % len(styles)].format(n=page), "", header]
                page, page_lines = page + 1, 0
            out.append(chunk)
            where.append((p, offset, len(out)))
            page_lines += 1
    return PdfText("\n".join(out) + "\n", where)


def _wrap(text: str, columns: int) -> list[tuple[int, str]]:
    chunks, start, used = [], 0, 0
    for i, ch in enumerate(text):
        if used + _width(ch) > columns:
            chunks.append((start, text[start:i]))
            start, used = i, 0
        used += _width(ch)
    chunks.append((start, text[start:]))
    return chunks
