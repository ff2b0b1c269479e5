"""Sub-tiers: the bodies of POST and PATCH /api/commitments/{id}/sub-tiers[/{sub_tier_id}]
and PUT /api/invoices/{id}/sub-tiers, and the answers (`SubTier`, `InvoiceSubTiers`).
Money is a two-place string; the domain checks the fields (required ones, the address of
the waiver signer, a hired-by loop) so the pages and the API refuse the same things."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any, Literal

from pydantic import Field, model_validator

from domain import sub_tiers as records
from payloads.fields import EmailAddress, Money, Name, Title
from payloads.requests import RequestModel
from web.api.resources.base import Id, Instant, MoneyText, ResponseModel

TierType = Literal["subcontractor", "supplier"]
Status = Literal["active", "exempt", "lien_filed", "final_expected", "final_received"]


class SubTierRequest(RequestModel):
    """A sub-tier. `hired_by_id` null: hired by the contract company; otherwise another
    sub-tier of the commitment (no loops)."""

    company_name: Name
    tier_type: TierType = "subcontractor"
    hired_by_id: int | None = Field(default=None, ge=1)
    kind_of_work: Name | None = None
    phone: Name | None = None
    address: Title | None = None
    city: Name
    state: Name
    zip_code: Name
    country: Name
    estimated_contract_amount: Money | None = None
    waiver_email: EmailAddress | None = Field(
        default=None, description="Who signs this sub-tier's waivers (needs no account).")

    def to_fields(self) -> records.SubTierFields:
        given = self.model_dump()
        for name in ("kind_of_work", "phone", "address", "waiver_email"):
            given[name] = given[name] or ""
        return records.SubTierFields(**given)


class SubTierChangeRequest(RequestModel):
    """PATCH: the fields given change, the others stay. `status` is the administrator's
    record of the sub-tier (exempt, lien filed, final received...)."""

    company_name: Name | None = None
    tier_type: TierType | None = None
    hired_by_id: int | None = Field(default=None, ge=1)
    kind_of_work: Name | None = None
    phone: Name | None = None
    address: Title | None = None
    city: Name | None = None
    state: Name | None = None
    zip_code: Name | None = None
    country: Name | None = None
    estimated_contract_amount: Money | None = None
    waiver_email: EmailAddress | None = None
    status: Status | None = None

    def applied_to(self, current: records.SubTierFields) -> records.SubTierFields:
        given = self.model_dump(exclude_unset=True, exclude={"status"})
        # Null is meaningful for these two: hired by the contract company, no estimate.
        kept = {name: value for name, value in given.items()
                if value is not None or name in ("hired_by_id", "estimated_contract_amount")}
        return replace(current, **kept)


class SubTier(ResponseModel):
    id: Id
    commitment_id: Id
    company_name: str
    tier_type: TierType
    hired_by_id: int | None
    kind_of_work: str
    phone: str
    address: str
    city: str
    state: str
    zip_code: str
    country: str
    estimated_contract_amount: MoneyText | None
    waiver_email: str
    status: Status

    @classmethod
    def from_record(cls, tier: records.SubTier) -> SubTier:
        return cls.model_validate({**asdict(tier.fields), "id": tier.id,
                                   "commitment_id": tier.commitment_id,
                                   "status": tier.status.value})


class SubTierLine(ResponseModel):
    sub_tier: SubTier
    amount_billed: MoneyText | None = Field(description="Null until entered.")
    billing: Literal["progress", "final"] | None


class InvoiceSubTiers(ResponseModel):
    """The invoice's sub-tier lines (an editable invoice lists the commitment's current
    sub-tiers, pre-filled with what was entered), or who certified there are none."""

    invoice_id: Id
    editable: bool
    lines: list[SubTierLine]
    no_sub_tiers_certified_by: str | None
    no_sub_tiers_certified_at: Instant | None

    @classmethod
    def from_record(cls, found: records.InvoiceSubTiers) -> InvoiceSubTiers:
        certificate = found.certificate
        return cls.model_validate({
            "invoice_id": found.invoice_id, "editable": found.editable,
            "lines": [{"sub_tier": SubTier.from_record(tier),
                       "amount_billed": None if line is None else line.amount_billed,
                       "billing": None if line is None else line.billing.value}
                      for tier, line in found.lines],
            "no_sub_tiers_certified_by": certificate and certificate.person_name,
            "no_sub_tiers_certified_at": certificate and certificate.certified_at})


class SubTierLineRequest(RequestModel):
    sub_tier_id: int = Field(ge=1)
    amount_billed: Money = Field(description="0.00 allowed; never left out.")
    billing: Literal["progress", "final"] = "progress"


class InvoiceSubTiersRequest(RequestModel):
    """Either a line for every sub-tier of the commitment, or `certify_no_sub_tiers`."""

    lines: list[SubTierLineRequest] = Field(default_factory=list, max_length=500)
    certify_no_sub_tiers: bool = False

    @model_validator(mode="after")
    def _one_or_the_other(self) -> Any:
        if self.certify_no_sub_tiers and self.lines:
            raise ValueError("give the lines or certify_no_sub_tiers, not both")
        return self
