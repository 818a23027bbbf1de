"""`desk pharmacy`: what the desk enforces for traceability codes and prescriptions, and where a box was sold."""
from __future__ import annotations

import argparse

from desk.cli.options import acting_user, add_db, guarded, now, open_store


def add_parser(sub) -> None:
    parser = sub.add_parser("pharmacy", help="traceability-code and prescription settings; where a code was sold")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    settings = actions.add_parser("settings", help="show or change (admin) what the desk enforces")
    settings.add_argument("--trace-codes", choices=("on", "off", "pharmacy"),
                          help="require the traceability code of every traced drug box (pharmacy: at a pharmacy desk)")
    settings.add_argument("--rx-days", type=int, metavar="N", help="days a prescription is valid, the day written included")
    settings.add_argument("--rx-max-days", type=int, metavar="N", help="the longest validity a doctor may note")
    add_db(settings, user=True)
    settings.set_defaults(run=guarded(run_settings))
    code = actions.add_parser("code", help="every sale of a traceability code at this desk")
    code.add_argument("code")
    add_db(code)
    code.set_defaults(run=guarded(run_code))
    codes = actions.add_parser("codes", help="a demo desk's next unsold box codes of an item (type them as a scanner would)")
    codes.add_argument("item", help="item code or box barcode")
    codes.add_argument("--count", type=int, default=3)
    add_db(codes)
    codes.set_defaults(run=guarded(run_codes))


def run_settings(args: argparse.Namespace) -> int:
    from desk.store.identity import get_desk
    from desk.store.pharmacy import get_settings, set_settings

    db = open_store(args)
    if args.trace_codes or args.rx_days is not None or args.rx_max_days is not None:
        found = set_settings(db, acting_user(db, args), now(), trace_codes=args.trace_codes,
                             rx_default_days=args.rx_days, rx_max_days=args.rx_max_days)
    else:
        found = get_settings(db)
    desk = get_desk(db)
    print(f"traceability codes: {'required' if found.enforced(desk.type) else 'not required'}"
          f" ({'at a pharmacy desk' if found.trace_codes is None else 'set by an admin'}); prescriptions valid"
          f" {found.rx_default_days} day(s), at most {found.rx_max_days} where the doctor notes it")
    return 0


def run_code(args: argparse.Namespace) -> int:
    from desk.store.pharmacy import where_sold

    sales = where_sold(open_store(args), args.code)
    if not sales:
        print(f"{args.code}: never sold at this desk")
    for receipt, unit, day, released in sales:
        print(f"{args.code} unit {unit}: receipt {receipt} on {day}"
              + (f", given back by receipt {released}" if released else ""))
    return 0


def run_codes(args: argparse.Namespace) -> int:
    from desk.store.database import StoreError
    from desk.demo_pharmacy import unsold_codes
    from desk.store.identity import get_desk
    from desk.store.pharmacy import item_for_barcode

    db = open_store(args)
    if not get_desk(db).demo:
        raise StoreError("codes: only a demo desk has made-up box codes; scan the real boxes")
    for code in unsold_codes(db, item_for_barcode(db, args.item) or args.item, args.count):
        print(code)
    return 0
