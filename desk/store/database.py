"""Opening a desk database: created and migrated on open, with the pragmas that make it durable.

WAL lets the counter read while a settlement commits; synchronous=FULL makes a commit survive a
power cut; foreign_keys=ON keeps every ledger row tied to its settlement. The file is created
readable by its owner only, since it holds ID numbers and balances.
"""
from __future__ import annotations

import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from contextlib import contextmanager
from typing import Iterator

import sqlite_utils

MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


class StoreError(Exception):
    """Something the desk database refuses, said so a person can act on it."""


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("billing-desk", appauthor=False)) / "desk.sqlite"


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every numbered migration in db/, in order."""
    found = []
    for entry in resources.files("db").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"db/ migrations are not numbered 001, 002, … without gaps: {[n for _, n, _ in found]}")
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    known = migrations()
    current = schema_version(conn)
    if current > len(known):
        raise StoreError(f"{path} has schema version {current}, newer than this desk knows ({len(known)});"
                         " install the newer desk that wrote it")
    for version, name, sql in known[current:]:
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed on {path}: {exc}") from exc


def open_db(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating and migrating) the desk database at ``path``."""
    path = Path(path)
    _create_private(path)
    conn = sqlite3.connect(path, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        if migrate:
            _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a desk database: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One all-or-nothing write that holds the write lock from its first statement (BEGIN IMMEDIATE),
    so what it reads cannot be changed by another process before it writes. Nested: a savepoint."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
