"""Sync of the benefits beside 普通门诊 (issue 11): a chronic settlement is re-settled and counted by the hub,
and its pool pay does not reach the member's ordinary cap there or back on the desk after a download."""
import datetime as dt

from desk.store.settling import BillLine, settle_bill
from desk.store.usage import usage_for
from desk.sync.client import sync_once
from store_support import Desk
from sync_support import FAST, HubProcess, hub_database, register
from test_store_benefits import AT, EXAMPLE_PACKS, LIBRARY, make


def test_2_3_a_chronic_settlement_syncs_and_leaves_the_ordinary_cap_alone(tmp_path):
    hub = HubProcess(hub_database("sqlite", tmp_path), tmp_path)
    hub.store.install_pack((EXAMPLE_PACKS / "changchun.toml").read_bytes(), AT)
    hub.start()
    try:
        folder = tmp_path / "desk"
        folder.mkdir()
        db, admin, cashier = make(folder, "changchun", 1, AT)
        desk = register(hub, Desk(folder / "desk.sqlite", db, LIBRARY, admin, cashier, cashier, AT))
        # 16 × 25.00 = 400.00 under chronic I10: deductible 200 (shared), (400 − 200) × 0.70 = 140.00;
        # then an ordinary bill of 4 × 25.00 = 100.00: deductible met, 100 × 0.60 = 60.00
        settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 16)], AT, benefit="chronic", disease="I10")
        settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT + dt.timedelta(minutes=5))
        report = sync_once(desk.path, backoff=FAST)
        assert report.ok and report.accepted == 2 and not report.refused, report
        import sqlite3

        with sqlite3.connect(hub.db_url) as conn:
            counted = conn.execute("SELECT deductible_met_fen, ordinary_pool_paid_fen FROM hub_usage"
                                   " WHERE member_id = 'M001' AND year = 2023").fetchone()
        usage = usage_for(desk.db, "M001", 2023, AT.date(), "H-9")
        assert (str(usage.deductible_met), str(usage.ordinary_pool_paid)) == ("200.00", "60.00")
        assert str(usage.disease_pool_paid["I10"]) == "140.00"
        assert counted == (20000, 6000)  # the hub's ordinary cap holds the ordinary bill's 60.00 only
    finally:
        hub.close()
