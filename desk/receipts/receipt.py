"""The 结算单: what a patient takes home, in the order a national-platform receipt uses.

``receipt_data`` gathers everything from the database once; ``render`` lays it out on a paper
size; ``print_receipt`` records the print (the second and later copies say 重打 with their count).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.domain import BENEFIT_LABELS, CATEGORY_LABELS, CLASS_LABELS, OWN_SCHEME_LABELS, PAYMENT_LABELS, RELATION_LABELS, SCHEME_LABELS
from desk.money import from_fen, money_str
from desk.policy.loader import Library
from desk.prescription import Prescription
from desk.receipts.layout import PAPERS, Slip
from desk.receipts.pharmacy_lines import drug_line, prescription_block
from desk.store.database import StoreError
from desk.store.pharmacy import LineCodes, lines_of, prescription_of
from desk.store.identity import get_desk
from desk.store.prints import record_print
from desk.store.roster import get_member
from desk.store.settling import StoredSettlement, get_settlement
from desk.store.users import Actor, require

FUNDS = (("hifp_pay", "统筹基金支付"), ("hifob_pay", "大额互助基金支付"))


@dataclass(frozen=True)
class ReceiptData:
    institution_name: str
    institution_code: str
    desk_number: str
    demo: bool
    settlement: StoredSettlement
    original_receipt: int | None
    cashier_name: str
    member_name: str
    masked_id: str
    category: str
    scheme: str
    payer_note: str
    policy_name: str
    annual_cap: Decimal | None
    deductible_basis: str
    copy: int  # 1 = the original print; 2 and more = 重打
    drugs: dict[int, LineCodes] | None = None  # per line: traceability codes, batch, expiry, 无码
    prescription: Prescription | None = None
    specs: dict[str, str] | None = None  # 规格 of each item's code, from the catalog (the A5 form's column)


def _cap_and_basis(library: Library, policy: str, day: dt.date, category: str, scheme: str):
    try:
        rules = library.get(policy).on(day)
        cap = rules.get("ordinary.annual_cap", {"category": category, "scheme": scheme})
        return cap, rules.get("ordinary.deductible_basis"), library.get(policy).short
    except Exception:  # a receipt is still printed when the pack has since changed shape
        return None, "", policy


def receipt_data(db: sqlite_utils.Database, library: Library, settlement_id: str, copy: int = 1) -> ReceiptData:
    desk = get_desk(db)
    s = get_settlement(db, settlement_id)
    member = get_member(db, s.member_id)
    cashier = db.execute("SELECT name FROM users WHERE user_id = ?", (s.cashier,)).fetchone()
    original = get_settlement(db, s.reverses).receipt_no if s.reverses else None
    payer_note = ""
    if s.payer_id and s.payer_id != s.member_id:
        payer = get_member(db, s.payer_id)
        link = db.execute("SELECT relation FROM family_links WHERE (member_id = ? AND relative_id = ?)"
                          " OR (member_id = ? AND relative_id = ?)",
                          (s.member_id, s.payer_id, s.payer_id, s.member_id)).fetchone()
        relation = RELATION_LABELS.get(link[0], link[0]) if link and link[0] else "家庭成员"
        payer_note = f"{payer.name}（{relation}）的个人账户（家庭共济）"
    cap, basis, short = _cap_and_basis(library, desk.policy, dt.date.fromisoformat(s.day), member.category,
                                       member.scheme)
    return ReceiptData(
        institution_name=desk.institution_name, institution_code=desk.institution_code,
        desk_number=s.desk_number, demo=desk.demo or s.demo, settlement=s, original_receipt=original,
        cashier_name=cashier[0] if cashier else s.cashier, member_name=member.name, masked_id=member.masked_id,
        category=CATEGORY_LABELS[member.category], scheme=SCHEME_LABELS[member.scheme], payer_note=payer_note,
        policy_name=short, annual_cap=cap, deductible_basis=basis, copy=copy, drugs=lines_of(db, s.id),
        prescription=prescription_of(db, s.id), specs=_specs(db, [i["code"] for i in s.items]))


def _specs(db: sqlite_utils.Database, codes: list[str]) -> dict[str, str]:
    marks = ",".join("?" * len(codes))
    return dict(db.execute(f"SELECT code, spec FROM catalog WHERE code IN ({marks})", codes).fetchall()) if codes else {}


def qr_payload(s: StoredSettlement) -> str:
    """What the QR code carries: enough for the agency or the patient to find and check the settlement."""
    f = s.figures
    return (f"DESKSETL;id={s.id};no={s.desk_number}-{s.receipt_no};total={f['total']};pool={f['pool_pay']};"
            f"acct={f['account_pay']};cash={f['cash_pay']}")


def _header(slip: Slip, r: ReceiptData) -> None:
    s = r.settlement
    if r.demo:
        slip.text("【演示数据 DEMO — 不作报销凭证】", align="center")
    slip.title(r.institution_name)
    slip.title("门诊医保结算单（冲销）" if s.kind == "reversal" else "门诊医保结算单", 1.15)
    if r.copy > 1:
        slip.text(f"重打 第{r.copy - 1}次", 1.1, align="center")
    slip.pair("机构编码", r.institution_code)
    slip.pair("收费窗口", r.desk_number)
    slip.pair("结算单号", f"{s.receipt_no:06d}")
    slip.text(f"结算流水 {s.id}", 0.85)
    slip.pair("结算时间", dt.datetime.fromisoformat(s.at).strftime("%Y-%m-%d %H:%M:%S"))
    if s.late_entry:  # recorded after the fact by a supervisor: the receipt says so, with when and why
        slip.text("【补录】", 1.1, align="center")
        if s.entered_at:
            slip.pair("补录时间", dt.datetime.fromisoformat(s.entered_at).strftime("%Y-%m-%d %H:%M:%S"))
        if s.kind != "reversal":
            slip.text(f"补录原因：{s.reason}")
    slip.pair("经办人" if s.kind == "reversal" else "收款员", r.cashier_name)
    if s.kind == "reversal":
        slip.pair("冲销原结算单号", f"{r.original_receipt:06d}")
        slip.text(f"冲销原因：{s.reason}")
    slip.rule()
    slip.pair("参保人", r.member_name)
    slip.pair("身份证号", r.masked_id)
    slip.pair("人员类别", f"{r.category}　{r.scheme}")
    slip.pair("医保政策", f"{r.policy_name} {s.policy_version}")
    benefit = s.answer.get("benefit", "ordinary")
    if benefit != "ordinary":
        disease = s.answer.get("disease")
        slip.pair("待遇类别", BENEFIT_LABELS.get(benefit, benefit)
                  + (f"　{s.answer.get('disease_name', '')}（{disease}）" if disease else ""))
    slip.rule()
    prescription_block(slip, r.prescription)


def _items(slip: Slip, r: ReceiptData) -> None:
    groups: dict[str, list[dict]] = {}
    for item in r.settlement.items:
        groups.setdefault(item["fee_category"], []).append(item)
    for category, items in groups.items():
        subtotal = sum(i["amount_fen"] for i in items)
        slip.pair(f"【{category}】", money_str(from_fen(subtotal)))
        for item in items:
            ratio = Decimal(item["selfpay_ratio"])
            note = {"C": " 全自费", "B": f" 先行自付{ratio:.0%}" if ratio else ""}.get(item["class"], "")
            if item.get("account_excluded"):
                note = " 全自费 个人账户不予支付"
            elif item.get("scheme"):
                note += f" {OWN_SCHEME_LABELS.get(item['scheme'], item['scheme'])}"
            slip.text(item["name"])
            price = money_str(from_fen(item["unit_price_fen"]))
            slip.pair(f"  {CLASS_LABELS[item['class']]}{note} {item['quantity']}×{price}",
                      money_str(from_fen(item["amount_fen"])))
            drug_line(slip, (r.drugs or {}).get(item["line"]))
    slip.rule()


def _figures(slip: Slip, r: ReceiptData) -> None:
    s, f = r.settlement, r.settlement.figures
    slip.pair("医疗费总额", money_str(f["total"]), 1.1)
    slip.pair("全自费", money_str(f["full_self_pay"]))
    slip.pair("先行自付", money_str(f["pre_self_pay"]))
    slip.pair("政策范围内费用", money_str(f["in_scope"]))
    slip.pair("本次起付标准", money_str(f["deductible"]))
    slip.pair("统筹支付比例", f"{Decimal(s.ratio) * 100:.2f}%")
    for key, label in FUNDS:
        amount = getattr(s, key)
        if amount or key == "hifp_pay":
            slip.pair(label, money_str(amount))
    slip.pair("超限额自付", money_str(f["over_cap"]))
    slip.pair("个人负担", money_str(f["self_pay"]))
    slip.pair("个人账户支付", money_str(f["account_pay"]))
    if r.payer_note and f["account_pay"]:
        slip.text(f"  由{r.payer_note}支付", 0.9)
    slip.pair("现金支付", money_str(f["cash_pay"]), 1.2)
    payment_lines(slip, s.payments)
    # whose balance it is: a relative's account that paid (家庭共济) is not the patient's own
    slip.pair("共济账户余额" if r.payer_note else "个人账户余额", money_str(s.balance_after))
    slip.rule()


def payment_lines(slip: Slip, parts) -> None:
    """How the cash part was paid: one method named, or a mix part by part (a reversal's are negative)."""
    if len(parts) == 1:
        slip.pair("支付方式", PAYMENT_LABELS[parts[0][0]])
    else:
        for method, amount in parts:
            slip.pair(f"　其中{PAYMENT_LABELS[method]}", money_str(amount))


def _usage(slip: Slip, r: ReceiptData) -> None:
    s = r.settlement
    if s.kind == "reversal":
        slip.text(f"已退回统筹基金 {money_str(-s.figures['pool_pay'])} 元，"
                  f"个人账户 {money_str(-s.figures['account_pay'])} 元；本年度累计的起付标准和统筹支付相应退回。", 0.95)
        slip.rule()
        return
    after = s.answer.get("usage_after", {})
    paid = Decimal(after.get("ordinary_pool_paid", "0"))
    slip.text(f"{s.year}年度累计（本次结算后）", 1.0)
    if r.deductible_basis == "annual":
        slip.pair("起付标准已累计", money_str(Decimal(after.get("deductible_met", "0"))))
    else:
        slip.pair("当日本机构已计起付", money_str(Decimal(after.get("same_day_deductible_met", "0"))))
    if "cap" in s.answer:  # a benefit beside ordinary: its own cap (a disease's, or the inpatient one)
        cap, left = Decimal(s.answer["cap"]), Decimal(s.answer["cap_left"])
        whose = s.answer.get("disease_name") or BENEFIT_LABELS.get(s.answer.get("benefit"), "")
        slip.pair(f"{whose}年度限额", money_str(cap))
        slip.pair(f"{whose}已使用", money_str(cap - left))
        slip.pair(f"{whose}剩余", money_str(left))
    slip.pair("普通门诊统筹已支付", money_str(paid))
    if r.annual_cap is not None:
        slip.pair("年度最高支付限额", money_str(r.annual_cap))
        slip.pair("限额剩余", money_str(max(Decimal(0), r.annual_cap - paid)))
    slip.rule()


def render(data: ReceiptData, paper: str = "80mm") -> bytes:
    if paper not in PAPERS or paper == "a4":
        raise StoreError(f"format: {paper!r} is not one of 80mm, 58mm, a5")
    if paper == "a5":  # a form on A5 pages, not the roll's layout on a tall page
        from desk.receipts.a5_form import render_a5

        return render_a5(data, _figures, _usage, qr_payload(data.settlement))
    slip = Slip(PAPERS[paper])
    _header(slip, data)
    _items(slip, data)
    _figures(slip, data)
    _usage(slip, data)
    slip.qr(qr_payload(data.settlement), 26 if paper != "58mm" else 24)
    slip.text("请妥善保管，作为医保结算凭证" if not data.demo else "演示数据，不作报销凭证", 0.9, align="center")
    return slip.pdf(title=f"结算单 {data.settlement.receipt_no}")


def next_copy(db: sqlite_utils.Database, settlement_id: str) -> int:
    """The copy number the next print of a receipt would get (1 = the original), for a preview."""
    return db.execute("SELECT count(*) FROM receipt_prints WHERE settlement_id = ?", (settlement_id,)).fetchone()[0] + 1


def print_receipt(db: sqlite_utils.Database, library: Library, actor: Actor, settlement_id: str, paper: str,
                  now: dt.datetime) -> tuple[bytes, int]:
    """Record a print of a receipt and render it; copies after the first are 重打 and audited."""
    require(actor, "settle")
    if paper not in ("80mm", "58mm", "a5"):
        raise StoreError(f"format: {paper!r} is not one of 80mm, 58mm, a5")
    copy = record_print(db, actor, settlement_id, paper, now)
    return render(receipt_data(db, library, settlement_id, copy), paper), copy
