"""The audit log: every settlement, reversal, import and user change, as a hash chain.

Each row's hash covers its content and the previous row's hash, and the head (last seq and
hash) is kept apart, so `desk audit verify` finds an edited row, a deleted row in the middle
and a deleted tail. Rows are written inside the transaction of the action they record.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sqlite_utils

GENESIS = "0" * 64


def _digest(seq: int, at: str, actor: str, action: str, subject: str, detail: str, prev: str) -> str:
    payload = json.dumps([seq, at, actor, action, subject, detail, prev], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(db: sqlite_utils.Database, at: str, actor: str, action: str, subject: str, detail: dict) -> int:
    """Add one row after the current head; call inside the action's transaction."""
    head = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone() or (0, GENESIS)
    seq, prev = head[0] + 1, head[1]
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = _digest(seq, at, actor, action, subject, text, prev)
    db.execute("INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
               (seq, at, actor, action, subject, text, prev, digest))
    db.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
               "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash", (seq, digest))
    return seq


@dataclass(frozen=True)
class AuditReport:
    rows: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(db: sqlite_utils.Database) -> AuditReport:
    problems: list[str] = []
    prev, expected_seq, rows = GENESIS, 1, 0
    for seq, at, actor, action, subject, detail, prev_hash, digest in db.execute(
            "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq"):
        rows += 1
        if seq != expected_seq:
            problems.append(f"rows {expected_seq}–{seq - 1} are missing (deleted)")
        if prev_hash != prev:
            problems.append(f"row {seq} does not follow the row before it (a row was deleted or replaced)")
        if _digest(seq, at, actor, action, subject, detail, prev_hash) != digest:
            problems.append(f"row {seq} ({action} {subject}) was edited: its content no longer matches its hash")
        prev, expected_seq = digest, seq + 1
    head = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone() or (0, GENESIS)
    if head != (expected_seq - 1, prev):
        problems.append(f"the log ends at row {expected_seq - 1} but its head records row {head[0]}"
                        " (rows at the end were deleted, or the head was edited)")
    return AuditReport(rows, tuple(problems))
