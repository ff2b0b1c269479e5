"""A commitment with its SOV lines and invoice contacts (`Commitment`, `SovLine`,
`InvoiceContact`). Its request bodies are shared with inbound webhooks
(payloads.requests.NewCommitmentRequest) and the invoices' resource (NewSovLinesRequest)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool

from domain import model as records
from domain.commands import NewContact
from domain.commitment_changes import CommitmentChanges
from payloads.fields import EmailAddress, Name, Percent, Reference, Title
from payloads.requests import ContractCompanyRequest, RequestModel, SovLineRequest
from web.api.resources.base import DecimalText, Id, MoneyText, PercentText, ResponseModel


class SovLine(ResponseModel):
    id: Id
    item_number: str
    cost_code: str | None
    description: str
    scheduled_value: MoneyText
    change_order: bool
    quantity: DecimalText | None
    unit: str | None
    unit_price: DecimalText | None


class InvoiceContact(ResponseModel):
    id: Id
    name: str
    email: str = Field(json_schema_extra={"format": "email"})
    deliverable: bool = Field(description="false once mail to this address has bounced")


class ContractCompany(ResponseModel):
    name: str


class Commitment(ResponseModel):
    id: Id
    project_id: Id
    number: str
    title: str
    kind: records.CommitmentKind
    contract_company: ContractCompany
    contract_company_id: Id | None = Field(
        description="The contract company's id in the directory (/api/companies).")
    retainage_percent_work: PercentText
    retainage_percent_stored: PercentText
    stored_materials_billed_separately: bool
    contract_sum: MoneyText = Field(description="The sum of the scheduled values.")
    sov_lines: list[SovLine]
    invoice_contacts: list[InvoiceContact]
    external_id: str | None
    closed: bool = Field(description="Closed commitments get no invites.")

    @classmethod
    def from_record(cls, commitment: records.Commitment) -> Commitment:
        return cls.model_validate({
            **{name: getattr(commitment, name) for name in cls.model_fields},
            "contract_company": ContractCompany(name=commitment.contract_company)})


class CommitmentPatchRequest(RequestModel):
    """The body of PATCH /api/commitments/{id}: only the fields given change. The
    contract company is one of the directory's (`contract_company_id`) or named
    (`contract_company`: found in the directory by name, or added)."""

    number: Reference | None = None
    title: Title | None = None
    kind: Literal["subcontract", "purchase_order"] | None = None
    contract_company_id: Id | None = None
    contract_company: ContractCompanyRequest | None = None
    retainage_percent_work: Percent | None = None
    retainage_percent_stored: Percent | None = None
    stored_materials_billed_separately: StrictBool | None = None

    def to_changes(self) -> CommitmentChanges:
        return CommitmentChanges(
            self.number, self.title, None if self.kind is None else records.CommitmentKind(
                self.kind), self.contract_company_id,
            None if self.contract_company is None else self.contract_company.name,
            self.retainage_percent_work, self.retainage_percent_stored,
            self.stored_materials_billed_separately)


class NewInvoiceContactRequest(RequestModel):
    """The body of POST /api/commitments/{id}/contacts: a person of the directory
    (`person_id`), or a name and address (the directory's person with that address, else
    a new person of the contract company)."""

    person_id: Id | None = None
    name: Name | None = None
    email: EmailAddress | None = None

    def to_contact(self) -> NewContact | None:
        if self.email is None:
            return None
        return NewContact(self.name or "", self.email)


class SovLinesPutRequest(RequestModel):
    """The body of PUT /api/commitments/{id}/sov-lines: the whole Schedule of Values in
    order (refused with 409 once the commitment has an invoice)."""

    sov_lines: list[SovLineRequest] = Field(max_length=2000)
