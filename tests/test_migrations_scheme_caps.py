"""The migrations that add scheme_cap overruns (issue 11: 重庆 第六条 own-scheme caps, hub 012, desk 015) rebuild
tables SQLite cannot ALTER: the rows there, with their disease keys, the rows pointing at them and the guards
survive. (Fails without them: scheme_cap is refused by the old CHECK.)"""
from __future__ import annotations

import os
import sqlite3
from importlib import resources

import pytest

from desk.migrations import numbered
from desk.store.database import open_db
from desk.sync.hub_db import HubDB, _statements
from test_migrations_benefit_overruns import BODY

HUB_ROW = ("INSERT INTO hub_overruns (id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
           " amount_fen, settlements, detected_at, change_seq, key, key_name) VALUES (7, 'disease_cap', 'M002', 2023,"
           " '2023-05-10', 'S1', 200000, 224000, 24000, '[\"S1\"]', 'now', 41, 'I10', '高血压')")


def test_the_hub_keeps_its_disease_cap_overruns_and_takes_scheme_caps(tmp_path):
    path = tmp_path / "hub.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE hub_schema (version INTEGER NOT NULL)")
    migrations = numbered(resources.files("desk.sync.migrations") / "sqlite", "hub")
    before = [m for m in migrations if m.version < 12]
    for migration in before:
        for statement in _statements(migration.sql):
            conn.execute(statement)
        conn.execute("INSERT INTO hub_schema VALUES (?)", (migration.version,))
    conn.execute("INSERT INTO hub_desks (desk_uuid, name, secret_hash, created_at) VALUES ('D1', 'd', 'x', 'now')")
    conn.execute("INSERT INTO hub_settlements (id, desk_uuid, receipt_no, kind, member_id, year, day, policy_version,"
                 " total_fen, pool_pay_fen, account_pay_fen, cash_pay_fen, deductible_delta_fen, pool_delta_fen,"
                 " account_delta_fen, digest, body, received_at) VALUES ('S1', 'D1', 1, 'settlement', 'M002', 2023,"
                 " '2023-05-10', 'p@1', 100, 100, 0, 0, 0, 100, 0, 'd', ?, 'now')", (BODY,))
    conn.execute(HUB_ROW)
    conn.execute("INSERT INTO hub_overrun_desks VALUES ('D1', 7, 41)")
    conn.execute("COMMIT")
    conn.close()

    hub = HubDB(str(path))
    assert hub.migrate() >= 12
    with hub.write() as tx:
        assert tx.all("SELECT id, kind, limit_fen, key, key_name FROM hub_overruns") == [
            (7, "disease_cap", 200000, "I10", "高血压")]
        assert tx.all("SELECT desk_uuid, overrun_id, change_seq FROM hub_overrun_desks") == [("D1", 7, 41)]
        tx.run("INSERT INTO hub_overruns (kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
               " amount_fen, settlements, detected_at, change_seq, key, key_name) VALUES ('scheme_cap', 'M003', 2024,"
               " '2024-06-01', 'S1', 30000, 40000, 10000, '[]', 'now', 42, 'two_diseases', '“两病”用药')")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with hub.write() as tx:
            tx.run("INSERT INTO hub_overrun_desks VALUES ('D1', 999, 43)")
    hub.close()


def test_the_desk_keeps_its_overruns_and_their_guards_and_takes_scheme_caps(tmp_path):
    path = tmp_path / "desk.sqlite"
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(path)
    for migration in [m for m in numbered(resources.files("db"), "db/") if m.version < 15]:
        conn.executescript(f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
    conn.execute("INSERT INTO overruns (hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
                 " amount_fen, settlements, detected_at, received_at, key, key_name) VALUES (8, 'disease_cap', 'M002',"
                 " 2023, '2023-05-10', 'S2', 200000, 224000, 24000, '[]', 'now', 'now', 'I10', '高血压')")
    conn.commit()
    conn.close()

    db = open_db(path)
    assert db.execute("SELECT hub_id, kind, amount_fen, key, key_name FROM overruns").fetchall() == [
        (8, "disease_cap", 24000, "I10", "高血压")]
    db.execute("INSERT INTO overruns (hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
               " amount_fen, settlements, detected_at, received_at, key, key_name) VALUES (9, 'scheme_cap', 'M003',"
               " 2024, '2024-06-01', 'S3', 30000, 40000, 10000, '[]', 'now', 'now', 'two_diseases', '“两病”用药')")
    with pytest.raises(sqlite3.IntegrityError, match="never edited"):
        db.execute("UPDATE overruns SET amount_fen = 0 WHERE hub_id = 8")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        db.execute("DELETE FROM overruns WHERE hub_id = 9")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO overruns (hub_id, kind, member_id, year, day, settlement_id, limit_fen,"
                   " total_after_fen, amount_fen, settlements, detected_at, received_at) VALUES (10, 'nonsense', 'M',"
                   " 2024, 'd', 'S', 1, 2, 1, '[]', 'now', 'now')")
