"""A payment as the API and the inbound `invoice.paid` event give it."""

from __future__ import annotations

from typing import Literal

from domain.payments import PaymentEntry
from payloads.fields import ExternalId, IsoDate, Money, Reference
from payloads.requests import RequestModel


class PaymentRequest(RequestModel):
    """The body of POST /api/invoices/{id}/payments."""

    amount: Money
    paid_on: IsoDate
    method: Literal["check", "ach", "wire", "card", "other"]
    reference: Reference | None = None

    def to_entry(self) -> PaymentEntry:
        return PaymentEntry(self.amount, self.paid_on, self.method, self.reference)


class InvoicePaidData(PaymentRequest):
    """The `data` of an inbound `invoice.paid` event: our invoice's id, and the sender's
    id of the payment (the same id twice records one payment)."""

    invoice_id: int
    external_id: ExternalId | None = None
