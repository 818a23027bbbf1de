"""The two migrations that widen the overrun kinds (issue 11: disease_cap, inpatient_cap) rebuild a table
SQLite cannot ALTER: the rows already there, their ids, the rows pointing at them and the guards survive."""
from __future__ import annotations

import os
import sqlite3
from importlib import resources

import pytest

from desk.migrations import numbered
from desk.store.database import open_db
from desk.sync.hub_db import HubDB, _statements

BODY = '{"institution_code": "H-9", "at": "2023-03-15T10:00:00+08:00", "full_self_pay": "0.00", "items": []}'
OVERRUN = ("INSERT INTO {table} VALUES (7, 'annual_cap', 'M003', 2023, '2023-03-15', 'S1', 200000, 200500, 500,"
           " '[\"S1\"]', '2023-03-15T12:00:00+08:00', {last})")


def test_the_hub_keeps_its_overruns_and_the_desks_they_go_to(tmp_path):
    path = tmp_path / "hub.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE hub_schema (version INTEGER NOT NULL)")
    for migration in numbered(resources.files("desk.sync.migrations") / "sqlite", "hub")[:7]:
        for statement in _statements(migration.sql):
            conn.execute(statement)
        conn.execute("INSERT INTO hub_schema VALUES (?)", (migration.version,))
    conn.execute("INSERT INTO hub_desks (desk_uuid, name, secret_hash, created_at) VALUES ('D1', 'd', 'x', 'now')")
    conn.execute("INSERT INTO hub_settlements (id, desk_uuid, receipt_no, kind, member_id, year, day, policy_version,"
                 " total_fen, pool_pay_fen, account_pay_fen, cash_pay_fen, deductible_delta_fen, pool_delta_fen,"
                 " account_delta_fen, digest, body, received_at) VALUES ('S1', 'D1', 1, 'settlement', 'M003', 2023,"
                 " '2023-03-15', 'p@1', 100, 100, 0, 0, 0, 100, 0, 'd', ?, 'now')", (BODY,))
    conn.execute(OVERRUN.format(table="hub_overruns", last=41))
    conn.execute("INSERT INTO hub_overrun_desks VALUES ('D1', 7, 41)")
    conn.execute("COMMIT")
    conn.close()

    hub = HubDB(str(path))
    assert hub.migrate() >= 8
    with hub.write() as tx:
        assert tx.all("SELECT id, kind, limit_fen, key, key_name FROM hub_overruns") == [
            (7, "annual_cap", 200000, "", "")]
        assert tx.all("SELECT desk_uuid, overrun_id, change_seq FROM hub_overrun_desks") == [("D1", 7, 41)]
        tx.run("INSERT INTO hub_overruns (kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
               " amount_fen, settlements, detected_at, change_seq, key, key_name) VALUES ('disease_cap', 'M003', 2023,"
               " '2023-03-16', 'S1', 1, 2, 1, '[]', 'now', 42, 'I10', '高血压')")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with hub.write() as tx:  # the desks' rows still point at the overruns
            tx.run("INSERT INTO hub_overrun_desks VALUES ('D1', 999, 43)")
    with pytest.raises(Exception, match="CHECK"):
        with hub.write() as tx:
            tx.run("INSERT INTO hub_overruns (kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
                   " amount_fen, settlements, detected_at, change_seq) VALUES ('nonsense', 'M', 2023, 'd', 'S1', 1,"
                   " 2, 1, '[]', 'now', 44)")
    hub.close()


def test_the_desk_keeps_its_overruns_and_their_guards(tmp_path):
    path = tmp_path / "desk.sqlite"
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(path)
    for migration in numbered(resources.files("db"), "db/")[:8]:
        conn.executescript(f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
    conn.execute(OVERRUN.format(table="overruns", last="'2023-03-15T13:00:00+08:00'"))
    conn.commit()
    conn.close()

    db = open_db(path)
    assert db.execute("SELECT hub_id, kind, amount_fen, key FROM overruns").fetchall() == [(7, "annual_cap", 500, "")]
    db.execute("INSERT INTO overruns (hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
               " amount_fen, settlements, detected_at, received_at, key, key_name) VALUES (8, 'disease_cap', 'M002',"
               " 2023, '2023-05-10', 'S2', 200000, 224000, 24000, '[]', 'now', 'now', 'I10', '高血压')")
    with pytest.raises(sqlite3.IntegrityError, match="never edited"):
        db.execute("UPDATE overruns SET amount_fen = 0 WHERE hub_id = 7")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        db.execute("DELETE FROM overruns WHERE hub_id = 8")
