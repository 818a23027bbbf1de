"""Every writer racing a real background sync (issue 12): no "database is locked", nothing lost.

The sync (desk.sync.client.sync_once against a real hub process on loopback, on its own thread
and connection, as the counter's timer runs it) is started at the worst moment: just after the
writer's first read inside its transaction, and the writer waits for it to finish (or to be held off) before
going on. A writer whose transaction began DEFERRED has read a snapshot the sync then replaced:
its first write fails with SQLITE_BUSY ("database is locked") and the busy timeout cannot help.
A writer holding the write lock from BEGIN (write_transaction) makes the sync wait instead.
"""
from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest

from desk.reports.day import close_day
from desk.store.catalog import import_catalog
from desk.store.roster import import_roster
from desk.store.settling import BillLine, reverse, settle_bill
from desk.store.users import add_user, set_pin
from desk.sync.client import sync_once
from store_support import CATALOG, CATALOG_HEADER, MEMBERS, ROSTER_HEADER, write_csv
from sync_support import FAST, HubProcess, hub_database, make_desks, settle


@pytest.fixture()
def hub(tmp_path):
    folder = tmp_path / "hub"
    folder.mkdir()
    hub = HubProcess(hub_database("sqlite", folder), folder)
    hub.load_roster(MEMBERS)
    hub.start()
    yield hub
    hub.close()


@pytest.fixture()
def desks(hub, tmp_path):
    """Desk A (the writer's) and desk B, whose settlement gives A's sync something to download and commit."""
    a, b = make_desks(tmp_path, 2, hub)
    assert sync_once(a.path, backoff=FAST).ok  # A is up to date; its next sync only brings B's news
    return a, b


class SyncInTheMiddle:
    """Runs a real sync of ``desk`` on another thread at the writer's first read inside its transaction."""

    def __init__(self, desk, other):
        self.desk, self.other, self.report, self.fired, self.read = desk, other, None, False, False
        self.thread = threading.Thread(target=self._sync, daemon=True)

    def _sync(self) -> None:
        self.report = sync_once(self.desk.path, backoff=FAST)

    def _trace(self, statement: str) -> None:
        """Called as each statement starts: the sync runs as the statement after the first read starts,
        that read having fixed the writer's snapshot."""
        conn = self.desk.db.conn
        if self.fired or not conn.in_transaction:
            return
        if not self.read:
            self.read = statement.lstrip().upper().startswith("SELECT")
        else:
            self.fired = True
            self.thread.start()
            self.thread.join(timeout=3)  # the sync commits now, unless the writer holds the write lock

    def __enter__(self):
        settle(self.other, "M001", ("XA01", "1"))  # news for desk A's next download
        assert sync_once(self.other.path, backoff=FAST).ok
        self.desk.db.conn.set_trace_callback(self._trace)
        return self

    def __exit__(self, *exc) -> None:
        self.desk.db.conn.set_trace_callback(None)
        self.thread.join(timeout=60) if self.fired else None

    def check(self) -> None:
        assert self.fired, "the writer never read inside its transaction: the race was not run"
        assert not self.thread.is_alive() and self.report is not None and self.report.ok, self.report
        assert self.report.changes >= 1  # the sync did commit B's settlement, after the writer


def writers(a, b, tmp_path):
    desk = a.desk
    members = write_csv(tmp_path / "roster.csv", ROSTER_HEADER, MEMBERS)
    catalog = write_csv(tmp_path / "catalog.csv", CATALOG_HEADER,
                        [*CATALOG, ["XA99", "新药", "1g", "盒", "A", "0", "12.50", "西药"]])
    return {
        "settle": lambda: settle_bill(desk.db, desk.library, desk.cashier, "M002", [BillLine("FW01")], desk.at),
        "reverse": lambda: reverse(desk.db, desk.supervisor, a.settled[0], desk.at + dt.timedelta(minutes=5), "退费"),
        "close-day": lambda: close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(hours=9)),
        "roster-import": lambda: import_roster(desk.db, desk.admin, members, desk.at),
        "catalog-import": lambda: import_catalog(desk.db, desk.admin, catalog, desk.at),
        "add-user": lambda: add_user(desk.db, desk.admin, "cashier2", "收款员二", "cashier", "24680", desk.at),
        "set-pin": lambda: set_pin(desk.db, desk.admin, desk.cashier.user_id, "97531", desk.at),
    }


@pytest.mark.parametrize("writer", ["settle", "reverse", "close-day", "roster-import", "catalog-import", "add-user",
                                    "set-pin"])
def test_a_writer_racing_a_background_sync_neither_fails_nor_loses_the_syncs_work(desks, tmp_path, writer):
    a, b = desks
    settle(a, "M003", ("XA01", Decimal("2")))  # something of A's own to reverse, and to upload
    run = writers(a, b, tmp_path)[writer]
    before = a.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with SyncInTheMiddle(a, b) as race:
        run()  # raised sqlite3.OperationalError: database is locked before the one write helper
    race.check()
    assert a.db.execute("SELECT count(*) FROM audit").fetchone()[0] > before  # the writer's work is there too
