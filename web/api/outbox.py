"""Mail that could not be delivered: GET /api/outbox/undelivered, POST /api/outbox/{id}/retry."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, json_answer, operation, ref
from web.api.paging import PAGE_PARAMETERS, page_of, page_request, paged, paged_list_of, record_id
from web.api.request_io import answer
from web.api.resources.outbox import RetryQueued, UndeliveredMessage
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get("/api/outbox/undelivered")
async def list_undelivered(request: web.Request) -> web.Response:
    page = page_request(request)
    found = page_of(await deps_of(request).outbox.undelivered(admin_of(request)), page,
                    record_id, descending=True)
    return paged(request, [UndeliveredMessage.model_validate(message)
                           for message in found.items], found.next_after)


@routes.post(f"/api/outbox/{ID_PATTERN}/retry")
async def retry_message(request: web.Request) -> web.Response:
    message_id = path_id(request, "undelivered message")
    await deps_of(request).outbox.retry(admin_of(request), message_id)
    # 202: queued again; the next delivery run tries it (and may fail it again).
    return answer(RetryQueued(id=message_id), status=202)


OPENAPI_PATHS = {
    "/api/outbox/undelivered": {
        "get": operation(
            operation_id="listUndeliveredMail", summary="Mail that failed or ran out of retries",
            tag="Outbox", parameters=PAGE_PARAMETERS,
            answers={"200": json_answer("The company's undelivered messages, newest first "
                                        "(the latest 200), a page at a time.",
                                        paged_list_of("UndeliveredMessage"))}),
    },
    "/api/outbox/{id}/retry": {
        "post": operation(
            operation_id="retryUndeliveredMail", summary="Queue an undelivered message again",
            tag="Outbox", parameters=[id_parameter("id", "The undelivered message's id.")],
            errors=(404,),
            answers={"202": json_answer(
                "Queued again with fresh retries. A message to an address that bounced "
                "fails again unless the contact is deliverable again.", ref("RetryQueued"))}),
    },
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_responses(UndeliveredMessage, RetryQueued)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
