"""Payments the general contractor records against an approved invoice (it pays outside
this service): partial payments add up, and no payment may take the total past what the
invoice certified as due (G702 line 8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.errors import Conflict, InvalidInput
from domain.invoice_records import CERTIFIED_STATUSES, InvoiceStatus
from domain.money import format_money, money
from domain.text_rules import control_character_problem

ZERO = Decimal("0.00")
METHODS = ("check", "ach", "wire", "card", "other")


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"


@dataclass(frozen=True)
class PaymentEntry:
    amount: Decimal
    paid_on: date
    method: str
    reference: str | None = None

    def validated(self) -> PaymentEntry:
        amount = money(self.amount, field="amount")
        if amount <= ZERO:
            raise InvalidInput("amount must be more than 0.00")
        if self.method not in METHODS:
            raise InvalidInput(f"method must be one of: {', '.join(METHODS)}")
        reference = (self.reference or "").strip() or None
        if reference is not None:
            if len(reference) > 100:
                raise InvalidInput("reference has more than 100 characters")
            if (problem := control_character_problem(reference)) is not None:
                raise InvalidInput(f"reference {problem}")
        return PaymentEntry(amount, self.paid_on, self.method, reference)


def check_payment(status: InvoiceStatus, due: Decimal, paid: Decimal,
                  amount: Decimal) -> None:
    """Refuse a payment on an invoice not approved, or one past what is still due."""
    if status not in CERTIFIED_STATUSES:
        raise Conflict("payments are recorded against an approved invoice",
                       code="invoice_not_approved")
    left = due - paid
    if amount > left:
        raise Conflict(f"the payment of {format_money(amount)} is more than the "
                       f"{format_money(max(left, ZERO))} still due on this invoice",
                       code="overpayment")


def payment_status(due: Decimal, paid: Decimal) -> PaymentStatus:
    if paid <= ZERO:
        return PaymentStatus.UNPAID
    return PaymentStatus.PAID if paid >= due else PaymentStatus.PARTIALLY_PAID


@dataclass(frozen=True)
class PaymentRecord:
    id: int
    invoice_id: int
    amount: Decimal
    paid_on: date
    method: str
    reference: str | None
    source: str


@dataclass(frozen=True)
class InvoicePayments:
    """An invoice's payments and where they stand against its payment due."""

    invoice_id: int
    current_payment_due: Decimal
    paid: Decimal
    status: PaymentStatus
    payments: tuple[PaymentRecord, ...]
