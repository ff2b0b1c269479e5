"""Request models shared by the API and the inbound webhook events (the API-only ones live
with their resource in web/api/resources/): validated at the edge, turned into domain
commands.

Unknown fields are refused (`extra="forbid"`), so a misspelt field is an error rather than
silently ignored. Business rules (time zones, unit-based lines, retainage bounds) stay in
the domain commands, which every edge shares.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from domain.commands import (
    NewBillingPeriod,
    NewCommitment,
    NewContact,
    NewSovLine,
)
from domain.model import CommitmentKind
from payloads.fields import (
    EmailAddress,
    ExternalId,
    IsoDate,
    ItemNumber,
    Money,
    Name,
    Percent,
    Quantity,
    Reference,
    Title,
    Unit,
)


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContractCompanyRequest(RequestModel):
    name: Name


class SovLineRequest(RequestModel):
    """A Schedule of Values line; unit-based projects also give quantity, unit, unit_price."""

    item_number: ItemNumber
    cost_code: Reference | None = None
    description: Title
    scheduled_value: Money | None = Field(
        default=None, description="Required on amount-based projects; on unit-based ones it "
                                  "is quantity x unit_price (and checked when given).")
    change_order: StrictBool = False
    quantity: Quantity | None = None
    unit: Unit | None = None
    unit_price: Quantity | None = None

    def to_command(self) -> NewSovLine:
        return NewSovLine(self.item_number, self.description, self.scheduled_value,
                          self.cost_code, self.change_order, self.quantity, self.unit,
                          self.unit_price)


class InvoiceContactRequest(RequestModel):
    name: Name
    email: EmailAddress


class NewCommitmentRequest(RequestModel):
    """The body of POST /api/projects/{id}/commitments."""

    number: Reference
    title: Title
    kind: Literal["subcontract", "purchase_order"]
    contract_company: ContractCompanyRequest
    retainage_percent_work: Percent
    retainage_percent_stored: Percent
    stored_materials_billed_separately: StrictBool = True
    sov_lines: list[SovLineRequest] = Field(max_length=2000)
    invoice_contacts: list[InvoiceContactRequest] = Field(max_length=50)
    external_id: ExternalId | None = None

    def to_command(self) -> NewCommitment:
        return NewCommitment(
            self.number, self.title, CommitmentKind(self.kind), self.contract_company.name,
            self.retainage_percent_work, self.retainage_percent_stored,
            tuple(line.to_command() for line in self.sov_lines),
            tuple(NewContact(contact.name, contact.email) for contact in self.invoice_contacts),
            self.stored_materials_billed_separately, self.external_id)


class NewBillingPeriodRequest(RequestModel):
    """The body of POST /api/projects/{id}/billing-periods."""

    start_date: IsoDate
    end_date: IsoDate
    due_date: IsoDate = Field(description="Submissions are accepted until the end of this "
                                          "day in the project's time zone.")
    billing_date: IsoDate | None = None

    def to_command(self) -> NewBillingPeriod:
        return NewBillingPeriod(self.start_date, self.end_date, self.due_date, self.billing_date)
