"""Annual usage: the hub's last baseline plus this desk's ledger rows, with a maintained summary.

The engine reads the summary (one indexed row) so the counter stays instant; `check` rebuilds
every summary and balance from the baseline and the ledgers and reports any difference.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.engine import Usage
from desk.money import ZERO, from_fen, to_fen


def usage_for(db: sqlite_utils.Database, member_id: str, year: int, day: dt.date, institution: str) -> Usage:
    """The member's usage this year before a new bill, as the engine expects it."""
    row = db.execute("SELECT deductible_met_fen, ordinary_pool_paid_fen, fund_paid_total_fen FROM usage_summary"
                     " WHERE member_id = ? AND year = ?", (member_id, year)).fetchone()
    if row is None:
        row = db.execute("SELECT deductible_met_fen, ordinary_pool_paid_fen, fund_paid_total_fen FROM usage_baseline"
                         " WHERE member_id = ? AND year = ?", (member_id, year)).fetchone() or (0, 0, None)
    today = db.execute("SELECT COALESCE(SUM(same_day_fen), 0) FROM usage_ledger WHERE member_id = ? AND day = ?"
                       " AND institution_code = ?", (member_id, day.isoformat(), institution)).fetchone()[0]
    disease, scheme, inpatient, special = _benefit_usage(db, member_id, year)
    return Usage(from_fen(row[0]), from_fen(row[1]), from_fen(today), None if row[2] is None else from_fen(row[2]),
                 disease_pool_paid=disease, special_deductible_met=special, inpatient_pool_paid=inpatient,
                 scheme_pool_paid=scheme)


def _benefit_usage(db: sqlite_utils.Database, member_id: str, year: int):
    """Pool pay by disease and by own scheme, inpatient-cap pay and the 门诊特殊疾病 deductible met this year:
    the summary where the desk has settled such bills, else the hub's baseline. Inpatient pay is unknown
    (None, and a bill sharing the inpatient cap is refused) until the hub or this desk has counted some."""
    rows = db.execute("SELECT kind, key, amount_fen FROM benefit_usage_summary WHERE member_id = ? AND year = ?"
                      " UNION ALL SELECT kind, key, amount_fen FROM benefit_usage_baseline b WHERE member_id = ?"
                      " AND year = ? AND NOT EXISTS (SELECT 1 FROM benefit_usage_summary s WHERE s.member_id ="
                      " b.member_id AND s.year = b.year AND s.kind = b.kind AND s.key = b.key)",
                      (member_id, year, member_id, year)).fetchall()
    disease: dict[str, Decimal] = {}
    scheme: dict[str, Decimal] = {}
    inpatient, special = None, Decimal("0.00")
    for kind, key, amount in rows:
        if kind == "disease":
            disease[key] = from_fen(amount)
        elif kind == "scheme":
            scheme[key] = from_fen(amount)
        elif kind == "inpatient":
            inpatient = from_fen(amount)
        elif kind == "special_deductible":
            special = from_fen(amount)
    return disease, scheme, inpatient, special


def benefit_moves(before: Usage, after: Usage) -> list[tuple[str, str, int]]:
    """What a settlement moved beside the ordinary figures, as (kind, key, fen) ledger rows."""
    moves = [("disease", code, to_fen(after.disease_pool_paid.get(code, ZERO) - before.disease_pool_paid.get(code, ZERO)))
             for code in after.disease_pool_paid]
    moves += [("scheme", name, to_fen(after.scheme_pool_paid.get(name, ZERO) - before.scheme_pool_paid.get(name, ZERO)))
              for name in after.scheme_pool_paid]
    if after.inpatient_pool_paid is not None:
        moves.append(("inpatient", "", to_fen(after.inpatient_pool_paid - (before.inpatient_pool_paid or ZERO))))
    moves.append(("special_deductible", "", to_fen(after.special_deductible_met - before.special_deductible_met)))
    return [m for m in moves if m[2]]


def record_benefits(db: sqlite_utils.Database, settlement_id: str, member_id: str, year: int,
                    moves: list[tuple[str, str, int]]) -> None:
    """Append the benefit ledger rows of a settlement and add them to the summary (same transaction)."""
    for kind, key, amount in moves:
        db.execute("INSERT INTO benefit_usage_ledger (settlement_id, member_id, year, kind, key, amount_fen)"
                   " VALUES (?,?,?,?,?,?)", (settlement_id, member_id, year, kind, key, amount))
        db.execute("INSERT OR IGNORE INTO benefit_usage_summary (member_id, year, kind, key, amount_fen)"
                   " SELECT ?, ?, ?, ?, COALESCE((SELECT amount_fen FROM benefit_usage_baseline WHERE member_id = ?"
                   " AND year = ? AND kind = ? AND key = ?), 0)", (member_id, year, kind, key, member_id, year, kind, key))
        db.execute("UPDATE benefit_usage_summary SET amount_fen = amount_fen + ? WHERE member_id = ? AND year = ?"
                   " AND kind = ? AND key = ?", (amount, member_id, year, kind, key))


def benefit_ledger_of(db: sqlite_utils.Database, settlement_id: str) -> list[tuple[str, str, int]]:
    return db.execute("SELECT kind, key, amount_fen FROM benefit_usage_ledger WHERE settlement_id = ? ORDER BY seq",
                      (settlement_id,)).fetchall()


def record(db: sqlite_utils.Database, settlement_id: str, member_id: str, year: int, day: str, institution: str,
           deductible_fen: int, same_day_fen: int, pool_fen: int, ordinary_pool_fen: int | None = None) -> None:
    """Append a ledger row and add it to the summary; call inside the settlement's transaction.

    ``pool_fen`` is everything the fund paid (it counts toward ``fund_paid_total``); ``ordinary_pool_fen``
    the part under the ordinary benefit's cap, when it differs (a chronic bill, an own-scheme line)."""
    ordinary = pool_fen if ordinary_pool_fen is None else ordinary_pool_fen
    db.execute("INSERT INTO usage_ledger (settlement_id, member_id, year, day, institution_code, deductible_fen,"
               " same_day_fen, pool_paid_fen, ordinary_pool_fen) VALUES (?,?,?,?,?,?,?,?,?)",
               (settlement_id, member_id, year, day, institution, deductible_fen, same_day_fen, pool_fen, ordinary))
    db.execute("INSERT OR IGNORE INTO usage_summary (member_id, year, deductible_met_fen, ordinary_pool_paid_fen,"
               " fund_paid_total_fen) SELECT ?, ?, COALESCE(b.deductible_met_fen, 0), COALESCE(b.ordinary_pool_paid_fen, 0),"
               " b.fund_paid_total_fen FROM (SELECT 1) LEFT JOIN usage_baseline b ON b.member_id = ? AND b.year = ?",
               (member_id, year, member_id, year))
    db.execute("UPDATE usage_summary SET deductible_met_fen = deductible_met_fen + ?,"
               " ordinary_pool_paid_fen = ordinary_pool_paid_fen + ?,"
               " fund_paid_total_fen = fund_paid_total_fen + ? WHERE member_id = ? AND year = ?",
               (deductible_fen, ordinary, pool_fen, member_id, year))


def move_account(db: sqlite_utils.Database, settlement_id: str, member_id: str, delta_fen: int) -> int:
    """Debit (negative) or credit a personal account; returns the balance after."""
    db.execute("INSERT INTO account_ledger (settlement_id, member_id, delta_fen) VALUES (?,?,?)",
               (settlement_id, member_id, delta_fen))
    return db.execute("UPDATE members SET account_balance_fen = account_balance_fen + ? WHERE member_id = ?"
                      " RETURNING account_balance_fen", (delta_fen, member_id)).fetchone()[0]


@dataclass(frozen=True)
class YearUsage:
    year: int
    deductible_met: Decimal
    ordinary_pool_paid: Decimal
    fund_paid_total: Decimal | None
    settlements: int
    baseline_as_of: str | None


def member_years(db: sqlite_utils.Database, member_id: str) -> list[YearUsage]:
    """Every year the desk knows of for a member, newest first (for `desk usage` and the member card)."""
    out = []
    for year, ded, pool, fund in db.execute(
            "SELECT year, deductible_met_fen, ordinary_pool_paid_fen, fund_paid_total_fen FROM usage_summary"
            " WHERE member_id = ? UNION SELECT year, deductible_met_fen, ordinary_pool_paid_fen, fund_paid_total_fen"
            " FROM usage_baseline b WHERE member_id = ? AND NOT EXISTS (SELECT 1 FROM usage_summary s WHERE"
            " s.member_id = b.member_id AND s.year = b.year) ORDER BY year DESC", (member_id, member_id)):
        count = db.execute("SELECT count(*) FROM usage_ledger WHERE member_id = ? AND year = ?",
                           (member_id, year)).fetchone()[0]
        as_of = db.execute("SELECT as_of FROM usage_baseline WHERE member_id = ? AND year = ?",
                           (member_id, year)).fetchone()
        out.append(YearUsage(year, from_fen(ded), from_fen(pool), None if fund is None else from_fen(fund), count,
                            as_of[0] if as_of else None))
    return out


@dataclass(frozen=True)
class Standing:
    """Where a member stands this year, for the member card: what is met, paid and left."""

    year: int
    basis: str  # per_visit | annual
    deductible_standard: Decimal | None
    deductible_met: Decimal
    same_day_met: Decimal
    cap: Decimal | None
    pool_paid: Decimal
    baseline_as_of: str | None

    @property
    def cap_left(self) -> Decimal | None:
        return None if self.cap is None else max(Decimal("0.00"), self.cap - self.pool_paid)

    @property
    def deductible_left(self) -> Decimal | None:
        if self.deductible_standard is None:
            return None
        met = self.deductible_met if self.basis == "annual" else self.same_day_met
        return max(Decimal("0.00"), self.deductible_standard - met)


def standing(db: sqlite_utils.Database, rules, member, level: int, day: dt.date, institution: str) -> Standing:
    """The member's standing under ``rules`` (a pack resolved to ``day``) at an institution of ``level``."""
    usage = usage_for(db, member.member_id, day.year, day, institution)
    context = {"category": member.category, "scheme": member.scheme, "level": str(level)}
    cap = rules.get("ordinary.annual_cap", context) if rules.has("ordinary.annual_cap") else None
    standard = rules.get("ordinary.deductible", context) if rules.has("ordinary.deductible") else None
    as_of = db.execute("SELECT as_of FROM usage_baseline WHERE member_id = ? AND year = ?",
                       (member.member_id, day.year)).fetchone()
    return Standing(day.year, rules.get_or("ordinary.deductible_basis", "annual"), standard, usage.deductible_met,
                    usage.same_day_deductible_met, cap, usage.ordinary_pool_paid, as_of[0] if as_of else None)


DEFAULT_STALE_AFTER = dt.timedelta(hours=1)  # sync_config.stale_after's default (db/004_sync.sql)


@dataclass(frozen=True)
class Freshness:
    """How current the desk's usage figures are: as of its last complete download from the hub.

    One threshold (the desk's ``stale_after``, set by ``desk sync setup --stale-after`` or the
    administration page) and one clock (the caller's ``now``) decide it, for the status bar and
    the member card alike. Never downloaded: only this desk's own settlements are counted.
    """

    synced: bool
    age: dt.timedelta | None  # since the last complete download; None when there has been none
    stale_after: dt.timedelta

    @property
    def stale(self) -> bool:
        return self.age is None or self.age > self.stale_after

    @property
    def hours(self) -> int | None:
        return None if self.age is None else int(self.age.total_seconds() // 3600)


def freshness(db: sqlite_utils.Database, now: dt.datetime) -> Freshness:
    """The desk's usage freshness at ``now`` (an aware datetime: the caller's clock)."""
    config = db.execute("SELECT stale_after FROM sync_config WHERE id = 1").fetchone()
    state = db.execute("SELECT last_download_at FROM sync_state WHERE id = 1").fetchone()
    download = state[0] if state else None
    age = now - dt.datetime.fromisoformat(download) if download else None
    return Freshness(download is not None, age,
                     dt.timedelta(seconds=config[0]) if config else DEFAULT_STALE_AFTER)
