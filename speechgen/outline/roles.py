"""What each part of a speech does: achievements, situation, problems, tasks, requirements, other.

Level-1 parts are scored on the genre's role words (genre.md §2.2) in their
heading, in their sub-headings and at the start of their text, plus a small
prior for their position (a review opens, requirements close).  Sub-items
inherit their part's role unless their own words, or the lead-in before their
series (``存在以下问题：一是…``), clearly say otherwise.
"""
from __future__ import annotations

import re

ROLES = ("achievements", "situation", "problems", "tasks", "requirements", "other")

HEAD_WORDS: dict[str, dict[str, float]] = {
    "achievements": {"成绩": 3, "成效": 2, "回顾": 3, "盘点": 3, "评价": 2, "运行情况": 3, "肯定": 2,
                     "总结": 2, "过去": 2, "一年来": 2, "完成情况": 3, "工作情况": 2, "亮点": 2,
                     "成果": 2, "来之不易": 2, "主要工作": 2, "进展": 1, "开局": 1, "取得": 1},
    "situation": {"形势": 3, "研判": 3, "机遇": 2, "怎么看": 3, "大势": 2, "认清": 2, "看清": 2,
                  "知势": 2, "挑战": 1, "判断": 2, "清醒": 1, "把握": 1, "认识": 1, "因势": 1,
                  "应势": 1, "外部环境": 2, "大环境": 2, "目标": 1, "明年": 2, "预期目标": 3},
    "problems": {"问题": 3, "困难": 3, "短板": 3, "不足": 3, "差距": 3, "弱项": 2, "原因": 2, "矛盾": 2,
                 "隐患": 2, "不容忽视": 3, "不容乐观": 3, "滞后": 2, "乏力": 2, "偏慢": 2, "薄弱": 2,
                 "不强": 2, "不够": 1, "较低": 1, "偏低": 1, "下滑": 1, "风险": 1, "隐忧": 2, "忧": 1,
                 "不高": 2, "偏少": 2, "不实": 2, "不深": 2, "不到位": 2, "迟缓": 2, "缓慢": 2, "放缓": 1,
                 "较弱": 2, "偏弱": 2, "欠账": 2, "不优": 2, "压力较大": 2, "负增长": 2, "下降": 1,
                 "严峻": 2, "不平衡": 2},
    "tasks": {"重点工作": 3, "下一步": 3, "下半年": 2, "四季度": 2, "举措": 2, "打算": 3, "怎么干": 3,
              "工作安排": 3, "抓好": 2, "做好": 2, "推进": 2, "部署": 2, "措施": 2, "加快": 2, "任务": 1,
              "聚焦": 1, "发力": 1, "全力": 1, "奋力": 1, "推动": 1, "确保": 1, "抓": 1, "建设": 1},
    "requirements": {"落实": 3, "作风": 3, "自身建设": 3, "组织领导": 3, "党的领导": 3, "政府建设": 3,
                     "担当": 2, "组织保障": 3, "作风保障": 3, "强化保障": 2, "保障措施": 2, "责任": 2,
                     "站位": 3, "一把手": 1, "队伍建设": 3, "工作落实": 2, "抓落实": 2, "责任落实": 3, "纪律": 2, "效能": 2, "督查": 2, "要求": 2,
                     "讲政治": 2, "廉洁": 2, "问责": 2, "干部": 1, "执行": 1, "本领": 1, "考核": 1,
                     "落到实处": 2, "落地见效": 1},
    "other": {"建议": 3, "意义": 2, "体会": 3, "说明": 2},
}
#: evaluative predicates of review items (总体平稳, 持续提升) and imperative heads of task items
_JUDGEMENT = re.compile(r"(平稳|向好|提升|增强|加快|明显|显著|有力|有效|释放|牢固|回升|改善|突破|稳固|优化|见效|提高|扩大|壮大|攀升)$")
_IMPERATIVE = re.compile(r"^(?:进一步)?(要|抓好|抓|加快|推进|强化|做好|全力|着力|扎实|持续|深化|坚持|狠抓|突出|聚焦|实施|推动|加强|提升|优化|扩大|培育|壮大|稳住|打好|守住|筑牢|坚决|大力|用力|努力|奋力|有力|强力)")
_GRAB = re.compile(r"抓(?!落实)[\u4e00-\u9fff]{1,4}$")  # {V}{N}抓{N}: 紧盯指标抓调度
_REVIEW_CUES = re.compile(r"过去的?一年|一年来|今年以来|以来，|去年|取得了|实现了|完成了|同比增长|增长[\dXＸ*]|呈现")
_PROBLEM_LEAD = re.compile(r"问题|困难|不足|短板|差距|隐忧|弱项|矛盾|不容忽视|不容乐观|薄弱|原因")
_ANNOUNCE = re.compile(r"(?:存在|看到|正视|面临|还有).{0,12}(?:困难|问题|短板|不足|差距)")
_SOLVE = re.compile(r"导向|解决|破解|化解|补齐|补短|弥补|整改|攻坚|克服")
_TASK_HEAD = re.compile(r"下一步|下步|工作打算|工作安排|工作思路|工作建议|重点任务$")
_TASK_LEAD = re.compile(r"重点抓好|抓好以下|做好以下|重点工作|下一步|工作打算")


def word_scores(text: str) -> dict[str, float]:
    return {role: sum(w for word, w in words.items() if word in text) for role, words in HEAD_WORDS.items()}


def _child_scores(text: str) -> dict[str, float]:
    head = re.split(r"[，。：；]", text, maxsplit=1)[0]
    if len(text) > 30:  # a run-in item's long first sentence: its first clause is the heading
        text = head
    scores = word_scores(text)
    if _IMPERATIVE.match(text) or _GRAB.search(head):
        scores["tasks"] += 1.5
    elif _JUDGEMENT.search(head) or _JUDGEMENT.search(text.rstrip("。")):
        scores["achievements"] += 1.5
    return scores


_FIGURE = re.compile(r"(?:增长|下降|回落)[\dXＸ*＊]|第[\dXＸ*＊]+位|[\dXＸ*＊]个百分点|(?:完成|实现)[^，。；]{0,6}?[\dXＸ*＊.]+亿元|居.{0,3}(?:首位|末位)")
_FORWARD = re.compile(r"目标(?!的)|预期|力争|建议为|要达到|计划(?!的)")
_DUTY_WORDS = re.compile(r"责任|督查|问责|作风|考核|追责|担当|抓落实")
_DO_IT = re.compile(r"抓(?:好|紧|实)?(?:工作)?落实")


def reviews_period(text: str) -> bool:
    """The text states the period's results in figures (two or more, outside forward-looking sentences)."""
    past = [s for s in re.split(r"[。！？]", text) if not _FORWARD.search(s)]
    return sum(len(_FIGURE.findall(s)) for s in past) >= 2


def part_role(heading: str, children: list[str], body_start: str, index: int, count: int) -> str:
    """The role of level-1 part *index* (0-based) of *count* parts.

    A part that reviews the period in figures is ``achievements`` even when it is headed 形势 or
    also names problems (the genre's review part); a part whose text is about duties and checks
    leans to ``requirements``.
    """
    scores = {r: 2 * v for r, v in word_scores(heading).items()}
    clear = max(scores.values()) >= 6
    head = re.split(r"[，。：；]", heading, maxsplit=1)[0]
    if (_IMPERATIVE.match(heading) or _GRAB.search(head)) and not _DO_IT.search(heading):
        scores["tasks"] += 3
    scores["requirements"] += min(len(_DUTY_WORDS.findall(body_start)), 4)
    for child in children:
        for role, v in _child_scores(child).items():
            scores[role] += min(v, 3) / max(len(children), 1) * 2
    cues = len(_REVIEW_CUES.findall(body_start))
    scores["achievements"] += min(cues, 1 if clear else 3)
    if index == 0:
        scores["achievements"] += 1
        scores["situation"] += 0.5
    elif index == count - 1 and count >= 3:
        scores["requirements"] += 0.5
        scores["tasks"] += 0.5
    else:
        scores["tasks"] += 0.5
    best = max(scores, key=lambda r: (scores[r], -ROLES.index(r)))
    if (best in {"situation", "achievements", "other"} or (best == "problems" and not clear)) \
            and reviews_period(body_start):
        return "achievements"
    if scores[best] >= 1.5:
        return best
    return _fallback(index, count)


def _fallback(index: int, count: int) -> str:
    if index == 0 and count >= 2:
        return "achievements"
    if index == count - 1 and count >= 3:
        return "requirements"
    return "tasks"


def _announces_problems(lead_in: str) -> bool:
    """``…存在以下问题：`` / ``主要原因有：`` directly before a list."""
    lead_in = lead_in.rstrip()
    if lead_in.endswith("。"):  # a lead sentence of its own: 但也要看到存在的困难和问题。
        return bool(_ANNOUNCE.search(re.split(r"[。！？]", lead_in[:-1])[-1]))
    if not lead_in.endswith(("：", ":")):
        return False
    last = re.split(r"[。！？]", lead_in[:-1])[-1]
    return bool(_PROBLEM_LEAD.search(last))


def item_role(text: str, parent_role: str, lead_in: str = "") -> str:
    """The role of a sub-item: its parent's, unless its words or its series' lead-in say otherwise."""
    if parent_role in {"achievements", "situation", "other"} and _announces_problems(lead_in):
        return "problems"
    scores = _child_scores(text)
    if parent_role == "situation" and _JUDGEMENT.search(re.split(r"[，。：；]", text, maxsplit=1)[0].rstrip("。")):
        scores["achievements"] += 1.5  # 主要指标稳中向好: a verdict on the period, not the outlook
    best = max(scores, key=lambda r: (scores[r], -ROLES.index(r)))
    if best == parent_role or scores[best] < 2 or scores[best] <= scores.get(parent_role, 0):
        return parent_role
    if best == "problems" and parent_role != "problems":
        directive = _IMPERATIVE.match(text) and _SOLVE.search(text)
        return parent_role if directive else "problems"  # 要坚持问题导向 is a directive
    if parent_role == "tasks" and best == "requirements" and scores[best] >= 3:
        return "requirements"
    if parent_role in {"achievements", "situation"} and best in {"achievements", "situation"} and scores[best] >= 3:
        return best
    if parent_role == "other":
        return best
    if parent_role in {"achievements", "situation"} and best == "tasks" and (
            _TASK_LEAD.search(lead_in or "") or _TASK_HEAD.search(text)
            or (scores[best] >= 3 and _IMPERATIVE.match(text))):
        return "tasks"  # （三）下半年工作打算 inside a review part
    if parent_role == "tasks" and best == "situation" and scores[best] >= 5 and not _IMPERATIVE.match(text):
        return "situation"  # 认清形势 opening a deployment part
    return parent_role
