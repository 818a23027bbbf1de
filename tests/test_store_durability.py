"""The desk database under failure: injected write errors, SIGKILL, two writers, the year's turn, the file.

Everything here runs on real SQLite files and real processes; nothing is mocked. A failure is made
real with a TEMP trigger on the live connection, a crash with SIGKILL, a race with two workers
(tests/settle_worker.py) released at the same moment.
"""
import contextlib
import dataclasses
import datetime as dt
import os
import random
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from desk.store.audit import verify
from desk.store.check import check
from desk.store.database import StoreError, migrations, open_db
from desk.store.settling import BillLine, reverse, settle_bill
from settle_worker import RACE_PER_YEAR, RACE_WORKERS
from store_support import CST, Desk, make_desk, table_dump

TESTS = Path(__file__).resolve().parent
WORKER = TESTS / "settle_worker.py"
DESK_CLI = Path(sys.executable).parent / "desk"
BILL = [BillLine("XA01"), BillLine("XB01")]  # 65.00: pool 18.60, the rest from M001's account
OK_LINE = re.compile(r"^OK (\d+) (\S+)\n", re.M)  # only whole lines: a kill may cut the last one


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Desk:
    return make_desk(tmp_path_factory.mktemp("template"))


@pytest.fixture
def desk(template: Desk, tmp_path: Path) -> Iterator[Desk]:
    """A private copy of a freshly made puyang desk (making one costs six argon2 PIN hashes; a copy is instant)."""
    path = tmp_path / "desk.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as target:
        template.db.conn.backup(target)
    copy = dataclasses.replace(template, path=path, db=open_db(path))
    yield copy
    copy.db.close()


def one(db, sql: str, params: tuple = ()):
    return db.execute(sql, params).fetchone()[0]


def last_receipt(db) -> int:
    return one(db, "SELECT COALESCE(max(receipt_no), 0) FROM settlements")


def receipts(db) -> dict[int, str]:
    return dict(db.execute("SELECT receipt_no, id FROM settlements").fetchall())


def receipt_numbers(db) -> list[int]:
    """Every receipt number in order, duplicates kept: they must read 1, 2, 3, … to the count."""
    return [no for (no,) in db.execute("SELECT receipt_no FROM settlements ORDER BY receipt_no")]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK_CLI), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def assert_desk_consistent(path: Path) -> None:
    """`desk check` and `desk audit verify`, as an operator would run them after a crash."""
    checked = run_cli("check", "--db", str(path))
    assert checked.returncode == 0 and "no mismatch" in checked.stdout, checked.stdout + checked.stderr
    audited = run_cli("audit", "verify", "--db", str(path))
    assert audited.returncode == 0 and "chain intact" in audited.stdout, audited.stdout + audited.stderr


def pool_by_member_year(db, table: str, column: str) -> dict[tuple[str, int], int]:
    return {(m, y): p for m, y, p in db.execute(
        f"SELECT member_id, year, SUM({column}) FROM {table} GROUP BY member_id, year")}


def assert_usage_matches_settlements(db) -> None:
    """The maintained summary is what the settlements add up to (these desks have no hub baseline)."""
    summary = dict(((m, y), p) for m, y, p in db.execute(
        "SELECT member_id, year, ordinary_pool_paid_fen FROM usage_summary"))
    assert summary == pool_by_member_year(db, "settlements", "pool_pay_fen")
    assert summary == pool_by_member_year(db, "usage_ledger", "pool_paid_fen")


# 1. An exception at any write of a settlement or a reversal ----------------------------------------

WRITES = [("desk", "UPDATE"), ("settlements", "INSERT"), ("settlement_items", "INSERT"), ("usage_ledger", "INSERT"),
          ("usage_summary", "INSERT"), ("usage_summary", "UPDATE"), ("account_ledger", "INSERT"),
          ("members", "UPDATE"), ("outbox", "INSERT"), ("audit", "INSERT"), ("audit_head", "INSERT"),
          ("audit_head", "UPDATE"),
          # the supervision sums desk migration 013's triggers keep (a day, an hour, a day's codes already seen)
          ("settlement_days", "INSERT"), ("settlement_days", "UPDATE"), ("settlement_hours", "INSERT"),
          ("settlement_item_days", "INSERT"), ("settlement_item_days", "UPDATE")]
# a reversal also takes its original out of the hour's settlements not reversed
ALSO = {"settle": [], "reverse": [("settlement_hours", "UPDATE")]}


@contextlib.contextmanager
def failing(db, table: str, op: str):
    """Make every ``op`` on ``table`` fail, on this connection only, as a full disk or a bug would."""
    db.execute(f"CREATE TEMP TRIGGER inject BEFORE {op} ON main.{table} BEGIN SELECT RAISE(ABORT, 'injected'); END")
    try:
        yield
    finally:
        db.execute("DROP TRIGGER temp.inject")


def settle_attempt(desk: Desk):
    """Settle M003's bill (so a receipt comes before), then offer M001's, paid from the account: every table."""
    settle_bill(desk.db, desk.library, desk.cashier, "A10000003", BILL, desk.at)
    return lambda: settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at + dt.timedelta(hours=1))


def reverse_attempt(desk: Desk):
    """Settle M001's bill, then offer its reversal, which gives back pool usage and account money."""
    original = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at)
    return lambda: reverse(desk.db, desk.supervisor, original.id, desk.at + dt.timedelta(hours=1), "开错药品")


ATTEMPTS = {"settle": settle_attempt, "reverse": reverse_attempt}


def writes_made(db, attempt) -> set[tuple[str, str]]:
    """Every (table, operation) that ``attempt`` asks of this connection, seen by logging TEMP triggers."""
    db.execute("CREATE TEMP TABLE writes (tbl TEXT, op TEXT)")
    logged = [(table, op) for table in db.table_names() for op in ("INSERT", "UPDATE", "DELETE")]
    for table, op in logged:
        db.execute(f"CREATE TEMP TRIGGER log_{table}_{op} BEFORE {op} ON main.{table}"
                   f" BEGIN INSERT INTO writes VALUES ('{table}', '{op}'); END")
    try:
        attempt()
        return set(db.execute("SELECT tbl, op FROM temp.writes").fetchall())
    finally:
        for table, op in logged:
            db.execute(f"DROP TRIGGER temp.log_{table}_{op}")
        db.execute("DROP TABLE temp.writes")


@pytest.mark.parametrize("action", ATTEMPTS)
def test_the_injected_writes_are_all_the_writes_the_path_makes(desk, action):
    """WRITES is complete: settling and reversing make exactly those writes, so each gets its injected failure."""
    assert writes_made(desk.db, ATTEMPTS[action](desk)) == set(WRITES) | set(ALSO[action])


@pytest.mark.parametrize(("action", "table", "op"), [(a, t, o) for a in ATTEMPTS for t, o in [*WRITES, *ALSO[a]]],
                         ids=[f"{a}-{t}-{o}" for a in ATTEMPTS for t, o in [*WRITES, *ALSO[a]]])
def test_an_exception_at_any_write_leaves_nothing_behind(desk, action, table, op):
    """A settlement or reversal that fails at any one of its writes leaves no trace and no receipt gap.

    The trigger raising proves the path does write there; the dumps prove everything before that
    write was rolled back, on this connection and on a fresh one; the next receipt number proves
    the failed attempt gave its number back.
    """
    attempt = ATTEMPTS[action](desk)
    before, earlier = table_dump(desk.db), last_receipt(desk.db)
    with failing(desk.db, table, op), pytest.raises(sqlite3.IntegrityError, match="injected"):
        attempt()
    assert not desk.db.conn.in_transaction
    assert table_dump(desk.db) == before
    with contextlib.closing(desk.reopen()) as fresh:
        assert table_dump(fresh) == before
    assert attempt().receipt_no == earlier + 1
    assert check(desk.db).ok and verify(desk.db).ok


# 2. SIGKILL in a loop of 1,000 settlements ---------------------------------------------------------

KILL_TARGET = 1000
MAX_KILLS = 150  # a bound for a very slow machine: after it, the last run settles the rest unharmed


def start_worker(path: Path, mode: str, count: int, **streams) -> subprocess.Popen:
    paths = [str(TESTS), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.Popen([sys.executable, str(WORKER), str(path), mode, str(count)], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True, **streams)


def _wait_ready(worker: subprocess.Popen, log: Path, limit: float = 60) -> None:
    """Until the worker has printed READY (it is settling) or exited: a loaded machine starts it slowly."""
    deadline = time.monotonic() + limit
    while worker.poll() is None and time.monotonic() < deadline:
        if log.read_text(encoding="utf-8").startswith("READY\n"):
            return
        time.sleep(0.005)


def run_and_kill(path: Path, log: Path, delay: float | None, *, from_ready: bool = False) -> tuple[str, bool]:
    """One worker run, SIGKILLed ``delay`` seconds after it starts (None: two minutes) unless it finished first.

    With ``from_ready`` the delay counts from its READY line instead, so the kill lands while it settles
    however long start-up takes on a busy machine. Returns its stdout and whether the kill struck."""
    with open(log, "w", encoding="utf-8") as out:
        worker = start_worker(path, "--until", KILL_TARGET, stdout=out)
        if from_ready and delay is not None:
            _wait_ready(worker, log)
        try:
            worker.wait(timeout=delay or 120)
        except subprocess.TimeoutExpired:
            os.kill(worker.pid, signal.SIGKILL)
        _, err = worker.communicate(timeout=120)
    killed = worker.returncode == -signal.SIGKILL
    assert (killed or worker.returncode == 0) and not err, f"worker exited {worker.returncode}: {err}"
    return log.read_text(encoding="utf-8"), killed


def printed_receipts(out: str) -> list[tuple[int, str]]:
    return [(int(no), sid) for no, sid in OK_LINE.findall(out)]


def lost(db, printed: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Receipts a worker reported as committed that the database does not hold under that id."""
    stored = receipts(db)
    return [(no, sid) for no, sid in printed if stored.get(no) != sid]


def kill_until_settled(desk: Desk, folder: Path) -> list[tuple[str, bool]]:
    """Start and SIGKILL workers until the desk holds KILL_TARGET settlements; one last run may finish.

    Each run's reported receipts are checked at once, so a desk that loses them fails at the first run."""
    rng, runs = random.Random(1031), []
    while one(desk.db, "SELECT count(*) FROM settlements") < KILL_TARGET:
        delay = rng.uniform(0.05, 0.4) if sum(killed for _, killed in runs) < MAX_KILLS else None
        # Most kills count from READY (mid-settle); every fourth from the start (mid-start-up).
        out, killed = run_and_kill(desk.path, folder / f"run{len(runs):03}.out", delay,
                                   from_ready=len(runs) % 4 != 3)
        assert lost(desk.db, printed_receipts(out)) == [], f"run {len(runs)} (killed: {killed})"
        runs.append((out, killed))
        if delay is None:
            break
    return runs


def missing_rows(db) -> list[tuple]:
    """Settlements without a usage ledger row, an outbox row, an audit row, or the account debit they paid."""
    return db.execute(
        "SELECT receipt_no, 'usage_ledger' FROM settlements s"
        "  WHERE NOT EXISTS (SELECT 1 FROM usage_ledger l WHERE l.settlement_id = s.id)"
        " UNION ALL SELECT receipt_no, 'outbox' FROM settlements s"
        "  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.settlement_id = s.id)"
        " UNION ALL SELECT receipt_no, 'audit' FROM settlements s"
        "  WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'settle' AND a.subject = s.id)"
        " UNION ALL SELECT receipt_no, 'account_ledger' FROM settlements s WHERE account_pay_fen <> 0"
        "  AND NOT EXISTS (SELECT 1 FROM account_ledger a WHERE a.settlement_id = s.id)").fetchall()


def assert_every_rule_came_into_play(db) -> None:
    """The run reached the annual cap, had same-day second visits and paid from accounts, or it proves less."""
    for condition in ("over_cap_fen > 0", "deductible_fen = 0", "account_pay_fen > 0"):
        assert one(db, f"SELECT count(*) FROM settlements WHERE {condition}"), f"no settlement with {condition}"


def test_sigkill_at_random_moments_of_1000_settlements_loses_nothing_promised(desk, tmp_path):
    """A cashier process killed at any moment loses no settlement it reported and leaves no half of one.

    Every `OK` line was printed after its commit, so each must be in the database with its id;
    receipts run 1..N; each settlement has all its rows; usage and balances add up.
    """
    runs = kill_until_settled(desk, tmp_path)
    printed = [receipt for out, _ in runs for receipt in printed_receipts(out)]
    killed = [out for out, was_killed in runs if was_killed]
    settling = [out for out in killed if out.startswith("READY\n")]
    print(f"\nSIGKILL loop: {len(runs)} runs, {len(killed)} SIGKILLs ({len(settling)} while settling,"
          f" {len(killed) - len(settling)} while starting), {len(printed)} receipts printed")
    assert settling, "no kill landed while the worker was settling: the loop proved nothing"
    assert lost(desk.db, printed) == []
    assert receipt_numbers(desk.db) == list(range(1, KILL_TARGET + 1))
    assert missing_rows(desk.db) == []
    assert_usage_matches_settlements(desk.db)
    assert_every_rule_came_into_play(desk.db)
    assert_desk_consistent(desk.path)


# 3. Two processes settling the same members at once ------------------------------------------------

RACE_BILLS = 150  # per worker, six a year: each member reaches its cap in each of 25 years, 75 races in all
CAPS = {"M001": 150000, "M002": 150000, "M003": 200000}  # fen, from 2023: employed 1500, retired 2000 yuan


def race(path: Path) -> list[str]:
    """The workers, released together, settle RACE_BILLS big bills each on one file; their stdouts.

    If one fails, the other (waiting for it at the next step) is killed at once."""
    workers = [start_worker(path, "--race", RACE_BILLS, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
               for _ in range(RACE_WORKERS)]
    try:
        for worker in workers:
            assert worker.stdout.readline() == "READY\n"
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        deadline = time.monotonic() + 120
        while any(w.poll() is None for w in workers) and not any(w.poll() for w in workers):
            assert time.monotonic() < deadline, "the race did not finish in two minutes"
            time.sleep(0.01)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    results = [worker.communicate(timeout=60) for worker in workers]
    assert all(w.returncode == 0 for w in workers) and not any(err for _, err in results), results
    return [out for out, _ in results]


def test_two_processes_settling_the_same_members_neither_fail_nor_overshoot_the_cap(desk):
    """Two desk processes on one file wait for each other instead of failing or reading stale usage.

    The workers settle in step, both bills of a step for the same member and year, each big
    enough that two reach the cap. Each settlement holds the write lock from its first statement,
    so the second process reads the usage the first one wrote: the pool pays exactly each member's
    annual cap, never more, and receipts stay unique and gapless.
    """
    printed = [printed_receipts(out) for out in race(desk.path)]
    assert [len(lines) for lines in printed] == [RACE_BILLS] * RACE_WORKERS
    stored = receipts(desk.db)
    assert sorted(sid for lines in printed for _, sid in lines) == sorted(stored.values())
    assert receipt_numbers(desk.db) == list(range(1, RACE_WORKERS * RACE_BILLS + 1))
    assert_usage_matches_settlements(desk.db)
    years = range(2023, 2023 + RACE_BILLS // RACE_PER_YEAR)
    assert pool_by_member_year(desk.db, "settlements", "pool_pay_fen") == {
        (member, year): cap for member, cap in CAPS.items() for year in years}
    assert check(desk.db).ok


# 4. The year's turn, in China Standard Time --------------------------------------------------------

BIG_BILL = [BillLine("XB01", Decimal("40"))]  # 1600.00: the pool would pay 846.00 before any cap


def settle_at(desk: Desk, member: str, at: str):
    return settle_bill(desk.db, desk.library, desk.cashier, member, BIG_BILL, dt.datetime.fromisoformat(at),
                       use_account=False)


def ledger_row(db, settlement_id: str) -> tuple:
    return db.execute("SELECT year, day FROM usage_ledger WHERE settlement_id = ?", (settlement_id,)).fetchone()


def summary(db, member: str, year: int) -> int:
    return one(db, "SELECT ordinary_pool_paid_fen FROM usage_summary WHERE member_id = ? AND year = ?", (member, year))


def test_a_bill_counts_toward_the_year_of_its_day_in_china(desk):
    """The year turns at midnight in China: 23:59 on 31 December is 2022 (half cap), 16:30 UTC that day is 2023."""
    december = settle_at(desk, "M001", "2022-12-31T23:59:00+08:00")
    january = settle_at(desk, "M001", "2023-01-01T00:00:00+08:00")
    utc = settle_at(desk, "M002", "2022-12-31T16:30:00+00:00")
    assert (december.year, ledger_row(desk.db, december.id)) == (2022, (2022, "2022-12-31"))
    assert december.figures["pool_pay"] == Decimal("750.00") and december.figures["over_cap"] == Decimal("96.00")
    assert (january.year, ledger_row(desk.db, january.id)) == (2023, (2023, "2023-01-01"))
    assert january.figures["pool_pay"] == Decimal("846.00")  # the 2022 usage does not carry over
    assert (utc.year, utc.day, ledger_row(desk.db, utc.id)) == (2023, "2023-01-01", (2023, "2023-01-01"))
    assert utc.figures["pool_pay"] == Decimal("846.00")  # under 2022's half cap it would be 750.00
    assert check(desk.db).ok


def test_a_january_reversal_of_a_december_bill_gives_the_usage_back_to_december(desk):
    """Reversing in 2023 a 2022 bill restores 2022's usage and leaves 2023's alone."""
    december = settle_at(desk, "M001", "2022-12-31T23:59:00+08:00")
    settle_at(desk, "M001", "2023-01-02T10:00:00+08:00")
    back = reverse(desk.db, desk.supervisor, december.id, dt.datetime(2023, 1, 5, 10, 0, tzinfo=CST), "退药")
    assert (back.year, back.day, ledger_row(desk.db, back.id)) == (2022, "2023-01-05", (2022, "2022-12-31"))
    assert (summary(desk.db, "M001", 2022), summary(desk.db, "M001", 2023)) == (0, 84600)
    assert check(desk.db).ok


# 5. The file: pragmas, mode, a newer schema, not a database ----------------------------------------

def pragmas(conn: sqlite3.Connection) -> tuple:
    return tuple(conn.execute(f"PRAGMA {name}").fetchone()[0]
                 for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"))


def test_every_connection_is_durable_and_the_files_are_private(tmp_path):
    """A new desk file and its WAL are readable by their owner only, whatever the umask; every connection
    is in WAL mode with synchronous=FULL, foreign keys on and a busy timeout."""
    path = tmp_path / "new.sqlite"
    old_umask = os.umask(0)
    try:
        connections = [open_db(path), open_db(path), open_db(path, migrate=False)]
    finally:
        os.umask(old_umask)
    try:
        for db in connections:
            assert pragmas(db.conn) == ("wal", 2, 1, 30000)
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert stat.S_IMODE(name.stat().st_mode) == 0o600, name
    finally:
        for db in connections:
            db.close()


def test_a_database_from_a_newer_desk_is_refused_untouched(tmp_path):
    """An older desk must not write into a schema it does not know; it says to install the newer one."""
    path = tmp_path / "newer.sqlite"
    open_db(path).close()
    newer = len(migrations()) + 1
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {newer}")
    with pytest.raises(StoreError, match=f"schema version {newer}, newer than this desk knows"):
        open_db(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == newer


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    """A wrong --db path is refused with the path and the reason, and the file is left as it was."""
    path = tmp_path / "noise.sqlite"
    noise = random.Random(7).randbytes(8192)
    path.write_bytes(noise)
    with pytest.raises(StoreError, match=f"^{re.escape(str(path))} is not a desk database"):
        open_db(path)
    assert path.read_bytes() == noise


# 6. Settlements and their ledgers are never edited or deleted -------------------------------------

NEVER_CHANGED = [
    ("UPDATE settlements SET reason = 'x'", "settlements are never edited: reverse instead"),
    ("DELETE FROM settlements", "settlements are never deleted: reverse instead"),
    ("UPDATE settlement_items SET amount_fen = 0", "settlement items are never edited"),
    ("DELETE FROM settlement_items", "settlement items are never deleted"),
    ("UPDATE usage_ledger SET pool_paid_fen = 0", "the usage ledger is append-only"),
    ("DELETE FROM usage_ledger", "the usage ledger is append-only"),
    ("UPDATE account_ledger SET delta_fen = 0", "the account ledger is append-only"),
    ("DELETE FROM account_ledger", "the account ledger is append-only"),
    ("UPDATE audit SET detail = '{}'", "the audit log is append-only"),
    ("DELETE FROM audit", "the audit log is append-only"),
]


@pytest.mark.parametrize(("sql", "message"), NEVER_CHANGED, ids=[sql.split(" SET")[0] for sql, _ in NEVER_CHANGED])
def test_raw_sql_cannot_edit_or_delete_what_was_settled(desk, sql, message):
    """Even a raw statement past the core is refused by the schema's triggers, and changes nothing."""
    settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at)
    before = table_dump(desk.db)
    with pytest.raises(sqlite3.DatabaseError, match=f"^{re.escape(message)}$"):
        desk.db.conn.execute(sql)
    assert table_dump(desk.db) == before
