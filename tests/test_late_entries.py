"""The desk's clock dates a settlement; a supervisor's late entry (补录) is the only exception, for a
business day not yet closed, never in the future, with a reason in the audit log and on the receipt.
Written as the attacks: a cashier dating a bill into last year, next year or a closed day."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from desk.receipts.receipt import print_receipt
from desk.reports.day import close_day
from desk.store.database import StoreError
from desk.store.dating import LateEntry, closed_through
from desk.store.settling import BillLine, settle_bill
from desk.store.users import PermissionDenied
from pdf_support import text
from store_support import CST, table_dump

BILL = [BillLine("XA01", 4)]  # 100.00 of class A


def at(y, m, d, h=10, minute=0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=CST)


def usage_row(desk, year):
    return desk.db.execute("SELECT deductible_met_fen, ordinary_pool_paid_fen FROM usage_summary"
                           " WHERE member_id = 'M001' AND year = ?", (year,)).fetchone()


@pytest.mark.parametrize("when", [at(2022, 12, 20), at(2024, 1, 5), at(2023, 3, 14)],
                         ids=["last-year", "next-year", "yesterday"])
def test_a_cashier_cannot_date_a_bill(desk, when):
    """Before: `desk settle --at` from a cashier put a bill in last year (last year's cap), next year or a
    closed day. Now only a supervisor may, and nothing is written."""
    before = table_dump(desk.db)
    with pytest.raises(PermissionDenied, match="may not record a late entry"):
        settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at, late=LateEntry(when, "x"))
    assert table_dump(desk.db) == before


def test_a_late_entry_needs_a_reason_and_is_never_in_the_future(desk):
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match="needs a reason"):
        settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, desk.at,
                    late=LateEntry(desk.at - dt.timedelta(hours=1), "  "))
    with pytest.raises(StoreError, match="is in the future"):
        settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, desk.at,
                    late=LateEntry(desk.at + dt.timedelta(minutes=1), "停电"))
    assert table_dump(desk.db) == before


def test_a_closed_day_takes_no_late_entry(desk):
    """A Z report closes its day (and every day of the settlements it covers): no late entry goes into it."""
    settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, at(2023, 3, 14, 9))
    close_day(desk.db, desk.supervisor, at(2023, 3, 14, 18))
    assert closed_through(desk.db) == dt.date(2023, 3, 14)
    now = at(2023, 3, 15, 10)
    before = table_dump(desk.db)
    for when in (at(2023, 3, 14, 15), at(2023, 3, 1)):
        with pytest.raises(StoreError, match="business day .* is closed"):
            settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, now, late=LateEntry(when, "停电"))
    assert table_dump(desk.db) == before
    done = settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, now,
                       late=LateEntry(at(2023, 3, 15, 8), "停电补录"))
    assert done.late_entry and done.day == "2023-03-15" and done.entered_at == now.isoformat()


def test_last_years_day_not_yet_closed_counts_in_last_years_usage(desk):
    """A bill of 31 December recorded on 2 January counts towards the old year (its cap, its deductible,
    its policy version), and leaves the new year's usage alone; once the old day is closed, it is refused."""
    now = at(2023, 1, 2, 9)
    done = settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, now,
                       late=LateEntry(at(2022, 12, 31, 16), "年末停电，手工单补录"))
    assert (done.year, done.day, done.policy_version) == (2022, "2022-12-31", "puyang@2022-07-01")
    # 濮阳, level-2 hospital: deductible 30.00 per visit, then 60% of 70.00 = 42.00 from the pool (worked by hand)
    assert done.figures["pool_pay"] == 42 and usage_row(desk, 2022) == (0, 4200) and usage_row(desk, 2023) is None
    close_day(desk.db, desk.supervisor, at(2023, 1, 2, 18))
    with pytest.raises(StoreError, match="is closed"):
        settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, at(2023, 1, 3, 9),
                    late=LateEntry(at(2022, 12, 31, 17), "又一张"))


def test_the_receipt_and_the_audit_log_say_late_entry(desk, tmp_path):
    now = desk.at
    done = settle_bill(desk.db, desk.library, desk.supervisor, "A10000001", BILL, now,
                       late=LateEntry(now - dt.timedelta(hours=2), "网络中断，手工单补录"))
    pdf, _ = print_receipt(desk.db, desk.library, desk.supervisor, done.id, "80mm", now)
    page = text(pdf, tmp_path)
    assert "补录" in page and "网络中断，手工单补录" in page
    assert (now - dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S") in page  # 结算时间: when it happened
    assert now.strftime("%Y-%m-%d %H:%M:%S") in page  # 补录时间: when it was recorded
    audit_at, detail = desk.db.execute("SELECT at, detail FROM audit WHERE action = 'settle' AND subject = ?",
                                       (done.id,)).fetchone()
    assert audit_at == now.isoformat()
    assert json.loads(detail)["late_entry"] == {"at": (now - dt.timedelta(hours=2)).isoformat(),
                                                "reason": "网络中断，手工单补录"}


def test_an_ordinary_receipt_does_not_say_late_entry(desk, tmp_path):
    done = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at)
    pdf, _ = print_receipt(desk.db, desk.library, desk.cashier, done.id, "80mm", desk.at)
    assert "补录" not in text(pdf, tmp_path) and not done.late_entry
