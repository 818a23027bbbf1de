"""`desk sync`: upload the outbox and download the hub's changes; set up the hub; status; overruns."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from desk.cli.options import acting_user, guarded, now, open_store


def _db_option(parser: argparse.ArgumentParser, default) -> None:
    # Given before or after the action (`desk sync --db X status`, `desk sync status --db X`): the
    # action's parser leaves the value alone unless it is given there.
    parser.add_argument("--db", type=Path, default=default, metavar="PATH",
                        help="the desk database (default: the user data folder, or $DESK_DB)")


def add_parser(sub) -> None:
    sync = sub.add_parser("sync", help="upload settlements to the hub and download other counters' usage")
    _db_option(sync, None)
    sync.add_argument("--hub", metavar="URL", help="this time, the hub at URL instead of the one set up"
                      " (an administrator: --user, PIN from $DESK_PIN or a prompt; audited)")
    sync.add_argument("--user", default=os.environ.get("DESK_USER"), metavar="ID",
                      help="the administrator who syncs with --hub (default $DESK_USER)")
    when = sync.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="sync once and exit (the default)")
    when.add_argument("--every", type=float, metavar="SECONDS", help="keep syncing, every SECONDS, until interrupted")
    sync.add_argument("--batch", type=int, default=200, help="settlements per upload (default 200)")
    sync.set_defaults(run=guarded(run_sync), action=None)
    actions = sync.add_subparsers(dest="action", metavar="ACTION")

    setup = actions.add_parser("setup", help="set the hub's URL and this desk's secret (admin); checks them")
    _db_option(setup, argparse.SUPPRESS)
    setup.add_argument("--hub", required=True, metavar="URL", help="https://… (plain http only to this machine)")
    setup.add_argument("--ca-file", help="a CA bundle, when the hub's certificate comes from a private CA")
    setup.add_argument("--stale-after", type=float, metavar="MINUTES",
                       help="show usage as stale this long after the last download (default 60)")
    setup.add_argument("--user", default=os.environ.get("DESK_USER"), metavar="ID",
                       help="the admin who sets it (default $DESK_USER; PIN from $DESK_PIN or a prompt);"
                            " the secret comes from $DESK_HUB_SECRET or a prompt")
    setup.set_defaults(run=guarded(run_setup))

    state = actions.add_parser("status", help="outbox size, last upload and download, how fresh usage is")
    _db_option(state, argparse.SUPPRESS)
    state.set_defaults(run=guarded(run_status))

    over = actions.add_parser("overruns", help="caps and accounts this desk and another together went beyond")
    _db_option(over, argparse.SUPPRESS)
    over.add_argument("--period", metavar="YYYY-MM[-DD]", help="only those settled on that day or in that month")
    over.set_defaults(run=guarded(run_overruns))


def _progress(stage: str, done: int, total: int | None) -> None:
    if sys.stderr.isatty():
        print(f"\r{stage}: {done:,}/{total:,}" if total is not None else f"\r{stage}: {done:,}", end="",
              file=sys.stderr, flush=True)
    else:
        print(f"{stage}: {done:,}/{total if total is not None else '?'}", file=sys.stderr, flush=True)


def _retrying(problem: str, pause: float) -> None:
    print(f"\nretrying in {pause:.1f}s: {problem}", file=sys.stderr, flush=True)


def _db_path(args: argparse.Namespace) -> Path:
    from desk.store.database import default_path

    return args.db or (Path(os.environ["DESK_DB"]) if os.environ.get("DESK_DB") else default_path())


def run_sync(args: argparse.Namespace) -> int:
    from desk.sync.client import sync_once

    actor = None
    if args.hub:
        db = open_store(args)
        try:
            from desk.store.users import require

            actor = acting_user(db, args)
            require(actor, "settings")  # another hub than the one set up: an administrator's act
        finally:
            db.conn.close()
    while True:
        report = sync_once(_db_path(args), hub_url=args.hub, actor=actor, progress=_progress, batch=args.batch,
                           on_retry=_retrying)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(f"uploaded {report.accepted} (already at the hub: {report.duplicates}), refused {len(report.refused)};"
              f" downloaded {report.changes} change(s); outbox {report.outbox_left}")
        for sid, reason in report.refused:
            print(f"REFUSED {sid}: {reason}")
        for o in report.overruns:
            what = o["kind"] + (f" {o['key']} {o.get('key_name') or ''}".rstrip() if o.get("key") else "")
            print(f"OVERRUN {o['day']} {what} member {o['member_id']}: beyond by {o['amount']}"
                  f" (limit {o['limit']}, total after {o['total_after']}), settlement {o['settlement_id']}")
        for problem in report.problems:
            print(f"PROBLEM {problem}")
        if not report.ok:
            print(f"desk sync: {report.error}", file=sys.stderr)
        if args.every is None:
            return 0 if report.ok else 1
        time.sleep(max(1.0, args.every))


def run_setup(args: argparse.Namespace) -> int:
    import getpass

    from desk.sync.client import check_hub, configure
    from desk.sync.transport import SyncError

    db = open_store(args)
    actor = acting_user(db, args)
    secret = os.environ.get("DESK_HUB_SECRET")
    if secret is None:
        if not sys.stdin.isatty():
            raise SystemExit("desk sync setup: no secret: set DESK_HUB_SECRET or run from a terminal")
        secret = getpass.getpass("the desk's secret from `desk hub add-desk`: ")
    stale = dt.timedelta(minutes=args.stale_after) if args.stale_after else None
    configure(db, actor, args.hub, secret, now(), ca_file=args.ca_file, stale_after=stale)
    try:
        name = check_hub(_db_path(args))
    except SyncError as exc:
        print(f"hub set to {args.hub}, but it does not answer yet: {exc}", file=sys.stderr)
        return 1
    print(f"hub set to {args.hub}; it knows this desk as {name}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from desk.sync.client import status

    s = status(open_store(args), now())
    print(f"desk {s.desk_uuid}  hub {s.hub_url or 'not set up (desk sync setup)'}")
    print(f"outbox {s.outbox}" + (f" ({s.refused} refused by the hub)" if s.refused else ""))
    print(f"last upload {s.last_upload_at or 'never'}, last download {s.last_download_at or 'never'}")
    age = "never downloaded" if s.usage_age is None else f"{int(s.usage_age.total_seconds() // 60)} min old"
    print(f"usage {age}" + ("  STALE" if s.stale else ""))
    if s.last_error:
        print(f"last error: {s.last_error}")
    return 0


def run_overruns(args: argparse.Namespace) -> int:
    from desk.store.identity import get_desk
    from desk.sync.overruns import overruns_for, trace_conflicts_for

    db = open_store(args)
    rows = overruns_for(db, args.period)
    for o in rows:
        print(f"{o.day}  {o.label}  member {o.member_id}  beyond by {o.amount} (limit {o.limit}, total after"
              f" {o.total_after})  settlement {o.settlement_id}  counted: {', '.join(o.settlements)}")
    me = get_desk(db).desk_uuid
    codes = trace_conflicts_for(db, args.period)

    def desk_name(uuid: str) -> str:
        return "this desk" if uuid == me else f"desk {uuid}"

    for c in codes:
        print(f"{c.day}  {c.label}  code {c.code} unit {c.unit}  member {c.member_id}  sold at"
              f" {desk_name(c.first_desk)} receipt {c.first_receipt} (settlement {c.first_settlement}), again at"
              f" {desk_name(c.desk_uuid)} receipt {c.receipt_no} (settlement {c.settlement_id})")
    print(f"{len(rows)} overrun(s), {len(codes)} traceability code(s) sold twice")
    return 0
