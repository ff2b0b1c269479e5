"""Request models of the projects API: validated at the edge, turned into domain commands.

Unknown fields are refused (`extra="forbid"`), so a misspelt field is an error rather than
silently ignored. Business rules (time zones, unit-based lines, retainage bounds) stay in
the domain commands, which every edge shares.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from domain.commands import (
    NewBillingPeriod,
    NewCommitment,
    NewContact,
    NewProject,
    NewSovLine,
    PeriodChanges,
    SendInvites,
)
from domain.model import AccountingMethod, CommitmentKind
from payloads.fields import (
    EmailAddress,
    ExternalId,
    IsoDate,
    ItemNumber,
    LocaleTag,
    LongText,
    Money,
    Name,
    Percent,
    Quantity,
    Reference,
    TimeZoneName,
    Title,
    Unit,
)


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NewProjectRequest(RequestModel):
    """The body of POST /api/projects."""

    name: Name
    number: Reference
    time_zone: TimeZoneName = Field(description="IANA time zone, e.g. America/Chicago; "
                                                "due dates end at midnight there.")
    locale: LocaleTag = "en-US"
    accounting_method: Literal["amount", "unit"] = "amount"
    invitation_message: LongText | None = None

    def to_command(self) -> NewProject:
        return NewProject(self.name, self.number, self.time_zone, self.locale,
                          AccountingMethod(self.accounting_method), self.invitation_message)


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


class BillingPeriodPatchRequest(RequestModel):
    """The body of PATCH /api/billing-periods/{id}: only the fields given change."""

    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    due_date: IsoDate | None = None
    billing_date: IsoDate | None = None
    status: Literal["closed"] | None = Field(
        default=None, description="\"closed\" closes the period; a period is never reopened.")

    def to_changes(self) -> PeriodChanges:
        return PeriodChanges(self.start_date, self.end_date, self.due_date, self.billing_date,
                             close=self.status == "closed")


REQUEST_MODELS: tuple[type[BaseModel], ...] = (
    NewProjectRequest, NewCommitmentRequest, NewBillingPeriodRequest, BillingPeriodPatchRequest,
)


CommitmentId = Annotated[StrictInt, Field(ge=1)]


class SendInvitesRequest(RequestModel):
    """The body of POST /api/billing-periods/{id}/invites: `commitment_ids` or `all`."""

    commitment_ids: list[CommitmentId] | None = Field(
        default=None, min_length=1, max_length=1000,
        description="The commitments to invite; ids not in the period's project are skipped "
                    "with reason not_found. Give this or `all`, not both.")
    all: Literal[True] | None = Field(
        default=None, description="true: every commitment of the period's project.")
    resend_answered: StrictBool = Field(
        default=False, description="Also send a fresh invite to commitments that already "
                                   "accepted or declined (otherwise skipped).")

    @model_validator(mode="after")
    def _exactly_one_selection(self) -> SendInvitesRequest:
        if self.commitment_ids is not None and self.all is not None:
            raise PydanticCustomError(
                "selection_ambiguous", "give either \"commitment_ids\" or \"all\", not both")
        if self.commitment_ids is None and self.all is None:
            raise PydanticCustomError(
                "selection_missing",
                "give \"commitment_ids\" (a non-empty list) or \"all\": true")
        return self

    def to_command(self, period_id: int) -> SendInvites:
        chosen = None if self.all else tuple(self.commitment_ids or ())
        return SendInvites(period_id, chosen, resend_answered=self.resend_answered)
