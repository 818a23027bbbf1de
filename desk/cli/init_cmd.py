"""`desk init`: record the desk's identity and its first administrator."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, desk_library, now, open_store, read_pin


def add_parser(sub) -> None:
    parser = sub.add_parser("init", help="record this desk's institution, policy pack and number, and its first admin")
    parser.add_argument("--institution-code", required=True)
    parser.add_argument("--institution-name", required=True)
    parser.add_argument("--level", type=int, required=True, choices=(0, 1, 2, 3), help="0 = below level 1")
    parser.add_argument("--type", required=True, choices=("clinic", "hospital", "pharmacy"))
    parser.add_argument("--policy", required=True, help="policy pack id (desk policy list)")
    parser.add_argument("--desk-number", required=True)
    parser.add_argument("--not-designated", action="store_true", help="not a 门诊统筹 designated institution")
    parser.add_argument("--admin-id", required=True)
    parser.add_argument("--admin-name", required=True)
    add_db(parser)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.store.identity import init_desk

    db = open_store(args, create=True)
    desk = init_desk(db, desk_library(db), institution_code=args.institution_code,
                     institution_name=args.institution_name, level=args.level, type=args.type, policy=args.policy,
                     desk_number=args.desk_number, admin_id=args.admin_id, admin_name=args.admin_name,
                     admin_pin=read_pin(f"PIN for {args.admin_id}: "), now=now(),
                     designated=not args.not_designated)
    print(f"desk {desk.desk_number} of {desk.institution_name} ({desk.institution_code}) settles under"
          f" {desk.policy}; admin {args.admin_id} created")
    return 0
