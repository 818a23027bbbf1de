"""Cashiers, supervisors and administrators: PINs hashed with argon2, lockout, permissions.

Permissions are checked here, in the core, for every action that writes: the GUI may hide a
button, but a cashier's Actor cannot reverse a settlement whatever calls the core.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.store import audit
from desk.store.database import StoreError, write_transaction

ROLES = ("cashier", "supervisor", "admin")
# The least role allowed to do each action; roles rank cashier < supervisor < admin.
NEEDS = {
    "settle": "cashier",
    "reverse": "supervisor",
    "late_entry": "supervisor",
    "close_day": "supervisor",
    "override_price": "supervisor",
    "import": "admin",
    "users": "admin",
    "settings": "admin",
}
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
PIN = re.compile(r"[0-9]{4,12}")  # ASCII digits only: a keypad cannot type a full-width ２
USER_ID = re.compile(r"[A-Za-z0-9_.-]{1,32}")
WHAT = {"settle": "settle bills", "reverse": "reverse settlements",
        "late_entry": "record a late entry (补录) or date a settlement", "close_day": "close the day",
        "override_price": "approve a price other than the catalog's",
        "import": "import rosters or catalogs", "users": "manage users", "settings": "change desk settings"}
ARTICLE = {"cashier": "a cashier", "supervisor": "a supervisor", "admin": "an admin"}
# OWASP's minimum for argon2id: 19 MiB, 2 passes; a login costs tens of milliseconds.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verified instead when the user id is unknown, so that answer costs the same time as a wrong PIN.
# A constant with HASHER's parameters (hashing one at import would slow every process's start).
DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$eTenuoItEqGSUu/FGvqoNg$L/NUdEmqYQtRwxD8f3LahtLrhac88bAA4Lk2l8AXrWo"


class PermissionDenied(StoreError):
    """An action the actor's role may not do: ``action`` (a key of NEEDS) and the role it ``needs``."""

    def __init__(self, message: str, *, action: str = "", needs: str = ""):
        super().__init__(message)
        self.action, self.needs = action, needs


class LoginFailed(StoreError):
    """A refused login; ``kind`` is "credentials" (unknown user, disabled user or wrong PIN: one answer
    for all three) or "locked" (with ``until``)."""

    def __init__(self, message: str, *, kind: str, until: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.until = until


WRONG_CREDENTIALS = "wrong user id or PIN"


class UserRefused(StoreError):
    """A refused change to the users, with the field and the ``problem`` (a kind ui/errors.py words):
    pin_format, user_id_format, role_unknown, name_empty, user_exists, no_such_user, last_admin,
    own_user_disabled. The English message is for the CLI and the log."""

    def __init__(self, field: str, problem: str, value: str, message: str):
        super().__init__(message)
        self.field, self.problem, self.value = field, problem, value


@dataclass(frozen=True)
class Actor:
    user_id: str
    name: str
    role: str

    def may(self, action: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(NEEDS[action])


def require(actor: Actor | None, action: str) -> Actor:
    if actor is None or not actor.may(action):
        who = f"{actor.name} ({actor.role})" if actor else "nobody logged in"
        raise PermissionDenied(f"{who} may not {WHAT[action]}: that needs {ARTICLE[NEEDS[action]]}",
                               action=action, needs=NEEDS[action])
    return actor


def _check_pin(pin: str) -> None:
    if not PIN.fullmatch(pin or ""):
        raise UserRefused("pin", "pin_format", "", "PIN: must be 4 to 12 digits")  # the value is secret


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserRefused("role", "role_unknown", str(role), f"role: {role!r} is not one of {', '.join(ROLES)}")


def add_user(db: sqlite_utils.Database, actor: Actor | None, user_id: str, name: str, role: str, pin: str,
             now: dt.datetime, *, first_admin: bool = False) -> None:
    """Add a user; only an admin may, except the first admin created by `desk init`."""
    if not first_admin:
        require(actor, "users")
    if not USER_ID.fullmatch(user_id or ""):
        raise UserRefused("user_id", "user_id_format", user_id or "",
                          f"user id: {user_id!r} must be 1 to 32 letters, digits, '.', '_' or '-'")
    _check_role(role)
    if not name.strip():
        raise UserRefused("name", "name_empty", "", "name: must not be empty")
    _check_pin(pin)
    with write_transaction(db):
        if db.execute("SELECT 1 FROM users WHERE user_id = ?", (user_id,)).fetchone():
            raise UserRefused("user_id", "user_exists", user_id, f"user id: {user_id!r} exists already")
        db.execute("INSERT INTO users (user_id, name, role, pin_hash, created_at) VALUES (?,?,?,?,?)",
                   (user_id, name.strip(), role, HASHER.hash(pin), now.isoformat()))
        audit.append(db, now.isoformat(), actor.user_id if actor else user_id, "user.add", user_id,
                     {"name": name.strip(), "role": role})


def login(db: sqlite_utils.Database, user_id: str, pin: str, now: dt.datetime) -> Actor:
    """Check a PIN; the fifth wrong one in a row locks the user for LOCKOUT.

    The count is read, the PIN verified and the new count written inside ONE write transaction
    (BEGIN IMMEDIATE), so parallel guessers in other processes queue behind each other and get
    at most MAX_FAILURES tries in all. An unknown or disabled user and a wrong PIN get the same
    answer, after the same argon2 work (a dummy hash is verified), so neither the words nor the
    time say which user ids exist.
    """
    with write_transaction(db):
        row = db.execute("SELECT name, role, pin_hash, active, failed_attempts, locked_until FROM users"
                         " WHERE user_id = ?", (user_id,)).fetchone()
        if row is None or not row[3]:
            _verify(DUMMY_HASH, pin)
            raise LoginFailed(WRONG_CREDENTIALS, kind="credentials")
        name, role, pin_hash, _, failures, locked_until = row
        if locked_until and dt.datetime.fromisoformat(locked_until) > now:
            _verify(DUMMY_HASH, pin)
            raise LoginFailed(f"{user_id} is locked after {MAX_FAILURES} wrong PINs until "
                              f"{dt.datetime.fromisoformat(locked_until):%H:%M}; a supervisor or admin can unlock",
                              kind="locked", until=locked_until)
        if not _verify(pin_hash, pin):
            failures += 1
            locked = (now + LOCKOUT).isoformat() if failures >= MAX_FAILURES else None
            db.execute("UPDATE users SET failed_attempts = ?, locked_until = ? WHERE user_id = ?",
                       (0 if locked else failures, locked, user_id))
            if locked:
                audit.append(db, now.isoformat(), user_id, "user.locked", user_id, {"until": locked})
                failure = LoginFailed(f"wrong PIN; {user_id} is now locked for {LOCKOUT.seconds // 60} minutes",
                                      kind="locked", until=locked)
            else:
                failure = LoginFailed(WRONG_CREDENTIALS, kind="credentials")
        else:
            failure = None
            if failures or locked_until:
                db.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE user_id = ?", (user_id,))
    if failure:  # raised after the commit, so the count is written
        raise failure
    return Actor(user_id, name, role)


def _verify(pin_hash: str, pin: str) -> bool:
    try:
        return HASHER.verify(pin_hash, pin or "")
    except (VerificationError, InvalidHashError):
        return False


def _change(db: sqlite_utils.Database, actor: Actor, user_id: str, now: dt.datetime, action: str, sql: str,
            params: tuple, detail: dict, *, keeps_an_admin: bool = False, needs: str = "users") -> None:
    """One change to one user in ONE write transaction: the last-admin check reads under the write lock,
    so two admins demoting each other at two counters cannot both pass it."""
    require(actor, needs)
    with write_transaction(db):
        _still_may(db, actor, needs)
        if keeps_an_admin:
            _keeps_an_admin(db, user_id)
        if db.execute(sql, (*params, user_id)).rowcount != 1:
            raise UserRefused("user_id", "no_such_user", user_id, f"user id: no user {user_id!r}")
        audit.append(db, now.isoformat(), actor.user_id, action, user_id, detail)


def _still_may(db: sqlite_utils.Database, actor: Actor, action: str) -> None:
    """The actor as the users table has them now, not as they logged in: an admin demoted or disabled at
    another counter may not go on changing users from a session opened before."""
    row = db.execute("SELECT name, role, active FROM users WHERE user_id = ?", (actor.user_id,)).fetchone()
    if row is None or not row[2]:
        raise PermissionDenied(f"{actor.user_id} is no longer an active user", action=action, needs=NEEDS[action])
    require(Actor(actor.user_id, row[0], row[1]), action)


def set_pin(db: sqlite_utils.Database, actor: Actor, user_id: str, pin: str, now: dt.datetime) -> None:
    _check_pin(pin)
    _change(db, actor, user_id, now, "user.pin", "UPDATE users SET pin_hash = ?, failed_attempts = 0,"
            " locked_until = NULL WHERE user_id = ?", (HASHER.hash(pin),), {})


def reset_pin(db: sqlite_utils.Database, actor: Actor, user_id: str, pin: str, now: dt.datetime, *,
              approver: Actor | None) -> None:
    """An admin gives a user a new PIN (forgotten, or locked out), approved on the spot by a supervisor's or
    an admin's own PIN (``approver``, checked by ``login`` just before): audited with both names."""
    require(actor, "users")
    require(approver, "reverse")
    _check_pin(pin)
    _change(db, actor, user_id, now, "user.pin_reset", "UPDATE users SET pin_hash = ?, failed_attempts = 0,"
            " locked_until = NULL WHERE user_id = ?", (HASHER.hash(pin),), {"approved_by": approver.user_id})


def _keeps_an_admin(db: sqlite_utils.Database, user_id: str) -> None:
    """Refuse a change that would leave the desk with no active admin (nobody could manage it)."""
    others = db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND user_id <> ?",
                        (user_id,)).fetchone()[0]
    if not others:
        raise UserRefused("user_id", "last_admin", user_id,
                          f"{user_id} is the last active admin; make another admin first")


def set_active(db: sqlite_utils.Database, actor: Actor, user_id: str, active: bool, now: dt.datetime) -> None:
    if user_id == actor.user_id and not active:
        raise UserRefused("user_id", "own_user_disabled", user_id, "an admin may not disable their own user")
    _change(db, actor, user_id, now, "user.enable" if active else "user.disable",
            "UPDATE users SET active = ? WHERE user_id = ?", (int(active),), {}, keeps_an_admin=not active)


def set_role(db: sqlite_utils.Database, actor: Actor, user_id: str, role: str, now: dt.datetime) -> None:
    _check_role(role)
    _change(db, actor, user_id, now, "user.role", "UPDATE users SET role = ? WHERE user_id = ?", (role,),
            {"role": role}, keeps_an_admin=role != "admin")


def unlock(db: sqlite_utils.Database, actor: Actor, user_id: str, now: dt.datetime) -> None:
    """A supervisor on the floor (or an admin) can unlock a user locked after wrong PINs."""
    _change(db, actor, user_id, now, "user.unlock", "UPDATE users SET failed_attempts = 0, locked_until = NULL"
            " WHERE user_id = ?", (), {}, needs="reverse")


def list_users(db: sqlite_utils.Database) -> list[dict]:
    return [dict(zip(("user_id", "name", "role", "active", "locked_until"), row)) for row in db.execute(
        "SELECT user_id, name, role, active, locked_until FROM users ORDER BY user_id")]
