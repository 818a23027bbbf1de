"""The desk's identity: which institution and counter it is, and which policy pack it settles under."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlite_utils

from desk.domain import INSTITUTION_TYPES, LEVELS
from desk.engine.inputs import Institution
from desk.policy.loader import Library
from desk.policy.pack import PolicyError
from desk.store import audit
from desk.store.database import StoreError, write_transaction
from desk.store.users import add_user

FIELDS = ("desk_uuid", "institution_code", "institution_name", "level", "type", "designated", "policy",
          "desk_number", "demo")


@dataclass(frozen=True)
class DeskInfo:
    desk_uuid: str
    institution_code: str
    institution_name: str
    level: int
    type: str
    designated: bool
    policy: str
    desk_number: str
    demo: bool

    @property
    def institution(self) -> Institution:
        return Institution(self.level, self.type, self.designated, self.institution_code)


def get_desk(db: sqlite_utils.Database) -> DeskInfo:
    row = db.execute(f"SELECT {', '.join(FIELDS)} FROM desk WHERE id = 1").fetchone()
    if row is None:
        raise StoreError("this desk database has no identity yet: run `desk init` first")
    values = dict(zip(FIELDS, row))
    return DeskInfo(**{**values, "designated": bool(values["designated"]), "demo": bool(values["demo"])})


def init_desk(db: sqlite_utils.Database, library: Library, *, institution_code: str, institution_name: str,
              level: int, type: str, policy: str, desk_number: str, admin_id: str, admin_name: str,
              admin_pin: str, now: dt.datetime, designated: bool = True, demo: bool = False) -> DeskInfo:
    """Record the desk's identity and its first administrator, once."""
    for field, value in (("institution code", institution_code), ("institution name", institution_name),
                         ("desk number", desk_number)):
        if not str(value).strip():
            raise StoreError(f"{field}: must not be empty")
    if level not in LEVELS:
        raise StoreError(f"level: {level!r} is not one of 0, 1, 2, 3")
    if type not in INSTITUTION_TYPES:
        raise StoreError(f"type: {type!r} is not one of {', '.join(INSTITUTION_TYPES)}")
    try:
        pack = library.get(policy)
    except PolicyError as exc:
        raise StoreError(f"policy: {exc}") from None
    if not pack.settles:
        raise StoreError(f"policy: {policy} is a provincial framework; choose a city pack that follows it")
    with write_transaction(db):
        if db.execute("SELECT 1 FROM desk").fetchone():
            raise StoreError("this desk database has an identity already; settings change it, init does not")
        db.execute("INSERT INTO desk (id, desk_uuid, institution_code, institution_name, level, type, designated,"
                   " policy, desk_number, demo, created_at) VALUES (1,?,?,?,?,?,?,?,?,?,?)",
                   (str(uuid.uuid4()), institution_code.strip(), institution_name.strip(), level, type,
                    int(designated), policy, desk_number.strip(), int(demo), now.isoformat()))
        add_user(db, None, admin_id, admin_name, "admin", admin_pin, now, first_admin=True)
        audit.append(db, now.isoformat(), admin_id, "desk.init", desk_number,
                     {"institution": institution_code, "policy": policy, "level": level, "type": type, "demo": demo})
    return get_desk(db)
