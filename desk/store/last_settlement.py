"""The last settlement (or reversal) a desk made: what the counter's 上一单 strip shows."""
from __future__ import annotations

import sqlite_utils

from desk.store.settling import StoredSettlement, get_settlement


def last_settlement(db: sqlite_utils.Database, desk_number: str) -> StoredSettlement | None:
    """The desk's highest receipt number: receipt numbers run without gaps per desk, in the order settled."""
    row = db.execute("SELECT id FROM settlements WHERE desk_number = ? ORDER BY receipt_no DESC LIMIT 1",
                     (desk_number,)).fetchone()
    return get_settlement(db, row[0]) if row else None
