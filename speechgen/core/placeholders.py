"""The one list of placeholder marks (【待填】, XX, ×××, 某某, 〇〇, **, TODO…).

The checker flags them in drafts; the spec loader finds them in a spec so that ``render``
refuses to turn a half-filled spec into a draft that looks finished.
"""
from __future__ import annotations

import re
from typing import Iterator

_LATIN = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
#: marks a writer leaves to fill in later (also in a spec).
MARKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[【\[［]\s*(?:待|此处|请|TODO|TBD|XX|xx|××)[^】\]］\n]{0,20}[】\]］]|[（(]此处[^）)\n]{0,20}[）)]"),
     "待补充标记未处理"),
    (re.compile(r"【[^】\n]{0,12}待补[^】\n]{0,60}】"), "待补段落尚未填写"),
    (re.compile(rf"(?<![{_LATIN}])(?:TODO|TBD|FIXME)(?![{_LATIN}])"), "待办标记未处理"),
    (re.compile(r"\*{2,}|＊{2,}"), "数字或名称被星号遮盖，尚未填写"),
    (re.compile(r"某某+"), "“某某”占位未替换为实际名称"),
    (re.compile(r"(?<![一二三四五六七八九十〇零])[〇○◯]{2,}(?![一二三四五六七八九十〇零年])|□+"),
     "圆圈/方框占位未替换"),
    (re.compile(rf"(?<![{_LATIN}\d])(?:[XxＸｘ]{{1,4}})(?![{_LATIN}])(?!射线|光)"), "字母 X 占位未替换为实际内容"),
    (re.compile(r"(?<!\d)×{1,4}(?!\d)"), "“×”占位未替换为实际内容"),
]
#: marks only a rendered text can carry (template syntax, program nulls).
RENDER_MARKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\{\{[^{}\n]{0,80}\}\}|\{%[^{}%\n]{0,80}%\}|\{\{|\}\}|\{%|%\}|\$\{[^{}\n]{0,80}\}"), "模板占位符未替换"),
    # {地区} is filled per region by batch --regions (a spec may hold it; a draft may not)
    (re.compile(r"[{｛]\s{0,3}(?:地区|region|县区|地名)\s{0,3}[}｝]"),
     "地区占位符未替换（{地区} 只在 speechgen batch --regions 时换成各地区名称）"),
    (re.compile(r"[{｛][\w\u4e00-\u9fff]{1,16}[}｝]"), "花括号占位符未替换"),
    (re.compile(rf"(?<![{_LATIN}])(?:None|nan|NaN|NAN|null|NULL|undefined)(?![{_LATIN}])"),
     "出现程序空值，说明有数据没有填写"),
]


def find_marks(text: str, marks: list[tuple[re.Pattern[str], str]] = MARKS) -> Iterator[tuple[re.Match[str], str]]:
    """Non-overlapping placeholder matches in *text*, with why each is one (linear in the text)."""
    taken = bytearray(len(text) + 1)
    for pattern, why in marks:
        for m in pattern.finditer(text):
            if taken[m.start()]:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            yield m, why
