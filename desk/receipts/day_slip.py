"""X and Z reports on the counter's printer (or A5/A4), drawn with the receipt layout."""
from __future__ import annotations

import datetime as dt

from desk.domain import PAYMENT_LABELS
from desk.money import money_str
from desk.receipts.layout import PAPERS, Slip
from desk.store.day_close import DayClose, Figures
from desk.store.identity import DeskInfo

LINES = (("total", "医疗费总额"), ("full_self_pay", "全自费"), ("pre_self_pay", "先行自付"),
         ("in_scope", "政策范围内费用"), ("pool_pay", "基金支付合计"), ("hifp_pay", "　统筹基金"),
         ("hifob_pay", "　大额互助基金"), ("over_cap", "超限额自付"), ("self_pay", "个人负担"),
         ("account_pay", "个人账户支付"), ("cash_pay", "现金支付"))


def _body(slip: Slip, f: Figures) -> None:
    slip.pair("结算笔数", str(f.settlements))
    slip.pair("冲销笔数", str(f.reversals))
    slip.pair("结算单号", f"{f.first_receipt:06d}–{f.last_receipt:06d}" if f.first_receipt else "无")
    slip.rule()
    for key, label in LINES:
        slip.pair(label, money_str(f.sums[key]), 1.1 if key in ("total", "cash_pay") else 1.0)
    slip.rule()
    slip.text("按收款员（含冲销）")
    for cashier, count, account, cash in f.by_cashier:
        slip.pair(f"　{cashier} {count}笔", f"账户 {money_str(account)} 现金 {money_str(cash)}")
    payment_lines(slip, f)
    if f.reversed_receipts:
        slip.rule()
        slip.text("冲销明细")
        for reversal, original, total in f.reversed_receipts:
            slip.pair(f"　冲销单 {reversal:06d} ← 原单 {original:06d}", money_str(total))
    slip.rule()


def payment_lines(slip: Slip, f: Figures) -> None:
    """The cash part by method, then each cashier's drawer by method (reversals netted): what the till
    and the WeChat/Alipay/card statements must show."""
    if not f.by_method:
        return
    slip.rule()
    slip.text("现金支付按支付方式（含冲销）")
    for method, amount in f.by_method:
        slip.pair(f"　{PAYMENT_LABELS[method]}", money_str(amount))
    slip.text("按收款员和支付方式（含冲销）")
    cashier = None
    for name, method, amount in f.by_cashier_method:
        if name != cashier:
            slip.text(f"　{name}")
            cashier = name
        slip.pair(f"　　{PAYMENT_LABELS[method]}", money_str(amount))


def benefit_lines(slip: Slip, rows: list) -> None:
    """Pool pay by benefit and disease (desk/reports/benefits.py), when any bill was other than ordinary."""
    if not any(r.benefit != "ordinary" for r in rows):
        return
    slip.text("基金支付按待遇（含冲销）")
    for r in rows:
        slip.pair(f"　{r.label}" + (f" {r.count}笔" if r.benefit != "scheme" else ""), money_str(r.pool))
    slip.rule()


def overrun_lines(slip: Slip, overruns: list) -> None:
    """Money two offline desks together paid beyond a cap or an account: the agency may refuse it."""
    if not overruns:
        return
    slip.text("中心通报的超限（医保可能不予支付）")
    for o in overruns:
        slip.pair(f"　{o.member_id} {o.label.split()[0]}", money_str(o.amount))
    slip.rule()


def trace_conflict_lines(slip: Slip, conflicts: list) -> None:
    """Boxes the hub saw sold twice (the later sale's day): the code, the member and both receipts."""
    if not conflicts:
        return
    slip.text("中心通报的追溯码重复销售（疑似回流药，医保可能不予支付后一笔）")
    for c in conflicts:
        slip.text(f"　{c.code}", 0.9)
        slip.pair(f"　　{c.member_id} 第{c.unit}单位", f"票据 {c.first_receipt} → {c.receipt_no}", 0.9)
    slip.rule()


def render_day(desk: DeskInfo, figures: Figures, paper: str, *, close: DayClose | None, printed_at: dt.datetime,
               printed_by: str, reprint: bool = False, overruns: list | None = None,
               benefits: list | None = None, trace_conflicts: list | None = None) -> bytes:
    slip = Slip(PAPERS[paper])
    if desk.demo:
        slip.text("【演示数据 DEMO】", align="center")
    slip.title(desk.institution_name)
    if close:
        slip.title(f"日结报表（Z）第{close.number}号", 1.15)
        if reprint:
            slip.text("重打", 1.1, align="center")
    else:
        slip.title("当前收款情况（X，未日结）", 1.15)
    slip.pair("机构编码", desk.institution_code)
    slip.pair("收费窗口", desk.desk_number)
    if close:
        slip.pair("营业日", close.business_date)
        slip.pair("日结时间", dt.datetime.fromisoformat(close.closed_at).strftime("%Y-%m-%d %H:%M:%S"))
        slip.pair("日结人", close.closed_by)
    slip.pair("打印时间", printed_at.strftime("%Y-%m-%d %H:%M:%S"))
    slip.pair("打印人", printed_by)
    slip.rule()
    _body(slip, figures)
    benefit_lines(slip, benefits or [])
    overrun_lines(slip, overruns or [])
    trace_conflict_lines(slip, trace_conflicts or [])
    slip.text("日结后不可更改；之后的结算计入下一营业日" if close else "X 报表仅供核对，不结束营业日", 0.9, align="center")
    title = f"Z{close.number}" if close else "X"
    return slip.pdf(title=f"{title} {desk.desk_number}")
