"""Traceability codes and prescriptions at the hub: they upload with their settlement, and a box sold at
two desks (or twice where a reversal had not reached the hub) is recorded with both sales."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from desk.store.pharmacy import DrugLine
from desk.store.settling import BillLine, reverse, settle_bill
from desk.sync.client import sync_once
from pharmacy_support import code, prescription
from sync_support import FAST, hub_fixture, make_desks


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def sell(desk, *codes: str, minutes: int = 0, rx=None) -> str:
    s = settle_bill(desk.db, desk.desk.library, desk.desk.cashier, "M003",
                    [BillLine("XA01", Decimal(len(codes)), drug=DrugLine(tuple(codes), batch="B1"))],
                    desk.desk.at + dt.timedelta(minutes=minutes), prescription=rx)
    desk.settled.append(s.id)
    return s.id


def test_codes_and_the_prescription_upload_with_their_settlement(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    rx = prescription(written=a.desk.at.date())
    sid = sell(a, code(1), code(2), rx=rx)
    assert sync_once(a.path, backoff=FAST).ok
    with hub.store.db.read() as tx:
        body = json.loads(tx.one("SELECT body FROM hub_settlements WHERE id = ?", (sid,))[0])
        units = tx.all("SELECT code, unit FROM hub_trace_units WHERE settlement_id = ? ORDER BY code", (sid,))
    assert body["drugs"] == [{"line": 1, "batch": "B1", "expiry": "", "split": False, "rx_flag": False,
                              "no_code_reason": "", "codes": [{"code": code(1), "units": [1]},
                                                              {"code": code(2), "units": [1]}]}]
    assert body["prescription"]["number"] == rx.number and body["prescription"]["institution_level"] == 3
    assert [tuple(u) for u in units] == [(code(1), 1), (code(2), 1)]
    assert hub.store.trace_conflicts() == []


def test_a_box_sold_at_two_desks_is_recorded_with_both_sales(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    first = sell(a, code(10))
    second = sell(b, code(10), minutes=5)  # b cannot know: it has not seen a's sale
    for d in (a, b):
        assert sync_once(d.path, backoff=FAST).ok
    found = hub.store.trace_conflicts()
    assert [(c["code"], c["first_settlement"], c["first_desk"], c["settlement_id"], c["desk_uuid"]) for c in found] \
        == [(code(10), first, a.uuid, second, b.uuid)]
    assert hub.store.trace_conflicts(a.uuid) == found == hub.store.trace_conflicts(b.uuid)
    env = {**os.environ}
    listed = subprocess.run([sys.executable, "-m", "desk.cli.main", "hub", "overruns", "--db", hub.db_url],
                            capture_output=True, text=True, env=env, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert f"追溯码重复销售 code sold twice  {code(10)} unit 1: desk H-001/01 receipt 1, then desk H-001/02" \
        " receipt 1" in listed.stdout
    assert "1 traceability code(s) sold twice" in listed.stdout


def test_a_reversal_releases_the_box_at_the_hub_unless_it_had_not_arrived(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    returned = sell(a, code(20))
    reverse(a.db, a.desk.supervisor, returned, a.desk.at + dt.timedelta(minutes=1), "顾客退货")
    assert sync_once(a.path, backoff=FAST).ok
    sell(b, code(20), minutes=2)  # sold again after a return the hub knows of: no conflict
    assert sync_once(b.path, backoff=FAST).ok
    assert hub.store.trace_conflicts() == []

    kept = sell(a, code(21), minutes=3)
    assert sync_once(a.path, backoff=FAST).ok
    reverse(a.db, a.desk.supervisor, kept, a.desk.at + dt.timedelta(minutes=4), "顾客退货")  # not uploaded yet
    again = sell(b, code(21), minutes=5)
    assert sync_once(b.path, backoff=FAST).ok
    assert [(c["first_settlement"], c["settlement_id"]) for c in hub.store.trace_conflicts()] == [(kept, again)]
    assert sync_once(a.path, backoff=FAST).ok  # the reversal arrives late: the double sale stays on record
    assert len(hub.store.trace_conflicts()) == 1


def test_the_hub_refuses_a_forged_code_in_an_upload(tmp_path):
    """A registered desk (or whoever holds its secret) cannot slip a malformed or doubled unit in."""
    from desk.sync.outbox import next_batch
    from desk.sync.protocol import ProtocolError, parse_settlement
    from pharmacy_support import make_pharmacy
    from test_pharmacy_store import line, sell as sell_at

    d = make_pharmacy(tmp_path)
    sell_at(d, [line("XA01", 1, code(90))])
    _, batch, _ = next_batch(d.db, 0, 10)
    body = batch[0]
    assert parse_settlement(body).trace_units == ((code(90), 1),)
    for forged, reason in ((code(90)[:-1] + "x", "is not a 20-digit traceability code"),
                           (code(90)[:19], "is not a 20-digit traceability code")):
        bad = json.loads(json.dumps(body))
        bad["drugs"][0]["codes"][0]["code"] = forged
        with pytest.raises(ProtocolError, match=reason):
            parse_settlement(bad)
    twice = json.loads(json.dumps(body))
    twice["drugs"][0]["codes"].append({"code": code(90), "units": [1]})
    with pytest.raises(ProtocolError, match="sold twice in one settlement"):
        parse_settlement(twice)


def test_one_box_uploaded_by_several_desks_at_once_is_a_conflict_each_time(hub, tmp_path):
    """Hub processes ingest at once on PostgreSQL; a batch takes a lock on each code it sells before it
    reads who sold it, so of sales racing each other every later one sees the earlier: n sales of one
    box are n(n-1)/2 conflicts (each with every sale before it), whatever order they commit in."""
    import copy
    import threading
    import uuid

    from desk.sync import outbox
    from desk.sync.hub_store import HubStore
    from sync_support import CST

    (a,) = make_desks(tmp_path, 1, hub)
    sell(a, code(40), code(41))
    _, (template,), members = outbox.next_batch(a.db, 0, 10)
    writers = []
    for n in range(4):
        desk_uuid = str(uuid.uuid4())
        hub.store.add_desk(desk_uuid, f"writer {n}", dt.datetime.now(CST))
        writers.append(desk_uuid)
    go, errors = threading.Barrier(len(writers)), []

    def write(index: int, desk_uuid: str) -> None:
        store = HubStore(hub.db_url)
        try:
            me = next(d for d in store.desks() if d.desk_uuid == desk_uuid)
            for round_ in range(3):
                s = copy.deepcopy(template)
                s.update(id=str(uuid.uuid4()), desk_uuid=desk_uuid, receipt_no=round_ + 1, desk_number=f"{index + 10}")
                go.wait(timeout=60)
                outcomes, _ = store.ingest(me, [s], members, dt.datetime.now(CST))
                assert [o.status for o in outcomes] == ["accepted"], outcomes
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(i, d)) for i, d in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    found = hub.store.trace_conflicts()
    sales = len(writers) * 3  # each unit sold this many times; a's own sale has not been uploaded
    assert len(found) == 2 * sales * (sales - 1) // 2
    pairs = {(c["code"], c["first_settlement"], c["settlement_id"]) for c in found}
    assert len(pairs) == len(found)  # no pair of sales recorded twice
