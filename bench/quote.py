"""Wall time of `desk quote` on a 10,000-request batch, beside `python -c pass` (the interpreter's
start) measured in the same run. Goal: ≤ 1.5 s.

    .venv/bin/python bench/quote.py [--count 10000] [--rounds 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import POLICY_DIR, requests  # noqa: E402

DESK = Path(sys.executable).parent / "desk"


def timed(command: list[str], stdin_path: Path | None = None) -> float:
    with open(stdin_path or "/dev/null", "rb") as stdin:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.json"
        batch.write_text(json.dumps(requests(args.count), ensure_ascii=False), encoding="utf-8")
        timed([str(DESK), "quote", str(batch), "--compact", "--policy-dir", str(POLICY_DIR)])  # warm the page cache and .pyc files
        floor = [timed([sys.executable, "-c", "pass"]) for _ in range(args.rounds)]
        one = [timed([str(DESK), "quote", "--compact", "--policy-dir", str(POLICY_DIR)], stdin_path=_one(tmp)) for _ in range(args.rounds)]
        full = [timed([str(DESK), "quote", str(batch), "--compact", "--policy-dir", str(POLICY_DIR)]) for _ in range(args.rounds)]
    print(f"desk quote, {args.rounds} rounds, medians")
    print(f"  floor `python -c pass`:           {statistics.median(floor) * 1000:8.0f} ms")
    print(f"  desk quote, 1 request:            {statistics.median(one) * 1000:8.0f} ms")
    print(f"  desk quote, {args.count:,} requests:     {statistics.median(full) * 1000:8.0f} ms   (goal ≤ 1500 ms)")
    print(f"  per request beyond start-up:      {(statistics.median(full) - statistics.median(one)) / args.count * 1e6:8.0f} µs")


def _one(tmp: str) -> Path:
    path = Path(tmp) / "one.json"
    path.write_text(json.dumps(requests(1)[0]), encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
