"""Supervision indicators beside a bare SELECT sum(...) over the same rows, and `desk simulate`'s
replay rate beside the engine's own settle() rate, in the same run.

Goals: every indicator and alert of a month of 100,000 settlements ≤ 0.5 s at a desk (SQLite), and
the hub's report of a month of 1,000,000 settlements ≤ 2 s (PostgreSQL). The desk's rows are written
straight into a real desk database (one transaction, executemany); the hub's report rows are made by
PostgreSQL itself with generate_series, so generating them stays quick on a shared 2-core machine.
The replay runs the demo generator's population, its visits repeated for copies of its members.

    .venv/bin/python bench/analytics.py [--settlements 100000] [--hub-settlements 1000000] [--visits 100000]
        [--postgres URL] [--rounds 5]
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
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

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


def build_hub(url: str, settlements: int, institutions: int = 200, members: int = 200_000) -> None:
    """The hub's schema, then a month of report rows (two items each) generated inside PostgreSQL."""
    import psycopg

    from desk.sync.hub_store import HubStore

    store = HubStore(url)
    store.migrate()
    store.close()
    with psycopg.connect(url, autocommit=True) as conn:
        # made in bulk, then grouped at once by hub migration 006's set-based function (the hub's ingest
        # groups each batch's rows itself: desk/sync/hub_report_rows.py)
        desks, count = int(institutions * 3), int(settlements)
        conn.execute(  # whole numbers only, written into the SQL (no placeholders: % is SQL's modulo here)
            f"INSERT INTO hub_report_settlements SELECT 'S' || g, 'D' || (g % {desks}), 'H-' || (g % {int(institutions)}),"
            " CASE WHEN g % 50 = 0 THEN 'reversal' ELSE 'settlement' END,"
            f" CASE WHEN g % 50 = 0 THEN 'S' || (g - 1) END, 'M' || ((g * 7919) % {int(members)}),"
            " to_char(date '2026-03-01' + (g % 31)::integer, 'YYYY-MM-DD'), 6 + g % 16,"
            " (CASE WHEN g % 50 = 0 THEN -1 ELSE 1 END) * (500 + (g * 37) % 60000),"
            " CASE WHEN g % 7 = 0 THEN 50 ELSE 0 END, (g * 13) % 300, (g * 11) % 200,"
            " (CASE WHEN g % 50 = 0 THEN -1 ELSE 1 END) * (500 + (g * 37) % 60000) - (g * 13) % 300 - (g * 11) % 200"
            f" FROM generate_series(1::bigint, {count}) g")
        conn.execute(
            "INSERT INTO hub_report_items SELECT id, n, day, institution_code, desk_uuid,"
            " (ARRAY['西药','中成药','检查','化验','诊查','治疗'])[1 + (length(id) + n * 3) % 6],"
            " CASE n WHEN 0 THEN total_fen / 2 ELSE total_fen - total_fen / 2 END"
            " FROM hub_report_settlements, generate_series(0, 1) n")
        conn.execute(  # the lines with their code and pool share (hub migration 011): 500 codes, the pool halved
            "INSERT INTO hub_report_lines SELECT id, n, day, institution_code, desk_uuid,"
            " 'C' || ((substr(id, 2)::bigint * 31 + n * 7) % 500), 'item ' || ((substr(id, 2)::bigint * 31 + n * 7) % 500),"
            " (ARRAY['西药','中成药','检查','化验','诊查','治疗'])[1 + (length(id) + n * 3) % 6],"
            " CASE n WHEN 0 THEN total_fen / 2 ELSE total_fen - total_fen / 2 END,"
            " CASE n WHEN 0 THEN pool_pay_fen / 2 ELSE pool_pay_fen - pool_pay_fen / 2 END"
            " FROM hub_report_settlements, generate_series(0, 1) n")
        conn.execute("INSERT INTO hub_report_code_months SELECT substr(day, 1, 7), institution_code, desk_uuid, code,"
                     " MAX(name), MAX(fee_category), SUM(amount_fen), SUM(pool_fen) FROM hub_report_lines"
                     " GROUP BY 1, 2, 3, 4")
        conn.execute("SELECT hub_report_group_all()")
        conn.execute("VACUUM ANALYZE hub_report_settlements")
        for table in ("hub_report_items", "hub_report_member_days", "hub_report_member_months", "hub_report_fees",
                      "hub_report_undone", "hub_report_lines", "hub_report_code_months"):
            conn.execute(f"VACUUM ANALYZE {table}")


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
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--hub-settlements", type=int, default=1_000_000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: start one here)")
    parser.add_argument("--visits", type=int, default=100_000, help="visits replayed by desk simulate")
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

    if args.hub_settlements:
        from desk.analytics.hub import hub_report
        from desk.sync.hub_db import HubDB
        from sync_support import PostgresServer, create_database

        server = None if args.postgres else PostgresServer().start()
        try:
            url = create_database(args.postgres or server.url)
            begin = time.perf_counter()
            build_hub(url, args.hub_settlements)
            print(f"hub (PostgreSQL): {args.hub_settlements:,} settlements of 200 institutions in March 2026 made in"
                  f" {time.perf_counter() - begin:.1f} s")
            hub = HubDB(url)
            with hub.read() as tx:
                floor = median_time(lambda: tx.all("SELECT SUM(total_fen), SUM(pool_pay_fen) FROM hub_report_settlements"
                                                   " WHERE day >= '2026-03-01' AND day < '2026-04-01'"), args.rounds)
                took = median_time(lambda: hub_report(tx, parse_period("2026-03"), library=library), args.rounds)
            hub.close()
            print(f"  bare SELECT sum(...) over the month:  {floor * 1000:8.1f} ms")
            print(f"  the hub report (every institution):   {took * 1000:8.1f} ms   (goal ≤ 2000 ms),"
                  f" {took / floor:.1f}× the floor")
        finally:
            if server:
                server.stop()

    import dataclasses

    from desk.analytics.simulate import Population, replay, synthetic
    from desk.engine import Bill, Usage, settle

    base = synthetic("nanchang", 20_000)
    visits, members, copy = [], dict(base.members), 0
    while len(visits) < args.visits:
        suffix = f"-{copy}" if copy else ""
        for v in base.visits:
            visits.append(dataclasses.replace(v, member_id=v.member_id + suffix))
        if copy:
            members.update({m + suffix: p for m, p in base.members.items()})
        copy += 1
    population = Population(members, tuple(visits[:args.visits]), "bench")
    pack = library.get("nanchang")
    begin = time.perf_counter()
    replay(pack, population)
    rate = len(population.visits) / (time.perf_counter() - begin)
    sample = population.visits[:20_000]
    begin = time.perf_counter()
    for v in sample:
        settle(pack, members[v.member_id], Usage(), Bill(v.institution, v.items, None, "ordinary", True), v.at)
    engine_rate = len(sample) / (time.perf_counter() - begin)
    print(f"simulate: {len(population.visits):,} visits replayed at {rate:,.0f} visits/s under one policy;"
          f" the engine's bare settle() {engine_rate:,.0f}/s (the replay costs {engine_rate / rate:.2f}× it)")
    print(f"  a year of 1,000,000 settlements: about {1_000_000 / rate:.0f} s a policy, twice that for desk simulate")


if __name__ == "__main__":
    main()
