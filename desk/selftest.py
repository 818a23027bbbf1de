"""`desk selftest`: prove an installation works, with no display, from source or frozen.

For every shipped place it builds a temporary demo desk, settles and reverses a bill, renders a
receipt and a Z report and reads them back, verifies the audit chain and the ledgers; it also
checks that the provincial framework refuses to settle. Each check prints one line.
"""
from __future__ import annotations

import datetime as dt
import tempfile
import time
import traceback
from decimal import Decimal
from pathlib import Path
from typing import Callable

from desk.domain import CST

PLACES = ("puyang", "chongqing", "nanchang", "jilin")


def _place(place: str, folder: Path, now: dt.datetime) -> str:
    from desk.policy.loader import Library
    from desk.receipts.day_slip import render_day
    from desk.receipts.receipt import print_receipt
    from desk.store.day_close import close_day
    from desk.store.audit import verify
    from desk.store.check import check
    from desk.store.database import open_db
    from desk.demo_desk import USERS, build_demo
    from desk.store.identity import get_desk
    from desk.store.settling import BillLine, reverse, settle_bill
    from desk.store.users import login

    library = Library()
    db = open_db(folder / f"{place}.sqlite")
    report = build_demo(db, library, place, members=60, now=now)
    cashier = login(db, USERS[1][0], USERS[1][3], now)
    supervisor = login(db, USERS[2][0], USERS[2][3], now)
    member = db.execute("SELECT member_id FROM members WHERE eligible = 1 AND category = 'employed'"
                        " ORDER BY member_id LIMIT 1").fetchone()[0]
    codes = [r[0] for r in db.execute("SELECT code FROM catalog WHERE class IN ('A', 'B')"
                                      " ORDER BY unit_price_fen DESC, code LIMIT 3")]
    settled = settle_bill(db, library, cashier, member, [BillLine(c, Decimal(3)) for c in codes], now,
                          use_account=False)
    f = settled.figures
    assert f["pool_pay"] + f["self_pay"] == f["total"] and f["account_pay"] + f["cash_pay"] == f["self_pay"]
    back = reverse(db, supervisor, settled.id, now + dt.timedelta(minutes=1), "selftest")
    assert back.figures["total"] == -f["total"]
    pdf, _ = print_receipt(db, library, cashier, settled.id, "80mm", now)
    assert pdf.startswith(b"%PDF") and b"WenQuanYiZenHei" in pdf, "receipt PDF lacks the embedded font"
    close = close_day(db, supervisor, now + dt.timedelta(hours=8))
    z = render_day(get_desk(db), close.figures, "80mm", close=close, printed_at=now, printed_by="selftest")
    assert z.startswith(b"%PDF") and close.figures.settlements >= 1 and close.figures.reversals == 1
    assert verify(db).ok, verify(db).problems
    checked = check(db)
    assert checked.ok, checked.problems
    return (f"{report.members} members, {report.settlements} past settlements; settled receipt {settled.receipt_no}"
            f" (total {f['total']}, pool {f['pool_pay']}, cash {f['cash_pay']}), reversed, receipt"
            f" {len(pdf) // 1024} KB, Z {close.number}, audit chain and ledgers intact")


def _framework_refuses(folder: Path, now: dt.datetime) -> str:
    from desk.engine import Bill, Institution, Item, Member, Usage, settle
    from desk.money import parse_money
    from desk.policy.loader import Library
    from desk.policy.pack import PolicyError

    try:
        settle(Library().get("shandong"), Member("employed"), Usage(),
               Bill(Institution(1), (Item(parse_money("10", "amount"), "A"),)), now)
    except PolicyError as exc:
        return f"refuses: {exc}"
    raise AssertionError("the shandong framework settled a bill")


def run(print_line: Callable[[str], None] = print) -> int:
    """Run every check; print one line each; return the number of failures."""
    now = dt.datetime.now(CST).replace(microsecond=0)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="desk-selftest-") as tmp:
        checks = [(f"place {p}", (lambda p=p: _place(p, Path(tmp), now))) for p in PLACES]
        checks.append(("framework shandong", lambda: _framework_refuses(Path(tmp), now)))
        for name, check in checks:
            start = time.perf_counter()
            try:
                detail = check()
            except Exception as exc:  # every failure is reported, then the next check runs
                failures += 1
                print_line(f"FAIL {name}: {exc}")
                print_line(traceback.format_exc())
            else:
                print_line(f"ok   {name} ({(time.perf_counter() - start) * 1000:.0f} ms): {detail}")
    print_line(f"selftest: {len(checks) - failures} passed, {failures} failed")
    return failures
