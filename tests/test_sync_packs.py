"""Packs are installed, not brought: a cashier's own pack, an admin's install at the desk and at the hub.

The desk commands run as the `desk` console script, the hub as a real `desk hub serve` process on
loopback (SQLite and PostgreSQL).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.policy.loader import pack_digest
from desk.sync.client import sync_once
from sync_support import FAST, assert_consistent, hub_fixture, make_desks, settle

DESK = Path(sys.executable).parent / "desk"
POLICIES = Path(__file__).resolve().parent.parent / "resources" / "policies"


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def _desk(*args: str, user: str | None = None, pin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"DESK_PIN": pin} if pin else {})}
    return subprocess.run([str(DESK), *args, *(["--user", user] if user else [])], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)


def _generous(folder: Path) -> Path:
    """濮阳's pack with the pool paying every yuan: it passes `desk policy check`."""
    folder.mkdir(exist_ok=True)
    text = (POLICIES / "puyang.toml").read_text(encoding="utf-8")
    text = text.replace('value = { 0 = "0.60", 1 = "0.60", 2 = "0.60", 3 = "0.50" }',
                        'value = { 0 = "1.00", 1 = "1.00", 2 = "1.00", 3 = "1.00" }')
    assert "1.00" in text
    path = folder / "puyang.toml"
    path.write_text(text, encoding="utf-8")
    assert _desk("policy", "check", str(path)).returncode == 0
    return path


def test_a_cashiers_own_pack_is_not_settled_under(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    own = _generous(tmp_path / "mine")
    settle_args = ("settle", "M002", "XA01*4", "--db", str(a.path))
    done = _desk(*settle_args, "--policy-dir", str(own.parent), user="cash1", pin="1111")
    assert done.returncode == 2 and "--policy-dir" in done.stderr and "Traceback" not in done.stderr
    assert a.db.execute("SELECT count(*) FROM settlements").fetchone()[0] == 0
    # Nor may the cashier install it.
    done = _desk("policy", "install", str(own), "--db", str(a.path), user="cash1", pin="1111")
    assert done.returncode == 2 and "admin" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    # desk quote and desk policy check still read a folder: they settle nothing.
    assert _desk("policy", "check", str(own), "--policy-dir", str(own.parent)).returncode == 0

    # Settled under the shipped pack, the settlement records the shipped file's digest.
    assert _desk(*settle_args, user="cash1", pin="1111").returncode == 0, done.stderr
    digest = a.db.execute("SELECT pack_digest FROM settlements").fetchone()[0]
    assert digest == pack_digest((POLICIES / "puyang.toml").read_bytes())
    assert sync_once(a.path, backoff=FAST).ok
    assert_consistent(hub, [a])


def test_a_pack_installed_at_the_desk_only_is_refused_by_the_hub_until_its_admin_installs_it(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    pack = _generous(tmp_path / "pack")
    done = _desk("policy", "install", str(pack), "--db", str(a.path), user="admin", pin="9999")
    assert done.returncode == 0, done.stderr
    digest = pack_digest(pack.read_bytes())
    assert digest in done.stdout
    assert a.db.execute("SELECT actor, subject FROM audit WHERE action = 'policy.install'").fetchall() == \
        [("admin", "puyang")]
    assert _desk("policy", "install", str(pack), "--db", str(a.path), user="admin", pin="9999").returncode == 2

    assert _desk("settle", "M002", "XA01*4", "--db", str(a.path), user="cash1", pin="1111").returncode == 0
    row = a.db.execute("SELECT pack_digest, pool_pay_fen, total_fen FROM settlements").fetchone()
    assert row == (digest, 7000, 10000)  # the installed pack: (100.00 − 30.00 deductible) × 1.00, not × 0.60
    report = sync_once(a.path, backoff=FAST)
    assert len(report.refused) == 1 and "pack_digest" in report.refused[0][1] and report.outbox_left == 1
    assert hub.store.settlement_ids() == set()

    # The hub's administrator installs the same file on the hub: now it re-settles and counts it.
    done = _desk("hub", "install-pack", str(pack), "--db", hub.db_url)
    assert done.returncode == 0 and digest in done.stdout, done.stderr
    report = sync_once(a.path, backoff=FAST)
    assert report.ok and report.accepted == 1 and report.outbox_left == 0, report
    assert_consistent(hub, [a])
