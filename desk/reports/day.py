"""Day figures: the X report, live, since the last close; and any calendar day's.

The Z report that closes a business day is a store transaction (desk/store/day_close.py); it
freezes the same figures this module reads live.
"""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from desk.store.day_close import DayClose, Figures, close_day, figures, get_close, last_closed_seq, list_closes

__all__ = ["DayClose", "Figures", "calendar_day", "close_day", "get_close", "list_closes", "open_figures"]


def calendar_day(db: sqlite_utils.Database, day: dt.date) -> Figures:
    return figures(db, "s.day = ?", (day.isoformat(),))


def open_figures(db: sqlite_utils.Database) -> tuple[int, Figures]:
    """The X report: everything settled since the last Z, as it stands now (and the seq it starts after)."""
    after = last_closed_seq(db)
    return after, figures(db, "s.seq > ?", (after,))
