"""`desk check`: recompute what the desk maintains and report every difference.

Summaries and balances are rebuilt from the baselines and the append-only ledgers; each
settlement is checked against its ledger rows, its items and its audit row; receipt numbers must run 1..N
without a gap; each reversal must mirror its original exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils


@dataclass(frozen=True)
class CheckReport:
    settlements: int
    members: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _usage(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute(
        "WITH keys AS (SELECT member_id, year FROM usage_ledger WHERE in_baseline = 0"
        "   UNION SELECT member_id, year FROM usage_baseline UNION SELECT member_id, year FROM usage_summary),"
        " want AS (SELECT k.member_id, k.year,"
        "   COALESCE(b.deductible_met_fen, 0) + COALESCE((SELECT SUM(deductible_fen) FROM usage_ledger l"
        "     WHERE l.member_id = k.member_id AND l.year = k.year AND l.in_baseline = 0), 0) AS ded,"
        "   COALESCE(b.ordinary_pool_paid_fen, 0) + COALESCE((SELECT SUM(COALESCE(ordinary_pool_fen, pool_paid_fen))"
        "     FROM usage_ledger l"
        "     WHERE l.member_id = k.member_id AND l.year = k.year AND l.in_baseline = 0), 0) AS pool"
        "   FROM keys k LEFT JOIN usage_baseline b ON b.member_id = k.member_id AND b.year = k.year)"
        " SELECT w.member_id, w.year, w.ded, w.pool, s.deductible_met_fen, s.ordinary_pool_paid_fen FROM want w"
        " LEFT JOIN usage_summary s ON s.member_id = w.member_id AND s.year = w.year"
        " WHERE s.member_id IS NULL AND (w.ded <> 0 OR w.pool <> 0)"
        "    OR s.deductible_met_fen IS NOT w.ded OR s.ordinary_pool_paid_fen IS NOT w.pool").fetchall()
    return [f"usage of {m} in {y}: summary says deductible {sd}, pool {sp} (fen); the ledger gives {d}, {p}"
            for m, y, d, p, sd, sp in rows if not (sd is None and d == 0 and p == 0)]


def _benefit_usage(db: sqlite_utils.Database) -> list[str]:
    """Pool pay by disease and scheme, inpatient-cap pay and the special deductible, rebuilt from the ledger."""
    rows = db.execute(
        "WITH keys AS (SELECT member_id, year, kind, key FROM benefit_usage_ledger WHERE in_baseline = 0"
        "   UNION SELECT member_id, year, kind, key FROM benefit_usage_summary),"
        " want AS (SELECT k.member_id, k.year, k.kind, k.key, COALESCE(b.amount_fen, 0)"
        "   + COALESCE((SELECT SUM(amount_fen) FROM benefit_usage_ledger l WHERE l.member_id = k.member_id"
        "     AND l.year = k.year AND l.kind = k.kind AND l.key = k.key AND l.in_baseline = 0), 0) AS amount"
        "   FROM keys k LEFT JOIN benefit_usage_baseline b ON b.member_id = k.member_id AND b.year = k.year"
        "   AND b.kind = k.kind AND b.key = k.key)"
        " SELECT w.member_id, w.year, w.kind, w.key, w.amount, s.amount_fen FROM want w"
        " LEFT JOIN benefit_usage_summary s ON s.member_id = w.member_id AND s.year = w.year AND s.kind = w.kind"
        " AND s.key = w.key WHERE s.amount_fen IS NOT w.amount").fetchall()
    problems = [f"{kind} usage{' ' + key if key else ''} of {m} in {y}: summary says {have} fen, the ledger gives {want}"
                for m, y, kind, key, want, have in rows]
    for receipt, pool, ordinary, others in db.execute(
            "SELECT s.receipt_no, s.pool_pay_fen, COALESCE(l.ordinary_pool_fen, l.pool_paid_fen),"
            " (SELECT COALESCE(SUM(amount_fen), 0) FROM benefit_usage_ledger b WHERE b.settlement_id = s.id"
            "  AND b.kind IN ('disease', 'scheme', 'inpatient'))"
            " FROM settlements s JOIN usage_ledger l ON l.settlement_id = s.id"):
        if ordinary + others != pool:
            problems.append(f"receipt {receipt}: ordinary pool {ordinary} and benefit pool {others} fen do not add up"
                            f" to its pool pay {pool}")
    return problems


def _accounts(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute(
        "SELECT m.member_id, m.account_balance_fen, m.account_baseline_fen + COALESCE((SELECT SUM(delta_fen)"
        " FROM account_ledger a WHERE a.member_id = m.member_id AND a.in_baseline = 0), 0) AS want"
        " FROM members m WHERE m.account_balance_fen <> want").fetchall()
    return [f"account of {m}: balance {have} fen, the ledger gives {want}" for m, have, want in rows]


def _settlements(db: sqlite_utils.Database) -> list[str]:
    problems = []
    for sid, receipt, pool, ded, total, items_total, l_pool, l_ded, acct, a_delta, payer, outbox in db.execute(
            "SELECT s.id, s.receipt_no, s.pool_pay_fen, s.deductible_fen, s.total_fen,"
            " (SELECT SUM(amount_fen) FROM settlement_items i WHERE i.settlement_id = s.id),"
            " l.pool_paid_fen, l.deductible_fen, s.account_pay_fen,"
            " (SELECT delta_fen FROM account_ledger a WHERE a.settlement_id = s.id), s.payer_id,"
            " (SELECT 1 FROM outbox o WHERE o.settlement_id = s.id)"
            " FROM settlements s LEFT JOIN usage_ledger l ON l.settlement_id = s.id"):
        if l_pool is None:
            problems.append(f"receipt {receipt}: has no usage ledger row")
        elif l_pool != pool or abs(l_ded) > abs(ded):
            problems.append(f"receipt {receipt}: the ledger row (pool {l_pool}, deductible {l_ded} fen) does not"
                            f" match the settlement (pool {pool}, deductible {ded} fen)")
        if items_total != total:
            problems.append(f"receipt {receipt}: items add up to {items_total} fen, the total is {total}")
        if acct and (a_delta is None or a_delta != -acct):
            problems.append(f"receipt {receipt}: account pay {acct} fen has no matching account ledger row")
    for receipt, original, diff in db.execute(
            "SELECT r.receipt_no, o.receipt_no, (r.total_fen + o.total_fen) | (r.pool_pay_fen + o.pool_pay_fen)"
            " | (r.account_pay_fen + o.account_pay_fen) | (r.cash_pay_fen + o.cash_pay_fen)"
            " FROM settlements r JOIN settlements o ON o.id = r.reverses WHERE r.kind = 'reversal'"):
        if diff:
            problems.append(f"receipt {receipt}: does not mirror the receipt {original} it reverses")
    return problems


def _payments(db: sqlite_utils.Database) -> list[str]:
    """Each settlement's payment parts add up to its cash part (a row edited behind the program's back shows)."""
    return [f"receipt {receipt}: payment methods add up to {paid} fen, the cash part is {cash}"
            for receipt, cash, paid in db.execute(
                "SELECT s.receipt_no, s.cash_pay_fen, COALESCE((SELECT SUM(p.amount_fen) FROM settlement_payments p"
                " WHERE p.settlement_id = s.id), 0) AS paid FROM settlements s WHERE paid <> s.cash_pay_fen"
                " ORDER BY s.receipt_no")]


def _receipts(db: sqlite_utils.Database) -> list[str]:
    problems = []
    for desk, count, low, high in db.execute(
            "SELECT desk_number, count(*), min(receipt_no), max(receipt_no) FROM settlements GROUP BY desk_number"):
        if (low, high) != (1, count):
            problems.append(f"desk {desk}: {count} receipts numbered {low}..{high}; numbers must run 1..{count}")
    counter = db.execute("SELECT receipt_counter, desk_number FROM desk WHERE id = 1").fetchone()
    if counter:
        mine = db.execute("SELECT COALESCE(max(receipt_no), 0) FROM settlements WHERE desk_number = ?",
                          (counter[1],)).fetchone()[0]
        if mine != counter[0]:
            problems.append(f"desk {counter[1]}: the receipt counter is {counter[0]} but the last receipt is {mine}")
    return problems


def _trace_codes(db: sqlite_utils.Database) -> list[str]:
    """Each drug line's recorded box units agree with its quantity; reversals released theirs, nobody else's."""
    problems = []
    for receipt, line, quantity, units, boxes, split, reason in db.execute(
            "SELECT s.receipt_no, d.line, i.quantity, count(t.unit), count(DISTINCT t.code), d.split, d.no_code_reason"
            " FROM settlement_drug_lines d JOIN settlements s ON s.id = d.settlement_id"
            " JOIN settlement_items i ON i.settlement_id = d.settlement_id AND i.line = d.line"
            " LEFT JOIN trace_units t ON t.settlement_id = d.settlement_id AND t.line = d.line"
            " GROUP BY d.settlement_id, d.line"):
        if reason and units:
            problems.append(f"receipt {receipt} line {line}: marked 无码 but {units} box units are recorded")
        elif units and (Decimal(quantity) != (units if split else boxes) or not split and units != boxes):
            problems.append(f"receipt {receipt} line {line}: {units} units of {boxes} boxes recorded for a quantity"
                            f" of {quantity}")
    for receipt, line, code in db.execute(
            "SELECT s.receipt_no, t.line, t.code FROM trace_units t JOIN settlements s ON s.id = t.settlement_id"
            " WHERE NOT EXISTS (SELECT 1 FROM settlement_drug_lines d WHERE d.settlement_id = t.settlement_id"
            " AND d.line = t.line) GROUP BY t.settlement_id, t.line, t.code"):
        problems.append(f"receipt {receipt} line {line}: traceability code {code} on a line that is not a drug line")
    for receipt, code, unit, per_box in db.execute(
            "SELECT s.receipt_no, t.code, t.unit, COALESCE(c.units_per_box, 1) FROM trace_units t"
            " JOIN settlements s ON s.id = t.settlement_id JOIN settlement_items i ON i.settlement_id = t.settlement_id"
            " AND i.line = t.line LEFT JOIN catalog_drugs c ON c.code = i.code WHERE t.unit > COALESCE(c.units_per_box, 1)"):
        problems.append(f"receipt {receipt}: traceability code {code} unit {unit}, but a box holds {per_box}")
    for receipt, code in db.execute(
            "SELECT s.receipt_no, t.code FROM trace_units t JOIN settlements s ON s.id = t.settlement_id"
            " LEFT JOIN settlements r ON r.id = t.released_by WHERE t.released_by IS NOT NULL"
            " AND (r.reverses IS NOT t.settlement_id) GROUP BY t.settlement_id, t.code"):
        problems.append(f"receipt {receipt}: traceability code {code} released by a settlement that does not reverse it")
    for receipt, code in db.execute(
            "SELECT s.receipt_no, t.code FROM trace_units t JOIN settlements s ON s.id = t.settlement_id"
            " WHERE t.released_by IS NULL AND EXISTS (SELECT 1 FROM settlements r WHERE r.reverses = s.id)"
            " GROUP BY t.settlement_id, t.code"):
        problems.append(f"receipt {receipt}: is reversed, but traceability code {code} was not released")
    return problems


AUDITED = ("total", "pool_pay", "account_pay", "cash_pay")


def _same(want: object, have: object, amount: bool) -> bool:
    if amount:
        try:
            return Decimal(str(have)) == Decimal(str(want))
        except ArithmeticError:
            return False
    return str(want) == str(have)


def _audit_rows(db: sqlite_utils.Database) -> list[str]:
    """Each settlement against the audit row written in its transaction: ids, receipt, member, cashier and
    figures. An edit of a settlement (or of its ledgers to match) that left the audit log alone shows here;
    one that rewrote the audit log too is the anchors' to find (`desk audit verify --hub`)."""
    import json

    from desk.money import from_fen

    db.execute("DROP TABLE IF EXISTS temp.check_audit")
    db.execute("CREATE TEMP TABLE check_audit AS SELECT seq, subject, actor, action, detail FROM audit"
               " WHERE action IN ('settle', 'reverse')")
    db.execute("CREATE INDEX temp.check_audit_subject ON check_audit(subject)")
    problems = []
    try:
        for (receipt, sid, kind, member, cashier, reverses, total, pool, account, cash, seq, actor, action,
             detail) in db.execute(
                "SELECT s.receipt_no, s.id, s.kind, s.member_id, s.cashier, s.reverses, s.total_fen, s.pool_pay_fen,"
                " s.account_pay_fen, s.cash_pay_fen, a.seq, a.actor, a.action, a.detail FROM settlements s"
                " LEFT JOIN temp.check_audit a ON a.subject = s.id ORDER BY s.seq"):
            if seq is None:
                problems.append(f"receipt {receipt}: has no audit row")
                continue
            try:
                d = json.loads(detail)
            except ValueError:
                d = {}
            # A reversal is booked to the till's cashier; the audit row's actor is the approving supervisor.
            want = {"action": "settle" if kind == "settlement" else "reverse", "cashier": cashier, "receipt": receipt}
            have = {"action": action, "cashier": d.get("cashier", actor) if kind == "reversal" else actor,
                    "receipt": d.get("receipt")}
            if kind == "settlement":
                want["member"], have["member"] = member, d.get("member")
                for name, fen_value in zip(AUDITED, (total, pool, account, cash)):
                    want[name], have[name] = str(from_fen(fen_value)), d.get(name)
            else:
                want["reverses"], have["reverses"] = reverses, d.get("reverses")
            wrong = [k for k in want if not _same(want[k], have[k], k in AUDITED)]
            if wrong:
                problems.append(f"receipt {receipt}: differs from its audit row {seq} in "
                                + ", ".join(f"{k} ({want[k]} here, {have[k]} in the audit log)" for k in wrong))
        for seq, subject in db.execute("SELECT a.seq, a.subject FROM temp.check_audit a"
                                       " WHERE NOT EXISTS (SELECT 1 FROM settlements s WHERE s.id = a.subject)"):
            problems.append(f"audit row {seq}: records settlement {subject}, which is not in the database")
    finally:
        db.execute("DROP TABLE IF EXISTS temp.check_audit")
    return problems


def check(db: sqlite_utils.Database) -> CheckReport:
    problems = (_usage(db) + _benefit_usage(db) + _accounts(db) + _settlements(db) + _payments(db) + _receipts(db) + _trace_codes(db)
                + _audit_rows(db))
    counts = db.execute("SELECT (SELECT count(*) FROM settlements), (SELECT count(*) FROM members)").fetchone()
    return CheckReport(counts[0], counts[1], tuple(problems))
