"""Domain records as the documented JSON: money and percentages as two-place strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.model import BillingPeriod, Commitment, Contact, Project, SovLine
from domain.money import format_money

JsonObject = dict[str, Any]


def _decimal(value: Decimal | None) -> str | None:
    """Quantities and unit prices keep the places they were stored with."""
    return None if value is None else str(value)


def project_json(project: Project) -> JsonObject:
    return {
        "id": project.id,
        "name": project.name,
        "number": project.number,
        "time_zone": project.time_zone,
        "locale": project.locale,
        "accounting_method": project.accounting_method.value,
        "invitation_message": project.invitation_message,
    }


def sov_line_json(line: SovLine) -> JsonObject:
    return {
        "id": line.id,
        "item_number": line.item_number,
        "cost_code": line.cost_code,
        "description": line.description,
        "scheduled_value": format_money(line.scheduled_value),
        "change_order": line.change_order,
        "quantity": _decimal(line.quantity),
        "unit": line.unit,
        "unit_price": _decimal(line.unit_price),
    }


def contact_json(contact: Contact) -> JsonObject:
    return {"id": contact.id, "name": contact.name, "email": contact.email,
            "deliverable": contact.deliverable}


def commitment_json(commitment: Commitment) -> JsonObject:
    return {
        "id": commitment.id,
        "project_id": commitment.project_id,
        "number": commitment.number,
        "title": commitment.title,
        "kind": commitment.kind.value,
        "contract_company": {"name": commitment.contract_company},
        # Percentages share the money format: two places, half-up (domain.money).
        "retainage_percent_work": format_money(commitment.retainage_percent_work),
        "retainage_percent_stored": format_money(commitment.retainage_percent_stored),
        "stored_materials_billed_separately": commitment.stored_materials_billed_separately,
        "contract_sum": format_money(commitment.contract_sum),
        "sov_lines": [sov_line_json(line) for line in commitment.sov_lines],
        "invoice_contacts": [contact_json(contact) for contact in commitment.invoice_contacts],
        "external_id": commitment.external_id,
    }


def period_json(period: BillingPeriod) -> JsonObject:
    return {
        "id": period.id,
        "project_id": period.project_id,
        "start_date": period.start_date.isoformat(),
        "end_date": period.end_date.isoformat(),
        "due_date": period.due_date.isoformat(),
        "billing_date": period.billing_date.isoformat() if period.billing_date else None,
        "status": period.status.value,
        "created_at": period.created_at.isoformat() if period.created_at else None,
    }
