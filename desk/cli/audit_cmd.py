"""`desk audit verify`: walk the hash chain of the audit log."""
from __future__ import annotations

import argparse

from desk.cli.options import add_db, guarded, open_store, report_problems


def add_parser(sub) -> None:
    audit = sub.add_parser("audit", help="the hash-chained audit log")
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="find edited or deleted audit rows, and a rewritten history"
                                               " (against the heads anchored at the hub)")
    verify.add_argument("--hub", action="store_true",
                        help="also ask the hub for the head it holds: the copy no one with this file can rewrite")
    add_db(verify)
    verify.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.store.audit import verify

    db = open_store(args)
    held = None
    if args.hub:
        from desk.store.database import StoreError
        from desk.sync.client import hub_anchor
        from desk.sync.transport import SyncError

        try:
            held = hub_anchor(db.conn.execute("PRAGMA database_list").fetchone()[2])
        except SyncError as exc:
            raise StoreError(f"hub: {exc}") from None
    report = verify(db, hub_anchor=held)
    anchored = f", checked against {report.anchors_checked} anchored head(s)" if report.anchors_checked else ""
    hub = "" if not args.hub else (" (the hub holds no head yet)" if held is None else f" (the hub's: row {held[0]})")
    return report_problems("BROKEN", report.problems, f"audit log: {report.rows:,} rows{anchored}{hub}, "
                           + ("chain intact" if report.ok else f"{len(report.problems)} problem(s)"), report.ok)
