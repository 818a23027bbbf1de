"""Supervision indicators at a desk (SQLite) beside a bare SELECT sum(...) over the same rows, and
`desk simulate`'s replay rate beside the engine's own settle() rate, in the same run.

Goal: every indicator and alert of a month of 100,000 settlements ≤ 0.5 s at a desk. The rows are
written straight into a real desk database (one transaction, executemany), so generating them stays
quick on a shared 2-core machine; the replay uses the demo generator's population.

    .venv/bin/python bench/analytics.py [--settlements 100000] [--members 20000] [--simulate 50000] [--rounds 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desk.analytics import Selection, supervise  # noqa: E402
from desk.analytics.period import parse_period  # noqa: E402
from desk.policy.loader import Library  # noqa: E402
from desk.store.database import open_db  # noqa: E402
from desk.store.identity import init_desk  # noqa: E402

CST = dt.timezone(dt.timedelta(hours=8))
CATS = ("西药", "中成药", "检查", "化验", "诊查", "治疗")


def build(path: Path, settlements: int, members: int) -> None:
    db = open_db(path)
    at = dt.datetime(2026, 3, 1, 8, tzinfo=CST)
    init_desk(db, Library(), institution_code="B-1", institution_name="基准医院", level=2, type="hospital",
              policy="puyang", desk_number="01", admin_id="admin", admin_name="a", admin_pin="9999", now=at)
    rng = random.Random(1)
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO members (member_id, name, id_number, category, birth_date, sex, scheme, eligible,"
        " account_baseline_fen, account_balance_fen, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        ((f"M{n:07d}", "x", f"ID{n:016d}", "employed" if n % 4 else "retired", "1970-01-01", "M", "employer", 1, 0, 0,
          at.isoformat()) for n in range(members)))
    rows, items = [], []
    for n in range(settlements):
        when = at + dt.timedelta(seconds=n * (31 * 86400 - 3600) // settlements)
        total = rng.randint(500, 60000)
        pool = total * rng.randint(0, 60) // 100
        account = (total - pool) * rng.randint(0, 100) // 100
        full = total // 10 if n % 7 == 0 else 0
        sid = f"S{n:08d}"
        rows.append((n + 1, sid, n + 1, "01", "B-1", "settlement", f"M{rng.randrange(members):07d}", "admin",
                     when.isoformat(), when.date().isoformat(), 2026, "puyang@2022-07-01", total, full, 0, total - full,
                     0, "0.6", pool, pool, 0, 0, total - pool, account, total - pool - account, 0, "{}", "{}"))
        first = total // 2
        items.append((sid, 1, "I1", "a", "A", "0", CATS[n % len(CATS)], "1", first, first))
        items.append((sid, 2, "I2", "b", "B", "0.1", CATS[(n + 3) % len(CATS)], "1", total - first, total - first))
    conn.executemany(
        "INSERT INTO settlements (seq, id, receipt_no, desk_number, institution_code, kind, member_id, cashier, at, day,"
        " year, policy_version, total_fen, full_self_pay_fen, pre_self_pay_fen, in_scope_fen, deductible_fen, ratio,"
        " pool_pay_fen, hifp_pay_fen, hifob_pay_fen, over_cap_fen, self_pay_fen, account_pay_fen, cash_pay_fen,"
        " balance_after_fen, answer, inputs) VALUES (" + ",".join("?" * 28) + ")", rows)
    conn.executemany("INSERT INTO settlement_items (settlement_id, line, code, name, class, selfpay_ratio, fee_category,"
                     " quantity, unit_price_fen, amount_fen) VALUES (?,?,?,?,?,?,?,?,?,?)", items)
    conn.execute("COMMIT")


def median_time(run, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        begin = time.perf_counter()
        run()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settlements", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--simulate", type=int, default=20_000, help="members of the synthetic population replayed")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        begin = time.perf_counter()
        build(path, args.settlements, args.members)
        print(f"desk: {args.settlements:,} settlements in March 2026 written in {time.perf_counter() - begin:.1f} s")
        db = open_db(path)
        library = Library()
        month = Selection(parse_period("2026-03"))
        floor = median_time(lambda: db.execute("SELECT SUM(total_fen), SUM(pool_pay_fen) FROM settlements"
                                               " WHERE day >= '2026-03-01' AND day < '2026-04-01'").fetchone(),
                            args.rounds)
        took = median_time(lambda: supervise(db, month, library=library), args.rounds)
        print(f"  bare SELECT sum(...) over the month:  {floor * 1000:8.1f} ms")
        print(f"  every indicator and alert (supervise): {took * 1000:8.1f} ms   (goal ≤ 500 ms), {took / floor:.1f}× the floor")

    from desk.analytics.simulate import replay, synthetic
    from desk.engine import settle

    population = synthetic("nanchang", args.simulate)
    pack = library.get("nanchang")
    begin = time.perf_counter()
    replay(pack, population)
    rate = len(population.visits) / (time.perf_counter() - begin)
    sample = population.visits[:5000]
    members = population.members
    from desk.engine import Bill, Usage

    begin = time.perf_counter()
    for v in sample:
        settle(pack, members[v.member_id], Usage(), Bill(v.institution, v.items, None, "ordinary", True), v.at)
    engine_rate = len(sample) / (time.perf_counter() - begin)
    print(f"simulate: {len(population.visits):,} visits of {args.simulate:,} synthetic members replayed at"
          f" {rate:,.0f} visits/s; the engine's bare settle() {engine_rate:,.0f}/s ({engine_rate / rate:.2f}× the replay)")
    print(f"  so a year of 1,000,000 settlements replays under one policy in about {1_000_000 / rate:.0f} s")


if __name__ == "__main__":
    main()
