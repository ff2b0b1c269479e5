"""Domain records as the documented JSON: money and percentages as two-place strings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.invites import BatchResult, Skipped
from domain.model import (
    BatchProgress,
    BillingPeriod,
    Commitment,
    Contact,
    InviteEventRecord,
    InviteRecord,
    PeriodInvites,
    Project,
    SovLine,
    UndeliveredMessage,
)
from domain.money import format_money
from web.api.project_settings import reminder_settings_json

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
        "reminders": reminder_settings_json(project.reminders),
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


def _instant(value: datetime | None) -> str | None:
    """ISO 8601 with its offset (the store hands out aware UTC datetimes)."""
    return None if value is None else value.isoformat()


def invite_json(record: InviteRecord) -> JsonObject:
    """One commitment's invite for a period; `invite_id` is null until it is invited."""
    return {
        "commitment_id": record.commitment_id,
        "invite_id": record.invite_id,
        "status": record.status.value,
        "commitment_number": record.commitment_number,
        "commitment_title": record.commitment_title,
        "contract_company": record.contract_company,
        "invoice_submitted": record.invoice_submitted,
        "invited_at": _instant(record.invited_at),
        "answered_at": _instant(record.answered_at),
        "contacts": [contact_json(contact) for contact in record.contacts],
        "next_reminder_at": _instant(record.next_reminder_at),
    }


def invite_event_json(event: InviteEventRecord) -> JsonObject:
    return {
        "kind": event.kind,
        "at": _instant(event.at),
        "channel": event.channel,
        "person_id": event.person_id,
        "person_name": event.person_name,
        "ip_address": event.ip_address,
        "user_agent": event.user_agent,
        "detail": dict(event.detail),
    }


def invite_detail_json(record: InviteRecord) -> JsonObject:
    """An invite with its period and its event log, oldest event first."""
    return {**invite_json(record), "billing_period_id": record.billing_period_id,
            "events": [invite_event_json(event) for event in record.events]}


def period_invites_json(view: PeriodInvites) -> JsonObject:
    return {"billing_period": period_json(view.period), "counts": dict(view.counts),
            "items": [invite_json(item) for item in view.items]}


def skipped_json(skipped: Skipped) -> JsonObject:
    return {"commitment_id": skipped.commitment_id, "reason": skipped.reason.value,
            "message": skipped.message}


def batch_result_json(result: BatchResult) -> JsonObject:
    return {"batch_id": result.batch_id, "invited": result.invited, "resent": result.resent,
            "messages": result.messages,
            "skipped": [skipped_json(skipped) for skipped in result.skipped]}


def batch_progress_json(progress: BatchProgress) -> JsonObject:
    return {
        "id": progress.batch_id,
        "billing_period_id": progress.billing_period_id,
        "invited": progress.invited,
        # Stored as the batch answered them: {"commitment_id", "reason", "message"}.
        "skipped": [dict(skipped) for skipped in progress.skipped],
        "messages": {"queued": progress.queued, "sent": progress.sent,
                     "failed": progress.failed},
        "done": progress.done,
        "created_at": _instant(progress.created_at),
    }


def undelivered_json(message: UndeliveredMessage) -> JsonObject:
    return {
        "id": message.id,
        "recipient": message.recipient,
        "template": message.template,
        "invite_id": message.invite_id,
        "status": message.status,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "created_at": _instant(message.created_at),
    }
