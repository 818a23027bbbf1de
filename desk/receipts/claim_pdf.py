"""The monthly claim statement as an A4 PDF table (the same rows as its CSV)."""
from __future__ import annotations

import datetime as dt

from desk.money import money_str
from desk.receipts.layout import PAPERS, Slip
from desk.reports.month import COLUMNS, HEADINGS, ClaimRow
from desk.store.identity import DeskInfo

WIDTHS = [0.12, 0.11, 0.11, 0.11, 0.1, 0.09, 0.12, 0.12, 0.12]


def render_claim(desk: DeskInfo, month: str, rows: list[ClaimRow], printed_at: dt.datetime,
                 overruns: list | None = None, supervision: str | None = None, benefits: list | None = None,
                 trace_conflicts: list | None = None) -> bytes:
    slip = Slip(PAPERS["a4"])
    if desk.demo:
        slip.text("【演示数据 DEMO — 不作申报】", align="center")
    slip.title(f"{desk.institution_name} 职工医保普通门诊统筹费用月度申报表")
    slip.text(f"机构编码 {desk.institution_code}　收费窗口 {desk.desk_number}　申报月份 {month}　政策 {desk.policy}"
              f"　制表时间 {printed_at:%Y-%m-%d %H:%M}", align="center")
    slip.rule(dashed=False)
    slip.columns([HEADINGS["day"], HEADINGS["count"], *(HEADINGS[c] for c in COLUMNS)], WIDTHS, "lrrrrrrrr")
    slip.rule(dashed=False)
    for row in rows:
        if row.day == "合计":
            slip.rule(dashed=False)
        slip.columns([row.day, str(row.count), *(money_str(row.sums[c]) for c in COLUMNS)], WIDTHS, "lrrrrrrrr",
                     1.05 if row.day == "合计" else 1.0)
    slip.rule(dashed=False)
    slip.text("说明：冲销按负数抵减当日笔数与金额；基金支付合计 = 统筹基金 + 大额互助。", 0.9)
    if benefits and any(r.benefit != "ordinary" for r in benefits):
        slip.space(8)
        slip.text("基金支付按待遇及病种（含冲销）：")
        for r in benefits:
            slip.columns([r.label, f"{r.count}笔" if r.benefit != "scheme" else "", money_str(r.pool)],
                         [0.6, 0.15, 0.25], "lrr", 0.95)
    if overruns:
        slip.space(12)
        slip.text("中心通报的超限（两个收费窗口离线期间合计超出年度限额或个人账户余额，医保可能不予支付）：")
        for o in overruns:
            slip.columns([o.day, o.member_id, o.label, money_str(o.amount), o.settlement_id], [0.12, 0.14, 0.22, 0.1, 0.42],
                         "lllrl", 0.9)
    if trace_conflicts:
        slip.space(12)
        slip.text("中心通报的追溯码重复销售（同一盒药的同一单位在前一笔未冲销时再次售出，疑似回流药，医保可能不予支付后一笔）：")
        for c in trace_conflicts:
            slip.columns([c.day, c.member_id, f"{c.code} 第{c.unit}单位", f"票据 {c.first_receipt} → {c.receipt_no}",
                          c.settlement_id], [0.12, 0.12, 0.3, 0.14, 0.32], "lllll", 0.9)
    if supervision:
        slip.space(6)
        slip.text(f"本月门诊费用监测指标与预警（次均费用、自费比例、检查占比、个人账户套现信号等）见监测报告 {supervision}"
                  f"（desk report supervision {month}）。", 0.9)
    slip.space(30)
    slip.text("经办人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　机构盖章：", 1.0)
    return slip.pdf(title=f"申报表 {month}")
