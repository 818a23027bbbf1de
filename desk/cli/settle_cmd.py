"""`desk settle`: settle a bill for a member on the desk database, from a script or a terminal."""
from __future__ import annotations

import argparse
import json
import re
import uuid
from decimal import Decimal

from desk.cli.options import acting_user, add_db, guarded, library, now, open_store, parse_at

ITEM = re.compile(r"^(?P<code>[^*@]*)(?:\*(?P<qty>[^*@]*))?(?:@(?P<price>[^*@]*))?$")
QUANTITY = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,3})?")  # up to 999,999.999 of a unit
PRICE = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,2})?")  # yuan and fen; the bill ceiling is checked by the core


def add_parser(sub) -> None:
    parser = sub.add_parser("settle", help="settle a bill: desk settle MEMBER CODE[*QTY][@PRICE] ...")
    parser.add_argument("member", help="card number, 电子凭证 code, ID number or member id")
    parser.add_argument("items", nargs="+", metavar="CODE[*QTY][@PRICE]")
    parser.add_argument("--at", help="a late entry (补录, supervisor only, with --late-reason): when the bill happened,"
                                     " in a business day not yet closed (default: the desk's clock dates it)")
    parser.add_argument("--late-reason", metavar="TEXT", help="why the bill is recorded late (goes into the audit log)")
    parser.add_argument("--prescriber-level", type=int, choices=(0, 1, 2, 3))
    parser.add_argument("--no-account", action="store_true", help="the patient pays all self-pay in cash")
    parser.add_argument("--payer", help="member id of a linked family member whose account pays (家庭共济)")
    parser.add_argument("--id", help="settlement UUID (settling the same id again returns the first settlement)")
    parser.add_argument("--json", action="store_true", help="print the settlement as JSON")
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


def show(settlement) -> None:
    f = settlement.figures
    label = "冲销 reversal" if settlement.kind == "reversal" else "结算 settlement"
    print(f"{label} receipt {settlement.receipt_no}  id {settlement.id}  {settlement.at}  {settlement.policy_version}"
          + (f"  补录 late entry, recorded {settlement.entered_at}: {settlement.reason}" if settlement.late_entry else ""))
    print(f"  total {f['total']}  全自费 {f['full_self_pay']}  先行自付 {f['pre_self_pay']}  in scope {f['in_scope']}"
          f"  deductible {f['deductible']}  ratio {settlement.ratio}")
    print(f"  pool pay {f['pool_pay']}  over cap {f['over_cap']}  account {f['account_pay']}  cash {f['cash_pay']}"
          f"  balance after {settlement.balance_after}" + ("  [演示数据 demo]" if settlement.demo else ""))


def run(args: argparse.Namespace) -> int:
    from desk.money import InputError
    from desk.store.dating import LateEntry
    from desk.store.settling import settle_bill

    lines, sid = parse_items(args.items), parse_uuid(args.id)
    if args.late_reason is not None and not args.at:
        raise InputError("--late-reason", "goes with --at (the time of a late entry)")
    late = LateEntry(parse_at(args.at), args.late_reason or "") if args.at else None
    db = open_store(args)
    actor = acting_user(db, args)
    settlement = settle_bill(db, library(args), actor, args.member, lines, now(),
                             prescriber_level=args.prescriber_level, use_account=not args.no_account,
                             payer_id=args.payer, settlement_id=sid, late=late)
    if args.json:
        print(json.dumps({"id": settlement.id, "receipt_no": settlement.receipt_no, **settlement.answer},
                         ensure_ascii=False, indent=2))
    else:
        show(settlement)
    return 0
