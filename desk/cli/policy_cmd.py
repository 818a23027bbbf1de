"""`desk policy list|check`: what packs the desk has, and whether a new one may be loaded."""
from __future__ import annotations

import argparse
import sys

from desk.cli.main import EXIT_BAD_INPUT
from desk.policy.loader import Library, PackError, read_pack
from desk.policy.pack import PolicyError


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
    library = Library(args.policy_dir)
    if args.policy_command == "list":
        return _list(library)
    return _check(library, args.file)
