"""Options and helpers the database commands share: --db, the acting user, the clock, errors."""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from desk.domain import CST


def add_db(parser: argparse.ArgumentParser, *, user: bool = False) -> None:
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="the desk database (default: the user data folder, or $DESK_DB)")
    if user:
        parser.add_argument("--user", default=os.environ.get("DESK_USER"), metavar="ID",
                            help="who acts (default $DESK_USER); the PIN comes from $DESK_PIN or a prompt")


def now() -> dt.datetime:
    return dt.datetime.now(CST)


def parse_at(text: str | None, field: str = "--at") -> dt.datetime:
    """An ISO 8601 date-time given on the command line (China Standard Time when it names no offset)."""
    from desk.money import InputError

    if not text:
        return now()
    try:
        at = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, f"{text!r} is not an ISO 8601 date and time (2026-03-15T10:00:00+08:00)") from None
    at = at if at.tzinfo else at.replace(tzinfo=CST)
    try:
        at.astimezone(dt.timezone.utc)
    except OverflowError:
        raise InputError(field, f"{text!r} is out of range") from None
    return at


def open_store(args: argparse.Namespace, *, create: bool = False):
    """The desk database the command names; only `desk init` and `desk demo` create one."""
    from desk.store.database import default_path, open_db

    path = args.db or (Path(os.environ["DESK_DB"]) if os.environ.get("DESK_DB") else default_path())
    return open_db(path, create=create)


def library(args: argparse.Namespace):
    """The packs of `desk quote` and `desk policy check`: the shipped ones and any --policy-dir.
    Commands that settle use ``desk_library`` instead."""
    from desk.policy.loader import Library

    return Library(getattr(args, "policy_dir", []))


def desk_library(db):
    """The packs a desk settles under: shipped, and installed by an administrator (never a folder)."""
    from desk.store.packs import desk_library as installed

    return installed(db)


def settlement_id(db, text: str) -> str:
    """A settlement named by its UUID or by its receipt number on this desk."""
    import re

    if re.fullmatch(r"[0-9]+", text.strip()):
        from desk.store.database import StoreError
        from desk.store.settling import find_by_receipt

        number = int(text)
        found = find_by_receipt(db, number) if number < 2 ** 63 else None
        if found is None:
            raise StoreError(f"settlement: no receipt number {text.strip()} on this desk", kind="no_settlement")
        return found.id
    return text.strip()


def read_pin(prompt: str = "PIN: ") -> str:
    pin = os.environ.get("DESK_PIN")
    if pin is None:
        if not sys.stdin.isatty():
            raise SystemExit("desk: no PIN: set DESK_PIN or run from a terminal")
        pin = getpass.getpass(prompt)
    return pin


def acting_user(db, args: argparse.Namespace):
    from desk.store.database import StoreError
    from desk.store.users import login

    if not args.user:
        raise StoreError("user: say who acts with --user ID (or $DESK_USER)")
    return login(db, args.user, read_pin(f"PIN for {args.user}: "), now())


def report_problems(label: str, problems: list, summary: str, ok: bool) -> int:
    """Print each problem on its own line after ``label``, then the summary; the exit status (1: problems)."""
    for problem in problems:
        print(f"{label} {problem}")
    print(summary)
    return 0 if ok else 1


def guarded(run):
    """Run a command, turning the core's refusals into one line on stderr and exit status 2."""
    def wrapper(args: argparse.Namespace) -> int:
        from desk.money import InputError
        from desk.policy.loader import PackError
        from desk.policy.pack import PolicyError
        from desk.store.database import StoreError

        try:
            return run(args)
        except (StoreError, PackError, PolicyError, InputError, ValueError) as exc:
            print(f"desk {args.command}: {exc}", file=sys.stderr)
            return 2
    return wrapper


def progress(label: str):
    """A progress line on stderr for long imports (only on a terminal)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{label}: {done:,}/{total:,}", end="" if done < total else "\n", file=sys.stderr, flush=True)
    return show
