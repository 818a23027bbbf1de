"""Policy packs installed by an administrator: the only packs besides the shipped ones a desk settles under.

`desk policy install FILE` validates a pack exactly as loading does (schema, and a city pack
against its framework's bounds) and keeps the file whole in the database with its SHA-256, in
one transaction with its audit row. Settling, previewing and the counter program read their
packs from ``desk_library``: the shipped ones and these, never a folder named on a command line
(``--policy-dir`` is for ``desk quote`` and ``desk policy check``). Each settlement records the
digest of its pack, and the hub refuses one whose digest it does not know.
"""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from desk.policy.loader import Library, PackError, pack_digest, parse_pack_bytes
from desk.policy.pack import Pack, PolicyError
from desk.store import audit
from desk.store.database import StoreError, write_transaction
from desk.store.users import Actor, require

MAX_PACK = 1024 * 1024  # bytes: the shipped packs are a few kilobytes


def installed(db: sqlite_utils.Database) -> list[tuple[bytes, str]]:
    """(file bytes, label) of every installed pack, oldest first (the newest of an id wins)."""
    return [(bytes(content), f"installed/{pack_id}.toml") for content, pack_id in db.execute(
        "SELECT content, pack_id FROM policy_packs ORDER BY installed_at, rowid")]


def desk_library(db: sqlite_utils.Database) -> Library:
    """The packs this desk settles under: shipped, and installed by an administrator."""
    return Library(None, installed(db))


def install_pack(db: sqlite_utils.Database, actor: Actor, data: bytes, now: dt.datetime) -> Pack:
    """Validate and install a pack (an administrator's act, audited with its id and digest)."""
    require(actor, "settings")
    if len(data) > MAX_PACK:
        raise StoreError(f"pack: {len(data):,} bytes; a policy pack is at most {MAX_PACK:,}")
    try:
        pack = desk_library(db).check(parse_pack_bytes(data, "installed pack"))
    except (PackError, PolicyError) as exc:
        raise StoreError(f"pack refused: {exc}") from None
    digest = pack_digest(data)
    with write_transaction(db):
        if db.execute("SELECT 1 FROM policy_packs WHERE digest = ?", (digest,)).fetchone():
            raise StoreError(f"pack: {pack.id} with sha256 {digest} is installed already")
        db.execute("INSERT INTO policy_packs (digest, pack_id, content, installed_at, installed_by)"
                   " VALUES (?,?,?,?,?)", (digest, pack.id, data, now.isoformat(), actor.user_id))
        audit.append(db, now.isoformat(), actor.user_id, "policy.install", pack.id,
                     {"sha256": digest, "versions": [v.start.isoformat() for v in pack.versions]})
    return pack
