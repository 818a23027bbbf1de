"""The hub under hostile clients: half-sent requests, garbage, deep JSON, out-of-range parameters.

A real `desk hub serve` process on loopback, with a small limit on open files (256) so that a
bounded number of raw sockets shows what 1,100 did to a hub with the usual limit.
"""
from __future__ import annotations

import socket
import time

import httpx
import pytest

from desk.sync import signing
from desk.sync.client import sync_once
from store_support import MEMBERS
from sync_support import FAST, HubProcess, assert_consistent, hub_client, make_desks, settle

GUARD = ("--header-timeout", "2", "--body-timeout", "2", "--max-connections", "100")


@pytest.fixture
def hub(tmp_path):
    hub = HubProcess(str(tmp_path / "hub.sqlite"), tmp_path)
    hub.load_roster(MEMBERS)
    hub.start(extra=GUARD, files=256)
    yield hub
    hub.close()


def _closed(s: socket.socket) -> bool:
    s.settimeout(0.2)
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except (socket.timeout, OSError):
        return False


def test_half_sent_requests_neither_lock_the_hub_out_nor_flood_its_log(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "4"))
    held = []
    try:
        for n in range(300):  # more than the 256 files the hub may open
            s = socket.create_connection(("127.0.0.1", hub.port), timeout=5)
            if n % 3:
                s.sendall(b"POST /v1/settlements HTTP/1.1\r\nHost: hub\r\nContent-Le")  # a head never finished
            else:
                s.sendall(b"POST /v1/settlements HTTP/1.1\r\nHost: hub\r\nContent-Length: 100000\r\n\r\n{\"se")
            held.append(s)
        started = time.monotonic()
        with hub_client(hub, a) as client:  # while they are all held, the desk gets in
            assert client.call("GET", "/v1/ping")["desk"] == a.uuid
        report = sync_once(a.path, backoff=FAST)
        assert report.ok and report.accepted == 1, report
        assert time.monotonic() - started < 10
        time.sleep(3)  # past the head and body deadlines: the hub has let every one of them go
        assert sum(_closed(s) for s in held) == len(held)
    finally:
        for s in held:
            s.close()
    log = hub.log_path.read_text(errors="replace")
    assert "Traceback" not in log and "Too many open files" not in log
    assert len(log.splitlines()) < 60, log[-3000:]
    assert_consistent(hub, [a])


def test_garbage_requests_leave_one_rate_limited_line_each_at_most(hub, tmp_path):
    for n in range(400):
        with socket.create_connection(("127.0.0.1", hub.port), timeout=5) as s:
            s.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
            _closed(s)
    log = hub.log_path.read_text(errors="replace")
    assert "Traceback" not in log
    assert len(log.splitlines()) < 60, log[-3000:]
    assert httpx.get(f"{hub.url}/v1/ping").status_code == 401  # still answering


def _signed(hub, desk, method: str, path: str, query: str = "", body: bytes = b"") -> httpx.Response:
    secret = desk.db.execute("SELECT secret FROM sync_config").fetchone()[0]
    headers = signing.sign_request(signing.key_of(secret), desk.uuid, method, path, query, body, int(time.time()))
    return httpx.request(method, f"{hub.url}{path}" + (f"?{query}" if query else ""), headers=headers,
                         content=body or None, timeout=30)


def test_deep_json_and_out_of_range_parameters_get_a_400(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    for depth in (40, 5000, 200000):
        body = b'{"settlements": ' + b"[" * depth + b"]" * depth + b"}"
        answer = _signed(hub, a, "POST", "/v1/settlements", body=body)
        assert answer.status_code == 400 and "deeper" in answer.json()["error"], answer.text[:200]
    answer = _signed(hub, a, "POST", "/v1/known", body=b'{"ids": ' + b"[" * 3000 + b"]" * 3000 + b"}")
    assert answer.status_code == 400
    for query in ("after=-1", "after=99999999999999999999", "after=9223372036854775808", "after=%EF%BC%91%EF%BC%92",
                  "after=1_0", "after=+1", "after=", "limit=0", "limit=5001", "limit=1e3", "limit=1&limit=2",
                  "since=1", "after=1&bogus=2"):
        answer = _signed(hub, a, "GET", "/v1/changes", query)
        assert answer.status_code == 400 and "query parameter" in answer.json()["error"], (query, answer.text)
        assert signing.HUB_SIGNATURE in answer.headers
    assert _signed(hub, a, "GET", "/v1/ping", "x=1").status_code == 400
    good = _signed(hub, a, "GET", "/v1/changes", "after=9223372036854775807&limit=5000")
    assert good.status_code == 200 and good.json()["more"] is False
    log = hub.log_path.read_text(errors="replace")
    assert "Traceback" not in log
