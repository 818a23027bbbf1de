"""A desk's download cursor on PostgreSQL while uploads commit out of order.

Change numbers on PostgreSQL come from the writing transaction's id, with no lock shared between
writers, so a transaction with a smaller id may commit after one with a larger id. A download must
then hold back the later one's changes until the earlier one has finished, and deliver the earlier
one's changes after it commits: never skip a change (the cursor past it) nor deliver one twice.
"""
from __future__ import annotations

import copy
import datetime as dt
import random
import threading
import uuid
from types import SimpleNamespace

import pytest

from desk.sync import outbox
from desk.sync.hub_store import HubStore, _Batch
from desk.sync.protocol import parse_settlement
from sync_support import CST, hub_fixture, make_desks, settle


@pytest.fixture
def hub(tmp_path):
    hub = hub_fixture(SimpleNamespace(param="postgresql"), tmp_path)
    yield hub
    hub.close()


class Follower:
    """What a desk downloading page by page sees: checks every page against the cursor."""

    def __init__(self, store: HubStore, desk, limit: int):
        self.store, self.desk, self.limit = store, desk, limit
        self.cursor = 0
        self.usage: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.balances: dict[str, tuple[str, int]] = {}
        self.delivered: set[tuple[str, object, int]] = set()

    def page(self) -> dict:
        page = self.store.changes(self.desk, self.cursor, self.limit)
        assert page["head"] >= self.cursor, "the head went backwards"
        rows = [("usage", (r["member_id"], r["year"]), r) for r in page["usage"]]
        rows += [("member", r["member_id"], r) for r in page["members"]]
        for table, key, r in rows:
            assert self.cursor < r["seq"] <= page["next"], (table, key, r["seq"], self.cursor, page["next"])
            assert (table, key, r["seq"]) not in self.delivered, ("delivered twice", table, key, r["seq"])
            self.delivered.add((table, key, r["seq"]))
        for _, (member, year), r in (x for x in rows if x[0] == "usage"):
            if (member, year) not in self.usage or self.usage[(member, year)][2] < r["seq"]:
                self.usage[(member, year)] = (r["deductible_met"], r["ordinary_pool_paid"], r["seq"])
        for _, member, r in (x for x in rows if x[0] == "member"):
            if member not in self.balances or self.balances[member][1] < r["seq"]:
                self.balances[member] = (r["account_balance"], r["seq"])
        assert page["next"] >= self.cursor
        self.cursor = page["next"]
        return page

    def drain(self) -> None:
        while self.page()["more"]:
            pass

    def assert_caught_up(self) -> None:
        """Every row's latest version reached the follower: nothing was skipped."""
        with self.store.db.read() as tx:
            usage = {(m, y): (d, p, s) for m, y, d, p, s in tx.all(
                "SELECT member_id, year, deductible_met_fen, ordinary_pool_paid_fen, change_seq FROM hub_usage")}
            members = {m: (b, s) for m, b, s in tx.all(
                "SELECT member_id, account_balance_fen, change_seq FROM hub_members")}
        for key, (ded, pool, seq) in usage.items():
            assert key in self.usage and self.usage[key][2] == seq, ("usage change skipped", key, seq, self.cursor)
            assert (self.usage[key][0], self.usage[key][1]) == (f"{ded / 100:.2f}", f"{pool / 100:.2f}"), key
        for member, (balance, seq) in members.items():
            assert member in self.balances and self.balances[member][1] == seq, ("member change skipped", member)


def _payloads(desk, count: int) -> tuple[list[dict], dict]:
    _, batch, members = outbox.next_batch(desk.db, 0, count)
    return batch, members


def _hub_desk(store: HubStore, desk_uuid: str):
    return next(d for d in store.desks() if d.desk_uuid == desk_uuid)


def test_a_smaller_transaction_id_committing_last_is_delivered_not_skipped(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    settle(a, "M001", ("XA01", "10"))
    settle(b, "M002", ("XA01", "3"))
    batch_a, members_a = _payloads(a, 10)
    batch_b, members_b = _payloads(b, 10)
    desk_a, desk_b = _hub_desk(hub.store, a.uuid), _hub_desk(hub.store, b.uuid)
    follower = Follower(hub.store, desk_b, limit=2)
    follower.drain()  # the roster

    # Transaction 1 counts a's settlement and stays open: it holds the smaller transaction id.
    first = HubStore(hub.db_url)
    opened = first.db.write()
    tx = opened.__enter__()
    try:
        outcomes = [None] * len(batch_a)
        _Batch(tx, first.caps, desk_a, [(i, parse_settlement(s)) for i, s in enumerate(batch_a)], members_a,
               dt.datetime.now(CST), outcomes).run()
        assert [o.status for o in outcomes] == ["accepted"]
        xid_a = tx.one("SELECT pg_current_xact_id()::text::bigint")[0]

        # Transaction 2 (a larger id) counts b's settlement and commits first, without waiting.
        done = threading.Event()
        worker = threading.Thread(target=lambda: (hub.store.ingest(desk_b, batch_b, members_b, dt.datetime.now(CST)),
                                                  done.set()))
        worker.start()
        worker.join(timeout=20)
        assert done.is_set(), "an upload waited for another desk's open transaction"
        assert batch_b[0]["id"] in hub.store.settlement_ids()  # committed and visible

        # A download now must not move the cursor past transaction 1's changes, nor deliver 2's
        # (they carry a larger number, and a cursor past them would be past 1's too).
        follower.drain()
        assert follower.cursor < xid_a << 22
        assert not any(m == "M002" for m, _ in follower.usage), "a change past an unfinished transaction's"
    finally:
        opened.__exit__(None, None, None)  # transaction 1 commits last
        first.close()

    follower.drain()
    assert {m for m, _ in follower.usage} >= {"M001", "M002"}
    follower.assert_caught_up()


def _clones(template: list[dict], desk_uuid: str, number: str, count: int, start: int) -> list[dict]:
    out = []
    for n in range(count):
        s = copy.deepcopy(template[n % len(template)])
        s.update(id=str(uuid.uuid4()), desk_uuid=desk_uuid, receipt_no=start + n, desk_number=number)
        out.append(s)
    return out


def test_a_desk_following_concurrent_uploads_sees_every_change_once(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    for n in range(9):
        settle(a, ("M001", "M002", "M003")[n % 3], ("XA01", str(1 + n % 4)))
    template, members = _payloads(a, 100)
    # Counted once first: each clone then claims to have seen no more usage than the hub counts.
    assert {o.status for o in hub.store.ingest(_hub_desk(hub.store, a.uuid), template, members,
                                               dt.datetime.now(CST))[0]} == {"accepted"}
    writers = []
    for n in range(6):
        desk_uuid = str(uuid.uuid4())
        hub.store.add_desk(desk_uuid, f"writer {n}", dt.datetime.now(CST))
        writers.append(desk_uuid)
    reader = _hub_desk(hub.store, a.uuid)
    follower = Follower(hub.store, reader, limit=3)
    stop = threading.Event()
    errors: list[BaseException] = []

    def write(index: int, desk_uuid: str) -> None:
        store = HubStore(hub.db_url)
        rng = random.Random(index)
        try:
            receipt = 1
            for _ in range(15):
                size = rng.randint(1, 4)
                batch = _clones(rng.sample(template, len(template)), desk_uuid, f"{index + 10:02d}", size, receipt)
                receipt += size
                outcomes, _ = store.ingest(_hub_desk(store, desk_uuid), batch, members, dt.datetime.now(CST))
                assert {o.status for o in outcomes} == {"accepted"}, outcomes
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            store.close()

    def follow() -> None:
        try:
            while not stop.is_set():
                follower.page()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i, d)) for i, d in enumerate(writers)]
    reading = threading.Thread(target=follow)
    reading.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    stop.set()
    reading.join(timeout=60)
    assert not errors, errors
    follower.drain()
    follower.assert_caught_up()
    assert hub.store.check() == []


def test_changes_numbered_past_the_servers_transaction_ids_are_numbered_anew(hub, tmp_path):
    """A database restored with pg_dump into a new server keeps its change numbers while the new
    server's transaction ids start again low: the hub numbers the changes anew when it starts, and a
    desk whose cursor is past the new head downloads everything again."""
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "10"))
    batch, members = _payloads(a, 10)
    desk = _hub_desk(hub.store, a.uuid)
    hub.store.ingest(desk, batch, members, dt.datetime.now(CST))
    ahead = Follower(hub.store, desk, limit=2)
    ahead.drain()
    far = (1 << 40) << 22
    with hub.store.db.write() as tx:  # as if these came from a server whose ids were far ahead
        for table in ("hub_members", "hub_usage", "hub_catalog", "hub_overruns", "hub_overrun_desks"):
            tx.run(f"UPDATE {table} SET change_seq = change_seq - (change_seq >> 22 << 22) + ?", (far,))
    stuck = Follower(hub.store, desk, limit=2)
    stuck.drain()
    assert not stuck.usage, "changes past the head would never be delivered"

    fresh = HubStore(hub.db_url)
    try:
        fresh.migrate()
    finally:
        fresh.close()
    ahead.drain()  # numbered anew above this server's transaction ids: past the desk's cursor
    ahead.assert_caught_up()
    again = Follower(hub.store, desk, limit=2)
    again.drain()
    again.assert_caught_up()
    assert any(m == "M001" for m, _ in again.usage)
