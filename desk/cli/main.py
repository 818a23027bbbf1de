"""Entry point of the `desk` console script.

Subcommands import their modules lazily so that `desk quote` starts in tens of
milliseconds: a hospital system may call it once per bill.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2


def _policy_dirs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy-dir", action="append", type=Path, default=[], metavar="DIR",
                        help="also read policy packs from DIR (before the shipped ones)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk", description="Billing desk for 门诊共济 outpatient settlements.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    quote = sub.add_parser("quote", help="settle requests given as JSON, writing only the answers (no database)")
    quote.add_argument("file", nargs="?", help="a JSON request or array of requests (default: standard input)")
    quote.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    _policy_dirs(quote)

    policy = sub.add_parser("policy", help="policy packs: list them or check one")
    policy_sub = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    listing = policy_sub.add_parser("list", help="the packs and their dated versions")
    _policy_dirs(listing)
    check = policy_sub.add_parser("check", help="validate a pack file (schema and its framework's bounds)")
    check.add_argument("file", type=Path)
    _policy_dirs(check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "quote":
        from desk.cli.quote_cmd import run
    elif args.command == "policy":
        from desk.cli.policy_cmd import run
    else:
        parser.print_help()
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
