"""The one-folder build: its size, and the frozen program's cold start to the login screen.

Beside it, in the same run: the same start from source. Goal: start ≤ 1.5 s; folder < 180 MB.
Build first with `bash scripts/build`.

    .venv/bin/python bench/frozen.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(command: list[str], db: Path) -> float:
    env = {**os.environ, "DESK_EXIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    begin = time.perf_counter()
    child = subprocess.Popen([*command, "gui", "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)
    line = child.stdout.readline()
    took = time.perf_counter() - begin
    child.wait(timeout=60)
    assert line.strip() == "READY", line
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    frozen = ROOT / "dist" / "desk" / "desk"
    if not frozen.exists():
        sys.exit("no build: run `bash scripts/build` first")
    size = sum(p.lstat().st_size for p in (ROOT / "dist" / "desk").rglob("*") if p.is_file() and not p.is_symlink())
    db = Path(tempfile.mkdtemp()) / "demo.sqlite"
    subprocess.run([str(frozen), "demo", "--db", str(db), "--members", "500"], check=True, capture_output=True)
    source = [str(ROOT / ".venv" / "bin" / "desk")]
    start([str(frozen)], db), start(source, db)  # warm the page cache
    frozen_times = [start([str(frozen)], db) for _ in range(args.rounds)]
    source_times = [start(source, db) for _ in range(args.rounds)]
    print(f"one-folder build: {size / 1024 / 1024:.0f} MB in {ROOT / 'dist' / 'desk'}   (goal < 180 MB)")
    print(f"cold start to the login screen, medians of {args.rounds} (offscreen):")
    print(f"  frozen:      {statistics.median(frozen_times) * 1000:6.0f} ms   (goal ≤ 1500 ms)")
    print(f"  from source: {statistics.median(source_times) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
