"""The audit log: every settlement, reversal, import and user change, as a hash chain.

Each row's hash covers its content and the previous row's hash, and the head (last seq and
hash) is kept apart, so `desk audit verify` finds an edited row, a deleted row in the middle
and a deleted tail. Rows are written inside the transaction of the action they record.

All of that lives in one file, so whoever holds the file can rewrite history and recompute every
hash after it. Each sync therefore sends the head to the hub, which keeps it (an anchor): a
rewritten row before an anchored head changes the hash at that head, which the hub's copy shows
(`desk audit verify --hub`, and the next sync, whose new anchor the hub refuses). The anchors the
hub acknowledged are also kept here (`audit_anchors`), which catches a rewrite that forgot them.
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


def head(db: sqlite_utils.Database) -> tuple[int, str]:
    """The chain's last row: (seq, hash); (0, GENESIS) for an empty log."""
    row = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def hash_at(db: sqlite_utils.Database, seq: int) -> str | None:
    """The hash the chain has at row ``seq`` now (GENESIS at 0; None if the row is gone)."""
    if seq == 0:
        return GENESIS
    row = db.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


def record_anchor(db: sqlite_utils.Database, seq: int, digest: str, at: str, hub_url: str) -> None:
    """Keep a head the hub acknowledged (call inside a write transaction)."""
    db.execute("INSERT INTO audit_anchors (seq, hash, anchored_at, hub_url) VALUES (?,?,?,?)"
               " ON CONFLICT(seq) DO NOTHING", (seq, digest, at, hub_url))


def anchors(db: sqlite_utils.Database) -> list[tuple[int, str, str]]:
    """(seq, hash, anchored_at) of every head the hub acknowledged, oldest first."""
    return db.execute("SELECT seq, hash, anchored_at FROM audit_anchors ORDER BY seq").fetchall()


@dataclass(frozen=True)
class AuditReport:
    rows: int
    problems: tuple[str, ...]
    anchors_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(db: sqlite_utils.Database, hub_anchor: tuple[int, str] | None = None) -> AuditReport:
    """Walk the chain; also check it passes through every anchored head (those kept here, and the
    hub's own copy when given: the one a person holding this file cannot rewrite)."""
    problems: list[str] = []
    expected = {seq: (digest, f"the head anchored at the hub on {at[:19]}") for seq, digest, at in anchors(db)}
    if hub_anchor is not None:
        expected[hub_anchor[0]] = (hub_anchor[1], "the head the hub holds for this desk")
    prev, expected_seq, rows = GENESIS, 1, 0
    seen: dict[int, str] = {0: GENESIS}
    for seq, at, actor, action, subject, detail, prev_hash, digest in db.execute(
            "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq"):
        rows += 1
        if seq != expected_seq:
            problems.append(f"rows {expected_seq}–{seq - 1} are missing (deleted)")
        if prev_hash != prev:
            problems.append(f"row {seq} does not follow the row before it (a row was deleted or replaced)")
        if _digest(seq, at, actor, action, subject, detail, prev_hash) != digest:
            problems.append(f"row {seq} ({action} {subject}) was edited: its content no longer matches its hash")
        if seq in expected:
            seen[seq] = digest
        prev, expected_seq = digest, seq + 1
    head_row = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone() or (0, GENESIS)
    if head_row != (expected_seq - 1, prev):
        problems.append(f"the log ends at row {expected_seq - 1} but its head records row {head_row[0]}"
                        " (rows at the end were deleted, or the head was edited)")
    for seq, (digest, what) in sorted(expected.items()):
        if seq not in seen:
            problems.append(f"row {seq}, {what}, is missing: the log was cut back")
        elif seen[seq] != digest:
            problems.append(f"row {seq} has another hash than {what}: the history up to it was rewritten")
    return AuditReport(rows, tuple(problems), len(expected))
