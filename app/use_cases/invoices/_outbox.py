"""Outbox rows an invoice change writes in its own transaction: the webhook event
(`invoice.submitted` / `invoice.status_changed`) and the mail that goes with it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.use_cases.webhooks_out.events import event_row
from domain.money import format_money
from domain.sov import InvoiceResult
from mailer.message_ids import new_message_id
from store.outbox import pending_row
from store.tables import Invoice

INVOICE_SUBMITTED = "invoice.submitted"
INVOICE_STATUS_CHANGED = "invoice.status_changed"


def _stamp(now: datetime) -> str:
    # A resubmitted invoice is submitted again: each change is its own event and mail.
    return now.strftime("%Y%m%dT%H%M%S%f")


def invoice_event(event_type: str, invoice: Invoice, computed: InvoiceResult,
                  previous_status: str | None, company_id: int,
                  now: datetime) -> dict[str, Any]:
    data = {"invoice_id": invoice.id, "commitment_id": invoice.commitment_id,
            "billing_period_id": invoice.billing_period_id, "number": invoice.number,
            "status": invoice.status, "previous_status": previous_status,
            "note": invoice.review_note, "on_behalf": invoice.on_behalf,
            "current_payment_due": format_money(computed.summary.current_payment_due),
            "at": now.isoformat()}
    return event_row(event_type, f"{invoice.id}:{invoice.status}:{_stamp(now)}", data, now,
                     company_id=company_id)


def invoice_mail(template: str, invoice: Invoice, person_id: int, domain: str,
                 now: datetime) -> dict[str, Any]:
    """`invoice_submitted` to the administrator or `invoice_returned` to one contact."""
    key = f"{template}:{invoice.id}:{person_id}:{_stamp(now)}"
    return pending_row(
        kind="email", template=template, person_id=person_id, idempotency_key=key, now=now,
        message_id=new_message_id(domain),
        payload={"invoice_id": invoice.id, "note": invoice.review_note})
