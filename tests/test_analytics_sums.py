"""The sums desk migration 013 keeps for the supervision indicators, attacked two ways: recomputed in Python from
every stored settlement and line of a demo desk with reversals (the triggers must agree with the rows), and made
afresh by the migration for a desk that had its settlements before it (the backfill must agree with the triggers).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desk.demo_desk import build_demo
from desk.store.database import open_db
from desk.store.settling import reverse
from desk.store.users import login
from store_support import CST

DAYS = ("SELECT day, desk_number, visits, total_fen, full_self_pay_fen, pre_self_pay_fen, in_scope_fen, pool_pay_fen,"
        " self_pay_fen, account_pay_fen, cash_pay_fen, account_only, account_only_fen, excluded_cash, excluded_cash_fen"
        " FROM settlement_days ORDER BY 1, 2")
HOURS = "SELECT day, desk_number, hour, utc_offset, visits, live FROM settlement_hours ORDER BY 1, 2, 3, 4"
ITEMS = ("SELECT day, desk_number, code, name, fee_category, amount_fen, pool_fen, lines FROM settlement_item_days"
         " ORDER BY 1, 2, 3")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, library):
    path = tmp_path_factory.mktemp("sums") / "demo.sqlite"
    db = open_db(path)
    now = dt.datetime(2026, 7, 20, 12, tzinfo=CST)
    build_demo(db, library, "puyang", members=200, now=now)
    supervisor = login(db, "super", "8888", now)
    first = [r[0] for r in db.execute("SELECT id FROM settlements WHERE day LIKE '2026-05-%' ORDER BY seq LIMIT 4")]
    for n, sid in enumerate(first):  # reversed the same month and the next, at an evening hour
        reverse(db, supervisor, sid, dt.datetime(2026, 5 + n % 2, 28, 19 + n, tzinfo=CST), "退费")
    return path, db


def _tdiv(a: int, b: int) -> int:
    """Integer division truncated toward zero, as SQLite divides integers."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def test_the_kept_sums_equal_a_recomputation_from_every_stored_row(demo):
    _, db = demo
    rows = db.execute("SELECT id, kind, reverses, day, desk_number, at, total_fen, full_self_pay_fen, pre_self_pay_fen,"
                      " in_scope_fen, pool_pay_fen, self_pay_fen, account_pay_fen, cash_pay_fen FROM settlements").fetchall()
    assert sum(r[1] == "reversal" for r in rows) == 4 and len(rows) > 150
    undone = {r[2] for r in rows if r[2]}
    days: dict[tuple, list[int]] = {}
    hours: dict[tuple, list[int]] = {}
    for sid, kind, _, day, desk, at, total, full, pre, scope, pool, self_pay, account, cash in rows:
        sign, live = (1, 1) if kind == "settlement" else (-1, 0)
        only = kind == "settlement" and pool == 0 and cash == 0 and account > 0
        excluded = kind == "settlement" and full > 0 and cash > 0
        figures = [sign, total, full, pre, scope, pool, self_pay, account, cash, int(only), total if only else 0,
                   int(excluded), full if excluded else 0]
        d = days.setdefault((day, desk), [0] * len(figures))
        days[day, desk] = [a + b for a, b in zip(d, figures)]
        h = hours.setdefault((day, desk, at[11:13], at[-6:]), [0, 0])
        h[0] += sign
        h[1] += live and sid not in undone
    assert db.execute(DAYS).fetchall() == [(*k, *v) for k, v in sorted(days.items())]
    assert db.execute(HOURS).fetchall() == [(*k, *v) for k, v in sorted(hours.items())]

    bills = {r[0]: r for r in rows}
    items: dict[tuple, list] = {}
    for sid, code, name, cls, ratio, category, amount in db.execute(
            "SELECT settlement_id, code, name, class, selfpay_ratio, fee_category, amount_fen FROM settlement_items"):
        bill = bills[sid]
        bp = int((Decimal(ratio) * 10000).to_integral_value())
        scope = amount if cls == "A" else amount - _tdiv(amount * bp + (5000 if amount >= 0 else -5000), 10000) \
            if cls == "B" else 0
        share = 0 if bill[9] == 0 else _tdiv(bill[10] * scope, bill[9])
        k = (bill[3], bill[4], code)
        seen = items.setdefault(k, [name, category, 0, 0, 0])
        seen[0], seen[1] = max(seen[0], name), max(seen[1], category)
        seen[2] += amount
        seen[3] += share
        seen[4] += 1
    assert any(v[3] for v in items.values()) and any(v[2] < 0 for v in items.values())
    assert db.execute(ITEMS).fetchall() == [(*k, *v) for k, v in sorted(items.items())]


def test_a_desk_with_settlements_before_the_migration_gets_the_same_sums(demo, tmp_path):
    path, db = demo
    kept = [db.execute(q).fetchall() for q in (DAYS, HOURS, ITEMS)]
    copy = tmp_path / "before.sqlite"
    db.execute("VACUUM INTO ?", (str(copy),))
    old = open_db(copy, migrate=False)
    old.conn.executescript(
        "DROP TRIGGER settlement_days_on_insert; DROP TRIGGER settlement_item_days_on_insert;"
        " DROP TABLE settlement_days; DROP TABLE settlement_hours; DROP TABLE settlement_item_days;"
        " DROP INDEX settlements_scan;"
        " DROP TABLE stock_receipts;"  # and what later migrations made (014), so they run again too
        " PRAGMA user_version = 12;")
    old.conn.close()
    again = open_db(copy)  # runs migration 013 over the settlements already there
    assert [again.execute(q).fetchall() for q in (DAYS, HOURS, ITEMS)] == kept
    assert again.execute("PRAGMA user_version").fetchone()[0] >= 13
