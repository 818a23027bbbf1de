"""Desk and hub prove who they are without the secret: replays, a fake hub, and the hub URL as an admin's act.

The hub is a real `desk hub serve` process on loopback (SQLite and PostgreSQL); the fake hub is an
HTTP server in the test on loopback that answers what an attacker on the counter's machine would.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from desk.store.check import check
from desk.sync import signing
from desk.sync.client import sync_once
from desk.sync.protocol import SETTLEMENTS
from sync_support import FAST, assert_consistent, hub_client, hub_fixture, make_desks, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _secret(desk) -> str:
    return desk.db.execute("SELECT secret FROM sync_config").fetchone()[0]


def _signed_post(hub, desk, body: bytes, when: int | None = None) -> tuple[dict, bytes]:
    headers = signing.sign_request(signing.key_of(_secret(desk)), desk.uuid, "POST", SETTLEMENTS, "", body,
                                   int(time.time()) if when is None else when)
    return {**headers, "Content-Type": "application/json"}, body


def test_a_replayed_or_altered_signed_request_is_refused(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "4"))
    from desk.sync import outbox

    _, batch, members = outbox.next_batch(a.db, 0, 10)
    body = json.dumps({"settlements": batch, "members": members}).encode()
    headers, _ = _signed_post(hub, a, body)
    first = httpx.post(f"{hub.url}{SETTLEMENTS}", headers=headers, content=body)
    assert first.status_code == 200 and first.json()["results"][0]["status"] == "accepted"
    again = httpx.post(f"{hub.url}{SETTLEMENTS}", headers=headers, content=body)  # captured and sent again
    assert again.status_code == 401 and "replay" in again.json()["error"]

    # The same request signed ten minutes ago (a capture replayed after the nonces were forgotten):
    old, _ = _signed_post(hub, a, body, when=int(time.time()) - 600)
    late = httpx.post(f"{hub.url}{SETTLEMENTS}", headers=old, content=body)
    assert late.status_code == 401 and "apart" in late.json()["error"]
    # A fresh signature over one body, sent with another (a forged reversal, say): refused.
    fresh, _ = _signed_post(hub, a, body)
    other = body.replace(b'"M001"', b'"M002"')
    assert httpx.post(f"{hub.url}{SETTLEMENTS}", headers=fresh, content=other).status_code == 401
    # Signed for another path: refused.
    assert httpx.get(f"{hub.url}/v1/changes", headers=_signed_post(hub, a, b"")[0]).status_code == 401
    assert len(hub.store.settlement_ids()) == 1


def test_copies_of_one_signed_upload_sent_at_once_are_answered_once(hub, tmp_path):
    """The upload records its nonce in the batch's own transaction: of copies racing each other, one is
    counted and answered, the rest are refused as replays (also for a batch with nothing to count)."""
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "4"))
    from desk.sync import outbox

    _, batch, members = outbox.next_batch(a.db, 0, 10)
    for sent in (batch, [{"id": "not a settlement"}]):
        body = json.dumps({"settlements": sent, "members": members}).encode()
        headers, _ = _signed_post(hub, a, body)
        answers: list[httpx.Response] = []
        go = threading.Barrier(4)

        def post() -> None:
            go.wait(timeout=30)
            answers.append(httpx.post(f"{hub.url}{SETTLEMENTS}", headers=headers, content=body, timeout=60))

        threads = [threading.Thread(target=post) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(r.status_code for r in answers) == [200, 401, 401, 401]
        assert all("replay" in r.json()["error"] for r in answers if r.status_code == 401)
    assert len(hub.store.settlement_ids()) == 1


def test_a_desk_whose_clock_is_off_signs_again_with_the_hubs_time(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    with hub_client(hub, a) as client:
        client.skew = -900  # fifteen minutes slow
        assert client.call("GET", "/v1/ping")["desk"] == a.uuid
        assert abs(client.skew) < 5


class FakeHub:
    """An HTTP server on loopback that says what an attacker wants the desk to believe: every
    settlement accepted, member M001's account at 99,533 yuan and her usage at zero."""

    def __init__(self, key: bytes | None = None):
        self.requests: list[bytes] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                if key is not None:  # signed, but with a key of its own: it does not know the desk's
                    when = int(time.time())
                    self.send_header(signing.HUB_TIME, str(when))
                    self.send_header(signing.HUB_SIGNATURE, signing.answer_signature(
                        key, self.headers.get(signing.DESK, ""), self.headers.get(signing.NONCE, ""), 200, when, body))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                fake.requests.append(str(self.headers).encode() + self.path.encode())
                if self.path.startswith("/v1/changes"):
                    self._answer({"after": 0, "next": 10 ** 9, "head": 10 ** 9, "more": False, "catalog": [],
                                  "overruns": [], "members": [{
                                      "seq": 10 ** 9, "member_id": "M001", "on_roster": False,
                                      "account_balance": "99533.00", "account_counted": []}],
                                  "usage": [{"seq": 10 ** 9, "member_id": "M001", "year": 2023,
                                             "deductible_met": "0.00", "ordinary_pool_paid": "0.00",
                                             "as_of": "2023-03-15T10:00:00+08:00", "counted": []}]})
                else:
                    self._answer({"desk": "?", "name": "the real hub, honestly"})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                fake.requests.append(str(self.headers).encode() + body)
                ids = [s["id"] for s in json.loads(body).get("settlements", [])]
                self._answer({"results": [{"id": i, "status": "accepted"} for i in ids], "overruns": 0,
                              "known": []})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.mark.parametrize("fake_key", [None, b"k" * 32], ids=["unsigned", "own-key"])
def test_a_fake_hub_cannot_empty_the_outbox_nor_push_figures(hub, tmp_path, fake_key):
    a, b = make_desks(tmp_path, 2, hub)
    for n in range(3):
        settle(a, "M001", ("XA01", str(2 + n)))
    balance = a.db.execute("SELECT account_balance_fen FROM members WHERE member_id = 'M001'").fetchone()[0]
    usage = a.db.execute("SELECT * FROM usage_summary ORDER BY 1, 2").fetchall()
    fake = FakeHub(fake_key)
    try:
        # Someone with the counter's OS account points the desk's file at a hub of their own.
        a.db.execute("UPDATE sync_config SET hub_url = ?", (fake.url,))
        a.db.conn.commit()
        report = sync_once(a.path, backoff=FAST)
        assert not report.ok and "not signed with this desk's key" in report.error
        assert report.outbox_left == 3 and report.accepted == 0 and report.changes == 0
        assert a.db.execute("SELECT account_balance_fen FROM members WHERE member_id = 'M001'").fetchone()[0] \
            == balance
        assert a.db.execute("SELECT * FROM usage_summary ORDER BY 1, 2").fetchall() == usage
        assert fake.requests and not any(_secret(a).encode() in r for r in fake.requests)  # it never saw the secret
        assert check(a.db).ok
    finally:
        fake.close()
    a.db.execute("UPDATE sync_config SET hub_url = ?", (hub.url,))
    a.db.conn.commit()
    assert sync_once(a.path, backoff=FAST).ok and sync_once(b.path, backoff=FAST).ok
    assert_consistent(hub, [a, b])


def test_syncing_with_another_hub_is_an_administrators_audited_act(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "2"))
    fake = FakeHub()
    try:
        env = {**os.environ, "DESK_PIN": "1111"}
        run = [sys.executable, "-m", "desk.cli.main", "sync", "--db", str(a.path), "--hub", fake.url]
        for who in ([], ["--user", "cash1"]):
            done = subprocess.run(run + who, capture_output=True, text=True, env=env, timeout=120)
            assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
            assert "Traceback" not in done.stderr
        assert fake.requests == []
        done = subprocess.run(run + ["--user", "admin"], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "DESK_PIN": "9999"})
        assert done.returncode == 1 and "not signed" in done.stderr
        audited = a.db.execute("SELECT actor, action, subject FROM audit WHERE action = 'sync.hub_once'").fetchall()
        assert audited == [("admin", "sync.hub_once", fake.url)]
        assert a.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    finally:
        fake.close()
