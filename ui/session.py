"""What the counter program holds while it runs: the database, the policy packs, who is logged in."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from desk.domain import CST
from desk.policy.loader import Library
from desk.store.database import open_db
from desk.store.packs import desk_library
from desk.store.identity import DeskInfo, get_desk
from desk.store.users import Actor, login


def china_now() -> dt.datetime:
    return dt.datetime.now(CST)


class Session:
    """One per window. ``now`` is a parameter so tests can put the counter on another date."""

    def __init__(self, path: Path, library: Library | None = None, now: Callable[[], dt.datetime] = china_now):
        self.path = Path(path)
        self.db = open_db(self.path)
        # Only the shipped packs and those an administrator installed (desk policy install).
        self.library = library or desk_library(self.db)
        self.now = now
        self.actor: Actor | None = None

    @property
    def desk(self) -> DeskInfo:
        return get_desk(self.db)

    def login(self, user_id: str, pin: str) -> Actor:
        self.actor = login(self.db, user_id.strip(), pin, self.now())
        return self.actor

    def check_pin(self, user_id: str, pin: str) -> Actor:
        """Another user's PIN (a supervisor authorising a reversal) without changing who is logged in."""
        return login(self.db, user_id.strip(), pin, self.now())
