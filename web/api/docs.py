"""GET /api/openapi.json: the OpenAPI document, public (clients fetch it before a token)."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import json_answer, operation
from web.keys import OPENAPI, deps_of
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get("/api/openapi.json")
async def openapi_document(request: web.Request) -> web.Response:
    deps = deps_of(request)
    document = request.config_dict[OPENAPI].document(version=deps.version, base_url=deps.base_url)
    return web.json_response(document)


OPENAPI_PATHS = {
    "/api/openapi.json": {
        "get": operation(
            operation_id="getOpenApiDocument", summary="This document", tag="Meta", public=True,
            answers={"200": json_answer("The OpenAPI 3.1 document.", {"type": "object"})}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
