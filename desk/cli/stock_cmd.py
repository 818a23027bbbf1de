"""`desk stock import|code`: the boxes received (入库), each by its traceability code, with batch and expiry."""
from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.options import acting_user, add_db, guarded, now, open_store


def add_parser(sub) -> None:
    parser = sub.add_parser("stock", help="stock receipts (入库): each box's code, item, batch and expiry")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="record a delivery note's boxes from a .csv or .jsonl file (all or"
                                            " nothing); columns trace_code, item_code, batch, expiry")
    imp.add_argument("file", type=Path)
    imp.add_argument("--encoding", help="the file's encoding (default: UTF-8 if it reads as UTF-8, else GB18030/GBK)")
    add_db(imp, user=True)
    imp.set_defaults(run=guarded(run_import))
    code = actions.add_parser("code", help="the item, batch and expiry a box was received with")
    code.add_argument("code")
    add_db(code)
    code.set_defaults(run=guarded(run_code))


def run_import(args: argparse.Namespace) -> int:
    from desk.store.stock import import_stock

    db = open_store(args)
    result = import_stock(db, acting_user(db, args), args.file, now(), encoding=args.encoding)
    print(f"stock: {result.read:,} rows read, {result.added:,} boxes received, {result.again:,} received before"
          " with the same figures")
    return 0


def run_code(args: argparse.Namespace) -> int:
    from desk.store.stock import known
    from desk.tracecode import normalize

    code = normalize(args.code)
    box = known(open_store(args), [code]).get(code)
    print(f"{code}: item {box.item_code}, batch {box.batch}, expiry {box.expiry}" if box
          else f"{code}: not received at this desk (batch and expiry are typed at the counter)")
    return 0
