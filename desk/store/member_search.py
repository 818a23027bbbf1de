"""Finding a member at the counter by name or pinyin (张, zhangs, zs) when no card is at hand.

A name's pinyin and initials are kept on the member row (written with the row by the roster
upsert, so they never lag a rename) and indexed, so every search is an index range scan with a
LIMIT: about as fast on 100,000 members as on 100. Rows written before the columns existed are
spelled once by ``spell_members`` (the counter calls it when it opens).
"""
from __future__ import annotations

import sqlite_utils

from desk.store.database import write_transaction
from desk.store.roster import _SELECT, MemberRecord, _record
from desk.store.spelling import spell

TOP = "\U0010ffff"
SPELL_CHUNK = 5000


def spell_members(db: sqlite_utils.Database) -> int:
    """Spell the members that have no spelling yet (rows from before it was kept), a chunk per short
    write transaction so a settlement never waits long behind it; returns how many."""
    done = 0
    while True:
        rows = db.execute("SELECT member_id, name FROM members WHERE name_pinyin IS NULL LIMIT ?",
                          (SPELL_CHUNK,)).fetchall()
        if not rows:
            return done
        with write_transaction(db):
            db.conn.executemany("UPDATE members SET name_pinyin = ?, name_initials = ? WHERE member_id = ?",
                                [(*spell(name), member_id) for member_id, name in rows])
        done += len(rows)


def search_members(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[MemberRecord]:
    """Members whose name, pinyin or initials begin with ``query``, best first, at most ``limit``.

    Chinese text matches the name's start; ASCII letters the initials' start, then the pinyin's.
    Anything else (digits, punctuation) matches nobody here: codes are for the scan box, where one
    code resolves to one member or is refused.
    """
    q = "".join((query or "").split())
    if not q or limit <= 0:
        return []
    if not q.isascii():
        clauses = [("name", q)]
    elif q.isalpha():
        clauses = [("name_initials", q.lower()), ("name_pinyin", q.lower())]
    else:
        return []
    found: dict[str, MemberRecord] = {}
    for column, value in clauses:
        if len(found) >= limit:
            break
        for row in db.execute(f"{_SELECT} WHERE {column} >= ? AND {column} < ? ORDER BY {column}, member_id LIMIT ?",
                              (value, value + TOP, limit)):
            record = _record(row)
            found.setdefault(record.member_id, record)
    return list(found.values())[:limit]
