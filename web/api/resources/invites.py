"""Invites and their batches: what a batch queued (`InviteBatch`), how far it got
(`InviteBatchProgress`), a period's invites (`PeriodInvites`), one invite with its log
(`Invite`), and the body of POST /api/billing-periods/{id}/invites."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from domain import model as records
from domain.commands import SendInvites
from domain.invites import SkipReason
from domain.invoice_types import DEFAULT_INVITE_TYPE, InviteType
from payloads.requests import RequestModel
from web.api.resources.base import Count, Id, Instant, ResponseModel, instant_json
from web.api.resources.commitments import InvoiceContact
from web.api.resources.periods import BillingPeriod

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
    invoice_type: InviteType = Field(
        default=DEFAULT_INVITE_TYPE,
        description="What the contacts are invited to bill: work_and_materials (default), "
                    "retainage_release (only retainage released; not bound to the due "
                    "date), work_materials_and_retainage, or final (billing type Final: "
                    "every line to its scheduled value or closed short, all retainage "
                    "released). A resend replaces the invite's type.")

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
        return SendInvites(period_id, chosen, resend_answered=self.resend_answered,
                           invoice_type=self.invoice_type)


class SkippedCommitment(ResponseModel):
    commitment_id: int
    reason: SkipReason
    message: str = Field(description="For people; may change.")


class InviteBatch(ResponseModel):
    batch_id: Id
    invited: Count = Field(description="Commitments invited for the first time.")
    resent: Count = Field(description="Commitments sent a fresh copy of their invite.")
    messages: Count = Field(description="Mails queued: one per deliverable contact.")
    skipped: list[SkippedCommitment]


class InviteSummary(ResponseModel):
    """One commitment's invite for a period; `invite_id` is null until it is invited."""

    commitment_id: Id
    invite_id: int | None = Field(description="null until invited")
    status: records.InviteStatus
    commitment_number: str
    commitment_title: str
    contract_company: str
    invoice_submitted: bool
    invited_at: Instant | None
    answered_at: Instant | None
    contacts: list[InvoiceContact]
    next_reminder_at: Instant | None = Field(
        description="When the next reminder goes out; null: none will.")
    invoice_type: InviteType | None = Field(
        default=None, description="What the contact is invited to bill; null until invited.")

    @staticmethod
    def json_of(item: records.InviteRecord) -> dict[str, Any]:
        """The JSON `model_validate(item).to_json()` gives, written directly: a period's
        list has an item per commitment, and this costs a third of pydantic's validation
        and dump (bench/dashboard.py). tests/unit/test_list_json.py holds the two equal
        and the contract test checks the answers against the schema."""
        return {
            "commitment_id": item.commitment_id, "invite_id": item.invite_id,
            "status": item.status.value, "commitment_number": item.commitment_number,
            "commitment_title": item.commitment_title,
            "contract_company": item.contract_company,
            "invoice_submitted": item.invoice_submitted,
            "invited_at": instant_json(item.invited_at),
            "answered_at": instant_json(item.answered_at),
            "contacts": [{"id": contact.id, "name": contact.name, "email": contact.email,
                          "deliverable": contact.deliverable} for contact in item.contacts],
            "next_reminder_at": instant_json(item.next_reminder_at),
            "invoice_type": None if item.invoice_type is None else item.invoice_type.value}


class InviteEvent(ResponseModel):
    kind: str = Field(examples=["invited", "resent", "accepted", "bounced"])
    at: Instant
    channel: str = Field(examples=["api", "link", "system"])
    person_id: int | None
    person_name: str | None
    ip_address: str | None
    user_agent: str | None
    detail: dict[str, Any]


class Invite(InviteSummary):
    """An invite with its period and its event log, oldest event first."""

    billing_period_id: Id
    events: list[InviteEvent]


class InviteCounts(ResponseModel):
    not_invited: Count
    invited: Count
    accepted: Count
    declined: Count
    submitted: Count


class PeriodInvites(ResponseModel):
    billing_period: BillingPeriod
    counts: InviteCounts = Field(description="Of the whole period, whatever the page.")
    items: list[InviteSummary]
    next: str | None = Field(description="The cursor of the next page (`?cursor=`); null "
                                         "on the last page.")

    @classmethod
    def from_record(cls, view: records.PeriodInvites, next: str | None = None,
                    ) -> PeriodInvites:
        return cls.model_validate({"billing_period": view.period, "counts": view.counts,
                                   "items": view.items, "next": next})

    @staticmethod
    def json_of(view: records.PeriodInvites, next: str | None = None) -> dict[str, Any]:
        """`from_record(view, next).to_json()`, the items written directly (`json_of`)."""
        return {"billing_period": BillingPeriod.model_validate(view.period).to_json(),
                "counts": InviteCounts.model_validate(view.counts).to_json(),
                "items": [InviteSummary.json_of(item) for item in view.items], "next": next}


class BatchMessages(ResponseModel):
    queued: Count
    sent: Count
    failed: Count


class InviteBatchProgress(ResponseModel):
    id: Id
    billing_period_id: Id
    invited: Count
    # Stored as the batch answered them: {"commitment_id", "reason", "message"}.
    skipped: list[SkippedCommitment]
    messages: BatchMessages
    done: bool = Field(description="true once no message is waiting to be sent")
    created_at: Instant

    @classmethod
    def from_record(cls, progress: records.BatchProgress) -> InviteBatchProgress:
        return cls.model_validate({
            "id": progress.batch_id, "billing_period_id": progress.billing_period_id,
            "invited": progress.invited, "skipped": progress.skipped,
            "messages": BatchMessages(queued=progress.queued, sent=progress.sent,
                                      failed=progress.failed),
            "done": progress.done, "created_at": progress.created_at})
