"""The monthly supervision report (A4): a page of figures and charts, then a page of alerts.

The figures are the analytics' (desk.analytics), each beside the article that asks for it; the
charts are the same reportlab drawings the counter program shows as SVG.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desk.analytics.indicators import Alert, Indicator, Supervision
from desk.money import money_str
from desk.receipts.charts import avg_cost_chart, daily_chart, hours_chart, structure_chart
from desk.receipts.layout import PAPERS, Slip
from desk.store.identity import DeskInfo

ALERTS = {  # what each alert says on paper: {value} {threshold} {member} {when}
    "avg_cost": "次均费用 {value} 元，高于预警值 {threshold} 元（列出高于预警值的结算）",
    "avg_cost_growth": "次均费用较上期增长 {value}，高于预警值 {threshold}",
    "growth": "门诊医药费用较上期增长 {value}，高于预警值 {threshold}",
    "self_pay_share": "患者自费比例 {value}，高于预警值 {threshold}（列出含全自费项目的结算）",
    "exam_share": "检查费用占比 {value}，高于预警值 {threshold}（列出含检查项目的结算）",
    "lab_share": "化验费用占比 {value}，高于预警值 {threshold}（列出含化验项目的结算）",
    "visits_per_member_day": "参保人 {member} 于 {when} 就诊 {value} 次，多于 {threshold} 次",
    "visits_per_member_month": "参保人 {member} 于 {when} 就诊 {value} 次，多于 {threshold} 次",
    "near_cap": "参保人 {member} 本年普通门诊统筹已用年度限额的 {value}（预警 {threshold}）",
    "account_only": "参保人 {member} 本期仅用个人账户支付 {value} 笔，多于 {threshold} 笔",
    "excluded_cash": "参保人 {member} 本期丙类项目 {value} 元（现金支付），高于 {threshold} 元",
    "off_hours": "非工作时段（{open_from} 时前或 {open_until} 时后）结算 {value} 笔",
}
SHARE_KEYS = {"avg_cost_growth", "growth", "self_pay_share", "exam_share", "lab_share", "near_cap"}


def percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.01'))}%"


def shown(indicator: Indicator) -> str:
    value = indicator.value
    if value is None:
        return "—"
    if indicator.unit == "share":
        return percent(value)
    if indicator.unit == "yuan":
        return money_str(value)
    return str(value)


def alert_text(alert: Alert, s: Supervision) -> str:
    def fmt(v):
        if alert.key in SHARE_KEYS:
            return percent(Decimal(v))
        return money_str(v) if isinstance(v, Decimal) and alert.key in ("avg_cost", "excluded_cash") else str(v)
    return ALERTS[alert.key].format(value=fmt(alert.value), threshold=fmt(alert.threshold), member=alert.member_id,
                                    when=alert.when, open_from=s.thresholds.open_from,
                                    open_until=s.thresholds.open_until)


def render_supervision(desk: DeskInfo, s: Supervision, printed_at: dt.datetime) -> bytes:
    slip = Slip(PAPERS["a4"])
    if desk.demo:
        slip.text("【演示数据 DEMO】", align="center")
    slip.title(f"{desk.institution_name} 门诊费用监测报告 {s.selection.period.label}")
    slip.text(f"机构编码 {desk.institution_code}　政策 {desk.policy}"
              + (f"　收费窗口 {s.selection.desk_number}" if s.selection.desk_number else "　全部收费窗口")
              + f"　对比期 {s.selection.period.previous().label}　制表时间 {printed_at:%Y-%m-%d %H:%M}",
              align="center")
    slip.rule(dashed=False)
    widths, aligns = [0.22, 0.13, 0.03, 0.62], "lrll"
    slip.columns(["指标", "本期", "", "依据"], widths, aligns)
    slip.rule()
    for indicator in s.indicators:
        slip.columns([indicator.label, shown(indicator), "", indicator.article], widths, aligns, 0.95)
    slip.rule(dashed=False)
    slip.text("说明：冲销按负数抵减其当日的笔数与金额；自费比例 = 全自费（丙类）÷ 医疗费总额；"
              "人日/人月就诊次数 = 就诊人次 ÷ 有就诊的人日数/人月数。", 0.85)
    slip.space(6)
    width = (slip.width - 8) / 2
    slip.drawings([daily_chart(s, width, 165), structure_chart(s, width, 165)])
    slip.space(6)
    slip.drawings([hours_chart(s, width, 165), avg_cost_chart(s, width, 165)])
    if s.top_items:
        slip.space(4)
        slip.text("统筹基金支付前列项目（按政策范围内金额分摊）" + f"　依据 {_top_article()}", 0.9)
        for item in s.top_items:
            slip.columns([item.code, item.name, item.fee_category, money_str(item.amount), money_str(item.pool_pay)],
                         [0.16, 0.4, 0.12, 0.16, 0.16], "lllrr", 0.85)
    slip.page_break()
    slip.title(f"预警 {s.selection.period.label}（{len(s.alerts)} 条）", 1.2)
    if not s.alerts:
        slip.text("本期没有指标超过预警值。")
    for alert in s.alerts:
        slip.rule()
        slip.text(alert_text(alert, s))
        slip.text(f"依据 {alert.article}", 0.85)
        receipts = "、".join(f"{r.desk_number}-{r.receipt_no}" for r in alert.settlements)
        more = f"（共 {alert.count} 笔，列出 {len(alert.settlements)} 笔）" if alert.count > len(alert.settlements) else ""
        slip.text(f"相关结算（窗口-票据号）：{receipts or '—'}{more}", 0.85)
    slip.rule(dashed=False)
    t = s.thresholds
    slip.text(f"预警值：次均费用 {t.avg_cost_max} 元；增长 {percent(t.growth_max)}；次均增长 {percent(t.avg_cost_growth_max)}；"
              f"自费比例 {percent(t.self_pay_share_max)}；检查占比 {percent(t.exam_share_max)}；化验占比"
              f" {percent(t.lab_share_max)}；每人每日 {t.visits_per_day_max} 次、每月 {t.visits_per_month_max} 次；"
              f"限额 {percent(t.near_cap_share)}；仅账户支付 {t.account_only_max} 笔；丙类现金 {t.excluded_cash_max} 元；"
              f"工作时段 {t.open_from}–{t.open_until} 时。", 0.8)
    return slip.pdf(title=f"监测报告 {s.selection.period.label}")


def _top_article() -> str:
    from desk.analytics.articles import ARTICLES

    return ARTICLES["top_items"]
