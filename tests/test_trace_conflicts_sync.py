"""A box sold at two desks reaches both desks (issue 13 part 6): the hub records the double sale and every
desk involved downloads it with its changes, lists it (`desk sync overruns`) and shows it in the day's and
the month's reports. A real hub on loopback (SQLite and PostgreSQL) and real desk files; the reports are
read back from their PDFs with pdftotext."""
from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
import uuid

import pytest

from desk.store.settling import reverse
from desk.sync import outbox, trace_conflicts_for
from desk.sync.apply import apply_page
from desk.sync.client import sync_once
from desk.sync.protocol import SETTLEMENTS
from pharmacy_support import code
from sync_support import FAST, assert_consistent, hub_client, hub_fixture, make_desks
from test_pharmacy_sync import sell


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _listed(desk) -> str:
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", "sync", "overruns", "--db", str(desk.path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_box_sold_at_two_desks_reaches_both_and_stays_after_a_late_reversal(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    first = sell(a, code(10), code(11))
    second = sell(b, code(10), minutes=5)  # b has not seen a's sale of code 10
    for d in (a, b, a):  # a syncs again: b's upload, which made the conflict, came after a's
        assert sync_once(d.path, backoff=FAST).ok
    for d in (a, b):
        (c,) = trace_conflicts_for(d.db)
        assert (c.code, c.unit, c.first_settlement, c.first_desk, c.settlement_id, c.desk_uuid, c.member_id) \
            == (code(10), 1, first, a.uuid, second, b.uuid, "M003")
        assert (c.first_receipt, c.receipt_no) == (1, 1)
        assert trace_conflicts_for(d.db, c.day) == [c] == trace_conflicts_for(d.db, c.day[:7])
        assert trace_conflicts_for(d.db, "2001-01") == []

    # a returns its box, but uploads the reversal only now: the double sale stays on record, once.
    reverse(a.db, a.desk.supervisor, first, a.desk.at + dt.timedelta(minutes=10), "顾客退货")
    for d in (a, b, a):
        assert sync_once(d.path, backoff=FAST).ok
    assert len(hub.store.trace_conflicts()) == 1
    for d in (a, b):
        assert len(trace_conflicts_for(d.db)) == 1
    assert_consistent(hub, [a, b])
    for d in (a, b):
        out = _listed(d)
        assert f"code {code(10)} unit 1" in out and "0 overrun(s), 1 traceability code(s) sold twice" in out
        assert (f"again at this desk receipt 1 (settlement {second})" if d is b else
                f"sold at this desk receipt 1 (settlement {first})") in out
    _reaches_the_reports(b, tmp_path)


def _reaches_the_reports(d, tmp_path) -> None:
    from desk.receipts.claim_pdf import render_claim
    from desk.receipts.day_slip import render_day
    from desk.reports.month import claim_rows
    from desk.store.day_close import close_day
    from desk.store.identity import get_desk
    from pdf_support import text

    close = close_day(d.db, d.desk.supervisor, d.desk.at + dt.timedelta(hours=9))
    z = text(render_day(get_desk(d.db), close.figures, "80mm", close=close, printed_at=d.desk.at, printed_by="主管",
                        trace_conflicts=trace_conflicts_for(d.db, close.business_date)), tmp_path)
    assert "追溯码重复销售" in z and code(10) in z and "M003" in z
    month = d.desk.at.strftime("%Y-%m")
    claim = text(render_claim(get_desk(d.db), month, claim_rows(d.db, month), d.desk.at, [],
                              trace_conflicts=trace_conflicts_for(d.db, month)), tmp_path)
    assert "追溯码重复销售" in claim and code(10) in claim
    # and through the commands: the month's claim PDF names the code
    out = tmp_path / "month"
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", "report", "month", month, "--db", str(d.path),
                           "--out-dir", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 traceability code(s) sold twice" in done.stdout
    assert code(10) in subprocess.run(["pdftotext", "-layout", str(out / f"claim-{month}.pdf"), "-"],
                                      capture_output=True, text=True, check=True).stdout


def test_a_desk_cannot_make_another_believe_a_double_sale_of_codes_it_did_not_sell(hub, tmp_path):
    """The hub decides: a desk that uploads a box twice (forging the second sale) is told of its own
    double sale, and the desk whose identity it borrows is not; a desk keeps only conflicts naming it."""
    a, c = make_desks(tmp_path, 2, hub)
    sell(a, code(20))  # a's own, honest sale of another box
    sell(c, code(31))
    _, (honest,), members = outbox.next_batch(c.db, 0, 10)
    assert sync_once(c.path, backoff=FAST).ok
    again = copy.deepcopy(honest)
    again.update(id=str(uuid.uuid4()), receipt_no=99)  # the same box sold again, written by hand
    as_a = copy.deepcopy(again)
    as_a.update(id=str(uuid.uuid4()), desk_uuid=a.uuid, desk_number=a.number)
    with hub_client(hub, c) as client:
        results = client.call("POST", SETTLEMENTS, body={"settlements": [as_a, again], "members": members})["results"]
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    assert "a desk uploads only its own settlements" in results[0]["reason"]
    for d in (a, c):
        assert sync_once(d.path, backoff=FAST).ok
    assert [(x["first_desk"], x["desk_uuid"]) for x in hub.store.trace_conflicts()] == [(c.uuid, c.uuid)]
    assert trace_conflicts_for(a.db) == []
    assert [x.code for x in trace_conflicts_for(c.db)] == [code(31)]

    # Whatever a page of changes says, a desk keeps a conflict only where one of the sales is its own.
    foreign = {"seq": 10**15, "id": 777, "code": code(20), "unit": 1, "first_settlement": str(uuid.uuid4()),
               "first_desk": c.uuid, "first_receipt": 5, "settlement_id": str(uuid.uuid4()), "desk_uuid": c.uuid,
               "receipt_no": 6, "member_id": "M003", "day": "2023-03-15", "detected_at": "2023-03-15T10:00:00+08:00"}
    applied = apply_page(a.db, {"next": 10**15, "more": False, "trace_conflicts": [foreign]},
                         a.desk.at + dt.timedelta(hours=1))
    assert applied.trace_conflicts == [] and "names neither sale as this desk's" in applied.problems[0]
    assert trace_conflicts_for(a.db) == []
