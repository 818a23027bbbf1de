"""`desk settle`: settle a bill for a member on the desk database, from a script or a terminal."""
from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal

from desk.cli.options import acting_user, add_db, guarded, library, open_store, parse_at

ITEM = re.compile(r"^(?P<code>[^*@]+)(?:\*(?P<qty>[0-9.]+))?(?:@(?P<price>[0-9.]+))?$")


def add_parser(sub) -> None:
    parser = sub.add_parser("settle", help="settle a bill: desk settle MEMBER CODE[*QTY][@PRICE] ...")
    parser.add_argument("member", help="card number, 电子凭证 code, ID number or member id")
    parser.add_argument("items", nargs="+", metavar="CODE[*QTY][@PRICE]")
    parser.add_argument("--at", help="date and time of the bill (ISO 8601; default now, China Standard Time)")
    parser.add_argument("--prescriber-level", type=int, choices=(0, 1, 2, 3))
    parser.add_argument("--no-account", action="store_true", help="the patient pays all self-pay in cash")
    parser.add_argument("--payer", help="member id of a linked family member whose account pays (家庭共济)")
    parser.add_argument("--id", help="settlement UUID (settling the same id again returns the first settlement)")
    parser.add_argument("--json", action="store_true", help="print the settlement as JSON")
    add_db(parser, user=True)
    parser.set_defaults(run=guarded(run))


def parse_items(texts: list[str]):
    from desk.store.database import StoreError
    from desk.store.settling import BillLine

    lines = []
    for text in texts:
        match = ITEM.match(text.strip())
        if not match:
            raise StoreError(f"item: {text!r} is not CODE, CODE*QTY or CODE*QTY@PRICE")
        lines.append(BillLine(match["code"], Decimal(match["qty"] or "1"),
                              Decimal(match["price"]) if match["price"] else None))
    return lines


def show(settlement) -> None:
    f = settlement.figures
    label = "冲销 reversal" if settlement.kind == "reversal" else "结算 settlement"
    print(f"{label} receipt {settlement.receipt_no}  id {settlement.id}  {settlement.at}  {settlement.policy_version}")
    print(f"  total {f['total']}  全自费 {f['full_self_pay']}  先行自付 {f['pre_self_pay']}  in scope {f['in_scope']}"
          f"  deductible {f['deductible']}  ratio {settlement.ratio}")
    print(f"  pool pay {f['pool_pay']}  over cap {f['over_cap']}  account {f['account_pay']}  cash {f['cash_pay']}"
          f"  balance after {settlement.balance_after}" + ("  [演示数据 demo]" if settlement.demo else ""))


def run(args: argparse.Namespace) -> int:
    from desk.store.settling import settle_bill

    db = open_store(args)
    actor = acting_user(db, args)
    settlement = settle_bill(db, library(args), actor, args.member, parse_items(args.items), parse_at(args.at),
                             prescriber_level=args.prescriber_level, use_account=not args.no_account,
                             payer_id=args.payer, settlement_id=args.id)
    if args.json:
        print(json.dumps({"id": settlement.id, "receipt_no": settlement.receipt_no, **settlement.answer},
                         ensure_ascii=False, indent=2))
    else:
        show(settlement)
    return 0
