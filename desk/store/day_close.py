"""The Z report: closing a business day is a store transaction, and what it froze.

Sums are taken in SQL over integer fen, so a report equals the database to the fen. A Z report
covers every settlement since the previous Z (by the settlements' local sequence), so whatever is
settled after a close belongs to the next business day; its figures are frozen when it is made,
numbered per desk, and never change. The live X report (desk/reports/day.py) uses the same sums.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.money import from_fen
from desk.store import audit, payments
from desk.store.database import StoreError, write_transaction
from desk.store.identity import get_desk
from desk.store.users import Actor, require

SUMS = ("total", "full_self_pay", "pre_self_pay", "in_scope", "pool_pay", "hifp_pay", "hifob_pay", "over_cap",
        "self_pay", "account_pay", "cash_pay")


@dataclass(frozen=True)
class Figures:
    settlements: int
    reversals: int
    first_receipt: int | None
    last_receipt: int | None
    sums: dict[str, Decimal]
    reversed_receipts: tuple[tuple[int, int, Decimal], ...]  # (reversal receipt, original receipt, total)
    by_cashier: tuple[tuple[str, int, Decimal, Decimal], ...]  # (cashier, count, account, cash)
    # the cash part by method, and by cashier and method (reversals netted); () in a Z made before methods
    by_method: tuple[tuple[str, Decimal], ...] = ()
    by_cashier_method: tuple[tuple[str, str, Decimal], ...] = ()

    def to_json(self) -> str:
        return json.dumps({
            "settlements": self.settlements, "reversals": self.reversals, "first_receipt": self.first_receipt,
            "last_receipt": self.last_receipt, "sums": {k: str(v) for k, v in self.sums.items()},
            "reversed_receipts": [[r, o, str(t)] for r, o, t in self.reversed_receipts],
            "by_cashier": [[c, n, str(a), str(m)] for c, n, a, m in self.by_cashier],
            "by_method": [[m, str(a)] for m, a in self.by_method],
            "by_cashier_method": [[c, m, str(a)] for c, m, a in self.by_cashier_method]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Figures":
        raw = json.loads(text)
        return cls(raw["settlements"], raw["reversals"], raw["first_receipt"], raw["last_receipt"],
                   {k: Decimal(v) for k, v in raw["sums"].items()},
                   tuple((r, o, Decimal(t)) for r, o, t in raw["reversed_receipts"]),
                   tuple((c, n, Decimal(a), Decimal(m)) for c, n, a, m in raw["by_cashier"]),
                   tuple((m, Decimal(a)) for m, a in raw.get("by_method", [])),
                   tuple((c, m, Decimal(a)) for c, m, a in raw.get("by_cashier_method", [])))


def figures(db: sqlite_utils.Database, where: str, params: tuple) -> Figures:
    """Counts and sums of the settlements ``where`` selects (a condition on the alias s)."""
    columns = ", ".join(f"COALESCE(SUM(s.{name}_fen), 0)" for name in SUMS)
    row = db.execute(f"SELECT SUM(s.kind = 'settlement'), SUM(s.kind = 'reversal'), MIN(s.receipt_no),"
                     f" MAX(s.receipt_no), {columns} FROM settlements s WHERE {where}", params).fetchone()
    reversed_ = tuple((r, o, from_fen(t)) for r, o, t in db.execute(
        f"SELECT s.receipt_no, o.receipt_no, s.total_fen FROM settlements s JOIN settlements o ON o.id = s.reverses"
        f" WHERE {where} ORDER BY s.receipt_no", params))
    cashiers = tuple((c, n, from_fen(a), from_fen(m)) for c, n, a, m in db.execute(
        f"SELECT COALESCE(u.name, s.cashier), COUNT(*), SUM(s.account_pay_fen), SUM(s.cash_pay_fen)"
        f" FROM settlements s LEFT JOIN users u ON u.user_id = s.cashier WHERE {where}"
        f" GROUP BY s.cashier ORDER BY s.cashier", params))
    return Figures(row[0] or 0, row[1] or 0, row[2], row[3], {n: from_fen(v) for n, v in zip(SUMS, row[4:])},
                   reversed_, cashiers, payments.by_method(db, where, params),
                   payments.by_cashier_and_method(db, where, params))


@dataclass(frozen=True)
class DayClose:
    number: int
    desk_number: str
    business_date: str
    after_seq: int
    last_seq: int
    closed_at: str
    closed_by: str
    figures: Figures


def last_closed_seq(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT last_seq FROM day_closes ORDER BY number DESC LIMIT 1").fetchone()
    return row[0] if row else 0


def open_business_date(db: sqlite_utils.Database, now: dt.datetime, after: int | None = None) -> str:
    """The business date the next Z report closes: the day of its first settlement (today if none),
    which the day-end confirmation names before the supervisor closes it."""
    after = last_closed_seq(db) if after is None else after
    first_day = db.execute("SELECT day FROM settlements WHERE seq > ? ORDER BY seq LIMIT 1", (after,)).fetchone()
    return first_day[0] if first_day else now.date().isoformat()


def close_day(db: sqlite_utils.Database, actor: Actor, now: dt.datetime) -> DayClose:
    """Make the next Z report; it is final, numbered per desk, and never changes."""
    require(actor, "close_day")
    desk = get_desk(db)
    with write_transaction(db):
        number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM day_closes").fetchone()[0]
        after = last_closed_seq(db)
        last = db.execute("SELECT COALESCE(MAX(seq), ?) FROM settlements", (after,)).fetchone()[0]
        closed = figures(db, "s.seq > ? AND s.seq <= ?", (after, last))
        business_date = open_business_date(db, now, after)
        db.execute("INSERT INTO day_closes (number, desk_number, business_date, after_seq, last_seq, closed_at,"
                   " closed_by, figures) VALUES (?,?,?,?,?,?,?,?)",
                   (number, desk.desk_number, business_date, after, last, now.isoformat(), actor.user_id,
                    closed.to_json()))
        audit.append(db, now.isoformat(), actor.user_id, "day.close", f"Z{number}",
                     {"business_date": business_date, "settlements": closed.settlements,
                      "reversals": closed.reversals, "total": str(closed.sums["total"])})
    return get_close(db, number)


def get_close(db: sqlite_utils.Database, number: int) -> DayClose:
    row = db.execute("SELECT number, desk_number, business_date, after_seq, last_seq, closed_at, closed_by, figures"
                     " FROM day_closes WHERE number = ?", (number,)).fetchone()
    if row is None:
        raise StoreError(f"Z report: there is no Z report number {number}")
    return DayClose(*row[:7], Figures.from_json(row[7]))


def list_closes(db: sqlite_utils.Database) -> list[tuple[int, str, str]]:
    return db.execute("SELECT number, business_date, closed_at FROM day_closes ORDER BY number").fetchall()
