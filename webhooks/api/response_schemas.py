"""Hand-written JSON schemas of what the projects API answers (see serializers.py)."""

from __future__ import annotations

from webhooks.openapi_parts import JsonObject, ref

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
}
