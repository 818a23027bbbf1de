"""The hub's view of traceability codes: a box unit sold once across every desk.

A desk refuses a code it sold itself, but two desks cannot see each other's sales until they sync,
and a desk whose reversal never reached the hub looks, to the hub, like a desk selling a box twice.
So each upload's units are recorded, a reversal releases its original's, and a unit arriving while
an earlier sale of it stands is a conflict, recorded with both sales (like an overrun: the hub
decides nothing, it makes the double sale visible to the agency and to the desks involved, who
download it with their changes).
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Callable

from desk.sync.hub_db import Tx
from desk.sync.hub_report_rows import ids_clause
from desk.sync.protocol import Incoming

TRACE_LOCKS = 744_620  # PostgreSQL: the first key of the advisory locks on codes (the second is a code's hash)


def _code_key(code: str) -> int:
    """A code's advisory-lock key: a signed 32-bit number, the same in every hub process."""
    return int.from_bytes(hashlib.sha256(code.encode("ascii")).digest()[:4], "big", signed=True)


def record_units(tx: Tx, fresh: list[Incoming], now: str, take_seqs: Callable[[int], int]) -> int:
    """Record the batch's units as if one by one in upload order (a reversal releases before a later
    sale takes the box again), with a few statements for the whole batch; returns the conflicts found.

    On PostgreSQL two hub processes may ingest at once: each first takes an advisory lock on every
    code its batch sells (sorted, so two batches cannot deadlock), so of two batches selling one box
    the second reads the first's units after it committed and records the conflict. Each conflict
    is a change (numbered by ``take_seqs``) that both desks download."""
    sold = sorted({code for s in fresh if s.kind == "settlement" for code, _ in s.trace_units})
    reversals = [(s.id, s.reverses) for s in fresh if s.kind == "reversal"]
    if not sold and not reversals:
        return 0
    if sold and tx.dialect == "postgresql":
        keys = sorted({_code_key(c) for c in sold})
        tx.run(f"SELECT pg_advisory_xact_lock({TRACE_LOCKS}, k::integer) FROM json_array_elements_text(?::json)"
               " WITH ORDINALITY AS t(k, n) ORDER BY n", (json.dumps(keys),))
    standing: dict[tuple[str, int], list[tuple[str, str, int]]] = defaultdict(list)
    if sold:
        clause, param = ids_clause(tx, sold)
        for code, unit, first, first_desk, first_receipt in tx.all(
                "SELECT t.code, t.unit, t.settlement_id, t.desk_uuid, h.receipt_no FROM hub_trace_units t"
                f" JOIN hub_settlements h ON h.id = t.settlement_id WHERE t.code {clause} AND t.released_by IS NULL"
                " ORDER BY h.received_at, t.settlement_id", (param,)):
            standing[(code, unit)].append((first, first_desk, first_receipt))
    found, units = [], []
    for s in fresh:
        if s.kind == "reversal":
            for sales in standing.values():
                sales[:] = [sale for sale in sales if sale[0] != s.reverses]
            continue
        for code, unit in s.trace_units:
            found += [(code, unit, first, first_desk, first_receipt, s.id, s.desk_uuid, s.receipt_no, s.member_id,
                       s.day, now) for first, first_desk, first_receipt in standing[(code, unit)] if first != s.id]
            standing[(code, unit)].append((s.id, s.desk_uuid, s.receipt_no))
            units.append((s.id, s.desk_uuid, code, unit))
    tx.many("INSERT INTO hub_trace_units (settlement_id, desk_uuid, code, unit) VALUES (?,?,?,?)", units)
    tx.many("UPDATE hub_trace_units SET released_by = ? WHERE settlement_id = ? AND released_by IS NULL", reversals)
    if found:
        first = take_seqs(len(found))
        tx.many("INSERT INTO hub_trace_conflicts (code, unit, first_settlement, first_desk, first_receipt,"
                " settlement_id, desk_uuid, receipt_no, member_id, day, detected_at, change_seq)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [(*row, first + n) for n, row in enumerate(found)])
    return len(found)


CHANGE_COLUMNS = ("change_seq, id, code, unit, first_settlement, first_desk, first_receipt, settlement_id, desk_uuid,"
                  " receipt_no, member_id, day, detected_at")


def changes(tx: Tx, desk_uuid: str, after: int, head: int, limit: int) -> list[tuple]:
    """The conflicts ``desk_uuid`` was part of (either sale) numbered after ``after`` up to ``head``,
    at most ``limit + 1``, change number first (hub_store.changes pages them with the other tables)."""
    return tx.all(f"SELECT {CHANGE_COLUMNS} FROM hub_trace_conflicts WHERE first_desk = ? AND change_seq > ?"
                  f" AND change_seq <= ? UNION SELECT {CHANGE_COLUMNS} FROM hub_trace_conflicts WHERE desk_uuid = ?"
                  " AND change_seq > ? AND change_seq <= ? ORDER BY 1 LIMIT ?",
                  (desk_uuid, after, head, desk_uuid, after, head, limit + 1))


def as_change(row: tuple) -> dict:
    """One conflict as GET /v1/changes sends it."""
    keys = ("seq", "id", "code", "unit", "first_settlement", "first_desk", "first_receipt", "settlement_id",
            "desk_uuid", "receipt_no", "member_id", "day", "detected_at")
    return dict(zip(keys, row))


def conflicts(tx: Tx, desk_uuid: str | None = None) -> list[dict]:
    """Every conflict (or those a desk was part of), oldest first."""
    sql = ("SELECT id, code, unit, first_settlement, first_desk, first_receipt, settlement_id, desk_uuid,"
           " receipt_no, member_id, day, detected_at FROM hub_trace_conflicts")
    rows = (tx.all(sql + " ORDER BY id") if desk_uuid is None else
            tx.all(sql + " WHERE first_desk = ? OR desk_uuid = ? ORDER BY id", (desk_uuid, desk_uuid)))
    keys = ("id", "code", "unit", "first_settlement", "first_desk", "first_receipt", "settlement_id", "desk_uuid",
            "receipt_no", "member_id", "day", "detected_at")
    return [dict(zip(keys, r)) for r in rows]
