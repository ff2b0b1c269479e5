"""Hand-written JSON schemas of what the projects API answers (see serializers.py)."""

from __future__ import annotations

from payloads.openapi_parts import JsonObject, ref
from web.api.project_settings import REMINDER_SETTINGS

MONEY: JsonObject = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["1250.00"]}
DECIMAL: JsonObject = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
DATE: JsonObject = {"type": "string", "format": "date"}
ID: JsonObject = {"type": "integer", "minimum": 1}


def _nullable(schema: JsonObject) -> JsonObject:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: JsonObject) -> JsonObject:
    return {"type": "object", "required": list(properties), "properties": properties}


PROJECT = _object({
    "id": ID, "name": {"type": "string"}, "number": {"type": "string"},
    "time_zone": {"type": "string", "examples": ["America/Chicago"]},
    "locale": {"type": "string", "examples": ["en-US"]},
    "accounting_method": {"enum": ["amount", "unit"]},
    "invitation_message": {"type": ["string", "null"]},
    "reminders": ref("ReminderSettings"),
})

SOV_LINE = _object({
    "id": ID, "item_number": {"type": "string"}, "cost_code": {"type": ["string", "null"]},
    "description": {"type": "string"}, "scheduled_value": MONEY,
    "change_order": {"type": "boolean"}, "quantity": DECIMAL,
    "unit": {"type": ["string", "null"]}, "unit_price": DECIMAL,
})

INVOICE_CONTACT = _object({
    "id": ID, "name": {"type": "string"}, "email": {"type": "string", "format": "email"},
    "deliverable": {"type": "boolean",
                    "description": "false once mail to this address has bounced"},
})

COMMITMENT = _object({
    "id": ID, "project_id": ID, "number": {"type": "string"}, "title": {"type": "string"},
    "kind": {"enum": ["subcontract", "purchase_order"]},
    "contract_company": _object({"name": {"type": "string"}}),
    "retainage_percent_work": MONEY, "retainage_percent_stored": MONEY,
    "stored_materials_billed_separately": {"type": "boolean"},
    "contract_sum": {**MONEY, "description": "The sum of the scheduled values."},
    "sov_lines": {"type": "array", "items": ref("SovLine")},
    "invoice_contacts": {"type": "array", "items": ref("InvoiceContact")},
    "external_id": {"type": ["string", "null"]},
})

BILLING_PERIOD = _object({
    "id": ID, "project_id": ID, "start_date": DATE, "end_date": DATE, "due_date": DATE,
    "billing_date": _nullable(DATE), "status": {"enum": ["open", "closed"]},
    "created_at": _nullable({"type": "string", "format": "date-time"}),
})

RESPONSE_SCHEMAS: dict[str, JsonObject] = {
    "Project": PROJECT, "SovLine": SOV_LINE, "InvoiceContact": INVOICE_CONTACT,
    "Commitment": COMMITMENT, "BillingPeriod": BILLING_PERIOD,
    "ReminderSettings": REMINDER_SETTINGS,
}

# Invites, batches and the outbox (web/api/invites.py, outbox.py).

DATE_TIME: JsonObject = {"type": "string", "format": "date-time",
                         "description": "ISO 8601 with the UTC offset."}
COUNT: JsonObject = {"type": "integer", "minimum": 0}
INVITE_STATUS: JsonObject = {"enum": ["not_invited", "invited", "accepted", "declined"]}
SKIP_REASON: JsonObject = {"enum": ["no_invoice_contact", "contacts_undeliverable",
                                    "invoice_sent", "already_answered", "not_found"]}

SKIPPED_COMMITMENT = _object({
    "commitment_id": {"type": "integer"}, "reason": SKIP_REASON,
    "message": {"type": "string", "description": "For people; may change."},
})

INVITE_BATCH = _object({
    "batch_id": ID,
    "invited": {**COUNT, "description": "Commitments invited for the first time."},
    "resent": {**COUNT, "description": "Commitments sent a fresh copy of their invite."},
    "messages": {**COUNT, "description": "Mails queued: one per deliverable contact."},
    "skipped": {"type": "array", "items": ref("SkippedCommitment")},
})

INVITE_SUMMARY_PROPERTIES: JsonObject = {
    "commitment_id": ID,
    "invite_id": {"type": ["integer", "null"], "description": "null until invited"},
    "status": INVITE_STATUS, "commitment_number": {"type": "string"},
    "commitment_title": {"type": "string"}, "contract_company": {"type": "string"},
    "invoice_submitted": {"type": "boolean"},
    "invited_at": _nullable(DATE_TIME), "answered_at": _nullable(DATE_TIME),
    "contacts": {"type": "array", "items": ref("InvoiceContact")},
    "next_reminder_at": {**_nullable(DATE_TIME),
                         "description": "When the next reminder goes out; null: none will."},
}

INVITE_EVENT = _object({
    "kind": {"type": "string", "examples": ["invited", "resent", "accepted", "bounced"]},
    "at": DATE_TIME, "channel": {"type": "string", "examples": ["api", "link", "system"]},
    "person_id": {"type": ["integer", "null"]}, "person_name": {"type": ["string", "null"]},
    "ip_address": {"type": ["string", "null"]}, "user_agent": {"type": ["string", "null"]},
    "detail": {"type": "object"},
})

PERIOD_INVITES = _object({
    "billing_period": ref("BillingPeriod"),
    "counts": _object({status: COUNT for status in (
        "not_invited", "invited", "accepted", "declined", "submitted")}),
    "items": {"type": "array", "items": ref("InviteSummary")},
})

BATCH_PROGRESS = _object({
    "id": ID, "billing_period_id": ID, "invited": COUNT,
    "skipped": {"type": "array", "items": ref("SkippedCommitment")},
    "messages": _object({"queued": COUNT, "sent": COUNT, "failed": COUNT}),
    "done": {"type": "boolean", "description": "true once no message is waiting to be sent"},
    "created_at": DATE_TIME,
})

INVITE_SCHEMAS: dict[str, JsonObject] = {
    "SkippedCommitment": SKIPPED_COMMITMENT, "InviteBatch": INVITE_BATCH,
    "InviteSummary": _object(INVITE_SUMMARY_PROPERTIES), "InviteEvent": INVITE_EVENT,
    "Invite": _object({**INVITE_SUMMARY_PROPERTIES, "billing_period_id": ID,
                       "events": {"type": "array", "items": ref("InviteEvent")}}),
    "PeriodInvites": PERIOD_INVITES, "InviteBatchProgress": BATCH_PROGRESS,
}

UNDELIVERED_MESSAGE = _object({
    "id": ID, "recipient": {"type": ["string", "null"]},
    "template": {"type": ["string", "null"], "examples": ["invite"]},
    "invite_id": {"type": ["integer", "null"]},
    "status": {"enum": ["failed", "dead"],
               "description": "failed: refused for good; dead: retries used up"},
    "attempts": COUNT, "last_error": {"type": ["string", "null"]}, "created_at": DATE_TIME,
})

OUTBOX_SCHEMAS: dict[str, JsonObject] = {
    "UndeliveredMessage": UNDELIVERED_MESSAGE,
    "RetryQueued": _object({"id": ID, "status": {"const": "pending"}}),
}
