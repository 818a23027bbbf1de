"""`desk selftest`: check this installation end to end, with no display; exit 1 on any failure."""
from __future__ import annotations

import argparse


def add_parser(sub) -> None:
    parser = sub.add_parser("selftest", help="settle, reverse, print and verify in every shipped place (no display)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desk.selftest import run as selftest

    return 1 if selftest() else 0
