"""Numbered SQL migrations, found and run the same way for the desk's database and the hub's.

Both keep their schema as files ``NNN_name.sql`` numbered 001, 002, … without gaps (db/ for the
desk; desk/sync/migrations/<engine>/ for the hub). ``numbered`` reads and checks a folder;
``upgrade`` runs, in order, those a database has not seen through the caller's ``apply`` (which
owns the transaction: the desk runs each file in its own, the hub all in one), and refuses a
database newer than the program, which would otherwise be changed by code that does not know it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources.abc import Traversable

NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """The migrations on disk and the database's version do not fit together; the text says how."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def numbered(folder: Traversable, what: str) -> list[Migration]:
    """Every ``NNN_name.sql`` in ``folder``, in order; MigrationError unless numbered 1..N without gaps."""
    found = []
    for entry in folder.iterdir():
        match = NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError(f"{what} migrations are not numbered 001, 002, … without gaps: {[m.name for m in found]}")
    return found


def upgrade(known: list[Migration], current: int, apply: Callable[[Migration], None], *, database: str,
            program: str, advice: str) -> int:
    """Apply every migration after version ``current`` in order; the version the database is then at."""
    if current > len(known):
        raise MigrationError(f"{database} has schema version {current}, newer than this {program} knows"
                             f" ({len(known)}); {advice}")
    for migration in known[current:]:
        apply(migration)
    return len(known)
