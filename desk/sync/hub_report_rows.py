"""The supervision report's rows, written by the ingest itself: per batch, set-based, in key order.

Hub migrations 004 and 006 kept these tables with per-row triggers: every inserted settlement ran
about six upserts on rows it shares with other settlements (its member's day and month at its
institution, its desk and the whole hub, the fees of its day), in the batch's own order. That made
ingest several times slower, and two batches doing it at once took the same rows' locks in opposite
orders and deadlocked, which an advisory lock then serialized. Hub migration 009 drops the triggers;
here each batch's report rows are written with one INSERT per table from the figures parsing gave
(the triggers parsed every body's JSON again, in the database), and every shared row is moved by
one grouped upsert per table whose rows are sorted by the table's key, so two batches lock shared
rows in the same order and wait for each other instead of deadlocking.

A month row's ``days`` counts the days of the month with net visits above zero; a day row moved by
``delta`` to ``now`` changes it by ``(now > 0) - (now - delta > 0)``. ``now`` is what the day upsert
returns, read under that row's lock, so a concurrent batch's visits to the same day are counted.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from desk.sync.hub_db import Tx
from desk.sync.protocol import Incoming

UNITS = ("institution", "desk", "hub")


def ids_clause(tx: Tx, ids: Sequence[str]) -> tuple[str, object]:
    """``column <this>`` selecting the rows whose column is in ``ids``, as one parameter (no limit
    on how many, unlike an IN (?, ?, …) list)."""
    marks, (param,) = tx.in_list(ids)
    return f"IN {marks}", param


REPORT_COLUMNS = (("id", "text"), ("desk_uuid", "text"), ("institution_code", "text"), ("kind", "text"),
                  ("reverses", "text"), ("member_id", "text"), ("day", "text"), ("hour", "integer"),
                  ("total_fen", "bigint"), ("full_self_pay_fen", "bigint"), ("pool_pay_fen", "bigint"),
                  ("account_pay_fen", "bigint"), ("cash_pay_fen", "bigint"))
ITEM_COLUMNS = (("settlement_id", "text"), ("line", "integer"), ("day", "text"), ("institution_code", "text"),
                ("desk_uuid", "text"), ("fee_category", "text"), ("amount_fen", "bigint"))
LINE_COLUMNS = (("settlement_id", "text"), ("line", "integer"), ("day", "text"), ("institution_code", "text"),
                ("desk_uuid", "text"), ("code", "text"), ("name", "text"), ("fee_category", "text"),
                ("amount_fen", "bigint"), ("pool_fen", "bigint"))


def _toward_zero(a: int, b: int) -> int:
    """Integer division truncated toward zero, as SQL divides integers (so a reversal's share is the exact opposite)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def pool_share(s: Incoming, cls: str, ratio_bp: int, amount: int) -> int:
    """A line's share of its bill's pool pay, as the desk's indicators share it (desk/analytics/indicators.py): its
    in-scope part (its amount for 甲类, less 先行自付 half-up away from zero for 乙类, nothing for 丙类) over the bill's."""
    if s.in_scope_fen == 0:
        return 0
    scope = amount if cls == "A" else \
        amount - _toward_zero(amount * ratio_bp + (5000 if amount >= 0 else -5000), 10000) if cls == "B" else 0
    return _toward_zero(s.pool_pay_fen * scope, s.in_scope_fen)


def add_report_rows(tx: Tx, fresh: Sequence[Incoming]) -> None:
    """The report rows and items of the batch's new settlements (already in hub_settlements), from
    what parsing their bodies gave (desk.sync.protocol), and what they add to the rows counted ahead."""
    if not fresh:
        return
    ordered = sorted(fresh, key=lambda s: s.id)
    for table, columns, rows in (
            ("hub_report_settlements", REPORT_COLUMNS,
             [(s.id, s.desk_uuid, s.institution_code, s.kind, s.reverses, s.member_id, s.day, s.hour, s.total_fen,
               s.full_self_pay_fen, s.pool_pay_fen, s.account_pay_fen, s.cash_pay_fen) for s in ordered]),
            ("hub_report_items", ITEM_COLUMNS,
             [(s.id, line, s.day, s.institution_code, s.desk_uuid, category, amount)
              for s in ordered for line, (category, amount) in enumerate(s.items)]),
            ("hub_report_lines", LINE_COLUMNS,
             [(s.id, line, s.day, s.institution_code, s.desk_uuid, code, name, category, amount,
               pool_share(s, cls, ratio_bp, amount))
              for s in ordered for line, ((category, amount), (code, name, cls, ratio_bp))
              in enumerate(zip(s.items, s.lines))])):
        if rows:
            source, params = tx.rows(columns, rows)
            names = ", ".join(name for name, _ in columns)
            tx.run(f"INSERT INTO {table} ({names}) {source}", params)
    group(tx, [s.id for s in ordered])


def group(tx: Tx, ids: Sequence[str]) -> None:
    """Add the report rows ``ids`` (new in this transaction) to the member days and months, the fees
    by category and the settlements undone: one grouped upsert per table, its rows in key order."""
    if not ids:
        return
    clause, param = ids_clause(tx, sorted(ids))
    rows = tx.all("SELECT id, kind, reverses, member_id, day, institution_code, desk_uuid FROM hub_report_settlements"
                  f" WHERE id {clause}", (param,))
    deltas: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for _, kind, _, member_id, day, institution, desk in rows:
        for unit, key in zip(UNITS, (institution, desk, "*")):
            deltas[(unit, key, member_id, day)] += 1 if kind == "settlement" else -1
    _days_and_months(tx, deltas)
    tx.run("INSERT INTO hub_report_fees AS f (day, institution_code, desk_uuid, fee_category, amount_fen)"
           " SELECT day, institution_code, desk_uuid, fee_category, SUM(amount_fen) FROM hub_report_items"
           f" WHERE settlement_id {clause} GROUP BY day, institution_code, desk_uuid, fee_category"
           " ORDER BY day, institution_code, desk_uuid, fee_category"
           " ON CONFLICT (day, institution_code, desk_uuid, fee_category)"
           " DO UPDATE SET amount_fen = f.amount_fen + excluded.amount_fen", (param,))
    bigger = "GREATEST" if tx.dialect == "postgresql" else "max"  # the scalar greater of two texts
    tx.run("INSERT INTO hub_report_code_months AS c (month, institution_code, desk_uuid, code, name, fee_category,"
           " amount_fen, pool_fen)"
           " SELECT substr(day, 1, 7), institution_code, desk_uuid, code, MAX(name), MAX(fee_category), SUM(amount_fen),"
           f" SUM(pool_fen) FROM hub_report_lines WHERE settlement_id {clause}"
           " GROUP BY substr(day, 1, 7), institution_code, desk_uuid, code"
           " ORDER BY substr(day, 1, 7), institution_code, desk_uuid, code"
           " ON CONFLICT (month, institution_code, desk_uuid, code) DO UPDATE SET"
           f" name = {bigger}(c.name, excluded.name), fee_category = {bigger}(c.fee_category, excluded.fee_category),"
           " amount_fen = c.amount_fen + excluded.amount_fen, pool_fen = c.pool_fen + excluded.pool_fen", (param,))
    # A settlement is undone once its reversal's report row is there, whichever of the two came first.
    candidates = sorted({r[2] for r in rows if r[1] == "reversal" and r[2]} | {r[0] for r in rows if r[1] == "settlement"})
    if candidates:
        which, given = ids_clause(tx, candidates)
        tx.run("INSERT INTO hub_report_undone (id, day, institution_code, desk_uuid, account_only, excluded_cash)"
               " SELECT o.id, o.day, o.institution_code, o.desk_uuid,"
               " CASE WHEN o.pool_pay_fen = 0 AND o.cash_pay_fen = 0 AND o.account_pay_fen > 0 THEN 1 ELSE 0 END,"
               " CASE WHEN o.full_self_pay_fen > 0 AND o.cash_pay_fen > 0 THEN 1 ELSE 0 END"
               f" FROM hub_report_settlements o WHERE o.id {which} AND o.kind = 'settlement'"
               " AND EXISTS (SELECT 1 FROM hub_report_settlements u WHERE u.reverses = o.id)"
               " ORDER BY o.id ON CONFLICT (id) DO NOTHING", (given,))


def _days_and_months(tx: Tx, deltas: dict[tuple[str, str, str, str], int]) -> None:
    if not deltas:
        return
    source, params = tx.rows((("unit_kind", "text"), ("unit_key", "text"), ("member_id", "text"),
                                       ("day", "text"), ("visits", "integer")),
                                  [(*key, delta) for key, delta in sorted(deltas.items())])
    after = tx.all(
        "INSERT INTO hub_report_member_days AS d (unit_kind, unit_key, member_id, day, visits)"
        f" SELECT unit_kind, unit_key, member_id, day, visits FROM ({source}) g WHERE true"
        " ORDER BY unit_kind, unit_key, member_id, day"
        " ON CONFLICT (unit_kind, unit_key, member_id, day) DO UPDATE SET visits = d.visits + excluded.visits"
        " RETURNING unit_kind, unit_key, member_id, day, visits", params)
    months: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for unit, key, member_id, day, now in after:
        delta = deltas[(unit, key, member_id, day)]
        month = months[(unit, day[:7], key, member_id)]
        month[0] += delta
        month[1] += int(now > 0) - int(now - delta > 0)
    source, params = tx.rows((("unit_kind", "text"), ("month", "text"), ("unit_key", "text"),
                                       ("member_id", "text"), ("visits", "integer"), ("days", "integer")),
                                  [(*key, v, d) for key, (v, d) in sorted(months.items())])
    tx.run("INSERT INTO hub_report_member_months AS m (unit_kind, month, unit_key, member_id, visits, days)"
           f" SELECT unit_kind, month, unit_key, member_id, visits, days FROM ({source}) g WHERE true"
           " ORDER BY unit_kind, month, unit_key, member_id"
           " ON CONFLICT (unit_kind, month, unit_key, member_id)"
           " DO UPDATE SET visits = m.visits + excluded.visits, days = m.days + excluded.days", params)
