"""A person's name in pinyin, full and by initials (张三丰 → zhangsanfeng, zsf), for finding them by typing.

Pinyin is looked up a character at a time (cached), not a phrase at a time: names are not phrases,
the lookup is a dict hit (a roster import spells every row), and a name's first character is read
as a surname where the two readings differ (曾 zeng, 单 shan, not ceng, dan).
"""
from __future__ import annotations

SURNAMES = {"曾": "zeng", "单": "shan", "解": "xie", "查": "zha", "仇": "qiu", "朴": "piao", "区": "ou", "乐": "yue",
            "盖": "ge", "缪": "miao", "覃": "qin", "翟": "zhai", "尉": "yu", "秘": "bi", "种": "chong", "员": "yun",
            "句": "gou", "长": "chang", "重": "chong", "折": "she", "万": "wan", "华": "hua", "柏": "bai", "沈": "shen"}
_CHARS: dict[str, str] = {}


def _syllable(ch: str) -> str:
    found = _CHARS.get(ch)
    if found is None:
        from pypinyin import lazy_pinyin

        found = "".join(c for c in lazy_pinyin(ch)[0].lower() if c.isascii() and c.isalnum())
        _CHARS[ch] = found
    return found


def spell(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower-case ASCII: 张三丰 → ("zhangsanfeng", "zsf")."""
    syllables = [SURNAMES.get(ch) if i == 0 and ch in SURNAMES else _syllable(ch)
                 for i, ch in enumerate(name.strip()) if not ch.isspace()]
    syllables = [s for s in syllables if s]
    return "".join(syllables), "".join(s[0] for s in syllables)
