"""Webhooks in: what another system may tell us, as commands, and what became of a receipt.

The HTTP edge checks the signature and validates the payload into one of the commands
below; the application stores it and carries it out later (asynchronously).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain.commands import NewBillingPeriod, NewCommitment
from domain.errors import InvalidInput
from domain.invoice_types import DEFAULT_INVITE_TYPE, InviteType


class ReceiptStatus(StrEnum):
    ACCEPTED = "accepted"  # stored, waiting to be processed
    PROCESSED = "processed"
    FAILED = "failed"  # valid, but could not be carried out (the reason is kept)
    REJECTED = "rejected"  # did not validate (answered 422)


@dataclass(frozen=True)
class InboundEvent:
    """A verified event; `body` is the JSON as the sender signed it."""

    source: str
    webhook_id: str
    event_type: str
    body: dict[str, Any]


@dataclass(frozen=True)
class EventSender:
    """Who sent an event: the source's name and the company it acts for. A source of the
    installation's settings acts for every company (None); one an administrator created
    acts only for that administrator's company, and sees no other."""

    source: str
    company_id: int | None


@dataclass(frozen=True)
class InboundRejection:
    """A verified request whose payload did not validate (answered 422, kept for a week)."""

    source: str
    webhook_id: str
    reason: str
    event_type: str | None = None
    body: dict[str, Any] | None = None


@dataclass(frozen=True)
class Receipt:
    """What the sender is answered: new (202), a retry of one we have (200), or 422."""

    status: ReceiptStatus
    duplicate: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class ProjectRef:
    """A project by our id, or by its number (unique within a company)."""

    id: int | None = None
    number: str | None = None

    def __post_init__(self) -> None:
        if (self.id is None) == (self.number is None):
            raise InvalidInput("a project is given by exactly one of id and number")


@dataclass(frozen=True)
class CommitmentRef:
    """A commitment by our id or by the sender's external id."""

    id: int | None = None
    external_id: str | None = None

    def __post_init__(self) -> None:
        if (self.id is None) == (self.external_id is None):
            raise InvalidInput("a commitment is given by exactly one of id and external_id")


@dataclass(frozen=True)
class UpsertCommitment:
    """`commitment.upserted`: create or update the commitment the sender calls
    `commitment.external_id`, with its SOV, contract company and invoice contacts."""

    project: ProjectRef
    commitment: NewCommitment
    company_external_id: str | None = None
    # email (lower-case) -> the sender's id of that contact
    contact_external_ids: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class OpenPeriod:
    """`billing_period.opened`; `send_invites` invites every commitment not yet invited."""

    project: ProjectRef
    period: NewBillingPeriod
    send_invites: bool = False


@dataclass(frozen=True)
class RequestInvites:
    """`invites.requested`: a batch for the given commitments (None: all of the project's)
    in the period given by id, or the project's open period."""

    billing_period_id: int | None
    project: ProjectRef | None
    commitments: tuple[CommitmentRef, ...] | None
    resend_answered: bool = False
    invoice_type: InviteType = DEFAULT_INVITE_TYPE


class DeliveryStatus(StrEnum):
    DELIVERED = "delivered"
    BOUNCED = "bounced"
    COMPLAINED = "complained"


@dataclass(frozen=True)
class EmailDeliveryReport:
    """`email.delivery`: a mail provider's report on one of our messages."""

    message_id: str
    status: DeliveryStatus
    # Only a hard (permanent) bounce marks the address undeliverable.
    permanent: bool = True
    diagnostic: str | None = None


@dataclass(frozen=True)
class RecordPayment:
    """`invoice.paid`: the sender's system paid one of our invoices (by our invoice id);
    `external_id` is the sender's id of the payment (the same id twice records one)."""

    invoice_id: int
    amount: Decimal
    paid_on: date
    method: str
    reference: str | None = None
    external_id: str | None = None


InboundCommand = (UpsertCommitment | OpenPeriod | RequestInvites | EmailDeliveryReport
                  | RecordPayment)
