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
import logging
import os
import re
import time
from typing import Awaitable, Callable, Sequence

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desk.domain import CST
from desk.sync import signing
from desk.sync.hub_db import HubStorageError
from desk.sync.hub_store import HubDesk, HubStore, Nonce, Replayed
from desk.sync.protocol import (AUDIT_ANCHOR, CHANGES, HASH, KNOWN, MAX_BATCH, MAX_BODY, MAX_KNOWN, MAX_PAGE, PING,
                                SETTLEMENTS, ProtocolError, load_json)

log = logging.getLogger("desk.hub")
THREADS = 4  # storage calls running at once in one hub process
Handler = Callable[[Request, HubDesk], Awaitable[Response]]
NUMBER = re.compile(r"^[0-9]{1,19}$")
LARGEST = (1 << 63) - 1  # a change number fits a BIGINT


def _error(status: int, message: str, **fields) -> JSONResponse:
    return JSONResponse({"error": message, **fields}, status_code=status)


def _json(body: bytes) -> object:
    """The body as JSON, or BadRequest: not JSON, or nested deeper than protocol.MAX_DEPTH."""
    try:
        return load_json(body)
    except ProtocolError as exc:
        raise BadRequest(str(exc)) from None


class BadRequest(ValueError):
    pass


def _query(request: Request, allowed: dict[str, tuple[int, int, int]]) -> dict[str, int]:
    """The query's parameters as integers, each given at most once, in its range; BadRequest else."""
    out: dict[str, int] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed or name in out:
            raise BadRequest(f"query parameter {name[:40]!r}: not expected here (or given twice)")
        low, high, _ = allowed[name]
        if not NUMBER.match(value) or not low <= int(value) <= high:
            raise BadRequest(f"query parameter {name}: {value[:40]!r} is not a whole number from {low} to {high}")
        out[name] = int(value)
    return {name: out.get(name, default) for name, (_, _, default) in allowed.items()}


def create_app(store: HubStore, threads: int = THREADS, extra_routes: Sequence[Route] = ()) -> Starlette:
    """The hub's routes over ``store``; every desk request must be signed by a registered desk
    (desk.sync.signing), and every answer to it is signed with the same key (``extra_routes``, the
    administrators' report, check their own credentials).
    ``threads``: storage calls running at once (the thread pool's size)."""
    if threads < 1:
        raise ValueError("threads: at least 1")

    def authenticated(handler: Handler, records_nonce: bool = False) -> Callable[[Request], Awaitable[Response]]:
        """``records_nonce``: the handler records the request's nonce itself, in its own write
        transaction (the upload: one commit for both), and is given it as ``request.state.nonce``."""
        async def endpoint(request: Request) -> Response:
            signed = signing.well_formed(request.headers)
            if signed is None:
                return _error(401, "requests must be signed by a registered desk")
            desk_id, when, nonce, signature = signed
            try:
                found = await run_in_threadpool(store.desk_key, desk_id)
            except HubStorageError as exc:
                log.warning("authenticating: %s", exc)
                return _error(503, "the hub's database is unavailable; try again later")
            if found is None:
                return _error(401, "unknown or revoked desk, or a wrong signature")
            desk, key = found
            body = await request.body()
            query = request.scope.get("query_string", b"").decode("latin-1")
            expected = signing.request_signature(key, desk_id, request.method, request.url.path, query, when, nonce,
                                                 body)
            if not signing.verify(expected, signature):
                return _error(401, "unknown or revoked desk, or a wrong signature")

            def answer(response: Response) -> Response:  # signed for this request: the desk trusts only that
                now = int(time.time())
                response.headers[signing.HUB_TIME] = str(now)
                response.headers[signing.HUB_SIGNATURE] = signing.answer_signature(
                    key, desk_id, nonce, response.status_code, now, response.body)
                return response

            now = int(time.time())
            if abs(now - when) > signing.WINDOW:
                return answer(_error(401, f"the request is dated {when}, the hub's clock says {now}: more than"
                                          f" {signing.WINDOW} s apart (a replay, or a clock to set)", hub_time=now))
            replay = _error(401, "this signed request was received before: a replay is refused")
            try:
                if records_nonce:
                    if await run_in_threadpool(store.seen, desk_id, nonce):
                        return answer(replay)
                    request.state.nonce = Nonce(nonce, now, signing.WINDOW)
                elif not await run_in_threadpool(store.first_use, desk_id, nonce, now, signing.WINDOW):
                    return answer(replay)
                return answer(await handler(request, desk))
            except Replayed:
                return answer(replay)
            except BadRequest as exc:
                return answer(_error(400, str(exc)))
            except HubStorageError as exc:
                log.warning("%s %s for desk %s: %s", request.method, request.url.path, desk.desk_uuid, exc)
                return answer(_error(503, "the hub's database is unavailable; try again later"))
        return endpoint

    async def ping(request: Request, desk: HubDesk) -> Response:
        _query(request, {})
        return JSONResponse({"desk": desk.desk_uuid, "name": desk.name})

    async def upload(request: Request, desk: HubDesk) -> Response:
        _query(request, {})
        payload = _json(await request.body())
        batch = payload.get("settlements") if isinstance(payload, dict) else None
        if not isinstance(batch, list):
            return _error(400, "settlements: a list is expected")
        if len(batch) > MAX_BATCH:
            return _error(413, f"settlements: at most {MAX_BATCH} in one upload")
        members = payload.get("members") if isinstance(payload.get("members"), dict) else {}
        outcomes, overruns = await run_in_threadpool(store.ingest, desk, batch, members, dt.datetime.now(CST),
                                                     request.state.nonce)
        return JSONResponse({"results": [{"id": o.id, "status": o.status, **({"reason": o.reason} if o.reason else {})}
                                         for o in outcomes], "overruns": len(overruns)})

    async def changes(request: Request, desk: HubDesk) -> Response:
        given = _query(request, {"after": (0, LARGEST, 0), "limit": (1, MAX_PAGE, 1000)})
        return JSONResponse(await run_in_threadpool(store.changes, desk, given["after"], given["limit"]))

    async def known(request: Request, desk: HubDesk) -> Response:
        _query(request, {})
        payload = _json(await request.body())
        ids = payload.get("ids") if isinstance(payload, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, str) and len(i) <= 64 for i in ids):
            return _error(400, "ids: a list of settlement ids is expected")
        if len(ids) > MAX_KNOWN:
            return _error(413, f"ids: at most {MAX_KNOWN} in one request")
        return JSONResponse({"known": await run_in_threadpool(store.known, desk, ids)})

    async def audit_anchor(request: Request, desk: HubDesk) -> Response:
        """GET: the head of this desk's audit chain the hub holds. POST {seq, hash, previous}: a new head,
        kept only if the desk's chain still passes through the held one (answered, not refused, so
        the desk can say why)."""
        _query(request, {})
        if request.method == "GET":
            return JSONResponse({"anchor": await run_in_threadpool(store.audit_anchor, desk)})
        payload = _json(await request.body())
        seq = payload.get("seq") if isinstance(payload, dict) else None
        digest = payload.get("hash") if isinstance(payload, dict) else None
        previous = payload.get("previous") if isinstance(payload, dict) else None
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 1 << 63:
            return _error(400, "seq: the number of the desk's last audit row is expected")
        if not isinstance(digest, str) or not HASH.match(digest):
            return _error(400, "hash: a SHA-256 in hexadecimal is expected")
        if previous is not None and not (isinstance(previous, dict) and isinstance(previous.get("seq"), int)
                                         and isinstance(previous.get("hash"), str)):
            return _error(400, "previous: {seq, hash} of the head the hub holds, or null")
        kept, reason, held = await run_in_threadpool(store.anchor_audit, desk, seq, digest, previous,
                                                     dt.datetime.now(CST))
        return JSONResponse({"status": "anchored" if kept else "refused", "reason": reason, "anchor": held})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        from desk.sync.hub_guard import quiet_logs

        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        quiet_logs()  # after the server set its logging up: a few lines a second at most, no tracebacks
        yield

    app = Starlette(lifespan=lifespan, routes=[Route(PING, authenticated(ping)),
                             Route(SETTLEMENTS, authenticated(upload, records_nonce=True), methods=["POST"]),
                             Route(CHANGES, authenticated(changes)),
                             Route(KNOWN, authenticated(known), methods=["POST"]),
                             Route(AUDIT_ANCHOR, authenticated(audit_anchor), methods=["GET", "POST"]),
                             *extra_routes],
                     max_body_size=MAX_BODY)
    app.state.store = store  # routes added above this layer (the report, desk/cli/hub_report_route.py) use it
    return app


def app_from_environment() -> Starlette:
    """The app as uvicorn's worker processes build it (`desk hub serve --workers N`): the database
    comes from $DESK_HUB_DB, the thread pool's size from $DESK_HUB_THREADS; the packs are the
    shipped ones and those installed on the hub (`desk hub install-pack`)."""
    return create_app(HubStore(os.environ["DESK_HUB_DB"]), int(os.environ.get("DESK_HUB_THREADS") or THREADS))
