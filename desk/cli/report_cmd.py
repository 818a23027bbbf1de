"""`desk report day`: the day's counts and sums by fund and by payment."""
from __future__ import annotations

import argparse
import datetime as dt

from desk.cli.options import add_db, guarded, now, open_store


def add_parser(sub) -> None:
    report = sub.add_parser("report", help="reports: the day's figures")
    kinds = report.add_subparsers(dest="kind", metavar="KIND", required=True)
    day = kinds.add_parser("day", help="counts and sums of one business day (net of reversals)")
    day.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default today, China Standard Time)")
    add_db(day)
    day.set_defaults(run=guarded(run_day))


LABELS = {"total": "医疗费总额 total", "full_self_pay": "全自费 full self-pay", "pre_self_pay": "先行自付 pre-self-pay",
          "in_scope": "政策范围内 in scope", "pool_pay": "基金支付 pool pay", "hifp_pay": "  统筹基金 hifp",
          "hifob_pay": "  大额互助 hifob", "over_cap": "超限额 over cap", "self_pay": "个人负担 self-pay",
          "account_pay": "个人账户 account", "cash_pay": "现金 cash"}


def run_day(args: argparse.Namespace) -> int:
    from desk.reports.day import day_summary
    from desk.store.identity import get_desk

    db = open_store(args)
    desk = get_desk(db)
    summary = day_summary(db, args.date or now().date())
    print(f"{desk.institution_name} ({desk.institution_code}) desk {desk.desk_number}  {summary.day}"
          + ("  [演示数据 demo]" if desk.demo else ""))
    print(f"settlements {summary.settlements}, reversals {summary.reversals}, receipts"
          f" {summary.first_receipt or '-'}..{summary.last_receipt or '-'}")
    for key, label in LABELS.items():
        print(f"  {label:<24} {summary.sums[key]:>12}")
    for receipt, original, total in summary.reversed_receipts:
        print(f"  reversal {receipt} of receipt {original}: {total}")
    return 0
