"""The hub's figures on the desk: usage and account baselines, and which ledger rows they count.

A member's usage on the desk is the hub's figure (usage_baseline) plus the desk's own ledger rows
the hub had not counted when it gave that figure (in_baseline = 0); the account likewise
(members.account_baseline_fen plus the account ledger rows with in_baseline = 0). The hub says
which of this desk's settlements its figure counts, so setting a baseline marks exactly those
rows (in_baseline is the one ledger column the schema lets change) and rebuilds the summary or
balance in the caller's transaction: no settlement is counted twice or left out, whether its
upload was acknowledged before or after the download, or not at all (a desk killed in between).
"""
from __future__ import annotations

import sqlite_utils


def _mark(db: sqlite_utils.Database, table: str, settlement_ids: list[str]) -> None:
    db.conn.executemany(f"UPDATE {table} SET in_baseline = 1 WHERE settlement_id = ? AND in_baseline = 0",
                        [(sid,) for sid in settlement_ids])


def set_usage(db: sqlite_utils.Database, member_id: str, year: int, deductible_met_fen: int, pool_paid_fen: int,
              counted: list[str], as_of: str) -> None:
    """The hub's usage of a member in a year, counting the desk's settlements ``counted``."""
    db.execute("INSERT INTO usage_baseline (member_id, year, deductible_met_fen, ordinary_pool_paid_fen, as_of)"
               " VALUES (?,?,?,?,?) ON CONFLICT(member_id, year) DO UPDATE SET"
               " deductible_met_fen = excluded.deductible_met_fen,"
               " ordinary_pool_paid_fen = excluded.ordinary_pool_paid_fen, as_of = excluded.as_of",
               (member_id, year, deductible_met_fen, pool_paid_fen, as_of))
    _mark(db, "usage_ledger", counted)
    db.execute(
        "INSERT INTO usage_summary (member_id, year, deductible_met_fen, ordinary_pool_paid_fen, fund_paid_total_fen)"
        " SELECT b.member_id, b.year, b.deductible_met_fen + l.ded, b.ordinary_pool_paid_fen + l.pool,"
        "  b.fund_paid_total_fen + l.pool FROM usage_baseline b, (SELECT COALESCE(SUM(deductible_fen), 0) AS ded,"
        "  COALESCE(SUM(pool_paid_fen), 0) AS pool FROM usage_ledger WHERE member_id = ? AND year = ?"
        "  AND in_baseline = 0) l WHERE b.member_id = ? AND b.year = ?"
        " ON CONFLICT(member_id, year) DO UPDATE SET deductible_met_fen = excluded.deductible_met_fen,"
        " ordinary_pool_paid_fen = excluded.ordinary_pool_paid_fen, fund_paid_total_fen = excluded.fund_paid_total_fen",
        (member_id, year, member_id, year))


def set_account(db: sqlite_utils.Database, member_id: str, balance_fen: int, counted: list[str]) -> int:
    """The hub's balance of a member's personal account, counting the desk's settlements ``counted``;
    returns the balance the desk now shows.

    The desk never shows a negative balance: when the hub's figure plus the desk's uncounted
    movements is below zero (two desks spent the same money: the hub records the overrun), the
    baseline is raised so the balance is zero and the account pays nothing more. (The baseline
    itself is never negative either, so a hub figure below zero counts as zero.)
    """
    _mark(db, "account_ledger", counted)
    pending = db.execute("SELECT COALESCE(SUM(delta_fen), 0) FROM account_ledger WHERE member_id = ?"
                         " AND in_baseline = 0", (member_id,)).fetchone()[0]
    baseline = max(balance_fen, -pending, 0)
    return db.execute("UPDATE members SET account_baseline_fen = ?, account_balance_fen = ? WHERE member_id = ?"
                      " RETURNING account_balance_fen", (baseline, baseline + pending, member_id)).fetchone()[0]


def set_benefit_usage(db: sqlite_utils.Database, member_id: str, year: int, kind: str, key: str, amount_fen: int,
                      counted: list[str], as_of: str) -> None:
    """The hub's figure of a benefit beside ordinary (pool pay by disease or own scheme, inpatient-cap pay,
    the 门诊特殊疾病 deductible met) of a member in a year, counting the desk's settlements ``counted``: as
    ``set_usage`` for the ordinary figures, but only this figure's ledger rows are marked, since each
    figure comes with its own change."""
    db.execute("INSERT INTO benefit_usage_baseline (member_id, year, kind, key, amount_fen, as_of) VALUES (?,?,?,?,?,?)"
               " ON CONFLICT(member_id, year, kind, key) DO UPDATE SET amount_fen = excluded.amount_fen,"
               " as_of = excluded.as_of", (member_id, year, kind, key, amount_fen, as_of))
    db.conn.executemany("UPDATE benefit_usage_ledger SET in_baseline = 1 WHERE settlement_id = ? AND kind = ?"
                        " AND key = ? AND in_baseline = 0", [(sid, kind, key) for sid in counted])
    db.execute("INSERT INTO benefit_usage_summary (member_id, year, kind, key, amount_fen) SELECT ?, ?, ?, ?, ?"
               " + COALESCE((SELECT SUM(amount_fen) FROM benefit_usage_ledger WHERE member_id = ? AND year = ?"
               " AND kind = ? AND key = ? AND in_baseline = 0), 0)"
               " ON CONFLICT(member_id, year, kind, key) DO UPDATE SET amount_fen = excluded.amount_fen",
               (member_id, year, kind, key, amount_fen, member_id, year, kind, key))
