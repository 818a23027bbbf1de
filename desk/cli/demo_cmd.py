"""`desk demo`: build a demo desk database for a place."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, desk_library, open_store


def add_parser(sub) -> None:
    parser = sub.add_parser("demo", help="build a demo desk database (synthetic members, catalog, a year of visits)")
    parser.add_argument("--place", default="puyang", choices=("puyang", "chongqing", "nanchang", "jilin"))
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--type", default="clinic", choices=("clinic", "pharmacy"),
                        help="pharmacy: a retail pharmacy with box barcodes, traceability codes, 拆零 and prescriptions")
    add_db(parser)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.demo_desk import USERS, build_demo

    if args.type == "pharmacy":
        from desk.demo_pharmacy import build_demo_pharmacy as build_demo
    db = open_store(args, create=True)
    report = build_demo(db, desk_library(db), args.place, members=args.members, seed=args.seed)
    print(f"demo desk for {report.place}: {report.members:,} members, {report.catalog:,} catalog items,"
          f" {report.settlements:,} past settlements ({report.refused} refused by the policy)")
    if args.type == "pharmacy":
        print("boxes: `desk pharmacy codes ITEM` prints codes to type where a scanner would")
    print("users: " + ", ".join(f"{u} ({role}, PIN {pin})" for u, _, role, pin in USERS))
    return 0
