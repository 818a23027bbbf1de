"""Receipt prints: every copy of a receipt is recorded, and copies after the first are audited.

The receipts package renders; this is the write that goes with a print, in one transaction, so
the copy number on the paper (重打 2, 3 …) is the one the database counted.
"""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from desk.store import audit
from desk.store.database import write_transaction
from desk.store.settling import get_settlement
from desk.store.users import Actor, require


def record_print(db: sqlite_utils.Database, actor: Actor, settlement_id: str, paper: str, now: dt.datetime) -> int:
    """Record one print of a settlement's receipt; returns its copy number (1 for the first)."""
    require(actor, "settle")
    get_settlement(db, settlement_id)
    with write_transaction(db):
        db.execute("INSERT INTO receipt_prints (settlement_id, printed_at, printed_by, format) VALUES (?,?,?,?)",
                   (settlement_id, now.isoformat(), actor.user_id, paper))
        copy = db.execute("SELECT count(*) FROM receipt_prints WHERE settlement_id = ?", (settlement_id,)).fetchone()[0]
        if copy > 1:
            audit.append(db, now.isoformat(), actor.user_id, "receipt.reprint", settlement_id,
                         {"copy": copy, "format": paper})
    return copy
