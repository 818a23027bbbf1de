"""`desk audit verify`: walk the hash chain of the audit log."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, open_store, report_problems


def add_parser(sub) -> None:
    audit = sub.add_parser("audit", help="the hash-chained audit log")
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="find edited or deleted audit rows")
    add_db(verify)
    verify.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.store.audit import verify

    report = verify(open_store(args))
    return report_problems("BROKEN", report.problems, f"audit log: {report.rows:,} rows, "
                           + ("chain intact" if report.ok else f"{len(report.problems)} problem(s)"), report.ok)
