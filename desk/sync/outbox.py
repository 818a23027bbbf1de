"""The desk's outbox: settlements still to upload, as the protocol's JSON, and their acknowledgement.

Rows go in settlement order (an original before its reversal). A row leaves the outbox only when
the hub has answered for it (accepted, or duplicate: it has it already); a refused row stays, with
the hub's reason, and is offered again at each sync until an administrator deals with it.
"""
from __future__ import annotations

import json

import sqlite_utils

from desk.domain import SYNC_FIGURES
from desk.store.database import write_transaction
from desk.sync.protocol import ACCEPTED, DUPLICATE, money

_SELECT = ("SELECT s.seq, s.id, d.desk_uuid, s.institution_code, s.desk_number, s.receipt_no, s.kind, s.reverses,"
           " s.member_id, s.payer_id, s.cashier, s.at, s.day, s.year, s.policy_version, s.ratio, s.reason, s.demo,"
           " s.answer, s.inputs, s.pack_digest, " + ", ".join(f"s.{f}_fen" for f in SYNC_FIGURES) + ","
           " l.deductible_fen, l.same_day_fen, COALESCE(l.ordinary_pool_fen, l.pool_paid_fen), a.member_id, a.delta_fen"
           " FROM outbox o JOIN settlements s ON s.id = o.settlement_id JOIN desk d ON d.id = 1"
           " LEFT JOIN usage_ledger l ON l.settlement_id = s.id LEFT JOIN account_ledger a ON a.settlement_id = s.id")


def size(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM outbox").fetchone()[0]


def next_batch(db: sqlite_utils.Database, after_seq: int, limit: int) -> tuple[int, list[dict], dict]:
    """Up to ``limit`` outbox settlements after local sequence ``after_seq``: (last seq, settlements,
    the category and scheme of their members, which the hub needs to know a member's cap)."""
    rows = db.execute(f"{_SELECT} WHERE s.seq > ? ORDER BY s.seq LIMIT ?", (after_seq, limit)).fetchall()
    if not rows:
        return after_seq, [], {}
    ids = [r[1] for r in rows]
    marks = ",".join("?" * len(ids))
    items: dict[str, list[dict]] = {sid: [] for sid in ids}
    for sid, line, code, name, cls, ratio, fee, quantity, price, amount in db.execute(
            "SELECT settlement_id, line, code, name, class, selfpay_ratio, fee_category, quantity, unit_price_fen,"
            f" amount_fen FROM settlement_items WHERE settlement_id IN ({marks}) ORDER BY settlement_id, line", ids):
        items[sid].append({"line": line, "code": code, "name": name, "class": cls, "selfpay_ratio": ratio,
                           "fee_category": fee, "quantity": quantity, "unit_price": money(price),
                           "amount": money(amount)})
    settlements = [_payload(row, items[row[1]]) for row in rows]
    _add_pharmacy(db, settlements, ids)
    member_ids = sorted({s["member_id"] for s in settlements})
    members = {m: {"category": c, "scheme": s} for m, c, s in db.execute(
        f"SELECT member_id, category, scheme FROM members WHERE member_id IN ({','.join('?' * len(member_ids))})",
        member_ids)}
    return rows[-1][0], settlements, members


def _payload(row: tuple, items: list[dict]) -> dict:
    (_, sid, desk_uuid, institution, desk_number, receipt, kind, reverses, member, payer, cashier, at, day, year,
     policy_version, ratio, reason, demo, answer, inputs, pack_digest) = row[:21]
    figures = dict(zip(SYNC_FIGURES, row[21:21 + len(SYNC_FIGURES)]))
    deductible, same_day, pool, holder, delta = row[21 + len(SYNC_FIGURES):]
    return {
        "id": sid, "desk_uuid": desk_uuid, "institution_code": institution, "desk_number": desk_number,
        "receipt_no": receipt, "kind": kind, "reverses": reverses, "member_id": member, "payer_id": payer,
        "cashier": cashier, "at": at, "day": day, "year": year, "policy_version": policy_version, "ratio": ratio,
        "reason": reason, "demo": bool(demo), "answer": json.loads(answer), "inputs": json.loads(inputs), "pack_digest": pack_digest,
        **{name: money(value) for name, value in figures.items()}, "items": items,
        "usage": {"deductible": money(deductible or 0), "same_day": money(same_day or 0),
                  "pool_paid": money(pool or 0)},
        "account": None if holder is None else {"member_id": holder, "delta": money(delta)},
    }


def _add_pharmacy(db: sqlite_utils.Database, settlements: list[dict], ids: list[str]) -> None:
    """Each settlement's drug lines (batch, expiry, 拆零, 无码, traceability codes with the units taken)
    and its external prescription go up with it; keys only where there is something to send."""
    marks = ",".join("?" * len(ids))
    drugs: dict[str, dict[int, dict]] = {}
    for sid, line, batch, expiry, split, rx, reason in db.execute(
            "SELECT settlement_id, line, batch, expiry, split, rx_flag, no_code_reason FROM settlement_drug_lines"
            f" WHERE settlement_id IN ({marks}) ORDER BY settlement_id, line", ids):
        drugs.setdefault(sid, {})[line] = {"line": line, "batch": batch, "expiry": expiry, "split": bool(split),
                                          "rx_flag": bool(rx), "no_code_reason": reason, "codes": []}
    for sid, line, code, unit in db.execute(
            f"SELECT settlement_id, line, code, unit FROM trace_units WHERE settlement_id IN ({marks})"
            " ORDER BY settlement_id, line, rowid", ids):
        codes = drugs[sid][line]["codes"]
        if not codes or codes[-1]["code"] != code:
            codes.append({"code": code, "units": []})
        codes[-1]["units"].append(unit)
    prescriptions = {r[0]: dict(zip(("number", "institution_code", "institution_name", "institution_level", "doctor",
                                     "diagnosis_code", "diagnosis_name", "written_on", "valid_days"), r[1:]))
                     for r in db.execute("SELECT settlement_id, number, institution_code, institution_name,"
                                         " institution_level, doctor, diagnosis_code, diagnosis_name, written_on,"
                                         f" valid_days FROM prescriptions WHERE settlement_id IN ({marks})", ids)}
    for s in settlements:
        if s["id"] in drugs:
            s["drugs"] = list(drugs[s["id"]].values())
        if s["id"] in prescriptions:
            s["prescription"] = prescriptions[s["id"]]


def acknowledge(db: sqlite_utils.Database, results: list[dict], now: str) -> tuple[int, int, list[tuple[str, str]]]:
    """Record the hub's answers in one transaction: (accepted, duplicates, refused (id, reason))."""
    done = [r["id"] for r in results if r.get("status") in (ACCEPTED, DUPLICATE)]
    refused = [(str(r.get("id")), str(r.get("reason", ""))) for r in results
               if r.get("status") not in (ACCEPTED, DUPLICATE)]
    with write_transaction(db):
        db.execute("UPDATE sync_state SET last_upload_at = ?, last_error = '' WHERE id = 1", (now,))
        db.conn.executemany("DELETE FROM outbox WHERE settlement_id = ?", [(sid,) for sid in done])
        db.conn.executemany("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE settlement_id = ?",
                            [(f"refused by the hub: {reason}", sid) for sid, reason in refused])
    accepted = sum(1 for r in results if r.get("status") == ACCEPTED)
    return accepted, len(done) - accepted, refused
