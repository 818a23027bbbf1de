"""`desk quote`: the engine as a filter, per shared/contracts/quote.md.

On bad input it exits 2 with one line on standard error naming the field, and writes
nothing to standard output, so a caller never reads half an answer.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
from decimal import Decimal
from pathlib import Path

EXIT_BAD_INPUT = 2


def add_parser(sub) -> None:
    parser = sub.add_parser("quote", help="settle requests given as JSON, writing only the answers (no database)")
    parser.add_argument("file", nargs="?", help="a JSON request or array of requests (default: standard input)")
    parser.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    parser.add_argument("--policy-dir", action="append", type=Path, default=[], metavar="DIR",
                        help="also read policy packs from DIR (before the shipped ones)")
    parser.set_defaults(run=run)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def read_payload(text: str):
    from desk.money import InputError

    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError("", f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError("", "malformed JSON: nested too deeply") from None
    except ValueError as exc:
        raise InputError("", f"malformed JSON: {exc}") from None


def run(args: argparse.Namespace) -> int:
    """Quote with the cycle collector paused: every object of a batch (the requests, the settlements, the
    answers) lives until the answer is written and none of them is cyclic garbage, yet the collector walked
    them again every few hundred allocations — a third of a 10,000-request batch's time (bench/quote.py).
    Reference counting still frees everything it always freed."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if paused:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from desk.money import InputError
    from desk.policy.loader import Library, PackError
    from desk.quote import quote

    try:
        if args.file and args.file != "-":
            try:
                with open(args.file, encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError("", f"cannot read {args.file}: {exc}") from None
        else:
            text = sys.stdin.read()
        result = quote(Library(args.policy_dir), read_payload(text))
    except (InputError, PackError) as exc:
        print(f"desk quote: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    indent = None if args.compact else 2
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))
    sys.stdout.write("\n")
    return 0
