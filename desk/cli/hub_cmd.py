"""`desk hub`: run the hub, register and revoke desks, load its roster and catalog, check it."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desk.cli.options import guarded, now


def add_parser(sub) -> None:
    hub = sub.add_parser("hub", help="the hub desks sync with: serve it, register desks, load its roster")
    actions = hub.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help: str, run) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help)
        parser.add_argument("--db", default=os.environ.get("DESK_HUB_DB"), metavar="PATH|URL",
                            help="the hub's database: a SQLite file or postgresql://… (default $DESK_HUB_DB)")
        parser.set_defaults(run=guarded(run))
        return parser

    serve = action("serve", "serve the hub over HTTP (put TLS in a reverse proxy in front)", run_serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1, help="hub processes to run (default 1)")
    serve.add_argument("--threads", type=int, default=4,
                       help="database calls running at once in each hub process (default 4)")
    serve.add_argument("--header-timeout", type=float, default=10.0, metavar="SECONDS",
                       help="close a connection whose request head has not arrived in this time (default 10)")
    serve.add_argument("--body-timeout", type=float, default=60.0, metavar="SECONDS",
                       help="close a connection whose request body has not arrived in this time (default 60)")
    serve.add_argument("--max-connections", type=int, default=512, metavar="N",
                       help="open connections per hub process (default 512); beyond, the oldest still sending"
                            " its request head is closed")
    add = action("add-desk", "register a desk; prints its secret once", run_add)
    add.add_argument("desk_uuid", metavar="DESK_UUID", help="the desk's UUID (`desk sync status` shows it)")
    add.add_argument("--name", required=True, help="a name for people: clinic and counter")
    revoke = action("revoke-desk", "revoke a desk: its requests get 401 from now on", run_revoke)
    revoke.add_argument("desk_uuid", metavar="DESK_UUID")
    action("desks", "list the registered desks", run_desks)
    roster = action("load-roster", "load or update members (the desk's roster file format)", run_roster)
    roster.add_argument("file", type=Path)
    catalog = action("load-catalog", "load or update catalog items (the desk's catalog file format)", run_catalog)
    catalog.add_argument("file", type=Path)
    inpatient = action("load-inpatient", "load members' inpatient pool pay of hospital stays (CSV: member_id, year,"
                                         " inpatient_pool_paid): 门诊特殊疾病, 急诊 and 日间手术 share that cap",
                       run_inpatient)
    inpatient.add_argument("file", type=Path)
    install = action("install-pack", "install a policy pack on the hub (validated, kept with its SHA-256): uploads"
                                     " settled under it are re-settled and counted", run_install)
    install.add_argument("file", type=Path)
    action("check", "recompute every member's figures from the settlements; exit 1 on a difference", run_check)
    action("overruns", "list the overruns: caps and accounts two desks together went beyond", run_overruns)
    admin = action("add-admin", "register an administrator who may GET /v1/report; prints the secret once", run_admin)
    admin.add_argument("name")
    report = action("report", "supervision indicators across the hub's institutions or desks: PDF and CSV", run_report)
    report.add_argument("period", help="YYYY-MM (or YYYY, YYYY-MM-DD, FIRST..LAST)")
    report.add_argument("--by", choices=("institution", "desk"), default="institution")
    report.add_argument("--out-dir", type=Path, default=Path("."))
    report.add_argument("--thresholds", type=Path, default=os.environ.get("DESK_THRESHOLDS") or None,
                        help="TOML with a [supervision] table (open_from/open_until count off-hours)")


def _store(args: argparse.Namespace):
    from desk.sync.hub_store import HubStore

    if not args.db:
        raise ValueError("--db: say where the hub's database is (a file or postgresql://…), or set $DESK_HUB_DB")
    store = HubStore(args.db)
    store.migrate()
    return store


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.threads < 1:
        print("desk hub serve: --threads must be at least 1", file=sys.stderr)
        return 2
    if min(args.header_timeout, args.body_timeout) <= 0 or args.max_connections < 1:
        print("desk hub serve: the timeouts must be positive and --max-connections at least 1", file=sys.stderr)
        return 2
    from desk.sync.hub_guard import BURST, GuardedH11Protocol, raise_file_limit

    store = _store(args)
    cap = raise_file_limit(args.max_connections)
    os.environ["DESK_HUB_GUARD"] = f"{args.header_timeout},{args.body_timeout},{cap}"
    GuardedH11Protocol.head, GuardedH11Protocol.body, GuardedH11Protocol.cap = args.header_timeout, args.body_timeout, cap
    print(f"desk hub: serving {store.db.describe()} on http://{args.host}:{args.port} (at most {cap} connections"
          " a process)", file=sys.stderr, flush=True)
    guarded = dict(http="desk.sync.hub_guard:GuardedH11Protocol", timeout_keep_alive=5, log_level="warning",
                   host=args.host, port=args.port, access_log=False, backlog=BURST)
    if args.workers > 1:
        store.close()
        os.environ["DESK_HUB_DB"] = args.db
        os.environ["DESK_HUB_THREADS"] = str(args.threads)
        uvicorn.run("desk.cli.hub_report_route:app_from_environment", factory=True, workers=args.workers, **guarded)
        return 0
    from desk.cli.hub_report_route import report_route
    from desk.sync.hub_app import create_app

    uvicorn.run(create_app(store, args.threads, [report_route(store)]), **guarded)
    return 0


def run_add(args: argparse.Namespace) -> int:
    secret = _store(args).add_desk(args.desk_uuid, args.name, now())
    print(f"desk {args.desk_uuid} registered as {args.name}. Its secret (shown once, the hub keeps only a hash):")
    print(secret)
    print("At the desk: DESK_HUB_SECRET=<secret> desk sync setup --hub https://… --user <admin>", file=sys.stderr)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    _store(args).revoke_desk(args.desk_uuid, now())
    print(f"desk {args.desk_uuid} revoked")
    return 0


def run_desks(args: argparse.Namespace) -> int:
    for d in _store(args).desks():
        state = "active" if d.active else f"revoked {d.revoked_at}"
        where = f"{d.institution_code} desk {d.desk_number}" if d.institution_code else "no upload yet"
        print(f"{d.desk_uuid}  {d.name}  ({where})  {state}")
    return 0


def _read(path: Path, columns: tuple[str, ...], required: tuple[str, ...], parse) -> list:
    """Every row of a roster or catalog file parsed, or the whole file refused with its bad rows."""
    from desk.money import InputError
    from desk.store.tabular import ImportRefused, RowError, read_rows

    good, bad = [], []
    for item in read_rows(path, columns, required):
        if isinstance(item, RowError):
            bad.append(item)
            continue
        try:
            good.append(parse(item))
        except InputError as exc:
            bad.append(RowError(item.line, exc.field, exc.reason))
    if bad:
        raise ImportRefused(str(path), bad)
    return good


def run_roster(args: argparse.Namespace) -> int:
    from desk.store.roster import COLUMNS, REQUIRED, parse_member

    today = now().date()
    members = _read(args.file, COLUMNS, REQUIRED, lambda row: parse_member(row, today))
    print(f"{args.file}: {_store(args).load_members(members, now())} members loaded; desks get them at their next sync")
    return 0


def run_catalog(args: argparse.Namespace) -> int:
    from desk.store.catalog import COLUMNS, REQUIRED, parse_item
    from desk.store.catalog_drugs import parse_drug
    from desk.store.tabular import ImportRefused, RowError

    def parse(row):
        item = parse_item(row)
        return row.line, item, parse_drug(row, item[0], item[7])

    parsed = _read(args.file, COLUMNS, REQUIRED, parse)
    held: dict[str, int] = {}
    repeated = []
    for line, item, drug in parsed:  # a box barcode names one item (as the desk's own import holds)
        if drug and drug[1] is not None:
            if drug[1] in held:
                repeated.append(RowError(line, "barcode", f"{drug[1]} repeats line {held[drug[1]]}"))
            held.setdefault(drug[1], line)
    if repeated:
        raise ImportRefused(str(args.file), repeated)
    drugs = {item[0]: drug for _, item, drug in parsed if drug}
    loaded = _store(args).load_catalog([item for _, item, _ in parsed], now(), drugs)
    print(f"{args.file}: {loaded} items loaded; desks get them at their next sync")
    return 0


INPATIENT_COLUMNS = ("member_id", "year", "inpatient_pool_paid")


def _inpatient_row(row) -> tuple[str, int, int]:
    from desk.money import InputError, parse_money, to_fen

    member = row.values["member_id"].strip()
    if not member:
        raise InputError("member_id", "must not be empty")
    text = row.values["year"].strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InputError("year", f"{text!r} is not a year like 2023")
    amount = parse_money(row.values["inpatient_pool_paid"], "inpatient_pool_paid")
    return member, int(text), to_fen(amount, "inpatient_pool_paid")


def run_inpatient(args: argparse.Namespace) -> int:
    rows = _read(args.file, INPATIENT_COLUMNS, INPATIENT_COLUMNS, _inpatient_row)
    print(f"{args.file}: {_store(args).load_inpatient(rows, now())} members' inpatient pool pay loaded; desks get"
          " their inpatient-cap usage at their next sync")
    return 0


def run_install(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise ValueError(f"{args.file}: cannot be read: {exc.strerror}") from None
    pack_id, digest = _store(args).install_pack(data, now())
    print(f"{args.file}: installed {pack_id}, sha256 {digest}; uploads settled under it are now counted")
    return 0


def run_check(args: argparse.Namespace) -> int:
    problems = _store(args).check()
    for problem in problems:
        print(f"MISMATCH {problem}")
    print(f"hub check: {'no mismatch' if not problems else f'{len(problems)} mismatch(es)'}")
    return 1 if problems else 0


def run_overruns(args: argparse.Namespace) -> int:
    from desk.sync.overruns import KINDS

    rows = _store(args).overruns()
    for o in rows:
        what = KINDS.get(o['kind'], o['kind']) + (f" {o['key']} {o['key_name']}".rstrip() if o.get("key") else "")
        print(f"{o['day']}  {what}  member {o['member_id']}  beyond by {o['amount']}"
              f" (limit {o['limit']}, total after {o['total_after']})  settlement {o['settlement_id']}"
              f"  counted: {', '.join(o['settlements'])}")
    print(f"{len(rows)} overrun(s)")
    store = _store(args)
    names = {d.desk_uuid: f"{d.institution_code or '?'}/{d.desk_number or '?'}" for d in store.desks()}
    doubles = store.trace_conflicts()
    for c in doubles:
        print(f"{c['day']}  追溯码重复销售 code sold twice  {c['code']} unit {c['unit']}: desk"
              f" {names.get(c['first_desk'], c['first_desk'])} receipt {c['first_receipt']}, then desk"
              f" {names.get(c['desk_uuid'], c['desk_uuid'])} receipt {c['receipt_no']} (member {c['member_id']})")
    print(f"{len(doubles)} traceability code(s) sold twice")
    return 0



def run_report(args: argparse.Namespace) -> int:
    from desk.analytics import load_thresholds
    from desk.analytics.hub import hub_report, report_csv
    from desk.analytics.period import parse_period
    from desk.receipts.hub_report_pdf import render_hub_report

    period = parse_period(args.period)
    thresholds = load_thresholds(args.thresholds)
    store = _store(args)
    library = store.library
    with store.db.read() as tx:
        report = hub_report(tx, period, args.by, thresholds, library)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"hub-report-{period.label}"
    (args.out_dir / f"{stem}.csv").write_text(report_csv(report), encoding="utf-8")
    (args.out_dir / f"{stem}.pdf").write_bytes(render_hub_report(report, now()))
    t = report.total
    print(f"{period.label}: {len(report.units)} {args.by}(s), {t.visits} visits net, total {t.total},"
          f" 次均费用 {t.avg_cost or '-'}; wrote {stem}.pdf and {stem}.csv in {args.out_dir}")
    for indicator in ("avg_cost", "self_pay_share", "exam_share"):
        print(f"  by {indicator}: " + ", ".join(f"{k} {v}" for k, v in report.ranked(indicator)[:10]))
    return 0


def run_admin(args: argparse.Namespace) -> int:
    from desk.sync.hub_admins import add_admin

    secret = add_admin(_store(args), args.name, now())
    print(f"administrator {args.name}: token admin:{args.name}:{secret}  (shown once; GET /v1/report?period=YYYY-MM)")
    return 0
