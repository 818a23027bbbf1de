"""The one way to write: write_transaction takes SQLite's write lock at BEGIN, nests, and rolls back.

Two real connections on one real database file: while one holds a write_transaction, the other
cannot begin a write of its own (SQLITE_BUSY with no busy wait), even before the first has
written anything. sqlite-utils' db.atomic() (DEFERRED) does not hold the lock at that point; the
contrast test shows the check can tell the difference.
"""
import sqlite3
from pathlib import Path

import pytest

from desk.store.database import open_db, write_transaction


def _other(path: Path) -> sqlite3.Connection:
    """A second connection that gives up at once instead of waiting for a lock."""
    return sqlite3.connect(path, timeout=0, isolation_level=None)


def _can_write(other: sqlite3.Connection) -> bool:
    """Whether the second connection can take the write lock now (it gives it back at once)."""
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    other.execute("ROLLBACK")
    return True


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "desk.sqlite")
    yield database
    database.conn.close()


def _path(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def test_the_write_lock_is_held_from_begin_before_any_statement(db):
    other = _other(_path(db))
    with write_transaction(db):
        assert not _can_write(other)
    assert _can_write(other)  # released at COMMIT
    other.close()


def test_a_deferred_transaction_does_not_hold_the_lock_at_its_start(db):
    """What the helper replaces: db.atomic() begins DEFERRED, so a second writer gets in first."""
    other = _other(_path(db))
    with db.atomic():
        db.execute("SELECT count(*) FROM desk").fetchone()  # a read: still no write lock
        assert _can_write(other)  # another writer gets in: the read above may now go stale
    other.close()


def test_a_reader_sees_nothing_until_commit_and_everything_after(db):
    other = _other(_path(db))
    with write_transaction(db):
        db.execute("UPDATE sync_state SET last_error = 'x' WHERE id = 1")
        assert other.execute("SELECT last_error FROM sync_state WHERE id = 1").fetchone() == ("",)
    assert other.execute("SELECT last_error FROM sync_state WHERE id = 1").fetchone() == ("x",)
    other.close()


def test_an_exception_rolls_everything_back_and_releases_the_lock(db):
    with pytest.raises(ZeroDivisionError):
        with write_transaction(db):
            db.execute("UPDATE sync_state SET last_error = 'half' WHERE id = 1")
            1 / 0
    assert not db.conn.in_transaction
    assert db.execute("SELECT last_error FROM sync_state WHERE id = 1").fetchone()[0] != "half"
    other = _other(_path(db))
    assert _can_write(other)
    other.close()


def test_nested_calls_are_savepoints_of_the_outer_transaction(db):
    other = _other(_path(db))
    with write_transaction(db):
        db.execute("UPDATE sync_state SET last_error = 'outer' WHERE id = 1")
        with pytest.raises(ValueError):
            with write_transaction(db):
                db.execute("UPDATE sync_state SET last_error = 'inner' WHERE id = 1")
                raise ValueError("inner fails")
        # only the inner block was undone; the outer one goes on, still holding the lock
        assert db.execute("SELECT last_error FROM sync_state WHERE id = 1").fetchone()[0] == "outer"
        with write_transaction(db):
            db.execute("UPDATE sync_state SET cursor = 7 WHERE id = 1")
        assert db.conn.in_transaction  # an inner block commits nothing by itself
        assert not _can_write(other)
    assert other.execute("SELECT last_error, cursor FROM sync_state WHERE id = 1").fetchone() == ("outer", 7)
    other.close()


def test_an_outer_failure_undoes_what_inner_blocks_did(db):
    with pytest.raises(RuntimeError, match="outer"):
        with write_transaction(db):
            with write_transaction(db):
                db.execute("UPDATE sync_state SET cursor = 99 WHERE id = 1")
            raise RuntimeError("outer fails")
    assert db.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0] != 99


def test_a_transaction_it_did_not_begin_is_refused(db):
    """Inside someone else's DEFERRED transaction the lock may not be held: say so rather than nest."""
    db.conn.execute("BEGIN")
    with pytest.raises(RuntimeError, match="did not begin"):
        with write_transaction(db):
            pass
    db.conn.execute("ROLLBACK")
    with write_transaction(db):  # and the helper works again once that transaction is over
        pass
