"""Entry point of the `desk` console script.

Each command lives in its own module with ``add_parser(sub)`` and ``run(args)``; modules import
their heavy dependencies inside ``run``, so `desk quote` starts without loading the database
layer: a hospital system may call it once per bill.
"""
from __future__ import annotations

import argparse
import importlib
import sys

EXIT_BAD_INPUT = 2
COMMANDS = ("quote", "policy", "init", "members", "catalog", "settle", "reverse", "receipt", "usage", "report", "check",
            "audit", "users", "demo", "selftest", "hub", "sync", "pharmacy", "stock", "simulate")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with just ``only`` (a script calling `desk quote` per bill
    should not pay for importing the other commands)."""
    parser = argparse.ArgumentParser(
        prog="desk", description="Billing desk for 门诊共济 outpatient settlements.",
        epilog="`desk` alone (or `desk gui [--db PATH]`) opens the counter program; `desk screenshots DIR` writes"
               " a PNG of every screen with demo data.")
    from desk import __version__

    parser.add_argument("--version", action="version", version=f"billing desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMANDS:
        module = importlib.import_module(f"desk.cli.{name}_cmd")
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("desk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
