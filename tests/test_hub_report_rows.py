"""The report rows the ingest writes per batch equal a recomputation from hub_settlements alone.

The hub's ingest copies each batch's settlements into report rows and moves the rows counted ahead
(member days and months per institution, desk and hub; fees by category; settlements undone) with
grouped upserts in key order (desk/sync/hub_report_rows.py). Here several desks upload at once, from
threads each with its own connection, the same members on the same days, with reversals in the same
batch as their settlement and in a later one: no batch fails (two batches never deadlock), and every
table equals what the uploaded bodies give when recomputed here, by hand, on SQLite and PostgreSQL.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import random
import threading
import uuid
from collections import defaultdict
from decimal import Decimal

import pytest

from desk.store.settling import reverse
from desk.sync import outbox
from desk.sync.hub_store import HubStore
from sync_support import CST, hub_fixture, make_desks, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _fen(text: str) -> int:
    return int(Decimal(text) * 100)


def recomputed(tx) -> dict[str, set[tuple]]:
    """Every report table as the settlements' uploaded bodies give it (the sign: +1 a settlement, -1 a reversal)."""
    rows = tx.all("SELECT id, desk_uuid, kind, reverses, member_id, day, total_fen, pool_pay_fen, account_pay_fen,"
                  " cash_pay_fen, body FROM hub_settlements")
    out: dict[str, set[tuple]] = {}
    report, items = set(), set()
    days: dict[tuple, int] = defaultdict(int)
    fees: dict[tuple, int] = defaultdict(int)
    reversed_ids = {r[3] for r in rows if r[2] == "reversal"}
    undone = set()
    for sid, desk, kind, reverses, member, day, total, pool, account, cash, body in rows:
        b = json.loads(body)
        inst = b["institution_code"]
        hour = dt.datetime.fromisoformat(b["at"].replace("Z", "+00:00")).astimezone(CST).hour
        full_self = _fen(b["full_self_pay"])
        report.add((sid, desk, inst, kind, reverses, member, day, hour, total, full_self, pool, account, cash))
        for line, item in enumerate(b["items"]):
            category = item.get("fee_category") or "其他"
            items.add((sid, line, day, inst, desk, category, _fen(item["amount"])))
            fees[(day, inst, desk, category)] += _fen(item["amount"])
        for unit, key in (("institution", inst), ("desk", desk), ("hub", "*")):
            days[(unit, key, member, day)] += 1 if kind == "settlement" else -1
        if kind == "settlement" and sid in reversed_ids:
            undone.add((sid, day, inst, desk, int(pool == 0 and cash == 0 and account > 0),
                        int(full_self > 0 and cash > 0)))
    months: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for (unit, key, member, day), visits in days.items():
        months[(unit, key, member, day[:7])][0] += visits
        months[(unit, key, member, day[:7])][1] += int(visits > 0)
    out["hub_report_settlements"] = report
    out["hub_report_items"] = items
    out["hub_report_member_days"] = {(*k, v) for k, v in days.items()}
    out["hub_report_member_months"] = {(*k, v, d) for k, (v, d) in months.items()}
    out["hub_report_fees"] = {(*k, v) for k, v in fees.items()}
    out["hub_report_undone"] = undone
    return out


COLUMNS = {
    "hub_report_settlements": "id, desk_uuid, institution_code, kind, reverses, member_id, day, hour, total_fen,"
                              " full_self_pay_fen, pool_pay_fen, account_pay_fen, cash_pay_fen",
    "hub_report_items": "settlement_id, line, day, institution_code, desk_uuid, fee_category, amount_fen",
    "hub_report_member_days": "unit_kind, unit_key, member_id, day, visits",
    "hub_report_member_months": "unit_kind, unit_key, member_id, month, visits, days",
    "hub_report_fees": "day, institution_code, desk_uuid, fee_category, amount_fen",
    "hub_report_undone": "id, day, institution_code, desk_uuid, account_only, excluded_cash",
}


def assert_report_rows_recomputed(store: HubStore) -> None:
    with store.db.read() as tx:
        want = recomputed(tx)
        for table, columns in COLUMNS.items():
            have = {tuple(r) for r in tx.all(f"SELECT {columns} FROM {table}")}
            assert have == want[table], (table, sorted(have ^ want[table])[:6])


def _clones(template: list[dict], desk_uuid: str, number: str, start: int) -> list[dict]:
    """The template as another desk would send it: new ids and receipts, each reversal pointing at its
    settlement's new id."""
    ids = {s["id"]: str(uuid.uuid4()) for s in template}
    out = []
    for n, s in enumerate(template):
        s = copy.deepcopy(s)
        s.update(id=ids[s["id"]], desk_uuid=desk_uuid, receipt_no=start + n, desk_number=number)
        if s.get("reverses"):
            s["reverses"] = ids[s["reverses"]]
        out.append(s)
    return out


def _hub_desk(store: HubStore, desk_uuid: str):
    return next(d for d in store.desks() if d.desk_uuid == desk_uuid)


def test_concurrent_batches_leave_report_rows_equal_to_a_recomputation(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    members = ("M001", "M002", "M003")
    for n in range(12):  # three days, every member each day, fee categories of drugs and services
        settle(a, members[n % 3], ("XA01", str(1 + n % 2)), ("FW01", "1"), ("ZC01", "1") if n % 4 == 0 else ("XB01", "1"),
               at=a.desk.at + dt.timedelta(days=n // 4, minutes=n))
    reverse(a.db, a.desk.supervisor, a.settled[0], a.desk.at + dt.timedelta(hours=1), "退费")  # empties no day
    reverse(a.db, a.desk.supervisor, a.settled[11], a.desk.at + dt.timedelta(days=2, hours=2), "退费")
    _, template, context = outbox.next_batch(a.db, 0, 100)
    assert len(template) == 14 and sum(s["kind"] == "reversal" for s in template) == 2
    # The desk's own upload first: each clone then claims no more usage seen than the hub counts.
    outcomes, _ = hub.store.ingest(_hub_desk(hub.store, a.uuid), template, context, dt.datetime.now(CST))
    assert {o.status for o in outcomes} == {"accepted"}
    assert_report_rows_recomputed(hub.store)

    writers = []
    for n in range(5):
        desk_uuid = str(uuid.uuid4())
        hub.store.add_desk(desk_uuid, f"writer {n}", dt.datetime.now(CST))
        writers.append(desk_uuid)
    errors: list[BaseException] = []
    go = threading.Barrier(len(writers))

    def write(index: int, desk_uuid: str) -> None:
        store = HubStore(hub.db_url)
        rng = random.Random(index)
        try:
            me = _hub_desk(store, desk_uuid)
            go.wait(timeout=60)
            for round_ in range(4):
                sent = _clones(template, desk_uuid, f"{index + 10:02d}", 1 + round_ * len(template))
                cut = rng.randint(1, len(sent) - 1)  # a reversal may come in the batch after its settlement
                for part in (sent[:cut], sent[cut:]):
                    outcomes, _ = store.ingest(me, part, context, dt.datetime.now(CST))
                    assert {o.status for o in outcomes} == {"accepted"}, outcomes
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
    assert len(hub.store.settlement_ids()) == len(template) * (1 + 4 * len(writers))
    assert_report_rows_recomputed(hub.store)
    assert hub.store.check() == []
    with hub.store.db.read() as tx:  # every copy of the template nets 10 visits on the rows all desks share
        (visits,) = tx.one("SELECT SUM(visits) FROM hub_report_member_days WHERE unit_kind = 'hub'")
    assert visits == (12 - 2) * (1 + 4 * len(writers))
