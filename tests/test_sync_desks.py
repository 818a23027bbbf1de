"""Desks meeting at the hub: a desk offline for a day, two desks overrunning one member's cap and
account, fifty desks syncing at once, and the commands an administrator and a cashier type.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading

import pytest

from desk.store.check import check
from desk.sync import overruns_for
from desk.sync.client import status, sync_once
from desk.sync.transport import Backoff
from store_support import CATALOG, CATALOG_HEADER, MEMBERS, ROSTER_HEADER, member_row, write_csv
from sync_support import FAST, assert_consistent, free_port, hub_fixture, make_desks, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def test_a_desk_offline_for_a_day_then_syncing(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    day1 = a.desk.at
    for n in range(4):
        settle(a, "M003", ("XA01", "8"), at=day1 + dt.timedelta(hours=n))
        settle(b, "M003", ("XA01", "6"), at=day1 + dt.timedelta(hours=n, minutes=30))
    assert sync_once(b.path, backoff=FAST).ok
    offline = f"http://127.0.0.1:{free_port()}"  # nothing listens there: the desk's network is down
    report = sync_once(a.path, hub_url=offline, actor=a.desk.admin, backoff=Backoff(attempts=2, first=0.05))
    assert not report.ok and report.outbox_left == 4
    assert status(a.db, day1 + dt.timedelta(days=1)).stale

    day2 = day1 + dt.timedelta(days=1)
    settle(a, "M003", ("XA01", "3"), at=day2)  # the next day, still offline, with yesterday's view
    report = sync_once(a.path, backoff=FAST)
    assert report.ok and report.accepted == 5 and report.changes > 0
    seen = status(a.db, dt.datetime.now(dt.timezone.utc))
    assert not seen.stale and seen.outbox == 0 and seen.last_upload_at and seen.last_download_at
    assert sync_once(b.path, backoff=FAST).ok
    assert_consistent(hub, [a, b])


def test_two_desks_overrun_one_members_cap_and_one_members_account(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    for d in (a, b):
        assert sync_once(d.path, backoff=FAST).ok  # both know the hub's figures, then go offline
    for d in (a, b):  # each keeps within M003's cap (2000 in 2023) as far as it knows; together they do not
        for n in range(3):
            settle(d, "M003", ("XA01", "40"), use_account=False)
        settle(d, "M001", ("ZC01", "1"))  # 300.00 of class C from M001's account of 500.00: twice is 100 short
    for d in (a, b, a):
        assert sync_once(d.path, backoff=FAST).ok

    found = hub.store.overruns()
    caps = [o for o in found if o["kind"] == "annual_cap"]
    accounts = [o for o in found if o["kind"] == "account"]
    pool = hub.store.figures()[0][("M003", 2023)][1]
    assert caps and all(o["member_id"] == "M003" and o["limit"] == "2000.00" for o in caps)
    assert sum(int(o["amount"].replace(".", "")) for o in caps) == pool - 200000  # every fen beyond the cap, once
    assert all(o["settlement_id"] in b.settled for o in caps)  # b's upload arrived second
    assert set(caps[0]["settlements"]) == set(a.settled[:3]) | {caps[0]["settlement_id"]}
    assert [(o["member_id"], o["total_after"], o["amount"]) for o in accounts] == [("M001", "-100.00", "100.00")]
    assert set(accounts[0]["settlements"]) == {a.settled[3], b.settled[3]}
    for d in (a, b):
        mine = overruns_for(d.db, "2023-03")
        assert {o.kind for o in mine} == {"annual_cap", "account"}, d.number
        assert overruns_for(d.db, "2023-03-15") == mine and overruns_for(d.db, "2023-04") == []
        assert d.db.execute("SELECT account_balance_fen FROM members WHERE member_id = 'M001'").fetchone()[0] == 0
    listed = subprocess.run([sys.executable, "-m", "desk.cli.main", "sync", "overruns", "--db", str(b.path)],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and f"{len(found)} overrun(s)" in listed.stdout and "M001" in listed.stdout
    _overruns_reach_the_reports(b, tmp_path)
    assert_consistent(hub, [a, b])


def _overruns_reach_the_reports(d, tmp_path) -> None:
    """The day's Z report and the month's claim list what the agency may refuse to pay."""
    from desk.receipts.claim_pdf import render_claim
    from desk.receipts.day_slip import render_day
    from desk.store.day_close import close_day
    from desk.reports.month import claim_rows, overruns_csv
    from desk.store.identity import get_desk
    from pdf_support import text

    mine = overruns_for(d.db, "2023-03")
    close = close_day(d.db, d.desk.supervisor, d.desk.at + dt.timedelta(hours=9))
    z = text(render_day(get_desk(d.db), close.figures, "80mm", close=close, printed_at=d.desk.at, printed_by="主管",
                        overruns=overruns_for(d.db, close.business_date)), tmp_path)
    assert "中心通报的超限" in z and "M001" in z and "M003" in z
    claim = text(render_claim(get_desk(d.db), "2023-03", claim_rows(d.db, "2023-03"), d.desk.at, mine), tmp_path)
    assert "中心通报的超限" in claim and all(str(o.amount) in claim for o in mine)
    assert len(overruns_csv(mine).splitlines()) == len(mine) + 1


def test_fifty_desks_syncing_at_once(hub, tmp_path):
    desks = make_desks(tmp_path, 50, hub)
    for n, d in enumerate(desks):
        settle(d, "M001", ("XA01", "2"))  # every desk spends from M001's account: the hub sees it go below zero
        settle(d, ("M002", "M003")[n % 2], ("XB01", "1"), ("FW01", "1"))
        settle(d, "M003", ("XA01", "1"), use_account=False)
    reports: dict[str, object] = {}

    def run(d) -> None:
        reports[d.number] = sync_once(d.path, backoff=Backoff(attempts=10, first=0.1, most=2.0))

    for _ in range(2):  # the first round uploads at once; the second lets every desk catch up
        threads = [threading.Thread(target=run, args=(d,)) for d in desks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=240)
        assert not any(t.is_alive() for t in threads)
        assert all(r.ok for r in reports.values()), [r.error for r in reports.values() if not r.ok]
    assert sum(r.accepted for r in reports.values()) == 0  # the second round had nothing left to send
    assert {o["kind"] for o in hub.store.overruns()} == {"account"}
    assert_consistent(hub, desks)


def _desk_cli(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desk.cli.main", *argv], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_the_commands(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    desk_db, hub_db = str(a.path), hub.db_url
    # Register this desk again from the command line, as a new desk (a new UUID) with no hub set up.
    with a.db.atomic():
        a.db.execute("DELETE FROM sync_config")
        a.db.execute("UPDATE desk SET desk_uuid = '22222222-3333-4444-8555-666666666666'")
    refused = _desk_cli("hub", "add-desk", "not-a-uuid", "--name", "x", "--db", hub_db)
    assert refused.returncode == 2 and "not a desk UUID" in refused.stderr
    added = _desk_cli("hub", "add-desk", "22222222-3333-4444-8555-666666666666", "--name", "门诊一号", "--db", hub_db)
    assert added.returncode == 0
    secret = added.stdout.strip().splitlines()[-1]
    setup = _desk_cli("sync", "setup", "--db", desk_db, "--hub", hub.url, "--user", "admin",
                      env={"DESK_PIN": "9999", "DESK_HUB_SECRET": secret})
    assert setup.returncode == 0 and "门诊一号" in setup.stdout, setup.stderr
    assert secret not in a.desk.reopen().execute("SELECT group_concat(detail) FROM audit").fetchone()[0]
    plain = _desk_cli("sync", "setup", "--db", desk_db, "--hub", "http://192.0.2.1:80", "--user", "admin",
                      env={"DESK_PIN": "9999", "DESK_HUB_SECRET": secret})
    assert plain.returncode == 2 and "https" in plain.stderr

    roster = write_csv(tmp_path / "roster.csv", ROSTER_HEADER,
                       MEMBERS + [member_row("M900", "赵新", dt.date(1990, 2, 3), sequence=9, balance="80.00")])
    catalog = write_csv(tmp_path / "catalog.csv", CATALOG_HEADER, CATALOG + [["XA99", "新药片", "", "盒", "A", "0",
                                                                               "12.50", "西药"]])
    assert _desk_cli("hub", "load-roster", str(roster), "--db", hub_db).returncode == 0
    assert _desk_cli("hub", "load-catalog", str(catalog), "--db", hub_db).returncode == 0
    settle(a, "M001", ("XA01", "3"))
    synced = _desk_cli("sync", "--db", desk_db)
    assert synced.returncode == 0 and "uploaded 1" in synced.stdout, synced.stderr
    db = a.desk.reopen()
    assert db.execute("SELECT account_balance_fen FROM members WHERE member_id = 'M900'").fetchone()[0] == 8000
    assert db.execute("SELECT unit_price_fen FROM catalog WHERE code = 'XA99'").fetchone()[0] == 1250
    assert check(db).ok
    shown = _desk_cli("sync", "status", "--db", desk_db)
    assert "outbox 0" in shown.stdout and "STALE" not in shown.stdout
    assert _desk_cli("hub", "check", "--db", hub_db).stdout.strip() == "hub check: no mismatch"
    assert "门诊一号" in _desk_cli("hub", "desks", "--db", hub_db).stdout
