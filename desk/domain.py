"""The words of the domain, in one place: the codes the core uses and their Chinese labels.

Codes (``employed``, ``A``, ``spouse``) are what the engine, the store, the protocol and the
packs speak; the labels are the words on a receipt, in a roster file and in the CLI. The
counter program shows the same labels through Qt's translation system: ``ui/labels.py`` marks
each one for lupdate (context ``Domain``) and a test keeps its tables equal to these.
Also here: the one time zone the desk counts days in, and the figures a settlement is made of.
"""
from __future__ import annotations

import datetime as dt

# China Standard Time (UTC+8, no daylight saving): the business day, receipts and reports.
CST = dt.timezone(dt.timedelta(hours=8), "CST")

CATEGORY_LABELS = {"employed": "在职", "retired": "退休"}  # 人员类别
SEX_LABELS = {"M": "男", "F": "女"}  # 性别
SCHEME_LABELS = {"employer": "随单位", "individual_tier2": "个人二档", "individual_tier1": "个人一档"}  # 参保档次
CLASS_LABELS = {"A": "甲类", "B": "乙类", "C": "丙类"}  # 医保目录类别
CLASS_SHORT = {"A": "甲", "B": "乙", "C": "丙"}  # the same, as a catalog file or a narrow column writes them
RELATION_LABELS = {"spouse": "配偶", "parent": "父母", "child": "子女"}  # 家庭共济 links
RELATIVE = "家属"  # a linked relative whose relation is not stated
BENEFIT_LABELS = {"ordinary": "普通门诊", "chronic": "门诊慢性病", "special": "门诊特殊疾病",  # 待遇类别
                  "emergency": "急诊抢救", "day_surgery": "日间手术"}
# 重庆 第六条 第二款: lines the pooled fund pays under schemes of their own, outside the ordinary ones
OWN_SCHEME_LABELS = {"fixed_fee": "定额诊察费", "two_diseases": "“两病”用药", "special_disease": "门诊特殊疾病",
                     "national_negotiated": "国谈药品"}
# 支付方式 of a settlement's cash part (the patient's own money; the pooled fund and the account are not in it)
PAYMENT_LABELS = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "card": "银行卡", "qr": "聚合码"}
INSTITUTION_TYPE_LABELS = {"clinic": "诊所", "hospital": "医院", "pharmacy": "零售药店"}
LEVELS = (0, 1, 2, 3)  # 定点医疗机构级别: 0 for none (a pharmacy, a village clinic), then 一级 … 三级

CATEGORIES = tuple(CATEGORY_LABELS)
SCHEMES = tuple(SCHEME_LABELS)
ITEM_CLASSES = tuple(CLASS_LABELS)
RELATIONS = tuple(RELATION_LABELS)
BENEFITS = tuple(BENEFIT_LABELS)
OWN_SCHEMES = tuple(OWN_SCHEME_LABELS)
CERTIFIED_BENEFITS = ("chronic", "special")  # the benefits paid for a certified disease (认定)
INSTITUTION_TYPES = tuple(INSTITUTION_TYPE_LABELS)
PAYMENT_METHODS = tuple(PAYMENT_LABELS)

# 收费项目类别 of a catalog item, as the receipt groups them; 其他 takes what fits none.
FEE_CATEGORIES = ("西药", "中成药", "中药饮片", "检查", "化验", "治疗", "诊查", "材料", "其他")

# The amounts a settlement is split into, as stored (``<figure>_fen``) and answered.
FIGURES = ("total", "full_self_pay", "pre_self_pay", "in_scope", "deductible", "pool_pay", "over_cap", "self_pay",
           "account_pay", "cash_pay")
# What a settlement carries to the hub: the figures, the two funds' parts and the balance after.
SYNC_FIGURES = FIGURES + ("hifp_pay", "hifob_pay", "balance_after")


def relation_code(written: str | None) -> str | None:
    """The relation code of a family link as a roster wrote it (a code or its label); None when unstated."""
    if written in RELATION_LABELS:
        return written
    return next((code for code, label in RELATION_LABELS.items() if label == written), None)
