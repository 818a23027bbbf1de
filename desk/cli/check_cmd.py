"""`desk check`: recompute summaries, balances and receipt numbers; exit 1 on any mismatch."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, open_store, report_problems


def add_parser(sub) -> None:
    parser = sub.add_parser("check", help="recompute usage summaries and balances from the ledgers; report mismatches")
    add_db(parser)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.store.check import check

    report = check(open_store(args))
    return report_problems("MISMATCH", report.problems,
                           f"checked {report.settlements:,} settlements and {report.members:,} members:"
                           f" {'no mismatch' if report.ok else f'{len(report.problems)} mismatch(es)'}", report.ok)
