"""`desk receipt`: the 结算单 of a settlement as PDF (a second print says 重打)."""
from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.options import acting_user, add_db, guarded, desk_library, now, open_store, settlement_id


def add_parser(sub) -> None:
    parser = sub.add_parser("receipt", help="write a settlement's receipt as PDF (records the print)")
    parser.add_argument("settlement", help="settlement UUID or receipt number")
    parser.add_argument("--format", default="80mm", choices=("80mm", "58mm", "a5"))
    parser.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    add_db(parser, user=True)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.receipts.receipt import print_receipt
    from desk.store.private_files import check_target, write_private

    check_target(args.out)  # before the print is recorded
    db = open_store(args)
    actor = acting_user(db, args)
    pdf, copy = print_receipt(db, desk_library(db), actor, settlement_id(db, args.settlement), args.format, now())
    write_private(args.out, pdf)
    print(f"{args.out}: receipt {args.format}" + (f", 重打 copy {copy}" if copy > 1 else ""))
    return 0
