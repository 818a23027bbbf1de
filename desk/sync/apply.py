"""Applying one page of the hub's changes to the desk database, in one transaction with the cursor.

Only changes past the cursor the database holds are applied, and the cursor moves with them, so
a page that arrives late (two syncs at once, a response retried) never puts back an older figure.
Roster rows go through the roster import's upsert and catalog rows through the catalog import's,
each checked by the same parser as a file; a row that fails is reported and skipped, not fatal.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from desk.money import InputError
from desk.store import audit, baseline
from desk.store.catalog import UPSERT as CATALOG_UPSERT
from desk.store.catalog import parse_item
from desk.store.catalog_drugs import DRUG_COLUMNS, parse_drug, write_drugs
from desk.store.database import write_transaction
from desk.store.identity import get_desk
from desk.store.roster import parse_member, upsert_members
from desk.store.tabular import ImportRefused, Row
from desk.sync.protocol import amount_fen

ROSTER_FIELDS = ("member_id", "name", "id_number", "card_number", "ecard_code", "category", "birth_date", "scheme",
                 "family_doctor_institution", "family")
CATALOG_FIELDS = ("code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price", "fee_category", "scheme",
                  "account_excluded")


@dataclass
class Applied:
    members: int = 0
    accounts: int = 0
    usage: int = 0
    benefit_usage: int = 0
    catalog: int = 0
    overruns: list[dict] = field(default_factory=list)
    trace_conflicts: list[dict] = field(default_factory=list)  # boxes sold twice, new to this desk
    problems: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return (self.members + self.accounts + self.usage + self.benefit_usage + self.catalog + len(self.overruns)
                + len(self.trace_conflicts))


def _known(db: sqlite_utils.Database, member_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(member_ids), 900):
        chunk = member_ids[start:start + 900]
        found.update(r[0] for r in db.execute(
            f"SELECT member_id FROM members WHERE member_id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def apply_page(db: sqlite_utils.Database, page: dict, now: dt.datetime) -> Applied:
    """Apply a page from GET /v1/changes; returns what changed (overruns new to this desk included)."""
    applied, stamp = Applied(), now.isoformat()
    with write_transaction(db):
        cursor = db.execute("UPDATE sync_state SET last_attempt_at = ? WHERE id = 1 RETURNING cursor",
                            (stamp,)).fetchone()[0]  # a write first: the transaction holds the lock from here
        fresh = {key: [r for r in page.get(key, []) if r["seq"] > cursor]
                 for key in ("members", "usage", "benefit_usage", "catalog", "overruns", "trace_conflicts")}
        _roster(db, fresh["members"], now, applied)
        known = _known(db, sorted({r["member_id"] for r in fresh["members"]} | {r["member_id"] for r in fresh["usage"]}
                                  | {r["member_id"] for r in fresh["benefit_usage"]}))
        for r in fresh["members"]:
            if r["member_id"] in known:
                baseline.set_account(db, r["member_id"], amount_fen(r["account_balance"], "account_balance"),
                                     r["account_counted"])
                applied.accounts += 1
        _catalog(db, fresh["catalog"], stamp, applied)
        for r in fresh["usage"]:
            if r["member_id"] in known:
                baseline.set_usage(db, r["member_id"], r["year"], amount_fen(r["deductible_met"], "deductible_met"),
                                   amount_fen(r["ordinary_pool_paid"], "ordinary_pool_paid"), r["counted"], r["as_of"])
                applied.usage += 1
        for r in fresh["benefit_usage"]:
            # a figure the hub does not know (inpatient pay with no hospital figures loaded) stays unknown here
            if r["member_id"] in known and r["amount"] is not None:
                baseline.set_benefit_usage(db, r["member_id"], r["year"], r["kind"], r["key"],
                                           amount_fen(r["amount"], "amount"), r["counted"], r["as_of"])
                applied.benefit_usage += 1
        for o in fresh["overruns"]:
            inserted = db.execute(
                "INSERT OR IGNORE INTO overruns (hub_id, kind, member_id, year, day, settlement_id, limit_fen,"
                " total_after_fen, amount_fen, settlements, detected_at, received_at, key, key_name)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING hub_id",
                (o["id"], o["kind"], o["member_id"], o["year"], o["day"], o["settlement_id"],
                 amount_fen(o["limit"], "limit"), amount_fen(o["total_after"], "total_after"),
                 amount_fen(o["amount"], "amount"), _json_list(o["settlements"]), o["detected_at"], stamp,
                 str(o.get("key") or ""), str(o.get("key_name") or ""))).fetchone()
            if inserted:
                applied.overruns.append(o)
        _trace_conflicts(db, fresh["trace_conflicts"], stamp, applied)
        db.execute("UPDATE sync_state SET cursor = max(cursor, ?), last_download_at = CASE WHEN ? THEN ?"
                   " ELSE last_download_at END WHERE id = 1", (page["next"], not page["more"], stamp))
        if applied.changes:
            audit.append(db, stamp, "sync", "sync.download", str(page["next"]),
                         {"members": applied.members, "accounts": applied.accounts, "usage": applied.usage,
                          "benefit_usage": applied.benefit_usage,
                          "catalog": applied.catalog, "overruns": len(applied.overruns),
                          "trace_conflicts": len(applied.trace_conflicts)})
    return applied


def _trace_conflicts(db: sqlite_utils.Database, rows: list[dict], stamp: str, applied: Applied) -> None:
    """Keep the boxes the hub saw sold twice that this desk sold (the earlier sale or the later one):
    the hub decides them and signs its answer; a conflict naming neither sale as this desk's is not
    this desk's to keep, and is left out as a problem."""
    me = get_desk(db).desk_uuid
    for c in rows:
        if me not in (c.get("first_desk"), c.get("desk_uuid")):
            applied.problems.append(f"trace conflict {c.get('id')} from the hub: names neither sale as this desk's")
            continue
        code = c.get("code")
        if not (isinstance(code, str) and len(code) == 20 and code.isdigit()):
            applied.problems.append(f"trace conflict {c.get('id')} from the hub: code: {code!r} is not 20 digits")
            continue
        inserted = db.execute(
            "INSERT OR IGNORE INTO trace_conflicts (hub_id, code, unit, first_settlement, first_desk, first_receipt,"
            " settlement_id, desk_uuid, receipt_no, member_id, day, detected_at, received_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING hub_id",
            (int(c["id"]), code, int(c["unit"]), str(c["first_settlement"]), str(c["first_desk"]),
             int(c["first_receipt"]), str(c["settlement_id"]), str(c["desk_uuid"]), int(c["receipt_no"]),
             str(c["member_id"]), str(c["day"]), str(c["detected_at"]), stamp)).fetchone()
        if inserted:
            applied.trace_conflicts.append(c)


def _json_list(values: list) -> str:
    return json.dumps([str(v) for v in values])


def _roster(db: sqlite_utils.Database, rows: list[dict], now: dt.datetime, applied: Applied) -> None:
    """Roster rows from the hub, through the roster import's parser and upsert. The account figure
    is not taken from here: set_account applies it with the settlements it counts."""
    parsed = []
    for r in rows:
        if not r.get("on_roster"):
            continue
        values = {k: _text(r.get(k)) for k in ROSTER_FIELDS}
        values.update(eligible=_text(r.get("eligible")), account_balance="0")
        try:
            parsed.append(parse_member(Row(0, values, ""), now.date()))
        except InputError as exc:
            applied.problems.append(f"member {r['member_id']} from the hub: {exc.field}: {exc.reason}")
    if parsed:
        result = upsert_members(db, parsed, now)
        applied.members += result.inserted + result.updated
        applied.problems += [f"member from the hub: {error.column}: {error.reason}" for _, error in result.rejected]


def _catalog(db: sqlite_utils.Database, rows: list[dict], stamp: str, applied: Applied) -> None:
    """Catalog rows from the hub, through the catalog import's parsers; an item the hub gives drug columns
    (barcode, traceability, 拆零 units, code prefix, 处方药) has them written to catalog_drugs, one the hub
    gives none keeps this desk's own."""
    items, drugs = [], []
    for r in rows:
        drug = r.get("drug") if isinstance(r.get("drug"), dict) else None
        values = {k: _text(r.get(k)) for k in CATALOG_FIELDS}
        values.update({k: _text(drug.get(k)) for k in DRUG_COLUMNS} if drug else {})
        row = Row(0, values, "")
        try:
            item = parse_item(row)
            parsed = parse_drug(row, item[0], item[7]) if drug else None
        except InputError as exc:
            applied.problems.append(f"catalog item {r.get('code')} from the hub: {exc.field}: {exc.reason}")
            continue
        items.append((*item, stamp))
        if parsed:
            drugs.append((row, parsed))
    if items:
        db.conn.executemany(CATALOG_UPSERT, items)
        applied.catalog += len(items)
    if drugs:
        try:
            write_drugs(db, Path("the hub's catalog"), drugs)
        except ImportRefused as exc:  # a barcode this desk gives another item: the items stand, their drug columns wait
            applied.problems += [f"catalog drug columns from the hub: {e.column}: {e.reason}" for e in exc.errors]
