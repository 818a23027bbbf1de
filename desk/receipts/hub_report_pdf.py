"""The hub's supervision report (A4, landscape-wide table): every institution's indicators, the
whole hub's, the rankings by 次均费用, self-pay share and exam share, and a chart of 次均费用."""
from __future__ import annotations

import datetime as dt

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desk.analytics.articles import ARTICLES
from desk.analytics.hub import RANKINGS, HubReport, percent
from desk.money import format_yuan
from desk.receipts.fonts import register
from desk.receipts.layout import PAPERS, Slip

HEAD = ("机构", "人次", "人数", "医疗费", "增长", "次均费用", "自费比例", "检查占比", "化验占比", "统筹", "仅账户")
WIDTHS = [0.16, 0.07, 0.07, 0.12, 0.08, 0.09, 0.08, 0.08, 0.08, 0.1, 0.07]
RANK_TITLES = {"avg_cost": "次均费用", "self_pay_share": "患者自费比例", "exam_share": "检查费用占比"}


def _row(name: str, u) -> list[str]:
    v = u.indicators()
    return [name, str(v["visits"]), str(v["members"]), format_yuan(v["total"]), percent(v["growth"]),
            "—" if v["avg_cost"] is None else format_yuan(v["avg_cost"]), percent(v["self_pay_share"]),
            percent(v["exam_share"]), percent(v["lab_share"]), format_yuan(u.pool_pay), str(v["account_only"])]


def avg_cost_chart(report: HubReport, width: float, height: float) -> Drawing:
    font = register()
    ranked = report.ranked("avg_cost")[:15]
    d = Drawing(width, height)
    d.initialFontName = font
    d.add(String(width / 2, height - 14, "各机构次均费用（元）", fontName=font, fontSize=10, textAnchor="middle"))
    if not ranked:
        return d
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 110, 15, width - 130, height - 40
    chart.data = [[float(v) for _, v in reversed(ranked)]]  # bar lengths only; every printed figure stays Decimal
    chart.categoryAxis.categoryNames = [report.names.get(k) or k for k, _ in reversed(ranked)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#2f6db5")
    d.add(chart)
    return d


def render_hub_report(report: HubReport, printed_at: dt.datetime) -> bytes:
    slip = Slip(PAPERS["a4"])
    slip.title(f"门诊费用监测报告（中心汇总）{report.period.label}")
    slip.text(f"按{'机构' if report.by == 'institution' else '收费窗口'}汇总　{len(report.units)} 个"
              f"　对比期 {report.period.previous().label}　制表时间 {printed_at:%Y-%m-%d %H:%M}", align="center")
    slip.rule(dashed=False)
    slip.columns(list(HEAD), WIDTHS, "lrrrrrrrrrr", 0.85)
    slip.rule()
    for u in report.units:
        slip.columns(_row(report.names.get(u.key) or u.key, u), WIDTHS, "lrrrrrrrrrr", 0.85)
    slip.rule()
    slip.columns(_row("合计", report.total), WIDTHS, "lrrrrrrrrrr", 0.9)
    slip.rule(dashed=False)
    slip.text(f"依据：次均费用 {ARTICLES['avg_cost']}；自费比例 {ARTICLES['self_pay_share']}；检查占比"
              f" {ARTICLES['exam_share']}；增长 {ARTICLES['growth']}；仅账户（仅个人账户支付笔数，套现信号）"
              f" {ARTICLES['account_only']}。冲销按负数抵减其当日。", 0.8)
    for indicator in RANKINGS:
        ranked = report.ranked(indicator)
        shown = [f"{n}. {report.names.get(k) or k} "
                 f"{format_yuan(v) if indicator == 'avg_cost' else percent(v)}" for n, (k, v) in enumerate(ranked, 1)]
        slip.text(f"按{RANK_TITLES[indicator]}排名（高→低）：" + "；".join(shown[:20]), 0.85)
    top = report.top_items.get("*", ())
    if top:
        slip.text(f"统筹支付前列项目（全中心，{ARTICLES['top_items']}）：" + "；".join(
            f"{n}. {i.name}（{i.code}）{format_yuan(i.pool_pay)}元" for n, i in enumerate(top, 1)), 0.85)
    if report.near_cap:
        near = report.near_cap.get("*", ())
        shown = "；".join(f"{r.member_id} {percent(r.share)}" for r in near[:20]) + ("……" if len(near) > 20 else "")
        slip.text(f"达到或接近年度最高支付限额人数（{ARTICLES['near_cap']}）：{len(near)}" + (f"（{shown}）" if near else ""),
                  0.85)
    slip.space(6)
    slip.drawings([avg_cost_chart(report, slip.width, max(120, 40 + 14 * min(15, len(report.units))))])
    return slip.pdf(title=f"hub report {report.period.label}")
