"""Invoices as the API shows them (field names fixed by the issue, for other systems to
rely on) and their JSON schemas. Money is a decimal string with two places."""

from __future__ import annotations

from typing import Any

from domain.invoice_records import InvoiceListItem, InvoiceRecord, InvoiceStatus
from domain.money import format_money
from payloads.openapi_parts import JsonObject
from web.api.response_schemas import DECIMAL, ID, MONEY
from web.invoice_csv import SUMMARY_FIELDS

LINE_MONEY_FIELDS = (
    "scheduled_value", "work_completed_previous", "work_completed_this_period",
    "materials_presently_stored", "total_completed_and_stored", "balance_to_finish",
    "retainage", "retainage_released")


def invoice_json(invoice: InvoiceRecord) -> dict[str, Any]:
    lines = []
    for sov_line_id, entry, row in zip(invoice.sov_line_ids, invoice.entries,
                                       invoice.computed.lines, strict=True):
        line: dict[str, Any] = {"sov_line_id": sov_line_id, "item_number": row.item_number,
                                "description": row.description,
                                "change_order": row.change_order}
        line.update({name: format_money(getattr(row, name)) for name in LINE_MONEY_FIELDS})
        line["percent_complete"] = str(row.percent_complete)
        line["quantity_this_period"] = (None if entry.quantity_this_period is None
                                        else str(entry.quantity_this_period))
        lines.append(line)
    summary = invoice.computed.summary
    return {"id": invoice.id, "commitment_id": invoice.commitment_id,
            "billing_period_id": invoice.billing_period_id, "number": invoice.number,
            "billing_type": invoice.billing_type.value, "status": invoice.status.value,
            "review_note": invoice.review_note, "on_behalf": invoice.on_behalf,
            "contract_company": invoice.contract_company, "lines": lines,
            "summary": {name: format_money(getattr(summary, name))
                        for name in SUMMARY_FIELDS}}


def invoice_item_json(item: InvoiceListItem) -> dict[str, Any]:
    return {"id": item.id, "commitment_id": item.commitment_id,
            "commitment_number": item.commitment_number,
            "contract_company": item.contract_company, "number": item.number,
            "status": item.status.value,
            "total_completed_and_stored_to_date": format_money(
                item.total_completed_and_stored_to_date),
            "current_payment_due": format_money(item.current_payment_due)}


def _object(properties: JsonObject) -> JsonObject:
    return {"type": "object", "required": list(properties), "properties": properties}


_STATUS: JsonObject = {"enum": [status.value for status in InvoiceStatus]}
_TEXT: JsonObject = {"type": "string"}
_PERCENT: JsonObject = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["42.50"]}

INVOICE_SCHEMAS: dict[str, JsonObject] = {
    "InvoiceLine": _object({
        "sov_line_id": ID, "item_number": _TEXT, "description": _TEXT,
        "change_order": {"type": "boolean"},
        **{name: MONEY for name in LINE_MONEY_FIELDS}, "percent_complete": _PERCENT,
        "quantity_this_period": DECIMAL}),
    "InvoiceSummary": _object({name: MONEY for name in SUMMARY_FIELDS}),
    "Invoice": _object({
        "id": ID, "commitment_id": ID, "billing_period_id": ID, "number": _TEXT,
        "billing_type": {"enum": ["progress", "final"]}, "status": _STATUS,
        "review_note": {"type": ["string", "null"]}, "on_behalf": {"type": "boolean"},
        "contract_company": _TEXT,
        "lines": {"type": "array", "items": {"$ref": "#/components/schemas/InvoiceLine"}},
        "summary": {"$ref": "#/components/schemas/InvoiceSummary"}}),
    "InvoiceListItem": _object({
        "id": ID, "commitment_id": ID, "commitment_number": _TEXT, "contract_company": _TEXT,
        "number": _TEXT, "status": _STATUS, "total_completed_and_stored_to_date": MONEY,
        "current_payment_due": MONEY}),
}
