"""The hub's view of traceability codes: a box unit sold once across every desk.

A desk refuses a code it sold itself, but two desks cannot see each other's sales until they sync,
and a desk whose reversal never reached the hub looks, to the hub, like a desk selling a box twice.
So each upload's units are recorded, a reversal releases its original's, and a unit arriving while
an earlier sale of it stands is a conflict, recorded with both sales (like an overrun: the hub
decides nothing, it makes the double sale visible to the agency and to the desks involved).
"""
from __future__ import annotations

from desk.sync.hub_db import Tx
from desk.sync.protocol import Incoming


def record_units(tx: Tx, fresh: list[Incoming], now: str) -> int:
    """Record the batch's units in upload order (a reversal releases before a later sale takes the box
    again); returns the number of conflicts found."""
    conflicts = 0
    for s in fresh:
        if s.kind == "reversal":
            tx.run("UPDATE hub_trace_units SET released_by = ? WHERE settlement_id = ? AND released_by IS NULL",
                   (s.id, s.reverses))
            continue
        if not s.trace_units:
            continue
        for code, unit in s.trace_units:
            for first, first_desk, first_receipt in tx.all(
                    "SELECT t.settlement_id, t.desk_uuid, h.receipt_no FROM hub_trace_units t"
                    " JOIN hub_settlements h ON h.id = t.settlement_id"
                    " WHERE t.code = ? AND t.unit = ? AND t.released_by IS NULL AND t.settlement_id <> ?",
                    (code, unit, s.id)):
                tx.run("INSERT INTO hub_trace_conflicts (code, unit, first_settlement, first_desk, first_receipt,"
                       " settlement_id, desk_uuid, receipt_no, member_id, day, detected_at)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?)", (code, unit, first, first_desk, first_receipt, s.id,
                                                          s.desk_uuid, s.receipt_no, s.member_id, s.day, now))
                conflicts += 1
        tx.many("INSERT INTO hub_trace_units (settlement_id, desk_uuid, code, unit) VALUES (?,?,?,?)",
                [(s.id, s.desk_uuid, code, unit) for code, unit in s.trace_units])
    return conflicts


def conflicts(tx: Tx, desk_uuid: str | None = None) -> list[dict]:
    """Every conflict (or those a desk was part of), oldest first."""
    sql = ("SELECT id, code, unit, first_settlement, first_desk, first_receipt, settlement_id, desk_uuid,"
           " receipt_no, member_id, day, detected_at FROM hub_trace_conflicts")
    rows = (tx.all(sql + " ORDER BY id") if desk_uuid is None else
            tx.all(sql + " WHERE first_desk = ? OR desk_uuid = ? ORDER BY id", (desk_uuid, desk_uuid)))
    keys = ("id", "code", "unit", "first_settlement", "first_desk", "first_receipt", "settlement_id", "desk_uuid",
            "receipt_no", "member_id", "day", "detected_at")
    return [dict(zip(keys, r)) for r in rows]
