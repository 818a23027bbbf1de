"""Overruns the hub reported to this desk, for the CLI, the counter program and the reports.

An overrun is money the agency may refuse to reimburse: a member's pooled fund paid beyond the
annual cap (or a certified disease's cap, or the inpatient cap the outpatient benefits share), or a
personal account spent below zero, by two desks that could not see each other.
Reports ask for the overruns of a day or of a month (the day of the settlement that went beyond).
Beside them, the boxes the hub saw sold twice (traceability codes), listed and reported the same way.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.money import from_fen

KINDS = {"annual_cap": "超年度限额 annual cap", "account": "个人账户透支 account below zero",
         "disease_cap": "超病种限额 disease cap", "inpatient_cap": "超住院合并限额 shared inpatient cap",
         "scheme_cap": "超自有政策限额 own-scheme cap"}


@dataclass(frozen=True)
class OverrunRecord:
    hub_id: int
    kind: str
    member_id: str
    year: int
    day: str
    settlement_id: str
    limit: Decimal
    total_after: Decimal
    amount: Decimal
    settlements: tuple[str, ...]
    detected_at: str
    key: str = ""  # disease_cap, inpatient_cap: the disease (or benefit) of the settlement that went beyond
    key_name: str = ""

    @property
    def label(self) -> str:
        label = KINDS.get(self.kind, self.kind)
        if self.key:
            label += f" {self.key}" + (f" {self.key_name}" if self.key_name else "")
        return label


def overruns_for(db: sqlite_utils.Database, period: str | None = None) -> list[OverrunRecord]:
    """Overruns whose settlement was made on ``period`` (YYYY-MM-DD) or in it (YYYY-MM); all when None."""
    if period is not None and len(period) not in (7, 10):
        raise ValueError(f"period: {period!r} is not YYYY-MM-DD or YYYY-MM")
    rows = db.execute(
        "SELECT hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen,"
        " settlements, detected_at, key, key_name FROM overruns WHERE ? IS NULL OR day = ? OR substr(day, 1, 7) = ?"
        " ORDER BY day, hub_id", (period, period, period)).fetchall()
    return [OverrunRecord(r[0], r[1], r[2], r[3], r[4], r[5], from_fen(r[6]), from_fen(r[7]), from_fen(r[8]),
                          tuple(json.loads(r[9])), r[10], r[11], r[12]) for r in rows]


@dataclass(frozen=True)
class TraceConflictRecord:
    """A box the hub saw sold twice (issue 13): a unit of a traceability code sold at ``first_desk``
    (receipt ``first_receipt``) and sold again, while that sale stood, at ``desk_uuid`` (receipt
    ``receipt_no``, on ``day``): the classic sign of resold drugs; the agency may refuse the later
    sale's fund payment."""
    hub_id: int
    code: str
    unit: int
    first_settlement: str
    first_desk: str
    first_receipt: int
    settlement_id: str
    desk_uuid: str
    receipt_no: int
    member_id: str
    day: str
    detected_at: str

    label = "追溯码重复销售 code sold twice"


def trace_conflicts_for(db: sqlite_utils.Database, period: str | None = None) -> list[TraceConflictRecord]:
    """Boxes sold twice whose later sale was made on ``period`` (YYYY-MM-DD) or in it (YYYY-MM); all when None."""
    if period is not None and len(period) not in (7, 10):
        raise ValueError(f"period: {period!r} is not YYYY-MM-DD or YYYY-MM")
    rows = db.execute(
        "SELECT hub_id, code, unit, first_settlement, first_desk, first_receipt, settlement_id, desk_uuid, receipt_no,"
        " member_id, day, detected_at FROM trace_conflicts WHERE ? IS NULL OR day = ? OR substr(day, 1, 7) = ?"
        " ORDER BY day, hub_id", (period, period, period)).fetchall()
    return [TraceConflictRecord(*r) for r in rows]
