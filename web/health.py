"""Operations endpoints: GET /healthz (readiness) and GET /metrics (Prometheus)."""

from __future__ import annotations

import logging

from aiohttp import web

from payloads.openapi_parts import operation
from web.keys import METRICS, OPENAPI, deps_of
from web.metrics import CONTENT_TYPE
from web.routing import add_routes

logger = logging.getLogger(__name__)

routes = web.RouteTableDef()


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    """200 when every dependency answers (database, Redis when configured), else 503."""
    deps = deps_of(request)
    try:
        health = await deps.health.check()
        ok, checks = health.ok, dict(health.checks)
    except Exception:
        # A probe that crashes means "not ready"; the details go to the log only.
        logger.exception("the health check failed")
        ok, checks = False, {"health_check": "error"}
    body = {"status": "ok" if ok else "unavailable", "checks": checks, "version": deps.version}
    return web.json_response(body, status=200 if ok else 503)


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    body = request.config_dict[METRICS].render().encode()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


HEALTH_SCHEMA = {
    "type": "object", "required": ["status", "checks", "version"],
    "properties": {
        "status": {"enum": ["ok", "unavailable"]},
        "checks": {"type": "object", "additionalProperties": {"type": "string"},
                   "examples": [{"database": "ok", "redis": "ok"}]},
        "version": {"type": "string"},
    },
}

OPENAPI_PATHS = {
    "/healthz": {
        "get": operation(
            operation_id="getHealth", summary="Readiness", tag="Operations", public=True,
            answers={
                "200": {"description": "Every dependency answers.",
                        "content": {"application/json": {"schema": HEALTH_SCHEMA}}},
                "503": {"description": "A dependency does not answer.",
                        "content": {"application/json": {"schema": HEALTH_SCHEMA}}},
            }),
    },
    "/metrics": {
        "get": operation(
            operation_id="getMetrics", summary="Prometheus metrics", tag="Operations",
            public=True,
            answers={"200": {"description": "Prometheus text exposition format 0.0.4.",
                             "content": {"text/plain": {"schema": {"type": "string"}}}}}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
