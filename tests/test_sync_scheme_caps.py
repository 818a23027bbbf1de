"""重庆 第六条 own-scheme caps across desks (issue 11): two offline desks each kept a member's “两病” drugs
within the scheme's annual cap as far as they knew; the hub sees the sum and records the overrun like a
disease-cap one, and both desks download it.

Real parts: `desk hub serve` on loopback (SQLite and PostgreSQL), two desks in real SQLite files, settled
under the example pack tests/packs/chongqing.toml: two_diseases paid at 50 % up to 300 yuan a year. TD01
(硝苯地平缓释片, a 两病 drug) costs 100.00. Figures worked by hand.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

from desk.store.catalog import import_catalog, parse_item
from desk.store.check import check
from desk.store.database import open_db
from desk.store.identity import init_desk
from desk.store.roster import import_roster
from desk.store.settling import BillLine, settle_bill
from desk.store.tabular import Row
from desk.store.usage import usage_for
from desk.store.users import add_user, login
from desk.sync import overruns_for
from desk.sync.client import sync_once
from store_support import CST, Desk, write_csv
from sync_support import FAST, HubProcess, hub_database, register
from test_store_benefits import EXAMPLE_PACKS, EXTRA, EXTRA_HEADER, HEADER, LIBRARY, members

AT = dt.datetime(2024, 6, 1, 10, 0, tzinfo=CST)


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = HubProcess(hub_database(request.param, tmp_path), tmp_path)
    hub.store.install_pack((EXAMPLE_PACKS / "chongqing.toml").read_bytes(), AT)
    hub.store.load_catalog([parse_item(Row(0, dict(zip(EXTRA_HEADER, row)), "")) for row in EXTRA], AT)
    hub.start()
    yield hub
    hub.close()


def desk(hub, folder, number: str):
    """A registered 重庆 desk (level 3) of institution H-9 with its own counter number."""
    folder.mkdir()
    db = open_db(folder / "desk.sqlite")
    init_desk(db, LIBRARY, institution_code="H-9", institution_name="测试医院", level=3, type="clinic",
              policy="chongqing", desk_number=number, admin_id="admin", admin_name="管理员", admin_pin="9999", now=AT)
    admin = login(db, "admin", "9999", AT)
    add_user(db, admin, "cash1", "收款员", "cashier", "1111", AT)
    import_catalog(db, admin, write_csv(folder / "catalog.csv", EXTRA_HEADER, EXTRA), AT)
    import_roster(db, admin, write_csv(folder / "roster.csv", HEADER, members()), AT)
    cashier = login(db, "cash1", "1111", AT)
    return register(hub, Desk(folder / "desk.sqlite", db, LIBRARY, admin, cashier, cashier, AT))


def synced(d):
    report = sync_once(d.path, backoff=FAST)
    assert report.ok and not report.refused, report
    return report


def two_diseases(d) -> Decimal:
    return usage_for(d.db, "M003", 2024, AT.date(), "H-9").scheme_pool_paid.get("two_diseases", Decimal("0.00"))


def test_two_offline_desks_overrun_an_own_schemes_cap_together_and_both_are_told(hub, tmp_path):
    a, b = desk(hub, tmp_path / "a", "01"), desk(hub, tmp_path / "b", "02")
    # both offline: each settles 4 × 100.00 = 400.00 of TD01 for M003: 400 × 0.50 = 200.00, within the
    # cap of 300 as far as each knows; 400.00 together, 100.00 beyond it
    bills = [settle_bill(d.db, LIBRARY, d.desk.cashier, "A3", [BillLine("TD01", 4)], AT + dt.timedelta(minutes=n),
                         use_account=False) for n, d in enumerate((a, b))]
    assert [str(s.figures["pool_pay"]) for s in bills] == ["200.00", "200.00"]
    assert synced(a).overruns == []
    report = synced(b)
    assert [(o["kind"], o["key"], o["amount"], o["limit"], o["total_after"]) for o in report.overruns] == [
        ("scheme_cap", "two_diseases", "100.00", "300.00", "400.00")]
    synced(a)
    for d in (a, b):
        (o,) = overruns_for(d.db)
        assert (o.kind, o.member_id, o.key, o.key_name, str(o.amount)) == ("scheme_cap", "M003", "two_diseases",
                                                                          "“两病”用药", "100.00")
        assert set(o.settlements) == {bills[0].id, bills[1].id} and o.settlement_id == bills[1].id
        assert two_diseases(d) == Decimal("400.00")
        listed = subprocess.run([sys.executable, "-m", "desk.cli.main", "sync", "overruns", "--db", str(d.path)],
                                capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0 and "two_diseases “两病”用药" in listed.stdout, listed.stdout
        assert check(d.db).ok, check(d.db).problems
    assert hub.store.check() == []


def test_a_bill_within_the_cap_the_hub_knows_is_no_overrun(hub, tmp_path):
    a, b = desk(hub, tmp_path / "a", "01"), desk(hub, tmp_path / "b", "02")
    # a: 2 × 100 × 0.50 = 100.00; b downloads it, then 4 × 100 × 0.50 = 200.00 is 300.00 in all: at the cap
    settle_bill(a.db, LIBRARY, a.desk.cashier, "A3", [BillLine("TD01", 2)], AT, use_account=False)
    synced(a)
    synced(b)
    assert two_diseases(b) == Decimal("100.00")
    second = settle_bill(b.db, LIBRARY, b.desk.cashier, "A3", [BillLine("TD01", 4)], AT + dt.timedelta(minutes=5),
                         use_account=False)
    assert str(second.figures["pool_pay"]) == "200.00"
    assert synced(b).overruns == [] and overruns_for(b.db) == []
