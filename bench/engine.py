"""In-process settlements per second on one core, beside a floor: the same loop doing only the
Decimal arithmetic of a settlement (no policy lookups, no explanation). Goal: ≥ 20,000/s.

    .venv/bin/python bench/engine.py [--count 20000] [--rounds 7]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import POLICY_DIR, requests  # noqa: E402

from desk.engine import settle  # noqa: E402
from decimal import ROUND_HALF_UP  # noqa: E402

from desk.money import FEN  # noqa: E402
from desk.policy.loader import Library  # noqa: E402
from desk.quote import parse_request  # noqa: E402


def floor_loop(cases) -> None:
    ratio, zero = Decimal("0.6000"), Decimal("0.00")
    for _, member, usage, bill, _ in cases:
        total = full = pre = zero
        for item in bill.items:
            total += item.amount
            if item.cls == "C":
                full += item.amount
            elif item.cls == "B":
                pre += (item.amount * item.selfpay_ratio).quantize(FEN, ROUND_HALF_UP)
        in_scope = total - full - pre
        deductible = min(in_scope, max(zero, Decimal("300") - usage.deductible_met))
        pool = min(((in_scope - deductible) * ratio).quantize(FEN, ROUND_HALF_UP),
                   max(zero, Decimal("2000") - usage.ordinary_pool_paid))
        self_pay = total - pool
        account = min(self_pay, member.account_balance)
        _ = self_pay - account


def engine_loop(packs, cases) -> None:
    for policy, member, usage, bill, at in cases:
        settle(packs[policy], member, usage, bill, at)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    library = Library([POLICY_DIR])
    cases = [parse_request(r) for r in requests(args.count)]
    packs = {p: library.get(p) for p in {c[0] for c in cases}}
    engine_loop(packs, cases[:2000])  # warm-up: memoised policy days, Decimal caches
    floor_times, engine_times = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        floor_loop(cases)
        floor_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        engine_loop(packs, cases)
        engine_times.append(time.perf_counter() - start)
    floor_rate = args.count / statistics.median(floor_times)
    engine_rate = args.count / statistics.median(engine_times)
    print(f"settlements: {args.count} per round, {args.rounds} rounds, medians")
    print(f"  floor (Decimal arithmetic only): {floor_rate:>10,.0f} /s")
    print(f"  engine settle():                 {engine_rate:>10,.0f} /s   (goal ≥ 20,000/s)")
    print(f"  engine costs {floor_rate / engine_rate:.1f}× the floor per settlement")


if __name__ == "__main__":
    main()
