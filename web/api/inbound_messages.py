"""Mail the email bot received: GET /api/inbound-messages, /{id}, /{id}/raw."""

from __future__ import annotations

from aiohttp import web

from payloads.openapi_parts import id_parameter, json_answer, operation, ref
from web.api.paging import PAGE_PARAMETERS, page_of, page_request, paged, paged_list_of, record_id
from web.api.request_io import answer
from web.api.resources.inbound_messages import InboundMessage
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


@routes.get("/api/inbound-messages")
async def list_inbound(request: web.Request) -> web.Response:
    page = page_request(request)
    found = page_of(await deps_of(request).inbound_mail.messages(admin_of(request)), page,
                    record_id, descending=True)
    return paged(request, [InboundMessage.model_validate(record) for record in found.items],
                 found.next_after)


@routes.get(f"/api/inbound-messages/{ID_PATTERN}")
async def get_inbound(request: web.Request) -> web.Response:
    record = await deps_of(request).inbound_mail.message(admin_of(request),
                                             path_id(request, "received message"))
    return answer(InboundMessage.model_validate(record))


@routes.get(f"/api/inbound-messages/{ID_PATTERN}/raw")
async def get_inbound_raw(request: web.Request) -> web.Response:
    message_id = path_id(request, "received message")
    raw = await deps_of(request).inbound_mail.raw(admin_of(request), message_id)
    return web.Response(body=raw, content_type="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="inbound-{message_id}.eml"'})


_ID = id_parameter("id", "The received message's id.")
OPENAPI_PATHS = {
    "/api/inbound-messages": {"get": operation(
        operation_id="listInboundMessages", summary="Mail received by the email bot",
        tag="Inbound mail", parameters=PAGE_PARAMETERS, answers={"200": json_answer(
            "Replies and bounces about the company's invites, newest first (the latest "
            "200), a page at a time.", paged_list_of("InboundMessage"))})},
    "/api/inbound-messages/{id}": {"get": operation(
        operation_id="getInboundMessage", summary="One received message and its classification",
        tag="Inbound mail", parameters=[_ID], errors=(404,),
        answers={"200": json_answer("The message.", ref("InboundMessage"))})},
    "/api/inbound-messages/{id}/raw": {"get": operation(
        operation_id="getInboundMessageRaw", summary="The message exactly as received",
        tag="Inbound mail", parameters=[_ID], errors=(404,),
        answers={"200": {"description": "The raw message (an .eml download).", "content": {
            "message/rfc822": {"schema": {"type": "string", "contentMediaType":
                                          "message/rfc822"}}}}})},
}


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_responses(InboundMessage)
    app[OPENAPI].add_paths(OPENAPI_PATHS)
