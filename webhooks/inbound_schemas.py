"""The events other systems may send to POST /webhooks/<source>, as validated models.

Every event is `{"type", "timestamp"?, "data"}` (the Standard Webhooks payload shape);
`data` depends on `type`. Unknown fields are refused, as in the API, so a misspelt field
is an error rather than silently ignored. webhooks/inbound_parsing.py turns a body into a
domain command.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from domain.inbound_events import ProjectRef
from domain.invoice_types import DEFAULT_INVITE_TYPE, InviteType
from payloads.fields import (
    MULTI_LINE,
    SINGLE_LINE,
    EmailAddress,
    ExternalId,
    Name,
    Reference,
    SingleLineText,
)
from payloads.payments import InvoicePaidData
from payloads.requests import NewBillingPeriodRequest, NewCommitmentRequest, RequestModel

Id = Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]


def _exactly_one(model: RequestModel, first: str, second: str) -> None:
    if (getattr(model, first) is None) == (getattr(model, second) is None):
        raise PydanticCustomError("reference_ambiguous", "give exactly one of \"{a}\" and "
                                  "\"{b}\"", {"a": first, "b": second})


class ProjectReference(RequestModel):
    """Our project id, or the project's number (must name one project)."""

    id: Id | None = None
    number: Reference | None = None

    @model_validator(mode="after")
    def _one(self) -> ProjectReference:
        _exactly_one(self, "id", "number")
        return self

    def to_ref(self) -> ProjectRef:
        return ProjectRef(self.id, self.number)


class CommitmentReference(RequestModel):
    id: Id | None = None
    external_id: ExternalId | None = None

    @model_validator(mode="after")
    def _one(self) -> CommitmentReference:
        _exactly_one(self, "id", "external_id")
        return self


class ContractCompanyData(RequestModel):
    name: Name
    external_id: ExternalId | None = Field(
        default=None, description="The sender's id of the company: a later rename finds it.")


class InvoiceContactData(RequestModel):
    name: Name
    email: EmailAddress
    external_id: ExternalId | None = None


class CommitmentData(NewCommitmentRequest):
    """A whole commitment as the sender has it; found again by `external_id`."""

    project: ProjectReference
    external_id: ExternalId  # required here: it is how the next upsert finds it
    contract_company: ContractCompanyData  # type: ignore[assignment]
    invoice_contacts: list[InvoiceContactData] = Field(max_length=50)  # type: ignore[assignment]


class BillingPeriodData(NewBillingPeriodRequest):
    project: ProjectReference
    send_invites: StrictBool = Field(
        default=False, description="true: invite every commitment of the project that has "
                                   "no invite in this period yet.")


class InvitesRequestData(RequestModel):
    billing_period_id: Id | None = Field(
        default=None, description="Our period id; or give `project` for its open period.")
    project: ProjectReference | None = None
    commitments: list[CommitmentReference] | None = Field(default=None, min_length=1,
                                                          max_length=1000)
    all: Literal[True] | None = None
    resend_answered: StrictBool = False
    invoice_type: InviteType = Field(
        default=DEFAULT_INVITE_TYPE,
        description="What the contacts are invited to bill: work_and_materials (default), "
                    "retainage_release, work_materials_and_retainage or final.")

    @model_validator(mode="after")
    def _choices(self) -> InvitesRequestData:
        _exactly_one(self, "billing_period_id", "project")
        _exactly_one(self, "commitments", "all")
        return self


class EmailDeliveryData(RequestModel):
    message_id: Annotated[str, Field(min_length=3, max_length=250), SINGLE_LINE] = Field(
        description="The Message-ID header of our mail, with or without the angle brackets.")
    status: Literal["delivered", "bounced", "complained"]
    bounce_type: Literal["hard", "soft"] = Field(
        default="hard", description="For `bounced`: only a hard bounce marks the address "
                                    "undeliverable.")
    diagnostic: Annotated[str, Field(max_length=1000), MULTI_LINE] | None = Field(
        default=None, examples=["550 5.1.1 The email account does not exist"])


class CommitmentUpsertedEvent(RequestModel):
    type: Literal["commitment.upserted"]
    timestamp: SingleLineText | None = None
    data: CommitmentData


class BillingPeriodOpenedEvent(RequestModel):
    type: Literal["billing_period.opened"]
    timestamp: SingleLineText | None = None
    data: BillingPeriodData


class InvitesRequestedEvent(RequestModel):
    type: Literal["invites.requested"]
    timestamp: SingleLineText | None = None
    data: InvitesRequestData


class EmailDeliveryEvent(RequestModel):
    type: Literal["email.delivery"]
    timestamp: SingleLineText | None = None
    data: EmailDeliveryData


class InvoicePaidEvent(RequestModel):
    type: Literal["invoice.paid"]
    timestamp: SingleLineText | None = None
    data: InvoicePaidData


EVENT_MODELS = (CommitmentUpsertedEvent, BillingPeriodOpenedEvent, InvitesRequestedEvent,
                EmailDeliveryEvent, InvoicePaidEvent)
EVENT_TYPES = tuple(model.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                    for model in EVENT_MODELS)
AnyEvent = Annotated[CommitmentUpsertedEvent | BillingPeriodOpenedEvent | InvitesRequestedEvent
                     | EmailDeliveryEvent | InvoicePaidEvent, Field(discriminator="type")]
