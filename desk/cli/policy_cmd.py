"""`desk policy list|check|install`: what packs there are, whether a new one may be loaded, installing it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk.cli.options import acting_user, add_db, guarded, library, now, open_store
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
    install = actions.add_parser("install", help="install a pack on this desk (admin): validated, kept with its"
                                                 " SHA-256; settling uses only shipped and installed packs")
    install.add_argument("file", type=Path)
    add_db(install, user=True)
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
    if args.policy_command == "install":
        return guarded(run_install)(args)
    if args.policy_command == "list":
        return _list(packs)
    return _check(packs, args.file)


def run_install(args: argparse.Namespace) -> int:
    from desk.store.packs import install_pack

    db = open_store(args)
    actor = acting_user(db, args)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise ValueError(f"{args.file}: cannot be read: {exc.strerror}") from None
    pack = install_pack(db, actor, data, now())
    print(f"{args.file}: installed {pack.id} ({pack.name}), sha256 {pack.digest}")
    return 0
