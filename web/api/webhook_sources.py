"""Inbound webhook sources of the administrator's company, managed through the API.

POST/GET /api/webhook-sources, POST /api/webhook-sources/{id}/rotate,
DELETE /api/webhook-sources/{id}. A source's secret is shown only when it is created or
rotated; after a rotation the previous secret keeps verifying for 24 hours.
"""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import (
    id_parameter,
    json_answer,
    operation,
    ref,
    request_body,
)
from web.api.paging import PAGE_PARAMETERS, page_of, page_request, paged, paged_list_of, record_id
from web.api.request_io import answer, created, read_model
from web.api.resources.webhook_sources import (
    NewWebhookSourceRequest,
    WebhookSource,
    WebhookSourceWithSecret,
)
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()
BASE = "/api/webhook-sources"


@routes.post(BASE)
async def create_source(request: web.Request) -> web.Response:
    body = await read_model(request, NewWebhookSourceRequest)
    made = await deps_of(request).webhook_sources.create(admin_of(request), body.name)
    return created(WebhookSourceWithSecret.from_record(made), f"{BASE}/{made.source.id}")


@routes.get(BASE)
async def list_sources(request: web.Request) -> web.Response:
    page = page_request(request)
    found = page_of(await deps_of(request).webhook_sources.list_all(admin_of(request)),
                    page, record_id)
    return paged(request, [WebhookSource.model_validate(source) for source in found.items],
                 found.next_after)


@routes.post(f"{BASE}/{ID_PATTERN}/rotate")
async def rotate_source(request: web.Request) -> web.Response:
    source_id = path_id(request, "webhook source")
    rotated = await deps_of(request).webhook_sources.rotate(admin_of(request), source_id)
    return answer(WebhookSourceWithSecret.from_record(rotated))


@routes.delete(f"{BASE}/{ID_PATTERN}")
async def revoke_source(request: web.Request) -> web.Response:
    source_id = path_id(request, "webhook source")
    await deps_of(request).webhook_sources.revoke(admin_of(request), source_id)
    return web.Response(status=204)


SOURCE_ID = id_parameter("id", "The source's id.")
TAG = "Webhooks in"

OPENAPI_PATHS = {
    BASE: {
        "post": operation(
            operation_id="createWebhookSource", summary="Add an inbound webhook source",
            tag=TAG, body=request_body("NewWebhookSourceRequest"), errors=(400, 409, 413, 422),
            answers={"201": json_answer("The source and its secret (shown only now); 409 "
                                        "when the name exists.",
                                        ref("WebhookSourceWithSecret"), location=True)}),
        "get": operation(
            operation_id="listWebhookSources", summary="The company's inbound sources",
            tag=TAG, parameters=PAGE_PARAMETERS, answers={"200": json_answer(
                "Oldest first, without secrets (sources configured in settings are not "
                "listed), a page at a time.", paged_list_of("WebhookSource"))}),
    },
    f"{BASE}/{{id}}": {
        "delete": operation(
            operation_id="revokeWebhookSource", summary="Revoke a source", tag=TAG,
            parameters=[SOURCE_ID], errors=(404,),
            answers={"204": {"description": "Revoked: POST /webhooks/<name> answers 404."}}),
    },
    f"{BASE}/{{id}}/rotate": {
        "post": operation(
            operation_id="rotateWebhookSource", summary="Give a source a new secret",
            tag=TAG, parameters=[SOURCE_ID], errors=(404,),
            answers={"200": json_answer("The new secret (shown only now); the previous one "
                                        "keeps verifying for 24 hours.",
                                        ref("WebhookSourceWithSecret"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(NewWebhookSourceRequest)
    app[OPENAPI].add_responses(WebhookSourceWithSecret, WebhookSource)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
