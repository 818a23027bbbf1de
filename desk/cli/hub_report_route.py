"""GET /v1/report: the hub's supervision report (desk.analytics.hub) for an administrator's token.

It lives here, above both the hub (desk.sync) and the analytics, which may not import each other;
`desk hub serve` adds the route to the hub's app, in one process or in each of --workers.
"""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desk.analytics.hub import hub_report, report_json
from desk.analytics.period import PeriodError, parse_period
from desk.sync.hub_admins import REPORT, admin_for
from desk.sync.hub_db import HubStorageError


def report_route(store) -> Route:
    """401 without an administrator's token (a desk's is refused too), 400 for a bad period or grouping."""
    def build(period, by):
        library = store.library
        with store.db.read() as tx:
            return report_json(hub_report(tx, period, by, library=library))

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
    return Route(REPORT, endpoint)


def app_from_environment():
    """The hub's app with the report route, as each of `desk hub serve --workers N`'s processes builds it."""
    from desk.sync.hub_app import app_from_environment as hub_app

    app = hub_app()
    app.router.routes.append(report_route(app.state.store))
    return app
