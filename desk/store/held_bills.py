"""挂单/取单: bills set aside at the counter while the next patient is served, and taken up again.

A held bill is the counter's draft (member, lines, prices, codes, benefit, prescription, payment
choice) stored in the desk database, so it survives closing the program. It is not a settlement:
holding counts no usage and books no money; recalling takes the row out in one transaction, so two
counters on one desk file cannot both recall it. The core stores the draft as the counter gives it
(a JSON object); it checks only what it needs to list it, and the counter checks the rest when the
bill is settled, exactly as for a draft restored after a crash.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.money import from_fen, to_fen
from desk.store import audit
from desk.store.database import StoreError, write_transaction
from desk.store.identity import get_desk
from desk.store.users import Actor, require

MAX_HELD = 50  # per desk: a counter with more set aside has a problem a longer list would hide


@dataclass(frozen=True)
class HeldBill:
    id: str  # the settlement id the bill will settle under
    desk_number: str
    cashier: str
    cashier_name: str
    member_id: str | None
    member_name: str
    held_at: str
    lines: int
    total: Decimal
    bill: dict


class NotHeld(StoreError):
    """No held bill with this id (recalled already, perhaps at another counter on the same desk)."""

    def __init__(self, bill_id: str):
        self.bill_id = bill_id
        super().__init__(f"held bill: there is no held bill {bill_id!r} (recalled already?)", kind="not_held",
                         bill_id=bill_id)


def hold(db: sqlite_utils.Database, actor: Actor, bill_id: str, bill: dict, *, member_id: str | None,
         member_name: str, lines: int, total: Decimal, at: dt.datetime) -> HeldBill:
    """Set a bill aside; holding the same bill again replaces what was held (it is one bill)."""
    require(actor, "settle")
    if not isinstance(bill, dict):
        raise StoreError("bill: a held bill is the counter's draft, a JSON object")
    if lines <= 0:
        raise StoreError("bill: has no items; there is nothing to hold", kind="empty")
    desk = get_desk(db)
    with write_transaction(db):
        count = db.execute("SELECT count(*) FROM held_bills WHERE desk_number = ? AND id <> ?",
                           (desk.desk_number, bill_id)).fetchone()[0]
        if count >= MAX_HELD:
            raise StoreError(f"held bills: {count} bills are held already (at most {MAX_HELD}); recall one first",
                             kind="too_many", count=count, limit=MAX_HELD)
        settled = db.execute("SELECT receipt_no FROM settlements WHERE id = ?", (bill_id,)).fetchone()
        if settled:
            raise StoreError(f"bill: {bill_id} is settled already (receipt {settled[0]}); it cannot be held",
                             kind="settled", receipt=settled[0])
        db.execute("INSERT OR REPLACE INTO held_bills (id, desk_number, cashier, member_id, member_name, held_at,"
                   " lines, total_fen, bill) VALUES (?,?,?,?,?,?,?,?,?)",
                   (bill_id, desk.desk_number, actor.user_id, member_id, member_name, at.isoformat(), lines,
                    to_fen(total), json.dumps(bill, ensure_ascii=False)))
        audit.append(db, at.isoformat(), actor.user_id, "bill.hold", bill_id,
                     {"member": member_id, "lines": lines, "total": str(total)})
    return get_held(db, bill_id)


_SELECT = ("SELECT h.id, h.desk_number, h.cashier, COALESCE(u.name, h.cashier), h.member_id, h.member_name,"
           " h.held_at, h.lines, h.total_fen, h.bill FROM held_bills h LEFT JOIN users u ON u.user_id = h.cashier")


def _held(row: tuple) -> HeldBill:
    return HeldBill(*row[:8], from_fen(row[8]), json.loads(row[9]))


def held_bills(db: sqlite_utils.Database) -> list[HeldBill]:
    """This desk's held bills, oldest first."""
    desk = get_desk(db)
    return [_held(r) for r in db.execute(f"{_SELECT} WHERE h.desk_number = ? ORDER BY h.held_at, h.rowid",
                                         (desk.desk_number,))]


def get_held(db: sqlite_utils.Database, bill_id: str) -> HeldBill:
    row = db.execute(f"{_SELECT} WHERE h.id = ?", (bill_id,)).fetchone()
    if row is None:
        raise NotHeld(bill_id)
    return _held(row)


def recall(db: sqlite_utils.Database, actor: Actor, bill_id: str, at: dt.datetime) -> HeldBill:
    """Take a held bill up again: it leaves the list in the same transaction that reads it."""
    require(actor, "settle")
    with write_transaction(db):
        found = get_held(db, bill_id)
        if found.desk_number != get_desk(db).desk_number:
            raise NotHeld(bill_id)
        db.execute("DELETE FROM held_bills WHERE id = ?", (bill_id,))
        audit.append(db, at.isoformat(), actor.user_id, "bill.recall", bill_id,
                     {"member": found.member_id, "held_by": found.cashier, "held_at": found.held_at})
    return found
