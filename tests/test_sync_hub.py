"""The hub's door and its idempotence: tokens, a duplicated request, a settlement in another desk's name.

Every test runs against a real `desk hub serve` process on loopback, once on SQLite and once on
PostgreSQL.
"""
from __future__ import annotations

import copy

import httpx
import pytest

from desk.sync import outbox
from desk.sync.client import sync_once
from desk.sync.transport import Backoff, HubClient, Unauthorized
from sync_support import FAST, assert_consistent, hub_client, hub_fixture, make_desks, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _post(client, body: dict) -> dict:
    return client.call("POST", "/v1/settlements", body=body)


def test_a_duplicated_request_changes_nothing_and_a_changed_one_is_refused(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    for n in range(3):
        settle(a, "M001", ("XA01", "10"))
        settle(a, "M003", ("XB01", "2"), ("FW01", "1"))
    _, batch, members = outbox.next_batch(a.db, 0, 100)
    body = {"settlements": batch, "members": members}
    with hub_client(hub, a) as http:
        first = _post(http, body)
        figures = hub.store.figures()
        again = _post(http, body)
        assert [r["status"] for r in first["results"]] == ["accepted"] * 6
        assert [r["status"] for r in again["results"]] == ["duplicate"] * 6
        assert hub.store.figures() == figures

        changed = copy.deepcopy(batch[0])
        changed["total"], changed["cash_pay"], changed["self_pay"] = "1.00", "1.00", "1.00"
        changed["items"][0]["amount"], changed["pool_pay"], changed["hifp_pay"] = "1.00", "0.00", "0.00"
        changed["usage"]["pool_paid"], changed["account_pay"], changed["account"] = "0.00", "0.00", None
        changed["payer_id"] = None
        refused = _post(http, {"settlements": [changed]})["results"]
        assert refused[0]["status"] == "rejected" and "other content" in refused[0]["reason"]
        assert hub.store.figures() == figures

    # Desk b may not upload a's settlement, even one the hub has never seen.
    settle(a, "M002", ("XA01", "1"))
    _, mine, _ = outbox.next_batch(a.db, 0, 100)
    with hub_client(hub, b) as http:
        answer = _post(http, {"settlements": mine})["results"]
    assert {r["status"] for r in answer} == {"rejected"}
    assert all("a desk uploads only its own" in r["reason"] for r in answer)

    for d in (a, b, a):
        assert sync_once(d.path, backoff=FAST).ok
    assert_consistent(hub, [a, b])


def test_a_forged_or_revoked_key_or_an_unsigned_request_gets_401(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "4"))
    secret = a.db.execute("SELECT secret FROM sync_config").fetchone()[0]
    forged = HubClient(hub.url, a.uuid, "x" * 43, backoff=Backoff(attempts=1))
    unknown = HubClient(hub.url, "00000000-0000-4000-8000-000000000000", secret, backoff=Backoff(attempts=1))
    for client in (forged, unknown):
        for method, path, body in (("GET", "/v1/ping", None), ("GET", "/v1/changes", None),
                                   ("POST", "/v1/settlements", {"settlements": []})):
            with pytest.raises(Unauthorized):
                client.call(method, path, body=body)
    # The old bearer token (the secret itself in a header), or nothing: refused.
    for headers in ({"Authorization": f"Bearer {a.uuid}:{secret}"}, {"Authorization": "Basic abc"}, {}):
        assert httpx.get(f"{hub.url}/v1/ping", headers=headers).status_code == 401
        assert httpx.get(f"{hub.url}/v1/changes", headers=headers).status_code == 401
        assert httpx.post(f"{hub.url}/v1/settlements", headers=headers, json={"settlements": []}).status_code == 401
    with hub_client(hub, a) as client:
        assert client.call("GET", "/v1/ping")["desk"] == a.uuid

    hub.store.revoke_desk(a.uuid, a.desk.at)
    report = sync_once(a.path, backoff=FAST)
    assert "401" in report.error and report.outbox_left == 1
    with hub_client(hub, a) as client, pytest.raises(Unauthorized):
        client.call("GET", "/v1/ping")
    assert hub.store.settlement_ids() == set()
    assert a.db.execute("SELECT last_error FROM sync_state").fetchone()[0] == report.error


def test_two_desks_claiming_one_institution_and_counter_are_refused(hub, tmp_path):
    a, b = make_desks(tmp_path, 2, hub)
    settle(a, "M001", ("XA01", "2"))
    assert sync_once(a.path, backoff=FAST).ok
    # Desk b's file is made to say it is counter 01 too (its receipts would pass for a's).
    b.db.execute("UPDATE desk SET desk_number = '01'")
    b.db.conn.commit()
    settle(b, "M002", ("XA01", "1"))
    report = sync_once(b.path, backoff=FAST)
    assert len(report.refused) == 1 and "settles as that counter already" in report.refused[0][1], report
    assert report.outbox_left == 1 and len(hub.store.settlement_ids()) == 1
    assert {d.desk_uuid: d.desk_number for d in hub.store.desks()}[b.uuid] is None
    # Once the old desk is revoked (a replacement machine), the counter may be taken.
    hub.store.revoke_desk(a.uuid, a.desk.at)
    assert sync_once(b.path, backoff=FAST).accepted == 1
    assert {d.desk_uuid: d.desk_number for d in hub.store.desks()}[b.uuid] == "01"
