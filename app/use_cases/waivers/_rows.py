"""Waiver rows: the record the API sees, and the outbox rows (mail, webhook events) a
waiver change writes in its own transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.use_cases.webhooks_out.events import event_row
from domain.money import format_money
from domain.waivers import Requirement, WaiverKind, WaiverRecord, WaiverStatus
from mailer.message_ids import new_message_id
from store.outbox import pending_row
from store.tables import LienWaiver

WAIVER_REQUESTED = "waiver.requested"
WAIVER_SIGNED = "waiver.signed"
WAIVER_RELEASED = "waiver.released"


def record(row: LienWaiver, signer_email: str, *, sub_tier_id: int | None = None,
           ) -> WaiverRecord:
    assert row.id is not None
    return WaiverRecord(
        row.id, row.invoice_id, row.paid_invoice_id, WaiverKind(row.kind),
        WaiverStatus(row.status), Requirement(row.requirement), row.amount, row.through_date,
        tuple(line for line in row.exceptions.splitlines() if line), row.code, signer_email,
        row.held and row.released_at is None, row.needs_notary, row.template_version,
        row.signed_name, row.signed_title, row.signed_at, row.signed_sha256, row.released_at,
        row.review_note, row.notarized_sha256, sub_tier_id)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S%f")


def waiver_event(event_type: str, row: LienWaiver, company_id: int,
                 now: datetime) -> dict[str, Any]:
    data = {"waiver_id": row.id, "invoice_id": row.invoice_id,
            "paid_invoice_id": row.paid_invoice_id, "kind": row.kind, "status": row.status,
            "amount": format_money(row.amount), "through_date": row.through_date.isoformat(),
            "code": row.code, "held": row.held and row.released_at is None,
            "signed_sha256": row.signed_sha256, "at": now.isoformat()}
    return event_row(event_type, f"{row.id}:{_stamp(now)}", data, now, company_id=company_id)


def waiver_mail(template: str, row: LienWaiver, person_id: int, domain: str, now: datetime,
                note: str | None = None) -> dict[str, Any]:
    """`waiver_requested` to the signer (with the link of the waiver's current version) or
    `waiver_released` to the administrator."""
    key = f"{template}:{row.id}:{person_id}:{row.link_version}:{_stamp(now)}"
    return pending_row(
        kind="email", template=template, person_id=person_id, idempotency_key=key, now=now,
        message_id=new_message_id(domain),
        payload={"waiver_id": row.id, "link_version": row.link_version, "note": note})
