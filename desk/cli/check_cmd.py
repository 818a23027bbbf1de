"""`desk check`: recompute summaries, balances and receipt numbers; exit 1 on any mismatch."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, open_store


def add_parser(sub) -> None:
    parser = sub.add_parser("check", help="recompute usage summaries and balances from the ledgers; report mismatches")
    add_db(parser)
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.store.check import check

    report = check(open_store(args))
    for problem in report.problems:
        print(f"MISMATCH {problem}")
    print(f"checked {report.settlements:,} settlements and {report.members:,} members:"
          f" {'no mismatch' if report.ok else f'{len(report.problems)} mismatch(es)'}")
    return 0 if report.ok else 1
