"""The one migration runner (desk/migrations.py) that the desk database and the hub's both use."""
from pathlib import Path

import pytest

from desk.migrations import MigrationError, numbered, upgrade
from desk.store.database import StoreError, open_db
from desk.sync.hub_db import HubDB, HubStorageError


def _folder(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_text(f"-- {name}\nCREATE TABLE t{name[:3]} (x INTEGER);\n", encoding="utf-8")
    return tmp_path


def test_files_are_read_in_number_order_and_other_files_ignored(tmp_path):
    folder = _folder(tmp_path, "002_more.sql", "001_first.sql", "README.md", "010_notes.txt")
    assert [(m.version, m.name) for m in numbered(folder, "test")] == [(1, "001_first.sql"), (2, "002_more.sql")]


def test_a_gap_in_the_numbers_is_refused_with_the_files_named(tmp_path):
    folder = _folder(tmp_path, "001_first.sql", "003_third.sql")
    with pytest.raises(MigrationError, match=r"test migrations are not numbered .*'001_first.sql', '003_third.sql'"):
        numbered(folder, "test")


def test_only_the_migrations_after_the_current_version_run_in_order(tmp_path):
    known = numbered(_folder(tmp_path, "001_a.sql", "002_b.sql", "003_c.sql"), "test")
    ran = []
    assert upgrade(known, 1, lambda m: ran.append(m.version), database="x", program="desk", advice="") == 3
    assert ran == [2, 3]
    assert upgrade(known, 3, lambda m: ran.append(m.version), database="x", program="desk", advice="") == 3
    assert ran == [2, 3]


def test_a_database_newer_than_the_program_is_refused_and_left_alone(tmp_path):
    known = numbered(_folder(tmp_path, "001_a.sql"), "test")
    with pytest.raises(MigrationError, match=r"^the file has schema version 5, newer than this hub knows \(1\); run it"):
        upgrade(known, 5, lambda m: pytest.fail("nothing may run"), database="the file", program="hub",
                advice="run it")


def test_desk_and_hub_both_refuse_a_newer_database_through_the_runner(tmp_path):
    desk = open_db(tmp_path / "desk.sqlite")
    desk.conn.execute("PRAGMA user_version = 999")
    desk.conn.close()
    with pytest.raises(StoreError, match="schema version 999, newer than this desk knows"):
        open_db(tmp_path / "desk.sqlite")
    hub = HubDB(str(tmp_path / "hub.sqlite"))
    hub.migrate()
    with hub.write() as tx:
        tx.run("INSERT INTO hub_schema (version) VALUES (999)")
    with pytest.raises(HubStorageError, match="schema version 999, newer than this hub knows"):
        hub.migrate()
    hub.close()
