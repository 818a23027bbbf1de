"""The hub's administrators: who may read the chain's report over HTTP (GET /v1/report), never a desk.

An administrator is registered with `desk hub add-admin NAME`, which prints the secret once; the
hub keeps its SHA-256 only, as for desks. Requests carry `Authorization: Bearer admin:NAME:SECRET`.
The route itself is built above the sync layer (desk/cli/hub_report_route.py), where the analytics are.
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets

REPORT = "/v1/report"


def _hash(secret: str) -> str:
    from desk.sync.hub_store import secret_hash

    return secret_hash(secret)


def add_admin(store, name: str, now: dt.datetime) -> str:
    """Register (or re-key) an administrator; returns the new secret, shown once."""
    name = (name or "").strip()
    if not name or ":" in name:
        raise ValueError(f"name: {name!r} must be non-empty and without ':'")
    secret = secrets.token_urlsafe(32)
    with store.db.write() as tx:
        tx.run("INSERT INTO hub_admins (name, secret_hash, created_at) VALUES (?, ?, ?)"
               " ON CONFLICT (name) DO UPDATE SET secret_hash = excluded.secret_hash, revoked_at = NULL",
               (name, _hash(secret), now.isoformat()))
    return secret


def admin_for(store, token: str) -> str | None:
    """The active administrator a bearer token ``admin:NAME:SECRET`` belongs to, else None."""
    kind, _, rest = (token or "").partition(":")
    name, _, secret = rest.partition(":")
    if kind != "admin" or not name or not secret:
        return None
    row = store.db.query_one("SELECT secret_hash, revoked_at FROM hub_admins WHERE name = ?", (name,))
    if row is None or row[1] is not None or not hmac.compare_digest(row[0], _hash(secret)):
        return None
    return name
