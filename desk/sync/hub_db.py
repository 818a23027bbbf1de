"""The hub's database connection: a SQLite file (one clinic) or PostgreSQL (a chain or a city).

The hub's queries are written once, with ``?`` placeholders and SQL both engines accept
(``INSERT … ON CONFLICT … DO UPDATE … RETURNING``); this module hides the rest: placeholders,
how a transaction begins, and the migrations, which exist in one file per engine because their
column types differ. Each thread of a hub process keeps its own connection, since uvicorn runs
the storage calls on a thread pool and neither driver's connection may be shared mid-transaction.

Write transactions on SQLite begin IMMEDIATE (the write lock first, so no read-then-upgrade
deadlock); on PostgreSQL they run READ COMMITTED and rely on row locks. Read transactions are
a snapshot on both (REPEATABLE READ on PostgreSQL), so a download's figures and the list of
settlements they count are read at the same instant.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from desk.migrations import Migration, MigrationError, numbered, upgrade

MIGRATION_LOCK = 7_446_200_601  # a fixed advisory-lock key: hub processes starting together migrate one at a time


class HubStorageError(Exception):
    """The hub's database failed or is unreachable: the request may be tried again."""


class Retry(HubStorageError):
    """A write lost a race with another hub process (deadlock, serialization, duplicate key): run it again."""


def migrations(dialect: str) -> list[Migration]:
    """The hub's migrations for ``dialect`` (sqlite or postgresql), in order."""
    try:
        return numbered(resources.files("desk.sync").joinpath("migrations", dialect), f"hub ({dialect})")
    except MigrationError as exc:
        raise HubStorageError(str(exc)) from None


class Tx:
    """One open transaction: run statements, fetch rows."""

    def __init__(self, cursor: Any, dialect: str):
        self.cursor = cursor
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _execute(self, sql: str, params: Sequence) -> None:
        if params:
            self.cursor.execute(self._sql(sql), tuple(params))
        else:  # no parameters: a script of several statements is allowed (the migrations)
            self.cursor.execute(sql)

    def all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        self._execute(sql, params)
        return self.cursor.fetchall() if self.cursor.description else []

    def one(self, sql: str, params: Sequence = ()) -> tuple | None:
        self._execute(sql, params)
        return self.cursor.fetchone() if self.cursor.description else None

    def run(self, sql: str, params: Sequence = ()) -> None:
        self._execute(sql, params)

    def many(self, sql: str, rows: Iterable[Sequence]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self.cursor.executemany(self._sql(sql), rows)

    def in_list(self, values: Sequence) -> tuple[str, tuple]:
        """A ``column IN (…)`` right-hand side and its one parameter: the values as a JSON array. A list
        of hundreds of placeholders costs the driver more to parse and bind than the query takes, and
        makes every list length a new statement; whole numbers are compared as numbers."""
        values = list(values)
        text = json.dumps(values, ensure_ascii=False)
        if self.dialect != "postgresql":
            return "(SELECT value FROM json_each(?))", (text,)
        whole = bool(values) and all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        return ("(SELECT json_array_elements_text(?::json)::bigint)" if whole
                else "(SELECT json_array_elements_text(?::json))"), (text,)

    def rows(self, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence]) -> tuple[str, tuple]:
        """A SELECT yielding ``rows`` as a table with ``columns`` ((name, SQL type) pairs) in their order,
        and its one parameter (a JSON array of arrays): a whole batch in one statement."""
        text = json.dumps([list(r) for r in rows], ensure_ascii=False)
        if self.dialect == "postgresql":
            picks = ", ".join(f"(e.v->>{n})::{kind} AS {name}" for n, (name, kind) in enumerate(columns))
            return f"SELECT {picks} FROM json_array_elements(?::json) WITH ORDINALITY AS e(v, n) ORDER BY e.n", (text,)
        picks = ", ".join(f"json_extract(value, '$[{n}]') AS {name}" for n, (name, _) in enumerate(columns))
        return f"SELECT {picks} FROM json_each(?) ORDER BY CAST(key AS INTEGER)", (text,)


class HubDB:
    """Where the hub keeps its data: ``url`` is a file path (SQLite) or ``postgresql://…``."""

    def __init__(self, url: str):
        self.url = str(url)
        self.dialect = "postgresql" if self.url.startswith(("postgresql://", "postgres://")) else "sqlite"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Any] = []

    def describe(self) -> str:
        """The URL without a password, for logs and messages."""
        return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", self.url)

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> Any:
        if self.dialect == "postgresql":
            import psycopg

            try:
                conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
            except psycopg.Error as exc:
                raise HubStorageError(f"cannot reach the hub database {self.describe()}: {exc}") from None
            return conn
        path = Path(self.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _drop(self) -> None:
        """Forget this thread's connection after an error that may have broken it."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                if conn in self._all:
                    self._all.remove(conn)
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail any way it likes
                pass

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except Exception:  # noqa: BLE001
                pass
        self._local = threading.local()

    # -- transactions ------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """A write transaction; Retry when it lost a race and may simply be run again."""
        with self._transaction("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN") as tx:
            yield tx

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """A read-only snapshot."""
        begin = "BEGIN" if self.dialect == "sqlite" else "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
        with self._transaction(begin) as tx:
            yield tx

    def query_one(self, sql: str, params: Sequence = ()) -> tuple | None:
        """One row of one read-only statement, in a transaction of its own (autocommit): one round
        trip instead of three, for what every request asks first (who the desk is)."""
        conn = self._conn()
        errors = self._errors()
        try:
            cursor = conn.cursor()
            return Tx(cursor, self.dialect).one(sql, params)
        except errors as exc:
            raise self._translate(exc) from None

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Tx]:
        conn = self._conn()
        errors = self._errors()
        try:
            cursor = conn.cursor()
            cursor.execute(begin)
        except errors as exc:
            self._drop()
            raise HubStorageError(f"hub database {self.describe()}: {exc}") from None
        try:
            yield Tx(cursor, self.dialect)
            cursor.execute("COMMIT")
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK")
            except Exception:  # noqa: BLE001 - the connection may be gone; it is dropped below
                self._drop()
            if isinstance(exc, errors):
                raise self._translate(exc) from None
            raise

    def _errors(self) -> tuple[type[BaseException], ...]:
        if self.dialect == "postgresql":
            import psycopg

            return (psycopg.Error,)
        return (sqlite3.Error,)

    def _translate(self, exc: BaseException) -> HubStorageError:
        if self.dialect == "postgresql":
            import psycopg.errors as pe

            if isinstance(exc, (pe.DeadlockDetected, pe.SerializationFailure, pe.UniqueViolation)):
                return Retry(str(exc))
            if isinstance(exc, (pe.OperationalError, pe.InterfaceError)):
                self._drop()
        return HubStorageError(f"hub database {self.describe()}: {exc}")

    # -- schema ------------------------------------------------------------------------------

    def migrate(self, hooks: dict | None = None) -> int:
        """Bring the schema up to date (safe when several hub processes start at once); the version.

        ``hooks`` maps a version to ``work(tx)``, run in the migrating transaction right after that
        version's SQL, for a change SQL cannot make (figures computed by the engine): it runs exactly
        when that migration does, once, under the same lock."""
        known = migrations(self.dialect)
        with self.write() as tx:  # all of them in one transaction, under a lock on PostgreSQL
            if self.dialect == "postgresql":
                tx.run(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            tx.run("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER NOT NULL)")
            row = tx.one("SELECT max(version) FROM hub_schema")

            def apply(migration: Migration) -> None:
                for statement in [migration.sql] if self.dialect == "postgresql" else _statements(migration.sql):
                    tx.run(statement)
                tx.run("INSERT INTO hub_schema (version) VALUES (?)", (migration.version,))
                if hooks and migration.version in hooks:
                    hooks[migration.version](tx)

            try:
                return upgrade(known, (row[0] if row else None) or 0, apply,
                               database=f"the hub database {self.describe()}", program="hub",
                               advice="run the newer hub that wrote it")
            except MigrationError as exc:
                raise HubStorageError(str(exc)) from None


def _statements(script: str) -> list[str]:
    """A SQL script's statements, for sqlite3, whose execute() takes one at a time (executescript
    would commit the transaction the migration must run in)."""
    out, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            out.append("\n".join(current).strip())
            current = []
    return [s for s in out if s]
