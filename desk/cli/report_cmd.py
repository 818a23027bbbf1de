"""`desk report day|x|z|month`: the day's figures, the X and Z reports, the monthly claim."""
from __future__ import annotations

import argparse
import os
import datetime as dt
from pathlib import Path

from desk.cli.options import acting_user, add_db, guarded, now, open_store
from desk.domain import PAYMENT_LABELS


def add_parser(sub) -> None:
    report = sub.add_parser("report", help="reports: day figures, X and Z reports, the monthly claim statement")
    kinds = report.add_subparsers(dest="kind", metavar="KIND", required=True)
    day = kinds.add_parser("day", help="counts and sums of one calendar day (net of reversals), as text")
    day.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default today, China Standard Time)")
    add_db(day)
    day.set_defaults(run=guarded(run_day))
    x = kinds.add_parser("x", help="X report: live figures since the last Z, as PDF")
    z = kinds.add_parser("z", help="Z report: close the business day (supervisor), as PDF; --reprint N reprints")
    z.add_argument("--reprint", type=int, metavar="N", help="reprint Z report number N instead of closing")
    for parser in (x, z):
        parser.add_argument("--format", default="80mm", choices=("80mm", "58mm", "a5", "a4"))
        parser.add_argument("--out", type=Path, required=True)
        add_db(parser, user=True)
    x.set_defaults(run=guarded(run_x))
    z.set_defaults(run=guarded(run_z))
    month = kinds.add_parser("month", help="monthly claim statement (PDF and CSV) and setlinfo export (CSV)")
    month.add_argument("month", help="YYYY-MM")
    month.add_argument("--out-dir", type=Path, default=Path("."))
    add_db(month)
    month.set_defaults(run=guarded(run_month))
    supervision = kinds.add_parser("supervision", help="supervision indicators, charts and alerts (PDF; text on stdout)")
    supervision.add_argument("period", help="YYYY-MM (or YYYY, YYYY-MM-DD, FIRST..LAST)")
    supervision.add_argument("--out", type=Path, help="the PDF (default supervision-PERIOD.pdf)")
    supervision.add_argument("--desk-number", help="only this counter's settlements")
    add_thresholds(supervision)
    add_db(supervision)
    supervision.set_defaults(run=guarded(run_supervision))


def add_thresholds(parser) -> None:
    parser.add_argument("--thresholds", type=Path, default=os.environ.get("DESK_THRESHOLDS") or None,
                        help="TOML with a [supervision] table of warning thresholds (default $DESK_THRESHOLDS;"
                             " the defaults are in the README)")


LABELS = {"total": "医疗费总额 total", "full_self_pay": "全自费 full self-pay", "pre_self_pay": "先行自付 pre-self-pay",
          "in_scope": "政策范围内 in scope", "pool_pay": "基金支付 pool pay", "hifp_pay": "  统筹基金 hifp",
          "hifob_pay": "  大额互助 hifob", "over_cap": "超限额 over cap", "self_pay": "个人负担 self-pay",
          "account_pay": "个人账户 account", "cash_pay": "现金 cash"}


def run_day(args: argparse.Namespace) -> int:
    from desk.reports.day import calendar_day
    from desk.store.identity import get_desk

    db = open_store(args)
    desk = get_desk(db)
    day = args.date or now().date()
    figures = calendar_day(db, day)
    print(f"{desk.institution_name} ({desk.institution_code}) desk {desk.desk_number}  {day}"
          + ("  [演示数据 demo]" if desk.demo else ""))
    print(f"settlements {figures.settlements}, reversals {figures.reversals}, receipts"
          f" {figures.first_receipt or '-'}..{figures.last_receipt or '-'}")
    for key, label in LABELS.items():
        print(f"  {label:<24} {figures.sums[key]:>12}")
    for method, amount in figures.by_method:  # the cash part by payment method, reversals netted
        print(f"  paid by {method} {PAYMENT_LABELS[method]:<16} {amount:>12}")
    for receipt, original, total in figures.reversed_receipts:
        print(f"  reversal {receipt} of receipt {original}: {total}")
    return 0


def run_x(args: argparse.Namespace) -> int:
    from desk.receipts.day_slip import render_day
    from desk.reports.day import open_figures
    from desk.store.identity import get_desk
    from desk.store.private_files import check_target, write_private

    check_target(args.out)
    db = open_store(args)
    actor = acting_user(db, args)
    from desk.sync.overruns import overruns_for, trace_conflicts_for

    from desk.reports.benefits import pool_by_benefit

    after, figures = open_figures(db)
    write_private(args.out, render_day(get_desk(db), figures, args.format, close=None, printed_at=now(),
                                       printed_by=actor.name, overruns=overruns_for(db, now().date().isoformat()),
                                       benefits=pool_by_benefit(db, "s.seq > ?", (after,)),
                                       trace_conflicts=trace_conflicts_for(db, now().date().isoformat())))
    print(f"{args.out}: X report, {figures.settlements} settlements and {figures.reversals} reversals since the last Z")
    return 0


def run_z(args: argparse.Namespace) -> int:
    from desk.receipts.day_slip import render_day
    from desk.store.day_close import close_day, get_close
    from desk.store.identity import get_desk
    from desk.store.private_files import check_target, write_private
    from desk.store.users import require

    check_target(args.out)  # before the day is closed
    db = open_store(args)
    actor = acting_user(db, args)
    if args.reprint:
        require(actor, "settle")
        close = get_close(db, args.reprint)
    else:
        close = close_day(db, actor, now())
    from desk.reports.benefits import pool_by_benefit
    from desk.sync.overruns import overruns_for, trace_conflicts_for

    write_private(args.out, render_day(get_desk(db), close.figures, args.format, close=close, printed_at=now(),
                                    printed_by=actor.name, reprint=bool(args.reprint),
                                    overruns=overruns_for(db, close.business_date),
                                    benefits=pool_by_benefit(db, "s.seq > ? AND s.seq <= ?",
                                                             (close.after_seq, close.last_seq)),
                                    trace_conflicts=trace_conflicts_for(db, close.business_date)))
    print(f"{args.out}: Z report {close.number} for {close.business_date}"
          f" ({close.figures.settlements} settlements, {close.figures.reversals} reversals)"
          + (" — reprint" if args.reprint else ""))
    return 0


def run_month(args: argparse.Namespace) -> int:
    from desk.receipts.claim_pdf import render_claim
    from desk.reports.month import claim_csv, claim_rows, setlinfo_csv
    from desk.store.identity import get_desk

    from desk.reports.month import overruns_csv
    from desk.store.private_files import write_private
    from desk.sync.overruns import overruns_for, trace_conflicts_for

    db = open_store(args)
    rows = claim_rows(db, args.month)
    overruns = overruns_for(db, args.month)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    pdf = args.out_dir / f"claim-{args.month}.pdf"
    from desk.reports.benefits import pool_by_benefit
    from desk.reports.month import benefits_csv, month_range

    first, after = month_range(args.month)
    benefits = pool_by_benefit(db, "s.day >= ? AND s.day < ?", (first.isoformat(), after.isoformat()))
    conflicts = trace_conflicts_for(db, args.month)
    write_private(pdf, render_claim(get_desk(db), args.month, rows, now(), overruns,
                                    supervision=f"supervision-{args.month}.pdf", benefits=benefits,
                                    trace_conflicts=conflicts))
    write_private(args.out_dir / f"claim-benefits-{args.month}.csv", benefits_csv(benefits))
    _write_supervision(db, args.month, args.out_dir / f"supervision-{args.month}.pdf", None, None, args)
    write_private(args.out_dir / f"overruns-{args.month}.csv", overruns_csv(overruns))
    write_private(args.out_dir / f"claim-{args.month}.csv", claim_csv(rows))
    write_private(args.out_dir / f"setlinfo-{args.month}.csv", setlinfo_csv(db, args.month))
    from desk.reports.drug_sales import drug_csv, drug_jsonl, drug_records

    drugs = drug_records(db, args.month)
    write_private(args.out_dir / f"drugsale-{args.month}.jsonl", drug_jsonl(drugs))
    write_private(args.out_dir / f"drugsale-{args.month}.csv", drug_csv(drugs))
    total = rows[-1]
    print(f"{args.month}: {total.count} settlements net, pool pay {total.sums['pool_pay']};"
          f" {len(overruns)} overrun(s) and {len(conflicts)} traceability code(s) sold twice reported by the hub; wrote {pdf.name}, claim-{args.month}.csv,"
          f" claim-benefits-{args.month}.csv, setlinfo-{args.month}.csv, overruns-{args.month}.csv,"
          f" supervision-{args.month}.pdf,"
          f" drugsale-{args.month}.jsonl and .csv ({len(drugs)} drug lines, 3505/3506) in {args.out_dir}")
    return 0


def _write_supervision(db, period_text: str, out: Path, desk_number: str | None, thresholds_path, args):
    from desk.analytics import Selection, load_thresholds, supervise
    from desk.analytics.period import parse_period
    from desk.cli.options import desk_library
    from desk.receipts.supervision_pdf import render_supervision
    from desk.store.identity import get_desk

    result = supervise(db, Selection(parse_period(period_text), desk_number), load_thresholds(thresholds_path),
                       desk_library(db))
    from desk.store.private_files import write_private

    write_private(out, render_supervision(get_desk(db), result, now()))
    return result


def run_supervision(args: argparse.Namespace) -> int:
    from desk.receipts.supervision_pdf import alert_text, shown

    db = open_store(args)
    out = args.out or Path(f"supervision-{args.period}.pdf")
    result = _write_supervision(db, args.period, out, args.desk_number, args.thresholds, args)
    print(f"{result.selection.period.label}: {result.totals.visits} visits net of reversals; wrote {out}")
    for indicator in result.indicators:
        print(f"  {indicator.label:<16} {shown(indicator):>12}   {indicator.article}")
    print(f"alerts: {len(result.alerts)}")
    for alert in result.alerts:
        listed = " ".join(f"{r.desk_number}-{r.receipt_no}" for r in alert.settlements[:10])
        print(f"  {alert_text(alert, result)}  [{alert.article}]  {alert.count} settlement(s) (desk-receipt):"
              f" {listed}{' …' if alert.count > 10 else ''}")
    return 0
