"""A catalog change from the hub keeps what issue 11 added to an item: its own scheme (重庆 第六条) and
its exclusion from account pay (wellness, 濮阳 第七条). The hub's catalog once had no such columns, so
after a sync a wellness item such as 乳清蛋白粉 was paid from a personal account again.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from desk.store.catalog import get_item
from desk.store.settling import BillLine, settle_bill
from desk.sync.client import sync_once
from store_support import CATALOG, CATALOG_HEADER, write_csv
from sync_support import FAST, hub_fixture, make_desks

HEADER = [*CATALOG_HEADER, "scheme", "account_excluded"]
ITEMS = [[*row, "", "false"] for row in CATALOG] + [
    ["WX01", "乳清蛋白粉", "900g", "罐", "C", "0", "200.00", "西药", "", "true"],
    ["TD01", "二甲双胍片", "0.5g×48片", "盒", "A", "0", "12.00", "西药", "two_diseases", "false"],
]


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def test_a_catalog_from_the_hub_keeps_schemes_and_account_exclusions(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    catalog = write_csv(tmp_path / "hub-catalog.csv", HEADER, ITEMS)
    loaded = subprocess.run([sys.executable, "-m", "desk.cli.main", "hub", "load-catalog", str(catalog),
                             "--db", hub.db_url], capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert loaded.returncode == 0, loaded.stderr
    assert sync_once(a.path, backoff=FAST).ok

    db = a.desk.reopen()
    wellness, own = get_item(db, "WX01"), get_item(db, "TD01")
    assert (wellness.account_excluded, wellness.scheme) == (True, None)
    assert (own.account_excluded, own.scheme) == (False, "two_diseases")
    assert get_item(db, "XA01").account_excluded is False

    # M001 has 500.00 in the account, which pays a class C item's self-pay; an excluded one is cash only
    s = settle_bill(db, a.desk.library, a.desk.cashier, "M001", [BillLine("WX01", Decimal("1"))],
                    a.desk.at + dt.timedelta(minutes=5))
    assert (s.figures["account_pay"], s.figures["cash_pay"]) == (Decimal("0.00"), Decimal("200.00"))
    assert db.execute("SELECT account_balance_fen FROM members WHERE member_id = 'M001'").fetchone()[0] == 50000
