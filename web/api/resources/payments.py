"""Payments in the API: what an invoice has been paid, and each payment."""

from __future__ import annotations

from datetime import date
from typing import Literal

from domain.payments import InvoicePayments as PaymentsRecord
from web.api.resources.base import Id, MoneyText, ResponseModel


class Payment(ResponseModel):
    id: Id
    amount: MoneyText
    paid_on: date
    method: str
    reference: str | None
    source: Literal["page", "api", "webhook"]


class InvoicePayments(ResponseModel):
    """An invoice's payments: partial payments add up to at most its payment due."""

    invoice_id: Id
    current_payment_due: MoneyText
    paid: MoneyText
    status: Literal["unpaid", "partially_paid", "paid"]
    payments: list[Payment]

    @classmethod
    def from_record(cls, record: PaymentsRecord) -> InvoicePayments:
        return cls.model_validate(record)
