"""The hub's supervision report equals the sum of the desks' own, on SQLite and on PostgreSQL.

Three desks sync to one hub: counters 01 and 02 of institution H-001, and desk 03, the only counter
of H-002. By desk, each unit of the hub's report equals that desk's own `supervise()`; by
institution, H-002's equals desk 03's and H-001's additive figures are desks 01 + 02's.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from desk.analytics import Selection, supervise
from desk.analytics.hub import hub_report, report_csv
from desk.analytics.indicators import ItemRow
from desk.analytics.period import parse_period
from desk.analytics.thresholds import DEFAULTS, thresholds_from
from desk.store.settling import reverse
from desk.sync.client import sync_once
from desk.sync.hub_report_rows import group
from sync_support import FAST, hub_fixture, make_desks, settle

MARCH = parse_period("2023-03")
ADDITIVE = ("visits", "total", "account_only", "excluded_cash", "off_hours")


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


@pytest.fixture()
def synced(hub, tmp_path):
    a, b, c = make_desks(tmp_path, 3, hub)
    c.db.execute("UPDATE desk SET institution_code = 'H-002'")
    c.db.conn.commit()
    for d, shift in ((a, 0), (b, 1), (c, 2)):
        at = d.desk.at + dt.timedelta(minutes=shift)
        settle(d, "M001", ("FW01", "1"), ("XA01", "2"), at=at)
        settle(d, "M002", ("ZC01", "1"), at=at + dt.timedelta(hours=12))  # 22:00: off-hours; 丙类 partly in cash
        settle(d, "M003", ("XB01", "1"), at=at + dt.timedelta(days=1))
        settle(d, "M003", ("XA01", "1"), at=at + dt.timedelta(days=2))
    reverse(a.db, a.desk.supervisor, a.settled[3], a.desk.at + dt.timedelta(days=2, hours=1), "退费")
    settle(b, "M001", ("XA01", "1"), at=b.desk.at - dt.timedelta(days=20))  # February: the previous period
    for d in (a, b, c):
        assert sync_once(d.path, backoff=FAST).ok
    return hub, (a, b, c)


def _own(desk, thresholds=DEFAULTS) -> dict:
    """The desk's own indicators (near_cap from its pack, as the hub reads members' caps from its own)."""
    result = supervise(desk.db, Selection(MARCH), thresholds, library=desk.desk.library)
    return {i.key: i.value for i in result.indicators}


def _report(hub, period=MARCH, by="institution", thresholds=DEFAULTS):
    library = hub.store.library
    with hub.store.db.read() as tx:
        return hub_report(tx, period, by, thresholds, library)


def test_by_desk_each_unit_equals_the_desks_own_report(synced):
    hub, desks = synced
    report = _report(hub, by="desk")
    units = {u.key: u.indicators() for u in report.units}
    assert set(units) == {d.uuid for d in desks}
    for d in desks:
        own, there = _own(d), units[d.uuid]
        for key, value in there.items():
            assert value == own[key], (d.number, key)
    assert report.names[desks[0].uuid] == "desk 01"



@pytest.mark.parametrize("text", ["2023", "2023-02-01..2023-03-31", "2023-03-01..2023-03-20"])
def test_any_period_by_desk_equals_the_desks_own_report(synced, text):
    """Whole months read the people counted ahead per month (hub migration 006), other periods group the
    report rows: both equal each desk's own figures, reversals (one empties M003's day) netted."""
    hub, desks = synced
    period = parse_period(text)
    report = _report(hub, period, "desk")
    units = {u.key: u.indicators() for u in report.units}
    for d in desks:
        result = supervise(d.db, Selection(period), library=d.desk.library)
        own = {i.key: i.value for i in result.indicators}
        for key, value in units[d.uuid].items():
            assert value == own[key], (text, d.number, key)
        assert _rows(report.top_items[d.uuid]) == _rows(result.top_items), (text, d.number)

def test_by_institution_the_hub_report_is_the_sum_of_the_desks(synced, tmp_path):
    hub, (a, b, c) = synced
    report = _report(hub)
    units = {u.key: u for u in report.units}
    assert set(units) == {"H-001", "H-002"}
    assert units["H-002"].indicators() == _own(c)
    one, own_a, own_b = units["H-001"].indicators(), _own(a), _own(b)
    for key in ADDITIVE:
        assert one[key] == own_a[key] + own_b[key], key
    assert one["members"] == 3  # the same three people at both counters count once
    assert one["avg_cost"] == ((own_a["total"] + own_b["total"]) / (own_a["visits"] + own_b["visits"])).quantize(
        Decimal("0.01"))
    everyone = [own_a, own_b, _own(c)]
    for key in ADDITIVE:
        assert report.total.indicators()[key] == sum(o[key] for o in everyone), key
    assert report.total.members == 3
    assert (units["H-001"].previous_total, units["H-001"].previous_visits) == (Decimal("25.00"), 1)  # February
    ranked = [k for k, _ in report.ranked("avg_cost")]
    assert sorted(ranked) == ["H-001", "H-002"]
    lines = report_csv(report).splitlines()
    assert lines[0].startswith("institution,name,visits,members,total") and lines[-1].startswith("*,")


def _summed(*lists: tuple[ItemRow, ...]) -> list[tuple]:
    """Item rows of several desks added up per code and ranked as a desk ranks its own."""
    codes: dict[str, list] = {}
    for rows in lists:
        for r in rows:
            seen = codes.setdefault(r.code, [r.name, r.fee_category, Decimal(0), Decimal(0)])
            seen[2] += r.amount
            seen[3] += r.pool_pay
    return sorted(((c, *v) for c, v in codes.items() if v[3] > 0), key=lambda r: (-r[4], r[0]))


def _rows(items) -> list[tuple]:
    return [(i.code, i.name, i.fee_category, i.amount, i.pool_pay) for i in items]


@pytest.fixture()
def resynced(synced):
    """Every desk synced once more, so each knows the usage the others uploaded (the hub's)."""
    hub, desks = synced
    for d in desks:
        assert sync_once(d.path, backoff=FAST).ok
    return hub, desks


def test_top_items_and_members_near_their_cap_equal_the_desks_own(resynced):
    """By desk each unit's top items by pool pay and its members at or near their cap are that desk's own; by
    institution H-001's items are desks 01 and 02's added per code, its members near their cap either desk's; the
    hub's are all three desks'. 1 % of the cap is near enough for the few visits here."""
    hub, (a, b, c) = resynced
    tight = thresholds_from({"near_cap_share": "0.01"})
    own = {d.uuid: supervise(d.db, Selection(MARCH), tight, library=d.desk.library) for d in (a, b, c)}
    assert all(o.top_items for o in own.values())
    assert all(o.near_cap for o in own.values())  # M001, at every desk: 54.00 of 1,500 this year
    by_desk = _report(hub, by="desk", thresholds=tight)
    for d in (a, b, c):
        assert _rows(by_desk.top_items[d.uuid]) == _rows(own[d.uuid].top_items), d.number
        assert by_desk.near_cap[d.uuid] == own[d.uuid].near_cap, d.number
        unit = next(u for u in by_desk.units if u.key == d.uuid)
        assert unit.indicators()["near_cap"] == len(own[d.uuid].near_cap)
    by_institution = _report(hub, thresholds=tight)
    assert _rows(by_institution.top_items["H-002"]) == _rows(own[c.uuid].top_items)
    assert _rows(by_institution.top_items["H-001"]) == _summed(own[a.uuid].top_items, own[b.uuid].top_items)
    assert _rows(by_institution.top_items["*"]) == _summed(*(o.top_items for o in own.values()))
    near = {k: {r.member_id for r in rows} for k, rows in by_institution.near_cap.items()}
    assert near["H-001"] == {r.member_id for d in (a, b) for r in own[d.uuid].near_cap}
    assert near["*"] == {r.member_id for o in own.values() for r in o.near_cap}
    assert by_institution.total.indicators()["near_cap"] == len(near["*"])
    assert _report(hub, by="desk").near_cap[a.uuid] == ()  # at the default 90 % nobody is near
    with hub.store.db.read() as tx:
        assert hub_report(tx, MARCH).total.indicators()["near_cap"] is None  # no packs given: not known


def test_the_migration_copies_stored_lines_as_the_ingest_writes_them(synced, request):
    """Hub migration 011 fills hub_report_lines and their monthly sums for the settlements a hub already had, in
    SQL; the ingest writes them per batch (hub_report_rows.pool_share, a grouped upsert): both must give the same
    rows, reversals included."""
    import desk.sync

    hub, _ = synced
    dialect = "postgresql" if "postgresql" in request.node.name else "sqlite"
    sql = (Path(desk.sync.__file__).parent / "migrations" / dialect / "011_report_lines.sql").read_text(encoding="utf-8")
    def statement(table: str) -> str:
        start = sql.index(f"INSERT INTO {table}")
        return sql[start:sql.index(";", start)]

    queries = ("SELECT * FROM hub_report_lines ORDER BY settlement_id, line",
               "SELECT * FROM hub_report_code_months ORDER BY month, institution_code, desk_uuid, code")
    with hub.store.db.read() as tx:
        written = [[tuple(r) for r in tx.all(q)] for q in queries]
    lines, months = written
    assert len(lines) > 15 and any(r[-2] < 0 for r in lines) and any(r[-1] > 0 for r in lines) and months
    with hub.store.db.write() as tx:
        for table in ("hub_report_lines", "hub_report_code_months"):
            tx.run(f"DELETE FROM {table}")
            tx.run(statement(table))
        copied = [[tuple(r) for r in tx.all(q)] for q in queries]
    assert copied == written


def test_desk_hub_report_writes_a_pdf_and_a_csv(synced, tmp_path):
    from pdf_support import text

    hub, _ = synced
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", "hub", "report", "2023-03", "--db", hub.db_url,
                           "--out-dir", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pdf = text((out / "hub-report-2023-03.pdf").read_bytes(), tmp_path)
    assert "门诊费用监测报告（中心汇总）2023-03" in pdf and "H-001" in pdf and "H-002" in pdf and "合计" in pdf
    assert "按次均费用排名" in pdf
    assert "统筹支付前列项目（全中心" in pdf and "达到或接近年度最高支付限额人数" in pdf
    assert (out / "hub-report-2023-03.csv").read_text(encoding="utf-8").count("\n") == 4  # heading, 2, total


def test_get_v1_report_answers_an_administrators_token_only(synced):
    import httpx

    from desk.sync.hub_admins import add_admin

    hub, (a, _, _) = synced
    token = "admin:auditor:" + add_admin(hub.store, "auditor", a.desk.at)
    url = f"{hub.url}/v1/report"
    got = httpx.get(url, params={"period": "2023-03"}, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert got.status_code == 200, got.text
    body = got.json()
    with hub.store.db.read() as tx:
        report = hub_report(tx, MARCH)
    assert [u["key"] for u in body["units"]] == ["H-001", "H-002"]
    assert body["total"]["total"] == str(report.total.total) and body["total"]["visits"] == report.total.visits
    assert body["rankings"]["avg_cost"] == [k for k, _ in report.ranked("avg_cost")]
    full = _report(hub)
    assert body["top_items"]["*"] == [{"code": i.code, "name": i.name, "fee_category": i.fee_category,
                                       "amount": str(i.amount), "pool_pay": str(i.pool_pay)} for i in full.top_items["*"]]
    assert body["top_items"]["*"] and body["near_cap"] == {"*": [], "H-001": [], "H-002": []}
    assert body["total"]["near_cap"] == 0
    secret = a.db.execute("SELECT secret FROM sync_config").fetchone()[0]
    for header in ({}, {"Authorization": f"Bearer {a.uuid}:{secret}"}, {"Authorization": f"Bearer {token}x"},
                   {"Authorization": "Bearer admin:auditor:"}):
        refused = httpx.get(url, params={"period": "2023-03"}, headers=header, timeout=30)
        assert refused.status_code == 401, header  # a desk's own token does not read the chain's figures
    bad = httpx.get(url, params={"period": "2023-13"}, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert bad.status_code == 400 and "period" in bad.json()["error"]


@pytest.mark.parametrize("reversal_first", [False, True])
def test_counted_ahead_rows_follow_reversals_in_either_order(hub, reversal_first):
    """One batch's rows may reach the report rows in any order: an account-only settlement and its
    reversal leave no member, member-day or 套现 signal, whichever comes first; a second visit stays."""
    rows = [("S1", "settlement", None, 2500), ("S2", "reversal", "S1", -2500)]
    rows = rows[::-1] if reversal_first else rows
    rows.append(("S3", "settlement", None, 1000))
    with hub.store.db.write() as tx:
        for sid, kind, reverses, fen in rows:
            member = "M9" if sid == "S3" else "M8"
            tx.run("INSERT INTO hub_report_settlements VALUES (?, 'D1', 'H-9', ?, ?, ?, '2023-05-04', 9, ?, 0, 0, ?, 0)",
                   (sid, kind, reverses, member, fen, fen))
        group(tx, [sid for sid, _, _, _ in rows])  # as the ingest groups one batch's rows (hub_report_rows)
    with hub.store.db.read() as tx:
        report = hub_report(tx, parse_period("2023-05"))
        year = hub_report(tx, parse_period("2023"))
    for r in (report, year):
        (unit,) = r.units
        figures = unit.indicators()
        assert (figures["visits"], figures["members"], figures["account_only"]) == (1, 1, 1)
        assert (unit.member_days, unit.member_months) == (1, 1)
