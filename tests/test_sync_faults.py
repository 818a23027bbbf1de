"""Sync through failures: connections cut mid-upload and mid-download, the hub restarted in the middle
of a sync, and the desk killed after the hub committed its upload but before it heard back.

The hub is a real process; the cuts come from a TCP proxy on loopback; the killed desk is a real
process killed with SIGKILL. After each, nothing is lost and nothing is counted twice.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from desk.store.check import check
from desk.sync.apply import apply_page
from desk.sync.client import sync_once
from desk.sync.transport import Backoff, HubClient
from sync_support import FAST, Fault, FaultProxy, assert_consistent, expected_figures, hub_fixture, make_desks, \
    openings, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _busy_day(desk, count: int) -> None:
    for n in range(count):
        settle(desk, ("M001", "M002", "M003")[n % 3], ("XA01", str(1 + n % 4)), ("FW01", "1"))


def test_connections_cut_mid_upload_and_mid_download(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    _busy_day(a, 30)
    _busy_day(b, 12)
    assert sync_once(b.path, backoff=FAST).ok
    proxy = FaultProxy(hub.port)
    try:
        faults = [proxy.add(Fault("request", b"POST /v1/settlements", after=700)),  # the body cut short
                  proxy.add(Fault("response", b"POST /v1/settlements", after=0, times=2)),  # committed, answer lost
                  proxy.add(Fault("response", b"GET /v1/changes", after=300))]  # a page cut short
        report = sync_once(a.path, hub_url=proxy.url, actor=a.desk.admin, batch=7, backoff=FAST)
    finally:
        proxy.close()
    assert report.ok, report.error
    assert [f.fired for f in faults] == [1, 2, 1]
    assert report.accepted + report.duplicates == 30 and report.duplicates >= 7  # the lost answers came again
    assert sync_once(b.path, backoff=FAST).ok
    assert_consistent(hub, [a, b])


def test_the_hub_restarted_mid_sync(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    _busy_day(a, 40)
    _busy_day(b, 5)
    restarted = threading.Event()

    def restart_after_first_batch(stage: str, done: int, total) -> None:
        if stage == "upload" and done and not restarted.is_set():
            restarted.set()
            hub.stop(kill=True)  # a crash: no graceful shutdown
            threading.Timer(0.5, hub.start).start()

    # The restarted hub loads its packs and migrations before it answers: on a loaded machine that takes
    # longer than FAST's few seconds of retries, so this sync waits as a desk would (up to ~25 s).
    patient = Backoff(attempts=30, first=0.05, factor=2.0, most=1.0)
    report = sync_once(a.path, batch=10, progress=restart_after_first_batch, backoff=patient)
    assert restarted.is_set() and report.ok, report.error
    assert report.accepted == 40 and report.outbox_left == 0
    for d in (b, a):
        assert sync_once(d.path, backoff=FAST).ok
    assert_consistent(hub, [a, b])


SYNC_IN_A_PROCESS = """
import datetime as dt
import sys
from desk.store.database import open_db
from desk.store.users import login
from desk.sync.client import sync_once
from desk.sync.transport import Backoff
admin = login(open_db(sys.argv[1]), "admin", "9999", dt.datetime.now(dt.timezone.utc))
report = sync_once(sys.argv[1], hub_url=sys.argv[2], actor=admin, batch=50, backoff=Backoff(attempts=1))
"""


def test_the_desk_killed_after_the_hub_committed(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    _busy_day(a, 20)
    _busy_day(b, 6)
    assert sync_once(b.path, backoff=FAST).ok
    proxy = FaultProxy(hub.port)
    child: list[subprocess.Popen] = []
    try:
        # The hub has committed the batch and starts answering: the desk dies before it reads a byte.
        fault = proxy.add(Fault("response", b"POST /v1/settlements", after=0,
                                before_cut=lambda: os.kill(child[0].pid, signal.SIGKILL)))
        child.append(subprocess.Popen([sys.executable, "-c", SYNC_IN_A_PROCESS, str(a.path), proxy.url]))
        assert child[0].wait(timeout=60) == -signal.SIGKILL
    finally:
        proxy.close()
    assert fault.fired == 1
    db = a.desk.reopen()
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 20  # no acknowledgement was recorded
    assert len(hub.store.settlement_ids()) == 26  # ... but the hub counted them

    # A download that arrives before the acknowledgement: the hub's figure counts the desk's 20
    # settlements, which are still in the outbox; the desk must not count them twice.
    with HubClient(hub.url, a.uuid, db.execute("SELECT secret FROM sync_config").fetchone()[0]) as client:
        page = client.call("GET", "/v1/changes", params={"after": 0, "limit": 5000})
    apply_page(db, page, a.desk.at)
    assert check(db).ok
    usage, _ = expected_figures([a, b], openings())
    shown = dict(((m, y), (d, p)) for m, y, d, p in db.execute(
        "SELECT member_id, year, deductible_met_fen, ordinary_pool_paid_fen FROM usage_summary"))
    assert shown == usage

    report = sync_once(a.path, backoff=FAST)
    assert report.ok and report.accepted == 0 and report.duplicates == 20
    assert sync_once(b.path, backoff=FAST).ok
    assert_consistent(hub, [a, b])


def test_a_sync_that_cannot_reach_the_hub_gives_up_in_bounded_time(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "2"))
    hub.stop()
    started = time.monotonic()
    report = sync_once(a.path, backoff=Backoff(attempts=3, first=0.05))
    assert not report.ok and "cannot reach the hub" in report.error and report.outbox_left == 1
    assert time.monotonic() - started < 10
