"""The administrators' and scripts' CLI over a real demo desk database."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

DESK = str(Path(sys.executable).parent / "desk")


def desk(db: Path, *args: str, user: str | None = None, pin: str | None = None):
    env = {**os.environ, "DESK_DB": str(db)}
    env.pop("DESK_USER", None)
    env.pop("DESK_PIN", None)
    if user:
        env.update(DESK_USER=user, DESK_PIN=pin or "")
    return subprocess.run([DESK, *args], capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    done = desk(db, "demo", "--place", "chongqing", "--members", "300")
    assert done.returncode == 0, done.stderr
    assert "300 members" in done.stdout and "cashier (cashier, PIN 1234)" in done.stdout
    return db


def _member(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT card_number FROM members WHERE eligible = 1 AND category = 'employed'"
                            " ORDER BY member_id LIMIT 1").fetchone()[0]


def test_demo_desk_is_consistent_and_marked(demo_db):
    done = desk(demo_db, "check")
    assert done.returncode == 0 and "no mismatch" in done.stdout
    assert desk(demo_db, "audit", "verify").returncode == 0
    found = desk(demo_db, "members", "find", _member(demo_db))
    assert found.returncode == 0 and "演示数据" in found.stdout and "***********" in found.stdout


def test_settle_then_reverse_by_receipt_number_from_the_cli(demo_db):
    """The desk's clock dates a bill: a cashier's --at is refused; a supervisor records a late entry (补录)
    with a reason for a day not yet closed (today, before now), never for a day the demo's Z reports closed."""
    import datetime as dt

    card = _member(demo_db)
    code = desk(demo_db, "catalog", "search", "amxl").stdout.split()[0]
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    at = f"{today.isoformat()}T00:01:00+08:00"
    cashier = desk(demo_db, "settle", card, f"{code}*2", "--at", at, user="cashier", pin="1234")
    assert cashier.returncode == 2 and "that needs a supervisor" in cashier.stderr
    closed = desk(demo_db, "settle", card, f"{code}*2", "--at", "2026-11-20T09:30:00+08:00", "--late-reason", "停电",
                  user="super", pin="8888")
    assert closed.returncode == 2 and "is closed" in closed.stderr, closed.stderr
    settled = desk(demo_db, "settle", card, f"{code}*2", "--at", at, "--late-reason", "停电补录", "--json",
                   user="super", pin="8888")
    assert settled.returncode == 0, settled.stderr
    assert '"policy_version": "chongqing@2024-01-01"' in settled.stdout
    receipt = next(line for line in settled.stdout.splitlines() if '"receipt_no"' in line).split(":")[1].strip(" ,")
    refused = desk(demo_db, "reverse", receipt, "--reason", "test", user="cashier", pin="1234")
    assert refused.returncode == 2 and "that needs a supervisor" in refused.stderr
    back = desk(demo_db, "reverse", receipt, "--reason", "开错", "--at", at, user="super", pin="8888")
    assert back.returncode == 0 and "冲销" in back.stdout
    day = desk(demo_db, "report", "day", "--date", today.isoformat())
    assert day.returncode == 0 and f"of receipt {receipt}" in day.stdout
    usage = desk(demo_db, "usage", card)
    assert usage.returncode == 0 and "deductible met" in usage.stdout
    assert desk(demo_db, "check").returncode == 0


@pytest.mark.parametrize("args, user, pin, says", [
    (("settle", "NOBODY", "X1"), "cashier", "1234", "member: no member"),
    (("settle", "x", "X1"), "cashier", "0000", "wrong user id or PIN"),
    (("settle", "x", "X1"), None, None, "user: say who acts"),
    (("settle", "x", "X1*-2"), "cashier", "1234", "item 1: 'X1*-2': the quantity '-2' must be a number"),
    (("usage", "NOBODY"), None, None, "member: no member"),
    (("users", "add", "bob", "--name", "Bob", "--role", "cashier"), "cashier", "1234", "that needs an admin"),
])
def test_refusals_exit_2_with_one_line(demo_db, args, user, pin, says):
    done = desk(demo_db, *args, user=user, pin=pin)
    assert done.returncode == 2, done.stdout + done.stderr
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_database_without_identity_says_to_run_init(tmp_path):
    done = desk(tmp_path / "empty.sqlite", "report", "day")
    assert done.returncode == 2 and "run `desk init` first" in done.stderr


def test_receipt_and_day_reports_from_the_cli(demo_db, tmp_path):
    receipt = desk(demo_db, "receipt", "1", "--format", "58mm", "--out", str(tmp_path / "r.pdf"), user="cashier", pin="1234")
    assert receipt.returncode == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    again = desk(demo_db, "receipt", "1", "--out", str(tmp_path / "r2.pdf"), user="cashier", pin="1234")
    assert "重打 copy 2" in again.stdout
    x = desk(demo_db, "report", "x", "--out", str(tmp_path / "x.pdf"), user="cashier", pin="1234")
    assert x.returncode == 0 and "since the last Z" in x.stdout
    refused = desk(demo_db, "report", "z", "--out", str(tmp_path / "z.pdf"), user="cashier", pin="1234")
    assert refused.returncode == 2 and "close the day" in refused.stderr
    z = desk(demo_db, "report", "z", "--out", str(tmp_path / "z.pdf"), user="super", pin="8888")
    assert z.returncode == 0 and "Z report" in z.stdout
    number = z.stdout.split("Z report ")[1].split()[0]
    reprint = desk(demo_db, "report", "z", "--reprint", number, "--out", str(tmp_path / "z1.pdf"), user="cashier", pin="1234")
    assert reprint.returncode == 0 and "reprint" in reprint.stdout
    month = desk(demo_db, "report", "month", "2026-03", "--out-dir", str(tmp_path / "m"))
    assert month.returncode == 0
    assert {p.name for p in (tmp_path / "m").iterdir()} == {"claim-2026-03.pdf", "claim-2026-03.csv", "claim-benefits-2026-03.csv", "setlinfo-2026-03.csv",
                                                           "overruns-2026-03.csv", "supervision-2026-03.pdf",
                                                           "drugsale-2026-03.jsonl", "drugsale-2026-03.csv"}
