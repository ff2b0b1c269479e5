"""Lien waivers in the API: the waivers of an invoice, templates, policy, review."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from domain.sub_tier_waivers import HOLDING_STATES, SubTierWaiverLine
from domain.waivers import Requirement, WaiverKind, WaiverRecord, WaiverStatus
from payloads.fields import LongText, Name
from payloads.requests import RequestModel
from web.api.resources.base import Id, Instant, MoneyText, ResponseModel

KindName = Literal["conditional_progress", "unconditional_progress", "conditional_final",
                   "unconditional_final"]


class LienWaiver(ResponseModel):
    """One waiver: what it waives, where it stands, and where its PDF is."""

    id: Id
    invoice_id: Id
    paid_invoice_id: Id
    kind: WaiverKind
    status: WaiverStatus
    requirement: Requirement
    amount: MoneyText
    through_date: date
    exceptions: list[str]
    code: str
    signer_email: str
    held: bool
    needs_notary: bool
    template_version: int
    signed_name: str | None
    signed_title: str | None
    signed_at: Instant | None
    signed_sha256: str | None
    released_at: Instant | None
    review_note: str | None
    notarized_sha256: str | None
    sub_tier_id: Id | None = Field(default=None, description="The sub-tier whose signer is "
                                   "asked; null for the contract company's own waiver.")
    pdf_url: str

    @classmethod
    def from_record(cls, record: WaiverRecord) -> LienWaiver:
        return cls.model_validate({**record.__dict__, "exceptions": list(record.exceptions),
                                   "pdf_url": f"/api/lien-waivers/{record.id}/pdf"})


class WaiverTemplateRequest(RequestModel):
    """The body of POST /api/waiver-templates: text with {{ placeholder }} blanks."""

    name: Name
    kind: KindName
    state: str = Field(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")
    body: str = Field(min_length=1, max_length=20_000)
    needs_notary: bool = False
    e_signature_allowed: bool = True


class WaiverTemplate(ResponseModel):
    id: Id
    name: str
    kind: WaiverKind
    state: str
    version: int
    needs_notary: bool
    e_signature_allowed: bool


class WaiverPolicyRequest(RequestModel):
    """The body of POST /api/projects/{id}/waiver-policy: one kind for one billing type."""

    billing_type: Literal["progress", "final"]
    kind: KindName
    requirement: Literal["not_required", "requested", "required_before_send"]
    template_id: Id | None = None


class WaiverReviseRequest(RequestModel):
    """The body of POST /api/lien-waivers/{id}/revise."""

    reason: LongText


SubTierWaiverStateName = Literal["not_required", "pending_signature", "revise_and_resubmit",
                                 "awaiting_notary", "signed", "approved"]


class SubTierWaiverStatus(ResponseModel):
    """One sub-tier on an invoice: what it billed, the state of its waivers together (the
    step still waited for), the sub-tier's own status on the commitment, and its waivers
    (void ones left out). A sub-tier not asked for any reads `not_required`."""

    sub_tier_id: Id
    company_name: str
    amount_billed: MoneyText | None
    billing: Literal["progress", "final"] | None
    sub_tier_status: Literal["active", "exempt", "lien_filed", "final_expected",
                             "final_received"]
    state: SubTierWaiverStateName
    holds_payment: bool
    waivers: list[LienWaiver]

    @classmethod
    def from_record(cls, line: SubTierWaiverLine) -> SubTierWaiverStatus:
        billing: Literal["progress", "final"] | None = None
        if line.amount_billed is not None:
            billing = "final" if line.final else "progress"
        return cls(sub_tier_id=line.sub_tier_id, company_name=line.company_name,
                   amount_billed=line.amount_billed, billing=billing,
                   sub_tier_status=line.sub_tier_status.value,
                   state=line.state,  # type: ignore[arg-type]
                   holds_payment=line.state in HOLDING_STATES,
                   waivers=[LienWaiver.from_record(item) for item in line.waivers])
