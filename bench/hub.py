"""The hub on PostgreSQL: ingest throughput, batch latency with 50 desks at once, a desk's big upload.

Prints, each beside a floor measured in the same run on the same server:
  hub ingest, in process (HubStore.ingest, batches of 500)     goal >= 2,000 settlements/s
    floor: executemany INSERT of the same rows into an unindexed table, same batches
  hub ingest over HTTP (one desk, batches of 500, a hub process)
  p99 batch latency, 50 desks uploading at once (batches of 20) goal < 200 ms
  a desk uploading 10,000 queued settlements (`sync_once`, upload and download)

The PostgreSQL server is started here on a temporary directory and a loopback port, with its
durable defaults (fsync, synchronous_commit), unless --postgres URL names one.

    .venv/bin/python bench/hub.py [--settlements 10000] [--desks 50] [--workers 2] [--postgres URL]
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from desk.store.settling import BillLine, settle_bill  # noqa: E402
from desk.sync import outbox  # noqa: E402
from desk.sync.client import sync_once  # noqa: E402
from desk.sync.hub_store import HubStore  # noqa: E402
from desk.sync import signing  # noqa: E402
from desk.sync.protocol import SETTLEMENTS, parse_settlement  # noqa: E402
from desk.sync.resettle import resettle  # noqa: E402
from store_support import make_desk, member_row  # noqa: E402
from sync_support import HubProcess, PostgresServer, create_database, register  # noqa: E402

CST = dt.timezone(dt.timedelta(hours=8), "CST")
MEMBERS = 2000


def build_desk(folder: Path, count: int):
    """A desk with ``count`` settlements queued: real bills through the real engine and store."""
    members = [member_row(f"B{n:05d}", "测试", dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28), sequence=n % 100,
                          category=("employed", "retired")[n % 2], balance="3000.00") for n in range(MEMBERS)]
    desk = make_desk(folder, members=members)
    codes = ("XA01", "XB01", "FW01")
    for n in range(count):
        settle_bill(desk.db, desk.library, desk.cashier, f"B{n % MEMBERS:05d}",
                    [BillLine(codes[n % 3], Decimal(1 + n % 3)), BillLine("FW01")],
                    desk.at + dt.timedelta(seconds=n * 7))
    return desk, members


def payloads(desk, count: int) -> tuple[list[dict], dict]:
    out, members, after = [], {}, 0
    while len(out) < count:
        after, batch, who = outbox.next_batch(desk.db, after, 1000)
        if not batch:
            break
        out += batch
        members.update(who)
    return out, members


def clone(template: list[dict], desk_uuid: str, count: int, start_receipt: int) -> list[dict]:
    """The same settlements as another desk would send them: new ids, receipts and desk."""
    out = []
    for n in range(count):
        s = copy.deepcopy(template[n % len(template)])
        s.update(id=str(uuid.uuid4()), desk_uuid=desk_uuid, receipt_no=start_receipt + n, desk_number=desk_uuid[:8])
        out.append(s)
    return out


def floor_inserts(url: str, rows: list[tuple], batch: int) -> float:
    """Rows per second of a bare executemany INSERT of the same values, one commit per batch."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE floor_rows (id TEXT, desk_uuid TEXT, receipt_no BIGINT, kind TEXT, reverses TEXT,"
                     " member_id TEXT, year INTEGER, day TEXT, policy_version TEXT, total_fen BIGINT,"
                     " pool_pay_fen BIGINT, account_pay_fen BIGINT, cash_pay_fen BIGINT, deductible_delta_fen BIGINT,"
                     " pool_delta_fen BIGINT, account_holder TEXT, account_delta_fen BIGINT, digest TEXT, body TEXT,"
                     " received_at TEXT)")
        start = time.perf_counter()
        for i in range(0, len(rows), batch):
            with conn.transaction():
                conn.cursor().executemany(f"INSERT INTO floor_rows VALUES ({','.join(['%s'] * 20)})",
                                          rows[i:i + batch])
        return len(rows) / (time.perf_counter() - start)


def ingest_in_process(url: str, settlements: list[dict], members: dict, batch: int) -> float:
    store = HubStore(url)
    store.migrate()
    desk_uuid = settlements[0]["desk_uuid"]
    store.add_desk(desk_uuid, "bench", dt.datetime.now(CST))
    desk = next(d for d in store.desks() if d.desk_uuid == desk_uuid)
    start = time.perf_counter()
    for i in range(0, len(settlements), batch):
        outcomes, _ = store.ingest(desk, settlements[i:i + batch], members, dt.datetime.now(CST))
        assert all(o.status == "accepted" for o in outcomes), outcomes[:3]
    rate = len(settlements) / (time.perf_counter() - start)
    assert not store.check()
    store.close()
    return rate


def resettle_alone(settlements: list[dict]) -> float:
    """Settlements per second re-settled (parse, engine, comparison) with no database at all."""
    from desk.policy.loader import Library

    library = Library()
    start = time.perf_counter()
    for s in settlements:
        resettle(s, library)
    return len(settlements) / (time.perf_counter() - start)


def signed(desk_uuid: str, secret: str, body: bytes) -> dict[str, str]:
    """The headers of a signed upload, as the desk's HubClient sends them."""
    return {**signing.sign_request(signing.key_of(secret), desk_uuid, "POST", SETTLEMENTS, "", body,
                                   int(time.time())), "Content-Type": "application/json"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settlements", type=int, default=10000)
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--batches", type=int, default=10, help="batches of 20 each of the desks sends at once")
    parser.add_argument("--workers", type=int, default=2, help="hub processes (uvicorn workers)")
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: start one here)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    server = None if args.postgres else PostgresServer(durable=True).start()
    base = args.postgres or server.url
    try:
        print(f"building a desk with {args.settlements:,} queued settlements ...", flush=True)
        desk, _ = build_desk(folder / "desk", args.settlements)
        settlements, members = payloads(desk, args.settlements)
        batch = 500

        url = create_database(base)
        rate = ingest_in_process(url, settlements, members, batch)
        rows = []
        for s in settlements:
            p = parse_settlement(s)
            rows.append((p.id, p.desk_uuid, p.receipt_no, p.kind, p.reverses, p.member_id, p.year, p.day,
                         p.policy_version, p.total_fen, p.pool_pay_fen, p.account_pay_fen, p.cash_pay_fen,
                         p.deductible_delta_fen, p.pool_delta_fen, p.account_holder, p.account_delta_fen, p.digest,
                         p.body, "now"))
        floor = floor_inserts(create_database(base), rows, batch)
        print(f"hub ingest, in process      {rate:10,.0f} settlements/s   (goal >= 2,000)")
        print(f"  floor: bare executemany   {floor:10,.0f} rows/s into an unindexed table   ratio {floor / rate:.2f}x")
        alone = resettle_alone(settlements)
        print(f"  of which re-settling      {alone:10,.0f} settlements/s alone (parse, engine, compare; no database):"
              f" {1e6 / alone:.0f} µs of the {1e6 / rate:.0f} µs each")

        # Over HTTP: one desk's batches to a hub process, then 50 desks at once.
        hub = HubProcess(create_database(base), folder).start(workers=args.workers)
        one = str(uuid.uuid4())
        secret = hub.store.add_desk(one, "bench-http", dt.datetime.now(CST))
        bodies = [json.dumps({"settlements": clone(settlements[i:i + batch], one, batch, i + 1), "members": members},
                             ensure_ascii=False).encode() for i in range(0, len(settlements), batch)]
        with httpx.Client(base_url=hub.url, timeout=120) as http:
            start = time.perf_counter()
            for body in bodies:
                assert http.post(SETTLEMENTS, content=body, headers=signed(one, secret, body)).status_code == 200
            http_rate = len(settlements) / (time.perf_counter() - start)
        print(f"hub ingest over HTTP        {http_rate:10,.0f} settlements/s   ({args.workers} hub processes,"
              f" batches of {batch})")

        desks = []
        for n in range(args.desks):
            d = str(uuid.uuid4())
            s = hub.store.add_desk(d, f"bench-{n}", dt.datetime.now(CST))
            batches = []
            for k in range(args.batches):
                sent = clone(settlements[(n * 20 * args.batches + k * 20) % len(settlements):][:20], d, 20, k * 20 + 1)
                # As `desk sync` sends it (outbox.next_batch): the members of this batch, not of the whole desk.
                context = {m: members[m] for m in sorted({s["member_id"] for s in sent}) if m in members}
                batches.append(json.dumps({"settlements": sent, "members": context}, ensure_ascii=False).encode())
            desks.append((d, s, batches))
        latencies: list[float] = []
        lock = threading.Lock()
        go = threading.Event()

        def upload(desk_uuid: str, secret: str, batches: list[bytes]) -> None:
            with httpx.Client(base_url=hub.url, timeout=120) as http:
                go.wait()
                for body in batches:
                    t0 = time.perf_counter()
                    assert http.post(SETTLEMENTS, content=body, headers=signed(desk_uuid, secret, body)).status_code == 200
                    with lock:
                        latencies.append(time.perf_counter() - t0)

        threads = [threading.Thread(target=upload, args=d) for d in desks]
        for t in threads:
            t.start()
        start = time.perf_counter()
        go.set()
        for t in threads:
            t.join(timeout=600)
        wall = time.perf_counter() - start
        print(f"{args.desks} desks at once, {args.batches} batches of 20 each: p50"
              f" {statistics.median(latencies) * 1000:6.1f} ms, p99 {percentile(latencies, 0.99) * 1000:6.1f} ms"
              f" (goal < 200 ms); {len(latencies) * 20 / wall:,.0f} settlements/s overall")
        # Each desk sends its next batch as soon as the last is answered, so args.desks batches are
        # always in flight and the mean latency is args.desks / (batches per second) (Little's law):
        # on these cores, with the desks' clients running on them too, latency follows throughput.
        print(f"  {args.desks} batches always in flight: mean {statistics.fmean(latencies) * 1000:.1f} ms ≈"
              f" {args.desks} / {len(latencies) / wall:,.0f} batches/s; a mean under 200 ms needs"
              f" {args.desks / 0.2 * 20:,.0f} settlements/s")

        register(hub, desk)
        start = time.perf_counter()
        report = sync_once(desk.path, batch=500)
        took = time.perf_counter() - start
        assert report.ok and report.accepted == args.settlements, report
        print(f"a desk uploading {args.settlements:,} queued settlements: {took:6.2f} s with the download that follows"
              f" ({report.changes:,} changes applied)")
        print(f"  floor: the same settlements in process {args.settlements / rate:6.2f} s")
        assert not hub.store.check()
        hub.close()
    finally:
        if server:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
