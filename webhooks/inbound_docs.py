"""The OpenAPI description of POST /webhooks/<source> and of the events it accepts (the
route itself, web/webhook_receiver.py, adds it to the document)."""

from __future__ import annotations

from payloads.openapi_parts import JsonObject, json_content, ref
from webhooks.inbound_schemas import EVENT_MODELS


def _error(description: str) -> JsonObject:
    return {"description": description, "content": json_content(ref("Error"))}


def _header(name: str, description: str, example: str) -> JsonObject:
    return {"name": name, "in": "header", "required": True, "description": description,
            "schema": {"type": "string", "examples": [example]}}


RECEIPT: JsonObject = {
    "type": "object", "required": ["id", "status", "duplicate"],
    "properties": {
        "id": {"type": "string", "description": "The webhook-id received."},
        "status": {"enum": ["accepted", "processed", "failed"],
                   "description": "accepted: stored, to be processed shortly; on a "
                                  "duplicate, what became of the first delivery."},
        "duplicate": {"type": "boolean",
                      "description": "true: this webhook-id was received before; nothing "
                                     "more happens."},
    },
}

EVENTS_BODY: JsonObject = {
    "required": True,
    "description": "`{\"type\", \"timestamp\"?, \"data\"}`; `data` depends on `type`. "
                   "Unknown fields are refused. Projects are named by our `id` or their "
                   "`number`; commitments by our `id` or the sender's `external_id`. Events "
                   "act as the first administrator of the company owning the project. A "
                   "source created through the API acts only within its own company: "
                   "another company's project is not found, as one that does not exist; "
                   "contract companies and contacts are the project's company's own.",
    "content": json_content({
        "oneOf": [ref(model.__name__) for model in EVENT_MODELS],
        "discriminator": {"propertyName": "type", "mapping": {
            model.model_fields["type"].annotation.__args__[0]:  # type: ignore[union-attr]
            f"#/components/schemas/{model.__name__}" for model in EVENT_MODELS}},
    }),
}

OPENAPI_PATHS: dict[str, dict[str, JsonObject]] = {
    "/webhooks/{source}": {
        "post": {
            "operationId": "receiveWebhook", "tags": ["Webhooks in"],
            "summary": "Receive an event from another system (Standard Webhooks)",
            "description": (
                "Signed per https://www.standardwebhooks.com/: HMAC-SHA256 with the "
                "source's `whsec_` secret (ITB_WEBHOOK_SECRETS) over `<webhook-id>."
                "<webhook-timestamp>.<body>`. The timestamp must be within 5 minutes of our "
                "clock. Each webhook-id is kept for at least 7 days: a retry is answered "
                "200 and not processed again. Processing is asynchronous; an event that "
                "cannot be carried out (an unknown project, a closed period) is recorded "
                "as failed with the reason."),
            "security": [],
            "parameters": [
                {"name": "source", "in": "path", "required": True,
                 "description": "The sending system, as configured (e.g. `erp`, `mailer`).",
                 "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,50}$"}},
                _header("webhook-id", "Unique per event; the same on every retry.",
                        "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
                _header("webhook-timestamp", "Seconds since the epoch when sent: 1 to 12 "
                        "ASCII digits.",
                        "1795100400"),
                _header("webhook-signature", "One or more space-separated `v1,<base64>`.",
                        "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="),
            ],
            "requestBody": EVENTS_BODY,
            "responses": {
                "202": {"description": "Accepted: stored, processed shortly.",
                        "content": json_content(ref("WebhookReceipt"))},
                "200": {"description": "A retry of an event already received.",
                        "content": json_content(ref("WebhookReceipt"))},
                "400": _error("webhook-timestamp is not 1 to 12 ASCII digits, or webhook-id "
                              "is not printable."),
                "401": _error("Headers missing, no signature matches, or the timestamp is "
                              "more than 5 minutes away."),
                "404": _error("No such source."),
                "413": _error("The body is larger than 1 MiB."),
                "422": _error("The body is not JSON, or the event does not validate "
                              "(recorded with the reason)."),
                "500": _error("Something unexpected went wrong; details are in the log."),
            },
        },
    },
}

