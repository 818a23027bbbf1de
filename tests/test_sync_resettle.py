"""A registered desk lying to the hub: the hub settles every upload again and counts only what it reproduces.

Each test is the attack, sent by a desk the hub knows (its own signed requests) to a real
`desk hub serve` process on loopback, on SQLite and on PostgreSQL; each checks that the hub
refused it with a reason and that no figure moved.
"""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from desk.sync import outbox
from desk.sync.client import sync_once
from desk.sync.protocol import SETTLEMENTS
from sync_support import FAST, assert_consistent, hub_client, hub_fixture, make_desks, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _batch(desk) -> tuple[list[dict], dict]:
    _, batch, members = outbox.next_batch(desk.db, 0, 100)
    return batch, members


def _upload(hub, desk, settlements: list[dict], members: dict | None = None) -> list[dict]:
    with hub_client(hub, desk) as client:
        return client.call("POST", SETTLEMENTS, body={"settlements": settlements, "members": members or {}})["results"]


def _refused(results: list[dict], *words: str) -> None:
    assert [r["status"] for r in results] == ["rejected"] * len(results), results
    for r in results:
        assert all(w in r["reason"] for w in words), r["reason"]


def _move(s: dict, field: str, fen: int) -> None:
    whole = round(float(s[field]) * 100) + fen
    s[field] = f"{'-' if whole < 0 else ''}{abs(whole) // 100}.{abs(whole) % 100:02d}"


def test_figures_that_add_up_but_are_not_the_engines_are_refused(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M002", ("XA01", "20"), use_account=False)  # 500.00 of class A, no account
    (honest,), members = _batch(a)
    forged = copy.deepcopy(honest)
    # 50 yuan more from the pool, 50 less in cash: every sum still holds, the answer says the same.
    for s in (forged, forged["answer"]):
        _move(s, "pool_pay", 5000)
        _move(s, "self_pay", -5000)
        _move(s, "cash_pay", -5000)
    _move(forged, "hifp_pay", 5000)
    _move(forged["usage"], "pool_paid", 5000)
    before = hub.store.figures()
    _refused(_upload(hub, a, [forged], members), "pool_pay", "the engine gives", honest["pool_pay"])
    assert hub.store.figures() == before and hub.store.settlement_ids() == set()

    # A line the engine settles as class A that the desk says was class C, or a ratio of its own.
    other = copy.deepcopy(honest)
    other["inputs"]["request"]["items"][0]["class"] = "C"
    _refused(_upload(hub, a, [other], members), "items[0]", "differs from the request")
    other["items"][0]["class"] = "C"
    _refused(_upload(hub, a, [other], members), "full_self_pay", "the engine gives")
    explained = copy.deepcopy(honest)
    explained["answer"]["explain"][0]["why"] = "统筹基金全额支付"
    _refused(_upload(hub, a, [explained], members), "answer")

    assert [r["status"] for r in _upload(hub, a, [honest], members)] == ["accepted"]
    assert sync_once(a.path, backoff=FAST).ok
    assert_consistent(hub, [a])


def test_negative_settlements_are_refused(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "4"))  # 100.00, part of it from M001's account
    (honest,), members = _batch(a)
    assert honest["account_pay"] != "0.00"

    # total, pool pay and deductible -800: a member's pool paid would drop below zero.
    negative = copy.deepcopy(honest)
    for field in ("total", "in_scope", "pool_pay", "hifp_pay", "deductible"):
        negative[field] = "-800.00"
    for field in ("full_self_pay", "pre_self_pay", "over_cap", "self_pay", "account_pay", "cash_pay"):
        negative[field] = "0.00"
    negative["items"] = [{**honest["items"][0], "amount": "-800.00", "quantity": "-32"}]
    negative["usage"] = {"deductible": "-800.00", "same_day": "0.00", "pool_paid": "-800.00"}
    negative["account"], negative["payer_id"] = None, None
    # account -5,000 with cash +5,000: the account would gain 5,000 yuan.
    gaining = copy.deepcopy(honest)
    self_pay = round(float(honest["self_pay"]) * 100)
    gaining["account_pay"] = "-5000.00"
    gaining["cash_pay"] = f"{(self_pay + 500000) // 100}.{(self_pay + 500000) % 100:02d}"
    gaining["account"] = {"member_id": honest["payer_id"], "delta": "5000.00"}
    _move(gaining, "balance_after", 500000 + round(float(honest["account_pay"]) * 100))

    before = hub.store.figures()
    _refused(_upload(hub, a, [negative], members), "negative")
    _refused(_upload(hub, a, [gaining], members), "account_pay", "negative")
    assert hub.store.figures() == before and hub.store.settlement_ids() == set()
    assert sync_once(a.path, backoff=FAST).ok
    assert_consistent(hub, [a])


def test_a_desk_claiming_more_usage_than_the_hub_counts_is_refused(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    # Desk a's file says M003 met the deductible already (edited in the file, as its OS account can):
    # the engine then pays from the first yuan, consistently, and the figures all agree.
    a.db.execute("INSERT INTO usage_summary (member_id, year, deductible_met_fen, ordinary_pool_paid_fen)"
                 " VALUES ('M003', 2023, 100000, 0) ON CONFLICT(member_id, year) DO UPDATE SET"
                 " deductible_met_fen = 100000")
    a.db.conn.commit()
    settle(a, "M003", ("XA01", "8"))
    report = sync_once(a.path, backoff=FAST)
    assert len(report.refused) == 1 and "usage.deductible_met" in report.refused[0][1]
    assert "1000.00" in report.refused[0][1] and report.outbox_left == 1
    assert hub.store.figures()[0] == {}

    # Honest desks that know less than the hub are counted (the other way round is an overrun).
    settle(b, "M003", ("XA01", "8"))
    settle(b, "M003", ("XA01", "8"))
    assert sync_once(b.path, backoff=FAST).ok and not sync_once(b.path, backoff=FAST).refused
    assert len(hub.store.settlement_ids()) == 2


def test_a_reversal_that_does_not_mirror_its_settlement_is_refused(hub, tmp_path):
    from desk.store.settling import reverse

    (a,) = make_desks(tmp_path, 1, hub)
    sid = settle(a, "M003", ("XA01", "20"))
    assert sync_once(a.path, backoff=FAST).ok
    reverse(a.db, a.desk.supervisor, sid, a.desk.at + dt.timedelta(hours=1), "录入错误")
    (honest,), members = _batch(a)
    before = hub.store.figures()
    greedy = copy.deepcopy(honest)  # gives back 100 yuan more deductible than the settlement used
    _move(greedy["usage"], "deductible", -10000)
    _refused(_upload(hub, a, [greedy], members), "mirror")
    stranger = copy.deepcopy(honest)  # reverses, and credits another member's account
    stranger["payer_id"] = "M002"
    if stranger["account"]:
        stranger["account"]["member_id"] = "M002"
    _refused(_upload(hub, a, [stranger], members), "mirror")
    assert hub.store.figures() == before
    assert [r["status"] for r in _upload(hub, a, [honest], members)] == ["accepted"]
    assert sync_once(a.path, backoff=FAST).ok
    assert_consistent(hub, [a])


def test_a_hub_restored_from_an_older_file_gets_back_what_it_lost(tmp_path):
    import sqlite3

    from sync_support import HubProcess
    from store_support import MEMBERS

    hub = HubProcess(str(tmp_path / "hub.sqlite"), tmp_path)
    hub.load_roster(MEMBERS)
    hub.start()
    try:
        a, b = make_desks(tmp_path, 2, hub)
        settle(a, "M003", ("XA01", "8"))
        settle(b, "M003", ("XA01", "4"))
        assert sync_once(a.path, backoff=FAST).ok and sync_once(b.path, backoff=FAST).ok
        backup = sqlite3.connect(tmp_path / "backup.sqlite")
        with sqlite3.connect(tmp_path / "hub.sqlite") as live:
            live.backup(backup)
        backup.close()
        lost = [settle(a, "M003", ("XA01", "8")), settle(a, "M001", ("XA01", "2"))]
        assert sync_once(a.path, backoff=FAST).ok and sync_once(b.path, backoff=FAST).ok
        assert set(lost) <= hub.store.settlement_ids()

        hub.stop()  # the hub's disk fails; the administrator restores last night's file
        hub.store.close()
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"hub.sqlite{suffix}").unlink(missing_ok=True)
        (tmp_path / "backup.sqlite").rename(tmp_path / "hub.sqlite")
        hub.start()
        assert not set(lost) & hub.store.settlement_ids()

        # Settled after the lost ones, so it saw their usage: the hub would refuse it on its own.
        later = settle(a, "M003", ("XA01", "8"))
        settle(b, "M003", ("XA01", "1"))
        report = sync_once(a.path, backoff=FAST)
        assert report.ok and report.outbox_left == 0, report
        assert any("sent again" in p for p in report.problems)
        assert set(lost) | {later} <= hub.store.settlement_ids()
        assert sync_once(b.path, backoff=FAST).ok and sync_once(a.path, backoff=FAST).ok
        assert_consistent(hub, [a, b])
    finally:
        hub.close()
