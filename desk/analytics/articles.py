"""Which article of which seed asks for each indicator (the seeds' supervision articles).

南昌（五）监督管理: 常态化监测门诊医药费用增长快、次均费用高、患者自费比例高、检查费用占比高等异常指标.
南昌 六、费用测算: the fund's cost of the reform per member (人均 477.36 元 against 济南 400, 福州 300).
吉林 五、关于监督管理: 门诊就诊率、转诊率、次均费用、费用结构的考核; 医保卡套现.
濮阳 第二十二条: 过度诊疗、过度检查、不合理用药、过量开药、个人账户套现; 第二十三条: 运用大数据…健全医疗服务监控、分析.
山东 二（八）加强监督管理: 个人账户使用的管理审核, 过度诊疗、不合理用药、利用个人账户套取基金; 监控分析机制.
"""
from __future__ import annotations

NANCHANG_5 = "南昌（五）"
NANCHANG_6 = "南昌 六"
JILIN_5 = "吉林 五"
PUYANG_22 = "濮阳 第二十二条"
PUYANG_23 = "濮阳 第二十三条"
SHANDONG_2_8 = "山东 二（八）"

ARTICLES = {
    "visits": f"{JILIN_5}（门诊就诊率）",
    "members": f"{JILIN_5}（门诊就诊率）",
    "total": f"{NANCHANG_5}（门诊医药费用）",
    "growth": f"{NANCHANG_5}（门诊医药费用增长快）",
    "avg_cost": f"{NANCHANG_5}（次均费用高）；{JILIN_5}（次均费用）",
    "avg_cost_growth": f"{NANCHANG_5}（次均费用高）",
    "self_pay_share": f"{NANCHANG_5}（患者自费比例高）",
    "exam_share": f"{NANCHANG_5}（检查费用占比高）；{PUYANG_22}（过度检查）",
    "lab_share": f"{JILIN_5}（费用结构）；{PUYANG_22}（过度检查）",
    "drug_share": f"{JILIN_5}（费用结构）；{SHANDONG_2_8}（不合理用药）",
    "pool_share": f"{NANCHANG_6}（费用测算）",
    "pool_per_member": f"{NANCHANG_6}（人均统筹基金）",
    "visits_per_member_day": f"{PUYANG_22}（过度诊疗）",
    "visits_per_member_month": f"{JILIN_5}（门诊就诊率）；{SHANDONG_2_8}（过度诊疗）",
    "near_cap": f"{NANCHANG_6}（费用测算）；{SHANDONG_2_8}（基金安全）",
    "top_items": f"{PUYANG_22}（不合理用药、过量开药）；{SHANDONG_2_8}（不合理用药）",
    "account_only": f"{PUYANG_22}（个人账户套现）；{SHANDONG_2_8}（利用个人账户套取）",
    "excluded_cash": f"{JILIN_5}（医保卡套现）；{PUYANG_22}（个人账户套现）",
    "off_hours": f"{PUYANG_23}（医疗服务监控、分析）；{SHANDONG_2_8}（监控分析机制）",
}
