"""An invoice: the bodies of POST /api/commitments/{id}/invoices, POST
/api/invoices/{id}/status and POST /api/commitments/{id}/sov-lines, and the answers
(`Invoice` with its `InvoiceLine`s and `InvoiceSummary`, `InvoiceListItem`). Field names
are fixed by the issue, for other systems to rely on; money is a two-place string."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, StrictBool, WithJsonSchema

from app.use_cases.sub_tiers.service import EnteredLine
from domain.invoice_records import (
    BillingType,
    InvoiceEntry,
    InvoiceRecord,
    InvoiceStatus,
    LineEntry,
)
from domain.invoice_records import (
    InvoiceListItem as ListItemRecord,
)
from domain.invoice_types import InviteType
from payloads.fields import LongText, Money, Quantity, Reference
from payloads.requests import RequestModel, SovLineRequest
from web.api.resources.base import MONEY_SCHEMA, DecimalText, Id, MoneyText, ResponseModel
from web.api.resources.sub_tiers import InvoiceSubTiersRequest


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
    closed_short: StrictBool = Field(
        default=False, description="Final invoices only: the line stops short of its "
                                   "scheduled value; its balance to finish stays unbilled.")

    def to_entry(self) -> LineEntry:
        return LineEntry(self.sov_line_id, self.work_completed_this_period,
                         self.materials_presently_stored, self.retainage_released,
                         self.quantity_this_period, self.closed_short)


class NewInvoiceRequest(RequestModel):
    """The body of POST /api/commitments/{id}/invoices."""

    billing_period_id: int = Field(ge=1)
    number: Reference
    billing_type: Literal["progress", "final"] = "progress"
    lines: list[InvoiceLineRequest] = Field(max_length=2000)
    sub_tiers: InvoiceSubTiersRequest | None = Field(
        default=None, description="What each sub-tier billed on this invoice, or "
        "`certify_no_sub_tiers`: needed when the project asks for sub-tier waivers (the "
        "invoice is sent at once; 409 `sub_tiers_required` without them).")

    def sub_tier_lines(self) -> list[EnteredLine] | None:
        if self.sub_tiers is None or self.sub_tiers.certify_no_sub_tiers:
            return None
        return [EnteredLine(line.sub_tier_id, line.amount_billed, line.billing)
                for line in self.sub_tiers.lines]

    @property
    def no_sub_tiers(self) -> bool:
        return self.sub_tiers is not None and self.sub_tiers.certify_no_sub_tiers

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


PercentComplete = Annotated[Decimal, PlainSerializer(str, return_type=str),
                            WithJsonSchema({**MONEY_SCHEMA, "examples": ["42.50"]})]


class InvoiceLine(ResponseModel):
    """One G703 row."""

    sov_line_id: Id
    item_number: str
    description: str
    change_order: bool
    scheduled_value: MoneyText
    work_completed_previous: MoneyText
    work_completed_this_period: MoneyText
    materials_presently_stored: MoneyText
    total_completed_and_stored: MoneyText
    balance_to_finish: MoneyText
    retainage: MoneyText
    retainage_released: MoneyText
    percent_complete: PercentComplete
    quantity_this_period: DecimalText | None
    closed_short: bool = Field(default=False, description="Closed short on a final invoice: "
                               "the balance to finish is left unbilled.")


class InvoiceSummary(ResponseModel):
    """The G702 summary."""

    original_contract_sum: MoneyText
    net_change_by_change_orders: MoneyText
    contract_sum_to_date: MoneyText
    total_completed_and_stored_to_date: MoneyText
    retainage_on_completed_work: MoneyText
    retainage_on_stored_materials: MoneyText
    total_retainage: MoneyText
    total_earned_less_retainage: MoneyText
    less_previous_certificates: MoneyText
    current_payment_due: MoneyText
    balance_to_finish_including_retainage: MoneyText


class InvoiceEnteredBy(ResponseModel):
    """The administrator who entered the invoice on a contact's behalf."""

    person_id: Id
    name: str
    email: str


class Invoice(ResponseModel):
    id: Id
    commitment_id: Id
    billing_period_id: Id
    number: str
    billing_type: BillingType
    status: InvoiceStatus
    review_note: str | None
    on_behalf: bool
    entered_by: InvoiceEnteredBy | None = Field(
        description="Who entered it on the contact's behalf; null when a contact did.")
    contract_company: str
    lines: list[InvoiceLine]
    summary: InvoiceSummary
    invite_type: InviteType | None = Field(
        default=None, description="The type of the invite the invoice answers (what may be "
                                  "entered); null when the commitment was not invited.")

    @classmethod
    def from_record(cls, invoice: InvoiceRecord) -> Invoice:
        lines: list[dict[str, Any]] = []
        for sov_line_id, entry, row in zip(invoice.sov_line_ids, invoice.entries,
                                           invoice.computed.lines, strict=True):
            line = {name: getattr(row, name) for name in InvoiceLine.model_fields
                    if name not in ("sov_line_id", "quantity_this_period", "closed_short")}
            lines.append({**line, "sov_line_id": sov_line_id,
                          "quantity_this_period": entry.quantity_this_period,
                          "closed_short": entry.closed_short})
        return cls.model_validate({
            **{name: getattr(invoice, name) for name in cls.model_fields
               if name not in ("lines", "summary")},
            "lines": lines, "summary": invoice.computed.summary})


class InvoiceListItem(ResponseModel):
    """One invoice of a period's list: who, status and the amounts that matter."""

    id: Id
    commitment_id: Id
    commitment_number: str
    contract_company: str
    number: str
    status: InvoiceStatus
    total_completed_and_stored_to_date: MoneyText
    current_payment_due: MoneyText

    @classmethod
    def from_record(cls, item: ListItemRecord) -> InvoiceListItem:
        return cls.model_validate(item)
