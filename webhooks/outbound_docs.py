"""The OpenAPI description of the webhooks we send (OpenAPI 3.1 `webhooks`), one per event
type: the Standard Webhooks headers, the body `{"type", "timestamp", "data"}`, and what
`data` holds for each type."""

from __future__ import annotations

from typing import Any

from domain.webhooks import EVENT_TYPES
from payloads.openapi_parts import JsonObject, json_content

_ID: JsonObject = {"type": "integer"}
_OPTIONAL_ID: JsonObject = {"type": ["integer", "null"]}
_TEXT: JsonObject = {"type": "string"}
_TIME: JsonObject = {"type": "string", "format": "date-time"}

INVITE: JsonObject = {"invite_id": _ID, "billing_period_id": _ID, "commitment_id": _ID}
# The data of both invoice events; money is a decimal string with two places.
INVOICE_EVENT: JsonObject = {
    "invoice_id": _ID, "commitment_id": _ID, "billing_period_id": _ID, "number": _TEXT,
    "status": _TEXT, "previous_status": {"type": ["string", "null"]},
    "note": {"type": ["string", "null"]}, "on_behalf": {"type": "boolean"},
    "current_payment_due": {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}, "at": _TIME}

EVENT_DATA: dict[str, tuple[str, JsonObject]] = {
    "invite.sent": ("A batch invited a commitment (or sent it a fresh copy: `resend`).", {
        **INVITE, "project_id": _ID, "batch_id": _ID, "resend": {"type": "boolean"},
        "contact_ids": {"type": "array", "items": _ID}, "at": _TIME}),
    "invite.accepted": ("A contact answered Yes.", {
        **INVITE, "contact_id": _ID, "status": {"const": "accepted"},
        "previous_status": _TEXT, "channel": _TEXT, "at": _TIME}),
    "invite.declined": ("A contact answered No.", {
        **INVITE, "contact_id": _ID, "status": {"const": "declined"},
        "previous_status": _TEXT, "channel": _TEXT, "at": _TIME}),
    "invite.reminded": ("A reminder went to the invite's contacts.", {
        **INVITE, "project_id": _ID, "due_date": {"type": "string", "format": "date"},
        "kind": _TEXT, "local_date": {"type": "string", "format": "date"},
        "contacts": {"type": "array", "items": {"type": "object", "properties": {
            "id": _ID, "email": _TEXT}}}, "at": _TIME}),
    "invoice.submitted": ("An invoice was sent for review (by its contact, or entered by "
                          "an administrator on the contact's behalf).", INVOICE_EVENT),
    "invoice.status_changed": ("The administrator's review changed an invoice's status "
                               "(`note` says why, for Revise and Resubmit).", INVOICE_EVENT),
    "email.bounced": ("A mail of ours bounced for good: the address is now undeliverable.", {
        "message_id": {"type": ["string", "null"]}, "recipient": {"type": ["string", "null"]},
        "person_id": _OPTIONAL_ID, "invite_id": _OPTIONAL_ID, "diagnostic": _TEXT,
        "source": {"enum": ["smtp", "webhook", "email"],
                   "description": "How we learnt of it: the relay refused it (smtp), a "
                                  "provider's report, or a bounce by mail."},
        "at": _TIME}),
}

HEADERS: list[JsonObject] = [
    {"name": "webhook-id", "in": "header", "required": True, "schema": _TEXT,
     "description": "`evt_<n>`: the same on every retry and replay of the event."},
    {"name": "webhook-timestamp", "in": "header", "required": True, "schema": _TEXT,
     "description": "Seconds since the epoch when this attempt was sent."},
    {"name": "webhook-signature", "in": "header", "required": True, "schema": _TEXT,
     "description": "`v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` "
                    "with the subscription's `whsec_` secret."},
]


def _webhook(event_type: str, summary: str, data: JsonObject) -> JsonObject:
    data_schema: dict[str, Any] = {"type": "object"}
    if data:
        data_schema.update(required=list(data), properties=data)
    body = {"type": "object", "required": ["type", "timestamp", "data"], "properties": {
        "type": {"const": event_type}, "timestamp": {**_TIME,
                                                     "description": "When it happened."},
        "data": data_schema}}
    return {"post": {
        "summary": summary, "operationId": f"webhook_{event_type.replace('.', '_')}",
        "tags": ["Webhooks out"], "parameters": HEADERS,
        "requestBody": {"required": True, "content": json_content(body)},
        "responses": {
            "2XX": {"description": "Delivered. Anything else is retried after 5 s, 5 min, "
                                   "30 min, 2 h, 5 h, 10 h and 10 h (with jitter)."},
            "410": {"description": "Gone: the subscription is disabled."}}}}


OUTGOING_WEBHOOKS: dict[str, JsonObject] = {
    name: _webhook(name, *EVENT_DATA[name]) for name in EVENT_TYPES}
