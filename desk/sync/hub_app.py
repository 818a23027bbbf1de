"""The hub's HTTP service: a Starlette app that authenticates every request and calls the store.

A hub process keeps no state of its own beyond its database connections, so any number of them
may run behind a load balancer over one PostgreSQL database. TLS belongs to the reverse proxy in
front (README, "Sync and the hub"); the hub itself listens on loopback by default.

Storage calls block (sqlite3, psycopg), so they run on Starlette's thread pool; a failure of the
database answers 503, which a desk retries later with back-off. At most ``threads`` of them run at
once in a process (``desk hub serve --threads``, default 4): the rest wait their turn in order.
Many more (anyio's default is 40, each with its own database connection) only make them share the
interpreter lock and the cores with each other and the database, and the slowest of a burst of
uploads waits several times as long as the typical one (bench/hub.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from typing import Awaitable, Callable, Sequence

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desk.domain import CST
from desk.sync.hub_db import HubStorageError
from desk.sync.hub_store import HubDesk, HubStore
from desk.sync.protocol import CHANGES, KNOWN, MAX_BATCH, MAX_BODY, MAX_KNOWN, MAX_PAGE, PING, SETTLEMENTS

log = logging.getLogger("desk.hub")
THREADS = 4  # storage calls running at once in one hub process
Handler = Callable[[Request, HubDesk], Awaitable[Response]]


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers or None)


def create_app(store: HubStore, threads: int = THREADS, extra_routes: Sequence[Route] = ()) -> Starlette:
    """The hub's routes over ``store``; every route needs ``Authorization: Bearer <desk uuid>:<secret>``.
    ``threads``: storage calls running at once (the thread pool's size)."""
    if threads < 1:
        raise ValueError("threads: at least 1")

    def authenticated(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            try:
                desk = await run_in_threadpool(store.authenticate, token.strip()) if scheme.lower() == "bearer" else None
            except HubStorageError as exc:
                log.warning("authenticating: %s", exc)
                return _error(503, "the hub's database is unavailable; try again later")
            if desk is None:
                return _error(401, "unknown or revoked desk, or a wrong secret", **{"WWW-Authenticate": "Bearer"})
            try:
                return await handler(request, desk)
            except HubStorageError as exc:
                log.warning("%s %s for desk %s: %s", request.method, request.url.path, desk.desk_uuid, exc)
                return _error(503, "the hub's database is unavailable; try again later")
        return endpoint

    async def ping(request: Request, desk: HubDesk) -> Response:
        return JSONResponse({"desk": desk.desk_uuid, "name": desk.name})

    async def upload(request: Request, desk: HubDesk) -> Response:
        try:
            payload = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return _error(400, "the body is not JSON")
        batch = payload.get("settlements") if isinstance(payload, dict) else None
        if not isinstance(batch, list):
            return _error(400, "settlements: a list is expected")
        if len(batch) > MAX_BATCH:
            return _error(413, f"settlements: at most {MAX_BATCH} in one upload")
        members = payload.get("members") if isinstance(payload.get("members"), dict) else {}
        outcomes, overruns = await run_in_threadpool(store.ingest, desk, batch, members, dt.datetime.now(CST))
        return JSONResponse({"results": [{"id": o.id, "status": o.status, **({"reason": o.reason} if o.reason else {})}
                                         for o in outcomes], "overruns": len(overruns)})

    async def changes(request: Request, desk: HubDesk) -> Response:
        try:
            after = int(request.query_params.get("after", "0"))
            limit = min(MAX_PAGE, max(1, int(request.query_params.get("limit", "1000"))))
        except ValueError:
            return _error(400, "after and limit must be integers")
        if after < 0:
            return _error(400, "after must not be negative")
        return JSONResponse(await run_in_threadpool(store.changes, desk, after, limit))

    async def known(request: Request, desk: HubDesk) -> Response:
        try:
            payload = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError, RecursionError):
            return _error(400, "the body is not JSON")
        ids = payload.get("ids") if isinstance(payload, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, str) and len(i) <= 64 for i in ids):
            return _error(400, "ids: a list of settlement ids is expected")
        if len(ids) > MAX_KNOWN:
            return _error(413, f"ids: at most {MAX_KNOWN} in one request")
        return JSONResponse({"known": await run_in_threadpool(store.known, desk, ids)})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = Starlette(lifespan=lifespan, routes=[Route(PING, authenticated(ping)),
                             Route(SETTLEMENTS, authenticated(upload), methods=["POST"]),
                             Route(CHANGES, authenticated(changes)),
                             Route(KNOWN, authenticated(known), methods=["POST"]),
                             *extra_routes],
                     max_body_size=MAX_BODY)
    app.state.store = store  # routes added above this layer (the report, desk/cli/hub_report_route.py) use it
    return app


def app_from_environment() -> Starlette:
    """The app as uvicorn's worker processes build it (`desk hub serve --workers N`): the database
    and policy folders come from $DESK_HUB_DB and $DESK_HUB_POLICY_DIRS (os.pathsep-separated), the
    thread pool's size from $DESK_HUB_THREADS."""
    from pathlib import Path

    from desk.policy.loader import Library

    dirs = [Path(d) for d in os.environ.get("DESK_HUB_POLICY_DIRS", "").split(os.pathsep) if d]
    return create_app(HubStore(os.environ["DESK_HUB_DB"], Library(dirs)),
                      int(os.environ.get("DESK_HUB_THREADS") or THREADS))
