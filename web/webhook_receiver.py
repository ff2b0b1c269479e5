"""POST /webhooks/<source>: events from other systems, signed per Standard Webhooks.

The checks, in order, each with its answer: an unknown source 404; a body over the limit
413; a malformed webhook-id or webhook-timestamp 400; missing headers, a signature that
matches none of the source's secrets, or a timestamp more than 5 minutes from our clock
401 (nothing is recorded for a request we cannot trust); a body that is not JSON or a
payload that does not validate 422, recorded with the reason. A valid event is stored
and answered 202 at once (processing is asynchronous); a retry of an event already
received is answered 200 and not processed again.
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from domain.inbound_events import InboundEvent, InboundRejection, Receipt, ReceiptStatus
from web.errors import ApiError
from web.input_guard import nul_location
from web.keys import OPENAPI, deps_of
from web.routing import add_routes
from webhooks.inbound_docs import OPENAPI_PATHS, RECEIPT
from webhooks.inbound_parsing import InvalidEvent, validate_event
from webhooks.inbound_schemas import EVENT_MODELS
from webhooks.signatures import MalformedHeader, SignatureRejected, verify

# A commitment with a 2000-line SOV is about 400 KB of JSON; the API's limit is the same.
MAX_BODY_BYTES = 1024 * 1024
SOURCE_PATTERN = r"{source:[A-Za-z0-9_.-]{1,50}}"

routes = web.RouteTableDef()


async def _read_body(request: web.Request) -> bytes:
    """The raw body (the signature covers the exact bytes), or 413 past the limit."""
    too_large = ApiError(413, "payload_too_large",
                         f"the body is larger than {MAX_BODY_BYTES} bytes")
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    async for chunk in request.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > MAX_BODY_BYTES:  # a chunked body has no Content-Length to check
            raise too_large
    return bytes(body)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise InvalidEvent("the body is not valid JSON", None) from None
    if not isinstance(data, dict):
        raise InvalidEvent("the body must be a JSON object", None)
    if (where := nul_location(data)) is not None:
        # PostgreSQL cannot store U+0000 in text or JSON: refuse it here with a clear
        # reason instead of failing later in the database (and keep no body).
        raise InvalidEvent(f"{where}: contains a NUL character (U+0000)", None)
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


@routes.post(f"/webhooks/{SOURCE_PATTERN}")
async def receive_webhook(request: web.Request) -> web.Response:
    source = request.match_info["source"]
    service = deps_of(request).inbound_webhooks
    secrets = await service.secrets_for(source)
    if not secrets:
        raise ApiError(404, "unknown_source", f"no webhook source named {source!r}")
    body = await _read_body(request)
    try:
        verified = verify(secrets, request.headers, body, now=time.time())
    except MalformedHeader as exc:
        raise ApiError(400, "invalid_header", str(exc)) from None
    except SignatureRejected as exc:
        raise ApiError(401, "invalid_signature", str(exc)) from None
    data: dict[str, Any] | None = None
    try:
        data = _json_object(body)
        event = validate_event(data)
    except InvalidEvent as exc:
        receipt = await service.reject(InboundRejection(
            source, verified.webhook_id, exc.reason, exc.event_type, data))
    else:
        receipt = await service.receive(InboundEvent(
            source, verified.webhook_id, event.type, data))
    return _answer(receipt, verified.webhook_id)


def _answer(receipt: Receipt, webhook_id: str) -> web.Response:
    if receipt.status is ReceiptStatus.REJECTED:
        raise ApiError(422, "invalid_event", receipt.reason or "the event is not valid")
    body = {"id": webhook_id, "status": receipt.status.value, "duplicate": receipt.duplicate}
    # 202: stored, processed shortly. 200: we had it already; nothing more will happen.
    return web.json_response(body, status=200 if receipt.duplicate else 202)


def register(app: web.Application) -> None:
    add_routes(app, routes)
    app[OPENAPI].add_models(*EVENT_MODELS)
    app[OPENAPI].add_schemas({"WebhookReceipt": RECEIPT})
    app[OPENAPI].add_paths(OPENAPI_PATHS)


__all__ = ["OPENAPI_PATHS", "register"]
