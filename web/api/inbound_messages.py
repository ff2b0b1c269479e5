"""Mail the email bot received: GET /api/inbound-messages, /{id}, /{id}/raw."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.inbound_mail import CLASSIFICATIONS, InboundMessageRecord
from payloads.openapi_parts import JsonObject, id_parameter, json_answer, list_of, operation, ref
from web.api.request_io import listed
from web.keys import OPENAPI, admin_of, deps_of
from web.path_params import ID_PATTERN, path_id
from web.routing import add_routes

routes = web.RouteTableDef()


def inbound_json(record: InboundMessageRecord) -> dict[str, Any]:
    return {"id": record.id, "received_at": record.received_at.isoformat(),
            "mail_from": record.mail_from, "rcpt_to": record.rcpt_to, "size": record.size,
            "subject": record.subject, "invite_id": record.invite_id,
            "classification": record.classification, "description": record.described,
            "processed_at": record.processed_at.isoformat() if record.processed_at else None,
            "detail": record.detail}


@routes.get("/api/inbound-messages")
async def list_inbound(request: web.Request) -> web.Response:
    records = await deps_of(request).inbound_mail.messages(admin_of(request))
    return listed(inbound_json(record) for record in records)


@routes.get(f"/api/inbound-messages/{ID_PATTERN}")
async def get_inbound(request: web.Request) -> web.Response:
    record = await deps_of(request).inbound_mail.message(admin_of(request),
                                             path_id(request, "received message"))
    return web.json_response(inbound_json(record))


@routes.get(f"/api/inbound-messages/{ID_PATTERN}/raw")
async def get_inbound_raw(request: web.Request) -> web.Response:
    message_id = path_id(request, "received message")
    raw = await deps_of(request).inbound_mail.raw(admin_of(request), message_id)
    return web.Response(body=raw, content_type="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="inbound-{message_id}.eml"'})


INBOUND_MESSAGE: JsonObject = {
    "type": "object",
    "required": ["id", "received_at", "mail_from", "rcpt_to", "size", "subject",
                 "invite_id", "classification", "description", "processed_at", "detail"],
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "received_at": {"type": "string", "format": "date-time"},
        "mail_from": {"type": "string", "description": "The envelope sender ('' for bounces)."},
        "rcpt_to": {"type": "string", "examples": ["bill+k7q2m9x4w1@reply.example.com"]},
        "size": {"type": "integer", "minimum": 0}, "subject": {"type": "string"},
        "invite_id": {"type": ["integer", "null"]},
        "classification": {"anyOf": [{"enum": sorted(CLASSIFICATIONS)}, {"type": "null"}],
                           "description": "null until processed"},
        "description": {"type": "string"},
        "processed_at": {"type": ["string", "null"], "format": "date-time"},
        "detail": {"type": "object", "description": (
            "What processing found: sender, subject, the reply's text, the answer and "
            "whether it changed anything, `authentication` (dkim: pass, fail, temperror "
            "or none; from_domain; signing_domains; dmarc: the From domain's policy); for "
            "bounces the recipients, verdict (permanent, temporary, unrecognised), "
            "permanent, diagnostic and outbox_id.")},
    },
}
_ID = id_parameter("id", "The received message's id.")
OPENAPI_PATHS = {
    "/api/inbound-messages": {"get": operation(
        operation_id="listInboundMessages", summary="Mail received by the email bot",
        tag="Inbound mail", answers={"200": json_answer(
            "Replies and bounces about the company's invites, newest first (at most 200).",
            list_of("InboundMessage"))})},
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
    app[OPENAPI].add_schemas({"InboundMessage": INBOUND_MESSAGE})
    app[OPENAPI].add_paths(OPENAPI_PATHS)
