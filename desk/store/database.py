"""Opening a desk database: created and migrated on open, with the pragmas that make it durable.

WAL lets the counter read while a settlement commits; synchronous=FULL makes a commit survive a
power cut; foreign_keys=ON keeps every ledger row tied to its settlement. The file is created
readable by its owner only, since it holds ID numbers and balances.
"""
from __future__ import annotations

import os
import secrets
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from contextlib import contextmanager
from typing import Iterator

import sqlite_utils

from desk.migrations import Migration, MigrationError, numbered, upgrade


class StoreError(Exception):
    """Something the desk database refuses, said so a person can act on it.

    ``kind`` names the refusal for a front end that words it itself; ``fields`` carry its figures.
    """

    def __init__(self, message: str = "", *, kind: str = "refused", **fields: object):
        super().__init__(message)
        self.kind = kind
        self.fields = fields


_WRITING: "weakref.WeakKeyDictionary[sqlite_utils.Database, int]" = weakref.WeakKeyDictionary()


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """The one way to write to the desk database: all or nothing, holding the write lock from BEGIN.

    ``BEGIN IMMEDIATE`` takes SQLite's write lock before the first statement, so what the
    transaction reads cannot be changed by another process (a background sync, a second
    counter) before it writes; sqlite-utils' ``db.atomic()`` begins DEFERRED and would only take
    the lock at its first write, after its reads — or fail with SQLITE_BUSY there, mid-work.
    The block commits when it ends and rolls back on any exception.

    Nesting: a call inside an open ``write_transaction`` on the same database runs in a SAVEPOINT
    of the outer one — the lock is already held; an exception inside rolls back only the inner
    block's writes (a caller may catch it and go on, as the roster import does row by row), and
    nothing is committed until the outermost block ends. A call while the connection is in a
    transaction that this helper did not begin (a DEFERRED one, which may not hold the lock) is
    refused with ``RuntimeError``: that is a programming error, not something to paper over.
    """
    conn = db.conn
    depth = _WRITING.get(db, 0)
    if depth:
        savepoint = f"desk_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        _WRITING[db] = depth + 1
        try:
            yield db
        except BaseException:
            if conn.in_transaction:  # a RAISE(ROLLBACK) trigger may have ended the whole transaction
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        finally:
            _WRITING[db] = depth
        return
    if conn.in_transaction:
        raise RuntimeError("write_transaction: the connection is already in a transaction it did not begin"
                           " (a DEFERRED one does not hold the write lock); commit or roll it back first")
    conn.execute("BEGIN IMMEDIATE")
    _WRITING[db] = 1
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        _WRITING.pop(db, None)


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("billing-desk", appauthor=False)) / "desk.sqlite"


def migrations() -> list[Migration]:
    """Every numbered migration in db/, in order."""
    try:
        return numbered(resources.files("db"), "db/")
    except MigrationError as exc:
        raise StoreError(str(exc)) from None


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


DESK_TABLES = {"desk", "users", "settlements", "audit", "audit_head"}


def _owner_only(path: Path) -> bool:
    return os.name != "posix" or (path.stat().st_mode & 0o077) == 0


def _refuse(path: Path, why: str) -> StoreError:
    return StoreError(f"{path} {why}", kind="not_a_desk_db", path=str(path))


def _check_kind(path: Path) -> bool:
    """Refuse a folder or anything but a regular file, by its stat alone; True for an empty file this
    desk began to create (0600, cut off before SQLite wrote a page)."""
    if path.is_dir():
        raise _refuse(path, "is a folder, not a desk database")
    if not path.is_file():
        raise _refuse(path, "is not a regular file, not a desk database")
    if path.stat().st_size == 0:
        if _owner_only(path):
            return True
        raise _refuse(path, "is an empty file, not a desk database")
    return False


def _recognise(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not a desk database, reading it through SQLite only (reading changes
    nothing). The file is never opened and closed directly: closing any descriptor of it would drop
    the POSIX locks of every SQLite connection this process has on it."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"is not a desk database ({exc})") from None
    if DESK_TABLES <= tables and version >= 1:
        return
    if not tables and version == 0 and _owner_only(path):  # a new desk database cut off before its first migration
        return
    raise _refuse(path, "is an SQLite database but not a desk database")


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only (0600 from the start: no window where it is not)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    def apply(migration: Migration) -> None:  # each file in a transaction of its own, with its version
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed on {path}: {exc}") from exc

    try:
        upgrade(migrations(), schema_version(conn), apply, database=str(path), program="desk",
                advice="install the newer desk that wrote it")
    except MigrationError as exc:
        raise StoreError(str(exc)) from None


def open_db(path: Path | str, *, migrate: bool = True, create: bool = True) -> sqlite_utils.Database:
    """Open (creating and migrating) the desk database at ``path``.

    Nothing is touched (no mode change, no journal setting, no migration) before the file is
    recognised as a desk database or was created here: a folder or a foreign file is refused with
    one line. With ``create=False`` a missing file is refused too (every command but init and demo).
    """
    path = Path(path)
    existed = path.exists() or path.is_symlink()
    if existed:
        empty = _check_kind(path)
    elif create:
        _create_private(path)
        empty = True
    else:
        raise StoreError(f"{path}: no desk database here; run `desk init` first (or `desk demo`)",
                         kind="no_desk_db", path=str(path))
    try:
        conn = sqlite3.connect(path, timeout=30)
    except sqlite3.Error as exc:
        raise _refuse(path, f"cannot be opened as a desk database ({exc})") from None
    try:
        if not empty:
            _recognise(conn, path)
        if os.name == "posix" and not _owner_only(path):
            os.chmod(path, 0o600)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        if migrate:
            _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a desk database: {exc}", kind="not_a_desk_db", path=str(path)) from exc
    except StoreError:
        conn.close()
        raise
    return sqlite_utils.Database(conn)

