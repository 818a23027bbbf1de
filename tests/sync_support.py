"""Real parts for the sync tests: a PostgreSQL server, hub processes, a fault-injecting proxy, desks.

Nothing here is a mock: the PostgreSQL server is Debian's, started on a temporary directory and
a free loopback port (or the one $DESK_TEST_POSTGRES_URL names); the hub is `desk hub serve` in
its own process; the proxy is a TCP relay on loopback that cuts connections when told to.
"""
from __future__ import annotations

import atexit
import datetime as dt
import glob
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

import httpx

from desk.store.check import check
from desk.store.database import open_db
from desk.store.identity import get_desk
from desk.store.roster import COLUMNS, REQUIRED, parse_member
from desk.store.settling import BillLine, settle_bill
from desk.store.tabular import read_rows
from desk.sync.client import configure
from desk.sync.hub_store import HubStore
from desk.sync.transport import Backoff, HubClient
from store_support import MEMBERS, ROSTER_HEADER, Desk, make_desk, write_csv

FAST = Backoff(attempts=8, first=0.05, factor=2.0, most=1.0)  # retries that a test can wait for
CST = dt.timezone(dt.timedelta(hours=8), "CST")


def hub_fixture(request, folder: Path):
    """A running hub on the storage ``request.param`` names, with the test roster loaded."""
    hub = HubProcess(hub_database(request.param, folder), folder)
    hub.load_roster(MEMBERS)
    hub.start()
    return hub


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- PostgreSQL ---------------------------------------------------------------------------------

class PostgresServer:
    """A throwaway PostgreSQL cluster on loopback; as root, it runs as the `postgres` user, since
    PostgreSQL refuses to run as root."""

    def __init__(self, *, durable: bool = False):
        self.durable = durable
        self.folder: Path | None = None
        self.port = 0
        self.url = ""

    @staticmethod
    def bindir() -> Path:
        try:
            found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        candidates = [found] if found else []
        candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
        for candidate in candidates:
            if candidate and (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
                return Path(candidate)
        raise RuntimeError("PostgreSQL is not installed (initdb and pg_ctl not found): the sync tests need it;"
                           " scripts/setup-env installs Debian's postgresql package when run as root")

    def _as_postgres(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def start(self) -> "PostgresServer":
        bindir = self.bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="desk-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        run = dict(capture_output=True, text=True, timeout=120, check=True, cwd=self.folder)
        subprocess.run(self._as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                          "-E", "UTF8", "--no-locale", "--no-sync"]), **run)
        self.port = free_port()
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if not self.durable:  # the tests never crash PostgreSQL itself; the hub's own durability is tested
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(self._as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
                                          "-w", "-t", "60", "-o", options, "start"]), **run)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        return self

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run(self._as_postgres([str(self.bindir() / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                                          "immediate", "-w", "-t", "30", "stop"]), capture_output=True, timeout=60, cwd=self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def database_url(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def create_database(server_url: str) -> str:
    """A new, empty database on the server; its URL."""
    import psycopg

    name = f"hub_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return database_url(server_url, name)


_SERVER: PostgresServer | None = None
_SERVER_LOCK = threading.Lock()


def postgres_url() -> str:
    """The URL of a PostgreSQL server for this test run: $DESK_TEST_POSTGRES_URL, or one started here
    (once per process, stopped when the process ends). Fails, never skips, when neither works."""
    global _SERVER
    given = os.environ.get("DESK_TEST_POSTGRES_URL")
    if given:
        return given
    with _SERVER_LOCK:
        if _SERVER is None:
            try:
                _SERVER = PostgresServer().start()
            except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
                detail = getattr(exc, "stderr", "") or ""
                raise RuntimeError(f"cannot start PostgreSQL for the hub tests: {exc} {detail}".strip()) from None
            atexit.register(_SERVER.stop)
        return _SERVER.url


def hub_database(backend: str, folder: Path) -> str:
    """A fresh hub database for one test: a SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / "hub.sqlite")
    return create_database(postgres_url())


# -- the hub process ----------------------------------------------------------------------------

class HubProcess:
    """`desk hub serve` in a process of its own, on a fixed loopback port so it can be restarted."""

    def __init__(self, db_url: str, folder: Path):
        self.db_url, self.folder = db_url, folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.store = HubStore(db_url)
        self.store.migrate()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.folder / f"hub-{self.port}.log"

    def start(self, workers: int = 1, extra: tuple[str, ...] = (), files: int | None = None) -> "HubProcess":
        """Start the hub; ``extra``: more `desk hub serve` options; ``files``: its limit on open files."""
        log = open(self.log_path, "ab")

        def limit() -> None:
            import resource

            resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
        self.process = subprocess.Popen([sys.executable, "-m", "desk.cli.main", "hub", "serve", "--db", self.db_url,
                                         "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
                                         *extra], stdout=log, stderr=subprocess.STDOUT,
                                        preexec_fn=limit if files else None)
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}: "
                                   + (self.folder / f"hub-{self.port}.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(f"{self.url}/v1/ping", timeout=1).status_code == 401:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the hub did not answer within 30 s")

    def stop(self, *, kill: bool = False) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def close(self) -> None:
        self.stop()
        self.store.close()

    def load_roster(self, rows: list[list[str]]) -> None:
        path = write_csv(self.folder / f"hub-roster-{uuid.uuid4().hex[:6]}.csv", ROSTER_HEADER, rows)
        today = dt.date(2024, 1, 1)
        self.store.load_members([parse_member(r, today) for r in read_rows(path, COLUMNS, REQUIRED)],
                                dt.datetime.now(CST))


# -- the fault-injecting proxy ------------------------------------------------------------------

@dataclass
class Fault:
    """Cut the connection ``after`` bytes into a request (direction "request") or into the response
    to a request (direction "response") whose first line starts with ``prefix``; ``before_cut`` runs
    at that moment (e.g. to kill a desk process). Fires ``times`` times."""

    direction: str
    prefix: bytes
    after: int
    times: int = 1
    before_cut: Callable[[], None] | None = None
    fired: int = 0


class FaultProxy:
    """A TCP relay on 127.0.0.1 to ``target_port`` that cuts connections as its faults say."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.threads: list[threading.Thread] = []
        self.acceptor = threading.Thread(target=self._accept, daemon=True)
        self.acceptor.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, fault: Fault) -> Fault:
        with self.lock:
            self.faults.append(fault)
        return fault

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()  # the hub is down: the desk sees a dropped connection
                continue
            client.settimeout(60)
            upstream.settimeout(60)
            state = {"request": b""}
            for args in ((client, upstream, "request", state), (upstream, client, "response", state)):
                thread = threading.Thread(target=self._pump, args=args, daemon=True)
                thread.start()
                self.threads.append(thread)

    def _armed(self, direction: str, first_line: bytes) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.direction == direction and fault.fired < fault.times and first_line.startswith(fault.prefix):
                    return fault
        return None

    def _pump(self, source: socket.socket, sink: socket.socket, direction: str, state: dict) -> None:
        active: Fault | None = None
        sent = 0
        try:
            while not self.stopping.is_set():
                chunk = source.recv(65536)
                if not chunk:
                    break
                if direction == "request" and chunk[:8].split(b" ")[0] in (b"GET", b"POST", b"PUT", b"DELETE"):
                    state["request"] = chunk.split(b"\r\n", 1)[0]
                    active, sent = self._armed("request", state["request"]), 0
                elif direction == "response" and chunk.startswith(b"HTTP/"):
                    active, sent = self._armed("response", state["request"]), 0
                if active is not None and sent + len(chunk) > active.after:
                    sink.sendall(chunk[:max(0, active.after - sent)])
                    with self.lock:
                        active.fired += 1
                    if active.before_cut:
                        active.before_cut()
                    break
                sent += len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.acceptor.join(timeout=5)
        for thread in self.threads:
            thread.join(timeout=5)


# -- desks --------------------------------------------------------------------------------------

@dataclass
class SyncDesk:
    desk: Desk
    uuid: str
    number: str
    settled: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.desk.path

    @property
    def db(self):
        return self.desk.db


def register(hub: HubProcess, desk: Desk, url: str | None = None) -> SyncDesk:
    info = get_desk(desk.db)
    secret = hub.store.add_desk(info.desk_uuid, f"desk {info.desk_number}", desk.at)
    configure(desk.db, desk.admin, url or hub.url, secret, desk.at)
    return SyncDesk(desk, info.desk_uuid, info.desk_number)


def hub_client(hub: "HubProcess", desk: SyncDesk, url: str | None = None) -> HubClient:
    """A client speaking for ``desk`` (its own secret, as `desk sync` does), to send it requests by hand."""
    secret = desk.db.execute("SELECT secret FROM sync_config").fetchone()[0]
    return HubClient(url or hub.url, desk.uuid, secret, backoff=Backoff(attempts=1))


def copy_live(conn: sqlite3.Connection, target: Path) -> None:
    """Copy an open desk database through SQLite's backup API. Reading the file directly (shutil.copyfile)
    closes a descriptor of it in this process, which drops every POSIX lock this process's connections
    hold on it: the next process to close the file then thinks it is the last one, checkpoints and deletes
    the WAL under the open connection, and this process's later writes fail with "disk I/O error"."""
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()


def make_desks(folder: Path, count: int, hub: HubProcess, members: list[list[str]] | None = None) -> list[SyncDesk]:
    """``count`` registered desks of one institution. The first is made the slow way (users, roster,
    catalog); the rest are copies of it with their own identity, which is what a new desk differs by."""
    first = make_desk(folder / "desk-01", members=members, desk_number="01")
    desks = [register(hub, first)]
    for n in range(2, count + 1):
        target = folder / f"desk-{n:02d}"
        target.mkdir()
        copy_live(first.db.conn, target / "desk.sqlite")
        db = open_db(target / "desk.sqlite")
        with db.atomic():
            db.execute("UPDATE desk SET desk_uuid = ?, desk_number = ?", (str(uuid.uuid4()), f"{n:02d}"))
            db.execute("DELETE FROM sync_config")
        desk = Desk(target / "desk.sqlite", db, first.library, first.admin, first.cashier, first.supervisor, first.at)
        desks.append(register(hub, desk))
    return desks


def settle(desk: SyncDesk, member: str, *lines: tuple[str, str], at: dt.datetime | None = None,
           use_account: bool = True) -> str:
    """Settle a bill of (code, quantity) lines; returns the settlement id."""
    when = at or desk.desk.at + dt.timedelta(minutes=len(desk.settled))
    s = settle_bill(desk.db, desk.desk.library, desk.desk.cashier, member,
                    [BillLine(code, Decimal(qty)) for code, qty in lines], when,
                    use_account=use_account)
    desk.settled.append(s.id)
    return s.id


# -- recomputation ------------------------------------------------------------------------------

def openings(rows: list[list[str]] = MEMBERS) -> dict[str, int]:
    """Each roster member's opening account balance in fen (the roster column account_balance)."""
    return {r[0]: int(round(float(r[10]) * 100)) for r in rows}


def expected_figures(desks: list[SyncDesk], opening: dict[str, int]) -> tuple[dict, dict]:
    """Usage and balances recomputed from every settlement of every desk, straight from the ledgers."""
    usage: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    accounts = dict(opening)
    for d in desks:
        for member, year, ded, pool in d.db.execute(
                "SELECT member_id, year, deductible_fen, pool_paid_fen FROM usage_ledger"):
            usage[(member, year)][0] += ded
            usage[(member, year)][1] += pool
        for member, delta in d.db.execute("SELECT member_id, delta_fen FROM account_ledger"):
            accounts[member] = accounts.get(member, 0) + delta
    return {k: tuple(v) for k, v in usage.items()}, accounts


def assert_consistent(hub: HubProcess, desks: list[SyncDesk], opening: dict[str, int] | None = None,
                      *, caught_up: bool = True) -> None:
    """Nothing lost, nothing counted twice: the hub holds every settlement once and its figures are
    the sum of them; every desk passes `desk check`, and a desk that has caught up shows the figures
    recomputed from all settlements of all desks (an account never below zero)."""
    opening = openings() if opening is None else opening
    all_ids = set()
    for d in desks:
        report = check(d.db)
        assert report.ok, (d.number, report.problems)
        ids = {r[0] for r in d.db.execute("SELECT id FROM settlements")}
        assert not ids & all_ids, "a settlement id appears at two desks"
        all_ids |= ids
    assert hub.store.settlement_ids() == all_ids
    assert hub.store.check() == []
    usage, accounts = expected_figures(desks, opening)
    hub_usage, hub_accounts = hub.store.figures()
    assert {k: v for k, v in hub_usage.items() if v != (0, 0)} == {k: v for k, v in usage.items() if v != (0, 0)}
    assert {m: b for m, b in hub_accounts.items()} == {m: accounts[m] for m in hub_accounts}
    if not caught_up:
        return
    for d in desks:
        assert d.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0, d.number
        shown = {(m, y): (ded, pool) for m, y, ded, pool in d.db.execute(
            "SELECT member_id, year, deductible_met_fen, ordinary_pool_paid_fen FROM usage_summary")}
        assert {k: v for k, v in shown.items() if v != (0, 0)} == {k: v for k, v in usage.items() if v != (0, 0)}, \
            d.number
        for member, balance in d.db.execute("SELECT member_id, account_balance_fen FROM members"):
            assert balance == max(0, accounts.get(member, opening.get(member, 0))), (d.number, member)
