"""`desk policy list|check`: what packs the desk has, and whether a new one may be loaded."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk.cli.options import library
from desk.policy.loader import Library, PackError, read_pack
from desk.policy.pack import PolicyError

EXIT_BAD_INPUT = 2


def add_parser(sub) -> None:
    policy = sub.add_parser("policy", help="policy packs: list them or check one")
    actions = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the packs and their dated versions")
    check = actions.add_parser("check", help="validate a pack file (schema and its framework's bounds)")
    check.add_argument("file", type=Path)
    for parser in (listing, check):
        parser.add_argument("--policy-dir", action="append", type=Path, default=[], metavar="DIR",
                            help="also read policy packs from DIR (before the shipped ones)")
    policy.set_defaults(run=run)


def _list(library: Library) -> int:
    failed = 0
    for pack_id in library.ids():
        try:
            pack = library.get(pack_id)
        except (PackError, PolicyError) as exc:
            print(f"{pack_id:<12} REFUSED  {exc}")
            failed += 1
            continue
        role = pack.kind if not pack.follows else f"city of {pack.follows}"
        if pack.kind == "framework":
            role += " + template" if pack.settles else " (bounds only)"
        print(f"{pack.id:<12} {pack.name}  [{role}]  {pack.status}")
        for version in pack.versions:
            print(f"  {pack.id}@{version.start.isoformat()}  from {version.start.isoformat()}"
                  f"  {pack.short} {version.source}  {len(version.params)} parameters"
                  + (f", {len(version.bounds)} bounds" if version.bounds else ""))
    return EXIT_BAD_INPUT if failed else 0


def _check(library: Library, path) -> int:
    try:
        pack = library.check(read_pack(path))
    except (PackError, PolicyError) as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"ok: {path}: {pack.id} ({pack.name}), {len(pack.versions)} version(s)"
          + (f", within the bounds of {pack.follows}" if pack.follows else ""))
    return 0


def run(args: argparse.Namespace) -> int:
    packs = library(args)
    if args.policy_command == "list":
        return _list(packs)
    return _check(packs, args.file)
