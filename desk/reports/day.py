"""The day's figures, summed in SQL over integer fen so they equal the database to the fen."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.store.usage import yuan

SUMS = ("total", "full_self_pay", "pre_self_pay", "in_scope", "pool_pay", "hifp_pay", "hifob_pay", "over_cap",
        "self_pay", "account_pay", "cash_pay")


@dataclass(frozen=True)
class DaySummary:
    day: dt.date
    settlements: int
    reversals: int
    first_receipt: int | None
    last_receipt: int | None
    sums: dict[str, Decimal]
    reversed_receipts: tuple[tuple[int, int, Decimal], ...]  # (reversal receipt, original receipt, total)


def day_summary(db: sqlite_utils.Database, day: dt.date) -> DaySummary:
    columns = ", ".join(f"COALESCE(SUM({name}_fen), 0)" for name in SUMS)
    row = db.execute(
        f"SELECT SUM(kind = 'settlement'), SUM(kind = 'reversal'), MIN(receipt_no), MAX(receipt_no), {columns}"
        " FROM settlements WHERE day = ?", (day.isoformat(),)).fetchone()
    reversals = tuple((r, o, yuan(t)) for r, o, t in db.execute(
        "SELECT r.receipt_no, o.receipt_no, r.total_fen FROM settlements r JOIN settlements o ON o.id = r.reverses"
        " WHERE r.day = ? ORDER BY r.receipt_no", (day.isoformat(),)))
    return DaySummary(day, row[0] or 0, row[1] or 0, row[2], row[3],
                      {name: yuan(value) for name, value in zip(SUMS, row[4:])}, reversals)
