"""A commitment with its SOV lines and invoice contacts (`Commitment`, `SovLine`,
`InvoiceContact`). Its request bodies are shared with inbound webhooks
(payloads.requests.NewCommitmentRequest) and the invoices' resource (NewSovLinesRequest)."""

from __future__ import annotations

from pydantic import Field

from domain import model as records
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
    retainage_percent_work: PercentText
    retainage_percent_stored: PercentText
    stored_materials_billed_separately: bool
    contract_sum: MoneyText = Field(description="The sum of the scheduled values.")
    sov_lines: list[SovLine]
    invoice_contacts: list[InvoiceContact]
    external_id: str | None

    @classmethod
    def from_record(cls, commitment: records.Commitment) -> Commitment:
        return cls.model_validate({
            **{name: getattr(commitment, name) for name in cls.model_fields},
            "contract_company": ContractCompany(name=commitment.contract_company)})
