"""Request bodies of the invoice API."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from domain.invoice_records import BillingType, InvoiceEntry, LineEntry
from payloads.fields import LongText, Money, Quantity, Reference
from payloads.requests import RequestModel, SovLineRequest


class InvoiceLineRequest(RequestModel):
    """What was done on one SOV line; lines left out bill nothing this period."""

    sov_line_id: int = Field(ge=1)
    work_completed_this_period: Money = Field(
        default=Decimal("0.00"), description="E, amount-based lines.")
    quantity_this_period: Quantity | None = Field(
        default=None, description="Unit-based lines: the quantity installed this period.")
    materials_presently_stored: Money = Field(
        default=Decimal("0.00"), description="F: the stored balance now, not yet in D or E.")
    retainage_released: Money = Field(
        default=Decimal("0.00"),
        description="Retainage released by this invoice (at most what is held).")

    def to_entry(self) -> LineEntry:
        return LineEntry(self.sov_line_id, self.work_completed_this_period,
                         self.materials_presently_stored, self.retainage_released,
                         self.quantity_this_period)


class NewInvoiceRequest(RequestModel):
    """The body of POST /api/commitments/{id}/invoices."""

    billing_period_id: int = Field(ge=1)
    number: Reference
    billing_type: Literal["progress", "final"] = "progress"
    lines: list[InvoiceLineRequest] = Field(max_length=2000)

    def to_entry(self) -> InvoiceEntry:
        return InvoiceEntry(self.billing_period_id, self.number,
                            BillingType(self.billing_type),
                            tuple(line.to_entry() for line in self.lines))


class InvoiceStatusRequest(RequestModel):
    """The body of POST /api/invoices/{id}/status."""

    status: Literal["approved", "approved_as_noted", "revise_and_resubmit",
                    "pending_owner_approval", "paid"]
    note: LongText | None = None


class NewSovLinesRequest(RequestModel):
    """The body of POST /api/commitments/{id}/sov-lines."""

    sov_lines: list[SovLineRequest] = Field(min_length=1, max_length=500)
