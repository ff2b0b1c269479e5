"""The directory: an upstream company's own contract companies and their people, merges of
duplicates, and whether mail reaches a contact (delivered, bounced, deferred)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.commands import EMAIL, _required
from domain.errors import InvalidInput
from domain.text_rules import control_character_problem

# One page of the directory; a larger `limit` is cut to this.
MAX_PAGE = 200


class Delivery(StrEnum):
    """What the contact's last mail did (`unknown`: nothing was mailed yet)."""

    DELIVERED = "delivered"
    BOUNCED = "bounced"
    DEFERRED = "deferred"
    QUEUED = "queued"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class LastMail:
    """The newest mail of the outbox to a person, as the delivery state reads it."""

    status: str  # the outbox's: pending, sent, failed, dead
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class DeliveryState:
    state: Delivery
    reason: str | None = None
    at: datetime | None = None


def delivery_state(deliverable: bool, bounced_at: datetime | None,
                   last: LastMail | None) -> DeliveryState:
    """An address marked undeliverable is bounced whatever came after (no mail goes to it
    until it is fixed); otherwise the newest mail says: sent, still being retried after
    a temporary failure (deferred), or queued."""
    if not deliverable:
        reason = None
        if last is not None and last.status in ("failed", "dead") and last.last_error:
            reason = last.last_error
        return DeliveryState(Delivery.BOUNCED, reason or "the address was reported "
                             "undeliverable", bounced_at)
    if last is None:
        return DeliveryState(Delivery.UNKNOWN)
    if last.status == "sent":
        return DeliveryState(Delivery.DELIVERED, None, last.sent_at)
    if last.status in ("failed", "dead") or (last.status == "pending" and last.last_error):
        return DeliveryState(Delivery.DEFERRED, last.last_error, last.created_at)
    return DeliveryState(Delivery.QUEUED, None, last.created_at)


@dataclass(frozen=True)
class DirectoryPerson:
    id: int
    company_id: int
    company_name: str
    name: str
    email: str
    deliverable: bool
    bounced_at: datetime | None
    commitments: int = 0
    delivery: DeliveryState | None = None
    # Preferred language of their mail ("fr-CA"); None: the project's locale.
    language: str | None = None


@dataclass(frozen=True)
class DirectoryCompany:
    id: int
    name: str
    people: tuple[DirectoryPerson, ...]
    commitments: int = 0


@dataclass(frozen=True)
class DirectoryPage:
    companies: tuple[DirectoryCompany, ...]
    # The id to continue after (the `cursor` of the next page), None on the last page.
    next_cursor: int | None


@dataclass(frozen=True)
class MergeRecord:
    id: int
    kind: str  # "company" | "person"
    kept_id: int
    merged_id: int
    merged_name: str
    merged_email: str | None
    moved: dict[str, int]
    by_name: str | None
    at: datetime


def company_name(value: str) -> str:
    return _required(value, "name", 200)


def person_name(value: str) -> str:
    return _required(value, "name", 200)


def email_address(value: str) -> str:
    """Stored lower-case, so one address is one person whatever the case typed."""
    email = (value or "").strip().lower()
    if not email:
        raise InvalidInput("email is required")
    if len(email) > 254 or control_character_problem(email) or not EMAIL.match(email):
        raise InvalidInput(f"email {value.strip()!r} is not an email address")
    return email


@dataclass(frozen=True)
class DirectoryCommitment:
    """A commitment a company works on, or a person is an invoice contact of."""

    id: int
    number: str
    title: str
    project_id: int
    project_name: str
    closed: bool
