"""`desk usage MEMBER`: what a member has used of this year's deductible and cap."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, open_store


def add_parser(sub) -> None:
    parser = sub.add_parser("usage", help="a member's annual usage (deductible met, pool paid) and account")
    parser.add_argument("member", help="card number, 电子凭证 code, ID number or member id")
    add_db(parser)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.money import from_fen, money_str
    from desk.store.roster import member_named
    from desk.store.usage import member_years

    db = open_store(args)
    member = member_named(db, args.member)
    balance = money_str(from_fen(member.account_balance_fen))
    print(f"{member.member_id} {member.name} {member.masked_id}  account balance {balance}")
    years = member_years(db, member.member_id)
    if not years:
        print("  no usage recorded")
    for y in years:
        fund = "unknown" if y.fund_paid_total is None else str(y.fund_paid_total)
        print(f"  {y.year}: deductible met {y.deductible_met}  ordinary pool paid {y.ordinary_pool_paid}"
              f"  fund paid total {fund}  settlements on this desk {y.settlements}"
              + (f"  baseline as of {y.baseline_as_of}" if y.baseline_as_of else ""))
    return 0
