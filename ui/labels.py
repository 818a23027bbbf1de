"""The core's codes as words on the screen, through Qt's translation system (context ``Domain``).

``desk/domain.py`` owns the codes and their Chinese labels; the core never imports Qt, so the
labels are marked here for lupdate, once, and every screen asks these functions for them.
tests/test_domain.py keeps these tables equal to the core's.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.domain import relation_code

CONTEXT = "Domain"
CATEGORY = {"employed": QT_TRANSLATE_NOOP("Domain", "在职"), "retired": QT_TRANSLATE_NOOP("Domain", "退休")}
SEX = {"M": QT_TRANSLATE_NOOP("Domain", "男"), "F": QT_TRANSLATE_NOOP("Domain", "女")}
SCHEME = {"employer": QT_TRANSLATE_NOOP("Domain", "随单位"),
          "individual_tier2": QT_TRANSLATE_NOOP("Domain", "个人二档"),
          "individual_tier1": QT_TRANSLATE_NOOP("Domain", "个人一档")}
CLASS_SHORT = {"A": QT_TRANSLATE_NOOP("Domain", "甲"), "B": QT_TRANSLATE_NOOP("Domain", "乙"),
               "C": QT_TRANSLATE_NOOP("Domain", "丙")}
RELATION = {"spouse": QT_TRANSLATE_NOOP("Domain", "配偶"), "parent": QT_TRANSLATE_NOOP("Domain", "父母"),
            "child": QT_TRANSLATE_NOOP("Domain", "子女")}
RELATIVE = QT_TRANSLATE_NOOP("Domain", "家属")
BENEFIT = {"ordinary": QT_TRANSLATE_NOOP("Domain", "普通门诊"), "chronic": QT_TRANSLATE_NOOP("Domain", "门诊慢性病"),
           "special": QT_TRANSLATE_NOOP("Domain", "门诊特殊疾病"), "emergency": QT_TRANSLATE_NOOP("Domain", "急诊抢救"),
           "day_surgery": QT_TRANSLATE_NOOP("Domain", "日间手术")}
PAYMENT = {"cash": QT_TRANSLATE_NOOP("Domain", "现金"), "wechat": QT_TRANSLATE_NOOP("Domain", "微信"),
           "alipay": QT_TRANSLATE_NOOP("Domain", "支付宝"), "card": QT_TRANSLATE_NOOP("Domain", "银行卡"),
           "qr": QT_TRANSLATE_NOOP("Domain", "聚合码")}
INSTITUTION_TYPE = {"clinic": QT_TRANSLATE_NOOP("Domain", "诊所"), "hospital": QT_TRANSLATE_NOOP("Domain", "医院"),
                    "pharmacy": QT_TRANSLATE_NOOP("Domain", "零售药店")}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def category(code: str) -> str:
    return _tr(CATEGORY[code])


def sex(code: str) -> str:
    return _tr(SEX[code])


def scheme(code: str) -> str:
    return _tr(SCHEME[code])


def item_class(code: str) -> str:
    """A catalog class as the bill's narrow column shows it: 甲, 乙, 丙."""
    return _tr(CLASS_SHORT[code])


def relation(written: str | None) -> str:
    """A family link's relation as the roster wrote it (code or label); 家属 when unstated or unknown."""
    code = relation_code(written)
    return _tr(RELATION[code] if code else RELATIVE)


def institution_type(code: str) -> str:
    return _tr(INSTITUTION_TYPE[code])


def benefit(code: str) -> str:
    return _tr(BENEFIT[code])


def payment(code: str) -> str:
    """A payment method of the cash part: 现金, 微信, 支付宝, 银行卡, 聚合码."""
    return _tr(PAYMENT[code])
