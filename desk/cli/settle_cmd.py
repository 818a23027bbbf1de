"""`desk settle`: settle a bill for a member on the desk database, from a script or a terminal."""
from __future__ import annotations

import argparse
import json
import re
import uuid
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from desk.cli.options import acting_user, add_db, desk_library, guarded, now, open_store, parse_at
from desk.domain import BENEFIT_LABELS, BENEFITS, PAYMENT_LABELS

ITEM = re.compile(r"^(?P<code>[^*@]*)(?:\*(?P<qty>[^*@]*))?(?:@(?P<price>[^*@]*))?$")
QUANTITY = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,3})?")  # up to 999,999.999 of a unit
PRICE = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,2})?")  # yuan and fen; the bill ceiling is checked by the core


def add_parser(sub) -> None:
    parser = sub.add_parser("settle", help="settle a bill: desk settle MEMBER CODE[*QTY][@PRICE] ...")
    parser.add_argument("member", help="card number, 电子凭证 code, ID number or member id")
    parser.add_argument("items", nargs="*", metavar="CODE[*QTY][@PRICE]",
                        help="item code or box barcode, quantity, price")
    parser.add_argument("--at", help="a late entry (补录, supervisor only, with --late-reason): when the bill happened,"
                                     " in a business day not yet closed (default: the desk's clock dates it)")
    parser.add_argument("--late-reason", metavar="TEXT", help="why the bill is recorded late (goes into the audit log)")
    parser.add_argument("--prescriber-level", type=int, choices=(0, 1, 2, 3))
    parser.add_argument("--no-account", action="store_true", help="the patient pays all self-pay in cash")
    parser.add_argument("--payer", help="member id of a linked family member whose account pays (家庭共济)")
    parser.add_argument("--benefit", default="ordinary", choices=BENEFITS,
                        help="the benefit the bill is settled under (default ordinary, 普通门诊)")
    parser.add_argument("--disease", help="the certified disease's code, for chronic and special")
    parser.add_argument("--pay", action="append", default=[], metavar="METHOD[=AMOUNT]",
                        help="how the cash due is paid: cash 现金, wechat 微信, alipay 支付宝, card 银行卡, qr 聚合码;"
                             " repeat for a mix (--pay 现金=20 --pay 微信: the one without an amount takes the rest);"
                             " the parts must add up to the cash due exactly (default: all 现金)")
    parser.add_argument("--id", help="settlement UUID (settling the same id again returns the first settlement)")
    parser.add_argument("--json", action="store_true", help="print the settlement as JSON")
    pharmacy = parser.add_argument_group("pharmacy (traceability codes, 外配处方)")
    pharmacy.add_argument("--codes", action="append", default=[], metavar="LINE=CODE[,CODE…]",
                          help="the 20-digit traceability codes of line LINE's boxes (1 = the first item)")
    pharmacy.add_argument("--no-code", action="append", default=[], metavar="LINE=REASON",
                          help="mark line LINE 无码 (stock from before codes were collected), with the reason")
    pharmacy.add_argument("--batch", action="append", default=[], metavar="LINE=LOT", help="line LINE's batch number")
    pharmacy.add_argument("--expiry", action="append", default=[], metavar="LINE=YYYY-MM-DD", help="line LINE's expiry")
    pharmacy.add_argument("--prescription", type=Path, metavar="FILE",
                          help="the external prescription as JSON (number, institution_code, institution_name,"
                               " institution_level, doctor, diagnosis_code, diagnosis_name, written_on, valid_days)")
    pharmacy.add_argument("--bill", type=Path, metavar="FILE",
                          help='the whole bill as JSON: {"items": [{"code", "quantity", "unit_price", "trace_codes",'
                               ' "no_code_reason", "batch", "expiry"}], "prescription": {…}}')
    add_db(parser, user=True)
    parser.set_defaults(run=guarded(run))


def parse_items(texts: list[str]):
    """CODE[*QTY][@PRICE] words as bill lines; a malformed one is refused by its position and text."""
    from desk.money import InputError
    from desk.store.settling import BillLine

    lines = []
    for number, text in enumerate(texts, start=1):
        field = f"item {number}"
        match = ITEM.match(text.strip())
        if not match or not match["code"].strip():
            raise InputError(field, f"{text!r} is not CODE, CODE*QTY or CODE*QTY@PRICE")
        qty, price = match["qty"], match["price"]
        if qty is not None and not QUANTITY.fullmatch(qty):
            raise InputError(field, f"{text!r}: the quantity {qty!r} must be a number up to 999999.999"
                                    " with at most 3 decimals")
        if price is not None and not PRICE.fullmatch(price):
            raise InputError(field, f"{text!r}: the price {price!r} must be an amount in yuan up to 999999999.99"
                                    " with at most 2 decimals")
        lines.append(BillLine(match["code"].strip(), Decimal(qty or "1"), Decimal(price) if price else None))
    return lines


def parse_uuid(text: str | None) -> str | None:
    from desk.money import InputError

    if text is None:
        return None
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise InputError("--id", f"{text!r} is not a UUID (8-4-4-4-12 hexadecimal digits)") from None


def _per_line(options: list[str], flag: str, count: int) -> dict[int, str]:
    from desk.store.database import StoreError

    found = {}
    for text in options:
        number, sep, value = text.partition("=")
        if not sep or not number.strip().isdigit() or not 1 <= int(number) <= count:
            raise StoreError(f"{flag}: {text!r} is not LINE=VALUE with LINE from 1 to {count}")
        found[int(number)] = value.strip()
    return found


def _read_json(path: Path, what: str):
    from desk.store.database import StoreError

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{what} {path}: cannot be read as JSON: {exc}") from None


def _bill_file(path: Path):
    """Lines and the prescription from a bill file."""
    from desk.store.database import StoreError
    from desk.store.pharmacy import DrugLine
    from desk.store.settling import BillLine

    bill = _read_json(path, "bill")
    if not isinstance(bill, dict) or not isinstance(bill.get("items"), list):
        raise StoreError(f"bill {path}: must be an object with an \"items\" array")
    lines = []
    for n, item in enumerate(bill["items"], start=1):
        if not isinstance(item, dict) or not item.get("code"):
            raise StoreError(f"bill {path}: items[{n - 1}]: needs a code")
        try:
            quantity = Decimal(str(item.get("quantity", "1")))
            price = Decimal(str(item["unit_price"])) if item.get("unit_price") is not None else None
        except InvalidOperation:
            raise StoreError(f"bill {path}: items[{n - 1}]: quantity or unit_price is not a number") from None
        codes = item.get("trace_codes") or []
        if not isinstance(codes, list):
            raise StoreError(f"bill {path}: items[{n - 1}].trace_codes: must be an array of codes")
        lines.append(BillLine(str(item["code"]), quantity, price, DrugLine(
            tuple(str(c) for c in codes), str(item.get("no_code_reason") or ""), str(item.get("batch") or ""),
            str(item.get("expiry") or ""))))
    return lines, bill.get("prescription")


def bill_from_args(args: argparse.Namespace):
    """The bill lines (with their drug parts) and the prescription the options give."""
    from desk.prescription import parse
    from desk.store.database import StoreError

    if args.bill and args.items:
        raise StoreError("bill: give the items either as arguments or in --bill FILE, not both")
    if args.bill:
        lines, rx = _bill_file(args.bill)
    elif args.items:
        lines, rx = parse_items(args.items), None
    else:
        raise StoreError("items: give at least one CODE[*QTY][@PRICE], or --bill FILE")
    codes = _per_line(args.codes, "--codes", len(lines))
    reasons = _per_line(args.no_code, "--no-code", len(lines))
    batches = _per_line(args.batch, "--batch", len(lines))
    expiries = _per_line(args.expiry, "--expiry", len(lines))
    for n in set(codes) | set(reasons) | set(batches) | set(expiries):
        drug = lines[n - 1].drug
        lines[n - 1] = replace(lines[n - 1], drug=replace(
            drug, trace_codes=tuple(c for c in codes[n].split(",") if c.strip()) if n in codes else drug.trace_codes,
            no_code_reason=reasons.get(n, drug.no_code_reason), batch=batches.get(n, drug.batch),
            expiry=expiries.get(n, drug.expiry)))
    if args.prescription:
        rx = _read_json(args.prescription, "prescription")
    if rx is not None and not isinstance(rx, dict):
        raise StoreError("prescription: must be a JSON object")
    return lines, parse(rx) if rx is not None else None


def show(settlement) -> None:
    f = settlement.figures
    label = "冲销 reversal" if settlement.kind == "reversal" else "结算 settlement"
    print(f"{label} receipt {settlement.receipt_no}  id {settlement.id}  {settlement.at}  {settlement.policy_version}"
          + (f"  补录 late entry, recorded {settlement.entered_at}: {settlement.reason}" if settlement.late_entry else ""))
    if settlement.benefit != "ordinary":
        print(f"  benefit {settlement.benefit} {BENEFIT_LABELS[settlement.benefit]}"
              + (f"  disease {settlement.disease}" if settlement.disease else ""))
    print(f"  total {f['total']}  全自费 {f['full_self_pay']}  先行自付 {f['pre_self_pay']}  in scope {f['in_scope']}"
          f"  deductible {f['deductible']}  ratio {settlement.ratio}")
    print(f"  pool pay {f['pool_pay']}  over cap {f['over_cap']}  account {f['account_pay']}  cash {f['cash_pay']}"
          f"  balance after {settlement.balance_after}" + ("  [演示数据 demo]" if settlement.demo else ""))
    if settlement.payments:
        print("  paid " + "  ".join(f"{method} {PAYMENT_LABELS[method]} {amount}" for method, amount in settlement.payments))


def run(args: argparse.Namespace) -> int:
    from desk.money import InputError
    from desk.store.dating import LateEntry
    from desk.store.payments import parse_parts
    from desk.store.settling import settle_bill

    parts = parse_parts(args.pay) or None
    sid = parse_uuid(args.id)
    if args.late_reason is not None and not args.at:
        raise InputError("--late-reason", "goes with --at (the time of a late entry)")
    late = LateEntry(parse_at(args.at), args.late_reason or "") if args.at else None
    lines, prescription = bill_from_args(args)
    db = open_store(args)
    actor = acting_user(db, args)
    settlement = settle_bill(db, desk_library(db), actor, args.member, lines, now(),
                             prescriber_level=args.prescriber_level, use_account=not args.no_account,
                             payer_id=args.payer, settlement_id=sid, prescription=prescription,
                             benefit=args.benefit, disease=args.disease, late=late, payments=parts)
    if args.json:
        print(json.dumps({"id": settlement.id, "receipt_no": settlement.receipt_no, **settlement.answer,
                          "payments": [{"method": m, "amount": str(a)} for m, a in settlement.payments]},
                         ensure_ascii=False, indent=2))
    else:
        show(settlement)
    return 0
