"""The audit chain is anchored at the hub, and every settlement is checked against its audit row.
Written as the attacks of someone holding the desk's file: a settlement edited in place, then the
same edit with the audit log rewritten and every hash after it recomputed (and the local anchors too)."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from desk.store import audit
from desk.store.check import check
from desk.sync.client import hub_anchor, sync_once
from sync_support import FAST, hub_fixture, make_desks, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def desk_cli(*args: str):
    return subprocess.run([sys.executable, "-m", "desk.cli.main", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ}, stdin=subprocess.DEVNULL)


def forge(path, receipt: int, cash_fen: int, *, audit_too: bool, anchors_too: bool = False) -> None:
    """What anyone with the file can do: drop the triggers, move money from cash to the pool in a
    settlement (its ledgers kept consistent), and optionally make the audit log agree, recomputing
    the hash of every row from there on, the head, and the local anchors."""
    conn = sqlite3.connect(path)
    triggers = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    sid, pool, cash = conn.execute("SELECT id, pool_pay_fen, cash_pay_fen FROM settlements WHERE receipt_no = ?",
                                   (receipt,)).fetchone()
    moved = cash - cash_fen
    conn.execute("UPDATE settlements SET pool_pay_fen = pool_pay_fen + ?, hifp_pay_fen = hifp_pay_fen + ?,"
                 " self_pay_fen = self_pay_fen - ?, cash_pay_fen = ? WHERE id = ?", (moved, moved, moved, cash_fen, sid))
    conn.execute("UPDATE usage_ledger SET pool_paid_fen = pool_paid_fen + ? WHERE settlement_id = ?", (moved, sid))
    conn.execute("UPDATE usage_summary SET ordinary_pool_paid_fen = ordinary_pool_paid_fen + ?"
                 " WHERE member_id = (SELECT member_id FROM settlements WHERE id = ?)", (moved, sid))
    if audit_too:
        seq, detail = conn.execute("SELECT seq, detail FROM audit WHERE subject = ? AND action = 'settle'",
                                   (sid,)).fetchone()
        d = json.loads(detail)
        d["pool_pay"] = f"{(pool + moved) / 100:.2f}"
        d["cash_pay"] = f"{cash_fen / 100:.2f}"
        conn.execute("UPDATE audit SET detail = ? WHERE seq = ?",
                     (json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")), seq))
        prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq - 1,)).fetchone()[0] if seq > 1 \
            else audit.GENESIS
        for row in conn.execute("SELECT seq, at, actor, action, subject, detail FROM audit WHERE seq >= ?"
                                " ORDER BY seq", (seq,)).fetchall():
            digest = audit._digest(*row, prev)
            conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row[0]))
            if anchors_too:
                conn.execute("UPDATE audit_anchors SET hash = ? WHERE seq = ?", (digest, row[0]))
            prev = digest
        conn.execute("UPDATE audit_head SET hash = ? WHERE id = 1", (prev,))
    conn.commit()
    conn.close()


def test_a_settlement_edited_in_place_differs_from_its_audit_row(tmp_path, desk):
    """Before: `desk check` compared no settlement with its audit row, so an edit that kept the ledgers
    consistent passed. Now the figures in the audit row written in the same transaction catch it."""
    from desk.store.settling import BillLine, settle_bill

    settle_bill(desk.db, desk.library, desk.cashier, "A10000001", [BillLine("XA01", 4)], desk.at, use_account=False)
    assert check(desk.db).ok
    desk.db.conn.close()
    forge(desk.path, 1, 0, audit_too=False)
    report = check(desk.reopen())
    assert [p for p in report.problems if "audit row" in p] == [
        "receipt 1: differs from its audit row %d in pool_pay (100.00 here, 42.00 in the audit log),"
        " cash_pay (0.00 here, 58.00 in the audit log)" % _settle_row(desk.path, 1)], report.problems


def _settle_row(path, receipt: int) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT a.seq FROM audit a JOIN settlements s ON s.id = a.subject"
                            " WHERE s.receipt_no = ?", (receipt,)).fetchone()[0]


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_history_rewritten_with_recomputed_hashes_is_caught(hub, tmp_path):
    """Before: a rewritten history with recomputed hashes passed `desk audit verify` (its head lives in the
    same file). Now: the local anchors catch a forger who forgot them; the hub's anchor catches one who
    rewrote them too (`desk audit verify --hub`), and the next sync stops with the reason."""
    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "4"), use_account=False)
    settle(a, "M002", ("XA01", "2"), use_account=False)
    assert sync_once(a.path, backoff=FAST).ok
    seq, digest = audit.head(a.db)
    assert hub_anchor(a.path) == (seq, digest)
    assert [r[:2] for r in audit.anchors(a.db)] == [(seq, digest)]
    settle(a, "M003", ("XA01", "1"), use_account=False)  # after the anchor: the hub has not seen it yet
    path = str(a.path)
    a.db.conn.close()
    clean = tmp_path / "clean.sqlite"
    with sqlite3.connect(path) as source, sqlite3.connect(clean) as target:
        source.backup(target)

    # 1. The audit log rewritten with recomputed hashes, the local anchors forgotten.
    forge(path, 1, 0, audit_too=True)
    plain = desk_cli("audit", "verify", "--db", path)
    assert plain.returncode == 1 and "has another hash than the head anchored at the hub" in plain.stdout

    # 2. The same, with the local anchors rewritten too: only the hub's copy tells.
    with sqlite3.connect(clean) as source, sqlite3.connect(path) as target:
        source.backup(target)
    forge(path, 1, 0, audit_too=True, anchors_too=True)
    assert desk_cli("audit", "verify", "--db", path).returncode == 0  # the file alone cannot tell
    against_hub = desk_cli("audit", "verify", "--hub", "--db", path)
    assert against_hub.returncode == 1, against_hub.stdout + against_hub.stderr
    assert f"row {seq} has another hash than the head the hub holds for this desk" in against_hub.stdout
    synced = sync_once(path, backoff=FAST)
    assert not synced.ok and f"differs from the head the hub anchored at row {seq}" in synced.error
    assert hub_anchor(path) == (seq, digest)  # the hub kept its head

    # 3. The untouched file still verifies against the hub and anchors its new head.
    assert desk_cli("audit", "verify", "--hub", "--db", str(clean)).returncode == 0
    assert sync_once(clean, backoff=FAST).ok
    assert hub_anchor(clean)[0] > seq


def test_the_hub_refuses_a_head_that_does_not_extend_its_own(hub, tmp_path):
    """A desk (or a forger with its secret) cannot replace the hub's head with another chain's."""
    from sync_support import hub_client

    (a,) = make_desks(tmp_path, 1, hub)
    settle(a, "M001", ("XA01", "1"))
    assert sync_once(a.path, backoff=FAST).ok
    seq, digest = audit.head(a.db)
    with hub_client(hub, a) as client:
        other = client.call("POST", "/v1/audit-anchor", body={"seq": seq + 5, "hash": "f" * 64, "previous": None})
        assert other["status"] == "refused" and other["anchor"]["seq"] == seq
        wrong = client.call("POST", "/v1/audit-anchor", body={"seq": seq + 5, "hash": "f" * 64,
                                                              "previous": {"seq": seq, "hash": "0" * 64}})
        assert wrong["status"] == "refused"
        back = client.call("POST", "/v1/audit-anchor", body={"seq": seq - 1, "hash": "f" * 64,
                                                             "previous": {"seq": seq, "hash": digest}})
        assert back["status"] == "refused"
        assert client.call("GET", "/v1/audit-anchor")["anchor"]["hash"] == digest
