"""挂单/取单 in the store (issue 12): a held bill is kept in the desk database, is not a settlement, and is
recalled once."""
import json
from decimal import Decimal

import pytest

from desk.store.database import StoreError, open_db
from desk.store.held_bills import NotHeld, get_held, held_bills, hold, recall
from desk.store.settling import BillLine, settle_bill
from store_support import table_dump

BILL = {"member_key": "M001", "lines": [{"code": "XA01", "quantity": "2", "unit_price": "25.00"}], "benefit": "ordinary|"}
COUNTED = ("settlements", "usage_ledger", "account_ledger", "outbox", "benefit_ledger", "settlement_payments")


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED if t in db.table_names()}


def held(desk, bill_id="b1", **kw):
    args = dict(member_id="M001", member_name="王伟", lines=1, total=Decimal("50.00"), at=desk.at) | kw
    return hold(desk.db, desk.cashier, bill_id, BILL, **args)


def test_a_held_bill_is_listed_survives_a_reopen_and_is_not_a_settlement(desk):
    before = counts(desk.db)
    held(desk)
    assert counts(desk.db) == before  # no usage counted, no money booked, nothing to upload
    again = open_db(desk.path)  # the program closed and started again
    [bill] = held_bills(again)
    assert (bill.id, bill.member_id, bill.member_name, bill.total, bill.lines, bill.cashier_name) == (
        "b1", "M001", "王伟", Decimal("50.00"), 1, "收款员一")
    assert bill.bill == BILL
    assert recall(again, desk.cashier, "b1", desk.at).bill == BILL
    assert held_bills(again) == [] and held_bills(desk.db) == []
    with pytest.raises(NotHeld):  # recalled once: a second counter on the same desk file gets nothing
        recall(desk.db, desk.supervisor, "b1", desk.at)
    actions = [r[0] for r in desk.db.execute("SELECT action FROM audit WHERE subject = 'b1' ORDER BY seq")]
    assert actions == ["bill.hold", "bill.recall"]


def test_holding_the_same_bill_again_replaces_it(desk):
    held(desk)
    held(desk, total=Decimal("75.00"), lines=2)
    assert [(b.id, b.total, b.lines) for b in held_bills(desk.db)] == [("b1", Decimal("75.00"), 2)]


def test_an_empty_bill_or_a_settled_one_cannot_be_held_and_nothing_is_written(desk):
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match="nothing to hold"):
        held(desk, lines=0)
    s = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01")], desk.at, settlement_id=None)
    after_settling = table_dump(desk.db)
    with pytest.raises(StoreError, match="settled already") as refused:
        held(desk, bill_id=s.id)
    assert refused.value.kind == "settled"
    assert table_dump(desk.db) == after_settling and before["held_bills"] == []


def test_a_held_bill_of_another_desk_number_is_not_this_desks(desk):
    held(desk)
    desk.db.execute("INSERT INTO held_bills (id, desk_number, cashier, member_id, member_name, held_at, lines,"
                    " total_fen, bill) VALUES ('b2', '99', 'cash1', 'M002', '李娜', ?, 1, 100, '{}')",
                    (desk.at.isoformat(),))
    desk.db.conn.commit()
    assert [b.id for b in held_bills(desk.db)] == ["b1"]
    with pytest.raises(NotHeld):
        recall(desk.db, desk.cashier, "b2", desk.at)
    assert get_held(desk.db, "b2").desk_number == "99"  # still there, for its own desk


def test_the_database_refuses_a_bill_that_is_not_json(desk):
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("INSERT INTO held_bills (id, desk_number, cashier, held_at, lines, total_fen, bill)"
                        " VALUES ('b3', '01', 'cash1', 'x', 1, 0, 'not json')")
    assert json.loads(json.dumps(BILL)) == BILL
