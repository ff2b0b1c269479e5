"""Invoices as the application hands them around: what is entered, what is stored, and
the statuses an invoice moves through. The arithmetic itself lives in domain.sov."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.attachments import AttachmentInfo
from domain.errors import InvalidInput
from domain.invoice_types import InviteType
from domain.sov import InvoiceResult, RetainageRates
from domain.text_rules import control_character_problem


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    APPROVED_AS_NOTED = "approved_as_noted"
    REVISE_AND_RESUBMIT = "revise_and_resubmit"
    PENDING_OWNER_APPROVAL = "pending_owner_approval"
    PAID = "paid"


# The contact may change the invoice only while it is in their hands.
EDITABLE_STATUSES = frozenset({InvoiceStatus.DRAFT, InvoiceStatus.REVISE_AND_RESUBMIT})
# What an administrator may set from the review (Paid comes later, from accounting).
REVIEW_STATUSES = frozenset({
    InvoiceStatus.APPROVED, InvoiceStatus.APPROVED_AS_NOTED,
    InvoiceStatus.REVISE_AND_RESUBMIT, InvoiceStatus.PENDING_OWNER_APPROVAL,
    InvoiceStatus.PAID})
# Line 6 of these invoices is what was certified for payment before ("less previous").
CERTIFIED_STATUSES = frozenset({
    InvoiceStatus.APPROVED, InvoiceStatus.APPROVED_AS_NOTED,
    InvoiceStatus.PENDING_OWNER_APPROVAL, InvoiceStatus.PAID})


class BillingType(StrEnum):
    PROGRESS = "progress"
    FINAL = "final"


@dataclass(frozen=True)
class LineEntry:
    """What was entered for one SOV line. Unit-based lines give `quantity_this_period`
    instead of `work_completed_this_period`."""

    sov_line_id: int
    work_completed_this_period: Decimal = Decimal("0.00")
    materials_presently_stored: Decimal = Decimal("0.00")
    retainage_released: Decimal = Decimal("0.00")
    quantity_this_period: Decimal | None = None
    # A final invoice's line that stops short of its scheduled value, said explicitly.
    closed_short: bool = False


@dataclass(frozen=True)
class InvoiceEntry:
    """An invoice as entered: general information and the lines (missing lines bill 0)."""

    billing_period_id: int
    number: str
    billing_type: BillingType
    lines: tuple[LineEntry, ...]

    def validated(self) -> InvoiceEntry:
        number = self.number.strip()
        if not number:
            raise InvalidInput("the invoice number is required")
        if len(number) > 50:
            raise InvalidInput("the invoice number has more than 50 characters")
        if (problem := control_character_problem(number)) is not None:
            raise InvalidInput(f"the invoice number {problem}")
        seen = [line.sov_line_id for line in self.lines]
        if len(seen) != len(set(seen)):
            raise InvalidInput("an SOV line is given twice")
        return InvoiceEntry(self.billing_period_id, number, self.billing_type, self.lines)


@dataclass(frozen=True)
class EnteredBy:
    """The administrator who entered an invoice on a contact's behalf."""

    person_id: int
    name: str
    email: str


@dataclass(frozen=True)
class InvoiceRecord:
    """A stored invoice with every G703 column and the G702 summary computed.

    `sov_line_ids` lists the SOV line of each row of `computed.lines`, in the same order.
    """

    id: int
    commitment_id: int
    project_id: int
    billing_period_id: int
    number: str
    billing_type: BillingType
    status: InvoiceStatus
    review_note: str | None
    on_behalf: bool
    contract_company: str
    commitment_number: str
    sov_line_ids: tuple[int, ...]
    entries: tuple[LineEntry, ...]
    computed: InvoiceResult
    attachments: tuple[AttachmentInfo, ...] = ()
    entered_by: EnteredBy | None = None  # set when an administrator entered it
    # The commitment's retainage rates: the form's live figures follow the same rules.
    rates: RetainageRates | None = None
    # The type of the invite the invoice answers; None when the commitment was not invited
    # for the period (an invoice entered on the contact's behalf).
    invite_type: InviteType | None = None


@dataclass(frozen=True)
class InvoiceListItem:
    """One invoice of a period's list: who, status and the amounts that matter."""

    id: int
    commitment_id: int
    commitment_number: str
    contract_company: str
    number: str
    status: InvoiceStatus
    total_completed_and_stored_to_date: Decimal
    current_payment_due: Decimal
