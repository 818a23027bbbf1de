"""Which moment dates a settlement: the desk's clock, or a supervisor's late entry (补录).

A cashier cannot choose the date of a bill: the date picks the policy version, the cap year and
the business day, and a cashier who could move a bill into last year (last year's cap not yet
met) or into a closed day (past its Z report) could make the fund pay what it should not.

A supervisor may record a bill after the fact (the network or the power was down, a paper
receipt was written by hand) for a business day that no Z report has closed yet, never in the
future, with a reason that goes into the audit log. Such a settlement counts in the year of its
own date, under the policy version of that date: the bill happened then, and the annual cap and
deductible of that year are the ones it used up. This holds across a year end too (a bill of
31 December recorded on 2 January counts towards the old year), and only while that day is not
closed — once the last Z of the old year is made, the old year is shut at this desk.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from desk.engine import local_day
from desk.store.database import StoreError
from desk.store.users import Actor, require


@dataclass(frozen=True)
class LateEntry:
    """A bill recorded late: when it happened, and why it is recorded only now."""

    at: dt.datetime
    reason: str


def closed_through(db: sqlite_utils.Database) -> dt.date | None:
    """The last business day a Z report has closed at this desk (None: no Z report yet).

    A Z report closes every settlement since the previous one, so it closes the latest day among
    them as well as its own business date.
    """
    row = db.execute("SELECT MAX(business_date), MAX(last_seq) FROM day_closes").fetchone()
    if row is None or row[0] is None:
        return None
    latest = db.execute("SELECT MAX(day) FROM settlements WHERE seq <= ?", (row[1],)).fetchone()[0]
    return dt.date.fromisoformat(max(d for d in (row[0], latest) if d))


def check_late_entry(db: sqlite_utils.Database, actor: Actor, late: LateEntry, now: dt.datetime) -> str:
    """Refuse a late entry that is not a supervisor's, has no reason, lies in the future or in a
    closed day; give the reason, stripped. Call inside the write transaction."""
    require(actor, "late_entry")
    reason = (late.reason or "").strip()
    if not reason:
        raise StoreError("late entry: a late entry (补录) needs a reason", kind="late_entry_reason")
    if late.at.tzinfo is None or late.at.utcoffset() is None:
        raise StoreError(f"at: {late.at.isoformat()} has no UTC offset", kind="bad_time")
    if late.at > now:
        raise StoreError(f"at: {late.at.isoformat()} is in the future (the desk's clock says {now.isoformat()});"
                         " a settlement is never dated ahead", kind="late_entry_future", at=late.at.isoformat())
    day, closed = local_day(late.at), closed_through(db)
    if closed is not None and day <= closed:
        raise StoreError(f"at: business day {day.isoformat()} is closed (Z report through {closed.isoformat()});"
                         " a late entry goes only into a day not yet closed", kind="late_entry_closed",
                         day=day.isoformat(), closed_through=closed.isoformat())
    return reason
