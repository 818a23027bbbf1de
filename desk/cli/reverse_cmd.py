"""`desk reverse`: a supervisor reverses a settlement (冲销)."""
from __future__ import annotations

import argparse

from desk.cli.options import acting_user, add_db, guarded, now, open_store, parse_at, settlement_id


def add_parser(sub) -> None:
    parser = sub.add_parser("reverse", help="reverse a settlement by its id or receipt number (supervisor)")
    parser.add_argument("settlement", help="settlement UUID or receipt number")
    parser.add_argument("--reason", required=True)
    parser.add_argument("--at", help="a late entry (补录): when the reversal happened, in a business day not yet closed"
                                     " (default: the desk's clock dates it)")
    add_db(parser, user=True)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.cli.settle_cmd import show
    from desk.store.dating import LateEntry
    from desk.store.settling import reverse

    late = LateEntry(parse_at(args.at), args.reason) if args.at else None
    db = open_store(args)
    actor = acting_user(db, args)
    show(reverse(db, actor, settlement_id(db, args.settlement), now(), args.reason, late=late))
    return 0
