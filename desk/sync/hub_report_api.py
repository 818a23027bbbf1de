"""GET /v1/report: the hub's supervision report for an administrator's token (never a desk's).

An administrator is registered with `desk hub add-admin NAME`, which prints the secret once; the
hub keeps its SHA-256 only, as for desks. Requests carry `Authorization: Bearer admin:NAME:SECRET`.
The report is the one `desk hub report` prints (desk.analytics.hub), as JSON.
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from desk.sync.hub_db import HubStorageError

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


def report_endpoint(store):
    """The route's handler: 401 without an administrator's token, 400 for a bad period or grouping."""
    from desk.analytics.hub import hub_report, report_json
    from desk.analytics.period import PeriodError, parse_period

    def build(period, by):
        with store.db.read() as tx:
            return report_json(hub_report(tx, period, by))

    async def endpoint(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            admin = await run_in_threadpool(admin_for, store, token.strip()) if scheme.lower() == "bearer" else None
            if admin is None:
                return JSONResponse({"error": "the report needs an administrator's token (desk hub add-admin)"},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
            try:
                period = parse_period(request.query_params.get("period", ""))
            except PeriodError as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            by = request.query_params.get("by", "institution")
            if by not in ("institution", "desk"):
                return JSONResponse({"error": f"by: {by!r} is not institution or desk"}, status_code=400)
            return JSONResponse(await run_in_threadpool(build, period, by))
        except HubStorageError:
            return JSONResponse({"error": "the hub's database is unavailable; try again later"}, status_code=503)
    return endpoint
