"""Benefit usage across desks (issue 11, part 6): a chronic patient settled at two desks of one hub, the
second using the first's disease usage from the hub, and the disease cap two offline desks overran
together shown on both; the inpatient cap 门诊特殊疾病/急诊/日间手术 share, known to the hub only from the
hospital figures its administrator loads.

Real parts: `desk hub serve` on loopback (SQLite and PostgreSQL), desks in real SQLite files, settled
under the example pack tests/packs/changchun.toml (吉林 city): chronic 70 %, 高血压 I10 cap 2,000 a year,
the ordinary deductible 200 shared; 急诊抢救 as inpatient at the level (level 1: deductible 300 each bill,
ratio 90 %), sharing the inpatient cap of 100,000. XA01 costs 25.00 (class A). Figures worked by hand.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

from desk.reports.month import overruns_csv
from desk.store.catalog import import_catalog
from desk.store.check import check
from desk.store.database import open_db
from desk.store.identity import init_desk
from desk.store.roster import import_roster
from desk.store.settling import BillLine, settle_bill
from desk.store.usage import usage_for
from desk.store.users import add_user, login
from desk.sync import overruns_for
from desk.sync.client import sync_once
from store_support import Desk, write_csv
from sync_support import FAST, HubProcess, hub_database, register
from test_store_benefits import AT, EXAMPLE_PACKS, EXTRA, EXTRA_HEADER, HEADER, LIBRARY, members


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = HubProcess(hub_database(request.param, tmp_path), tmp_path)
    hub.store.install_pack((EXAMPLE_PACKS / "changchun.toml").read_bytes(), AT)
    hub.start()
    yield hub
    hub.close()


def desk(hub, folder, number: str, level: int = 1):
    """A registered changchun desk of institution H-9 with its own counter number."""
    folder.mkdir()
    db = open_db(folder / "desk.sqlite")
    init_desk(db, LIBRARY, institution_code="H-9", institution_name="测试卫生院", level=level, type="clinic",
              policy="changchun", desk_number=number, admin_id="admin", admin_name="管理员", admin_pin="9999", now=AT)
    admin = login(db, "admin", "9999", AT)
    add_user(db, admin, "cash1", "收款员", "cashier", "1111", AT)
    import_catalog(db, admin, write_csv(folder / "catalog.csv", EXTRA_HEADER, EXTRA), AT)
    import_roster(db, admin, write_csv(folder / "roster.csv", HEADER, members()), AT)
    cashier = login(db, "cash1", "1111", AT)
    return register(hub, Desk(folder / "desk.sqlite", db, LIBRARY, admin, cashier, cashier, AT))


def chronic(d, units: int, minutes: int):
    return settle_bill(d.db, LIBRARY, d.desk.cashier, "A1", [BillLine("XA01", units)],
                       AT + dt.timedelta(minutes=minutes), benefit="chronic", disease="I10", use_account=False)


def i10(d) -> Decimal:
    return usage_for(d.db, "M001", 2023, AT.date(), "H-9").disease_pool_paid.get("I10", Decimal("0.00"))


def synced(d):
    report = sync_once(d.path, backoff=FAST)
    assert report.ok and not report.refused, report
    return report


def test_a_chronic_patient_across_two_desks_and_the_disease_cap_they_overran_together(hub, tmp_path):
    a, b = desk(hub, tmp_path / "a", "01"), desk(hub, tmp_path / "b", "02")
    # desk a: 16 × 25.00 = 400.00 under chronic I10: deductible 200 (shared), (400 − 200) × 0.70 = 140.00
    first = chronic(a, 16, 0)
    assert (str(first.figures["pool_pay"]), str(i10(a))) == ("140.00", "140.00")
    synced(a)

    # desk b downloads a's figures, then 120 × 25.00 = 3000.00: deductible met at a, 3000 × 0.70 = 2100.00,
    # but only 2000 − 140 = 1860.00 is left of I10's cap (a desk that did not know a's 140 would pay 2000)
    synced(b)
    assert i10(b) == Decimal("140.00")
    second = chronic(b, 120, 10)
    assert str(second.figures["pool_pay"]) == "1860.00"
    assert (second.answer["cap"], second.answer["cap_left"]) == ("2000.00", "0.00")
    synced(b)
    synced(a)
    assert i10(a) == i10(b) == Decimal("2000.00")  # a merged b's pool pay from the hub

    # a second year's story would start clean; here a member with a fresh cap: M001 again in 2024 is not
    # certified, so the offline overrun is told with a new roster row certifying M002 for I10 at both desks
    for d in (a, b):
        rows = members()
        rows[1][-1] = "chronic:I10:2023-01-01:2023-12-31"
        import_roster(d.db, d.desk.admin, write_csv(d.path.parent / "roster2.csv", HEADER, rows), AT)
    synced(a)
    synced(b)
    # both offline: a settles 1600.00 for M002 (deductible 200, 1400 × 0.70 = 980.00), b 2000.00 (200 deductible:
    # b does not know a's, 1800 × 0.70 = 1260.00); each within 2000 as far as it knows, 2240.00 together
    late = AT + dt.timedelta(hours=2)
    a_bill = settle_bill(a.db, LIBRARY, a.desk.cashier, "A2", [BillLine("XA01", 64)], late, benefit="chronic",
                         disease="I10", use_account=False)
    b_bill = settle_bill(b.db, LIBRARY, b.desk.cashier, "A2", [BillLine("XA01", 80)], late + dt.timedelta(minutes=1),
                         benefit="chronic", disease="I10", use_account=False)
    assert (str(a_bill.figures["pool_pay"]), str(b_bill.figures["pool_pay"])) == ("980.00", "1260.00")
    synced(a)
    report = synced(b)  # b's upload goes beyond the cap: 980 + 1260 = 2240, 240.00 too much
    assert [(o["kind"], o["key"], o["amount"], o["limit"], o["total_after"]) for o in report.overruns] == [
        ("disease_cap", "I10", "240.00", "2000.00", "2240.00")]
    synced(a)
    for d in (a, b):
        (o,) = overruns_for(d.db)
        assert (o.kind, o.member_id, o.key, o.key_name, str(o.amount)) == ("disease_cap", "M002", "I10", "高血压",
                                                                          "240.00")
        assert set(o.settlements) == {a_bill.id, b_bill.id} and o.settlement_id == b_bill.id
        assert usage_for(d.db, "M002", 2023, late.date(), "H-9").disease_pool_paid["I10"] == Decimal("2240.00")
        listed = subprocess.run([sys.executable, "-m", "desk.cli.main", "sync", "overruns", "--db", str(d.path)],
                                capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0 and "超病种限额 disease cap I10 高血压" in listed.stdout, listed.stdout
        assert check(d.db).ok, check(d.db).problems
        assert overruns_csv([o]).splitlines()[1].endswith(",I10,高血压")  # the month's claim names the disease
    assert hub.store.check() == []
    listed = subprocess.run([sys.executable, "-m", "desk.cli.main", "hub", "overruns", "--db", hub.db_url],
                            capture_output=True, text=True, timeout=60)
    assert "disease cap I10 高血压  member M002  beyond by 240.00" in listed.stdout, listed.stdout


def emergency(d, card: str, units: int, at: dt.datetime):
    return settle_bill(d.db, LIBRARY, d.desk.cashier, card, [BillLine("XA01", units)], at, benefit="emergency",
                       use_account=False)


def load_inpatient(hub, folder, rows: list[list[str]]) -> subprocess.CompletedProcess:
    path = write_csv(folder / "inpatient.csv", ["member_id", "year", "inpatient_pool_paid"], rows)
    return subprocess.run([sys.executable, "-m", "desk.cli.main", "hub", "load-inpatient", "--db", hub.db_url,
                           str(path)], capture_output=True, text=True, timeout=60)


def test_the_inpatient_cap_is_known_from_the_hubs_hospital_figures_and_overrun_together(hub, tmp_path):
    a, b = desk(hub, tmp_path / "a", "01"), desk(hub, tmp_path / "b", "02")
    # 急诊抢救 shares the inpatient cap: unknown, the desk refuses the bill (the cashier settles it otherwise)
    with pytest.raises(Exception, match="inpatient"):
        emergency(a, "A1", 40, AT)
    bad = load_inpatient(hub, tmp_path, [["M001", "23", "99500.00"]])
    assert bad.returncode == 2 and "year" in bad.stderr, bad.stderr
    loaded = load_inpatient(hub, tmp_path, [["M001", "2023", "99500.00"]])
    assert loaded.returncode == 0, loaded.stderr
    for d in (a, b):
        synced(d)
        assert usage_for(d.db, "M001", 2023, AT.date(), "H-9").inpatient_pool_paid == Decimal("99500.00")
        with pytest.raises(Exception, match="inpatient"):  # M002's hospital figures were not loaded: still unknown
            emergency(d, "A2", 4, AT)
    # both offline, 40 × 25.00 = 1000.00 each: deductible 300 (level 1, each bill), 700 × 0.90 = 630.00, but only
    # 100000 − 99500 = 500.00 is left of the inpatient cap as each desk knows; together 500.00 beyond
    bills = [emergency(a, "A1", 40, AT + dt.timedelta(minutes=1)), emergency(b, "A1", 40, AT + dt.timedelta(minutes=2))]
    assert [str(s.figures["pool_pay"]) for s in bills] == ["500.00", "500.00"]
    synced(a)
    report = synced(b)
    assert [(o["kind"], o["amount"], o["limit"], o["total_after"]) for o in report.overruns] == [
        ("inpatient_cap", "500.00", "100000.00", "100500.00")]
    synced(a)
    for d in (a, b):
        (o,) = overruns_for(d.db)
        assert (o.kind, o.member_id, set(o.settlements)) == ("inpatient_cap", "M001", {s.id for s in bills})
        assert usage_for(d.db, "M001", 2023, AT.date(), "H-9").inpatient_pool_paid == Decimal("100500.00")
        assert check(d.db).ok, check(d.db).problems
    assert hub.store.check() == []


def test_a_desk_cannot_make_up_inpatient_usage_the_hub_does_not_know(hub, tmp_path):
    """Anyone with the counter's OS account can write a figure into the desk's file; the hub, which has no
    hospital figures for the member, refuses the bill settled with it, and counts nothing."""
    (a,) = (desk(hub, tmp_path / "a", "01"),)
    a.db.execute("INSERT INTO benefit_usage_baseline (member_id, year, kind, key, amount_fen, as_of)"
                 " VALUES ('M002', 2023, 'inpatient', '', 0, '2023-05-10T10:00:00+08:00')")
    a.db.conn.commit()
    emergency(a, "A2", 40, AT)
    report = sync_once(a.path, backoff=FAST)
    assert report.accepted == 0 and len(report.refused) == 1
    assert "usage.inpatient_pool_paid: the hub does not know this member's inpatient pool pay" in report.refused[0][1]
    assert hub.store.check() == [] and hub.store.settlement_ids() == set()


def test_a_desk_cannot_pay_an_excluded_item_from_an_account_or_move_a_line_out_of_its_scheme(hub, tmp_path):
    """The hub's catalog says WL01 (乳清蛋白粉) is excluded from account pay and TD01 is a 两病 drug; a desk
    whose catalog file was edited to say otherwise settles both, and the hub refuses both."""
    from desk.store.catalog import parse_item
    from desk.store.tabular import Row

    hub.store.load_catalog([parse_item(Row(0, dict(zip(EXTRA_HEADER, row)), "")) for row in EXTRA], AT)
    (a,) = (desk(hub, tmp_path / "a", "01"),)
    a.db.execute("UPDATE catalog SET account_excluded = 0 WHERE code = 'WL01'")
    a.db.execute("UPDATE catalog SET scheme = NULL WHERE code = 'TD01'")
    a.db.conn.commit()
    paid = settle_bill(a.db, LIBRARY, a.desk.cashier, "A1", [BillLine("WL01", 1)], AT)
    assert str(paid.figures["account_pay"]) == "200.00"  # what the edited file made the desk believe
    settle_bill(a.db, LIBRARY, a.desk.cashier, "A3", [BillLine("TD01", 1)], AT, use_account=False)
    report = sync_once(a.path, backoff=FAST)
    assert report.accepted == 0 and len(report.refused) == 2, report
    reasons = [reason for _, reason in report.refused]
    assert "WL01 has scheme none, account_excluded false at the desk; the hub's catalog has none, true" in reasons[0]
    assert "TD01 has scheme none, account_excluded false at the desk; the hub's catalog has two_diseases" in reasons[1]
    assert hub.store.settlement_ids() == set() and hub.store.figures()[1] == {}


def _triggers_of_schema_7() -> dict[str, str]:
    from importlib import resources

    from desk.migrations import numbered
    from desk.sync.hub_db import _statements

    found = {}
    for migration in numbered(resources.files("desk.sync.migrations") / "sqlite", "hub")[:7]:
        for statement in _statements(migration.sql):
            if statement.upper().startswith("CREATE TRIGGER"):
                found[statement.split()[2]] = statement
            elif statement.upper().startswith("DROP TRIGGER"):
                found.pop(statement.rstrip(";").split()[-1], None)
    return found


def _undo_after_schema_9() -> list[str]:
    """What hub migration 010 (trace conflicts to desks, the catalog's drug columns) added, taken away again."""
    return ["DROP INDEX hub_trace_conflicts_first_desk", "DROP INDEX hub_trace_conflicts_desk",
            "ALTER TABLE hub_trace_conflicts DROP COLUMN change_seq",
            *(f"ALTER TABLE hub_catalog DROP COLUMN {c}"
              for c in ("drug", "barcode", "trace_required", "units_per_box", "trace_prefix", "rx_flag"))]


def test_a_hub_upgraded_to_keep_benefit_figures_counts_what_it_took_before(tmp_path):
    """Hub migration 008 re-settles the uploads the hub took before it kept benefit figures: a desk's
    later bill, settled with the disease usage the desk knows, is accepted, and both agree."""
    import sqlite3

    from desk.sync.hub_store import HubStore

    hub = HubProcess(hub_database("sqlite", tmp_path), tmp_path)
    hub.store.install_pack((EXAMPLE_PACKS / "changchun.toml").read_bytes(), AT)
    hub.start()
    try:
        a = desk(hub, tmp_path / "a", "01")
        chronic(a, 16, 0)  # 140.00 of I10 (deductible 200 shared)
        synced(a)
        hub.stop()
        with sqlite3.connect(hub.db_url) as conn:  # back to schema 7, as a hub before 008 would have it
            for table in ("hub_settlement_benefits", "hub_benefit_usage", "hub_inpatient_paid",
                          "hub_report_lines", "hub_report_code_months"):  # (the last two: hub migration 011's)
                conn.execute(f"DROP TABLE {table}")
            for name, statement in _triggers_of_schema_7().items():  # the later migrations drop them
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
                conn.execute(statement)
            for statement in _undo_after_schema_9():
                conn.execute(statement)
            conn.execute("DELETE FROM hub_schema WHERE version > 7")
        upgraded = HubStore(hub.db_url)
        assert upgraded.migrate() >= 8
        upgraded.close()
        hub.start()
        chronic(a, 4, 5)  # the desk saw 140.00 of I10; 100.00 × 0.70 = 70.00
        synced(a)
        assert i10(a) == Decimal("210.00")
        with sqlite3.connect(hub.db_url) as conn:
            assert conn.execute("SELECT amount_fen, gross_fen FROM hub_benefit_usage WHERE member_id = 'M001'"
                                " AND kind = 'disease' AND key = 'I10'").fetchone() == (21000, 21000)
        assert check(a.db).ok and hub.store.check() == []
    finally:
        hub.close()
