"""A cashier process for the durability tests: logs in as cash1 and settles bills on a desk database.

    settle_worker.py DB --until N   settle until the database holds N settlements
    settle_worker.py DB --race N    wait for a line on stdin, then settle N cap-reaching bills in step
                                    with one other worker

It prints READY once logged in, and `OK <receipt_no> <settlement_id>` after EACH committed
settlement, flushed at once: a line on stdout is a promise that the settlement is on disk.

--until is for being killed and restarted: the bill, member and time follow from how many
settlements the database holds, so each run carries on the same sequence, over the days of 2023
(four bills a day, the same member twice on some days, each member past the annual cap in February).

--race is for two workers released together on one file. Each worker's i-th bill goes to the same
member and year as the other's, and is big enough that two of them reach the annual cap; neither
starts its i-th bill before the database holds both workers' first i - 1, so the two bills of each
step are always in flight together. A worker that read stale usage would overpay the cap.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from decimal import Decimal

from desk.policy.loader import Library
from desk.store.database import open_db
from desk.store.settling import BillLine, settle_bill
from desk.store.users import login
from store_support import CST

MEMBER_IDS = ("M001", "M002", "M003")
SMALL = [BillLine("XA01"), BillLine("XB01")]  # 65.00
BIG = [BillLine("XB01", Decimal("50"))]  # 2,000.00: the pool pays 1,062.00 (employed) or 1,239.00 (retired)
START = dt.datetime(2023, 1, 1, 8, 0, tzinfo=CST)
PER_DAY = 4
RACE_PER_YEAR = 6  # each member twice a year per worker
RACE_WORKERS = 2
STEP_TIMEOUT = 20.0  # seconds to wait for the other worker before giving up


def until_time(count: int) -> dt.datetime:
    """PER_DAY bills a day from 1 January 2023, two hours apart."""
    return START + dt.timedelta(days=count // PER_DAY, hours=2 * (count % PER_DAY))


def race_time(index: int) -> dt.datetime:
    """RACE_PER_YEAR bills on 1 March of each year from 2023, an hour apart."""
    return dt.datetime(2023 + index // RACE_PER_YEAR, 3, 1, 9 + index % RACE_PER_YEAR, 0, tzinfo=CST)


def wait_for_step(db, index: int) -> None:
    """Block until every worker has settled its first ``index`` bills."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while db.execute("SELECT count(*) FROM settlements").fetchone()[0] < RACE_WORKERS * index:
        if time.monotonic() > deadline:
            raise SystemExit(f"race: the other worker did not settle its bill {index} within {STEP_TIMEOUT:.0f} s")
        time.sleep(0.0002)


def settle_one(db, library, cashier, index: int, lines: list[BillLine], at: dt.datetime) -> None:
    settled = settle_bill(db, library, cashier, MEMBER_IDS[index % len(MEMBER_IDS)], lines, at,
                          use_account=index % 2 == 0)
    print(f"OK {settled.receipt_no} {settled.id}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--until", type=int, metavar="N", help="settle until the database holds N settlements")
    mode.add_argument("--race", type=int, metavar="N", help="after a line on stdin, settle N big bills")
    args = parser.parse_args(argv)
    db = open_db(args.db)
    library = Library()
    cashier = login(db, "cash1", "1111", START)
    print("READY", flush=True)
    if args.until is not None:
        while (count := db.execute("SELECT count(*) FROM settlements").fetchone()[0]) < args.until:
            settle_one(db, library, cashier, count, SMALL, until_time(count))
    else:
        sys.stdin.readline()
        for index in range(args.race):
            wait_for_step(db, index)
            settle_one(db, library, cashier, index, BIG, race_time(index))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
