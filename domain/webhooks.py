"""Webhooks out: the event types other systems can subscribe to, subscriptions and the log
of delivery attempts, and the rules for a subscription's URL and status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from domain.errors import InvalidInput

# Every event we send (interface.md); invoices add theirs with the invoice issue.
EVENT_TYPES: tuple[str, ...] = (
    "invite.sent", "invite.accepted", "invite.declined", "invite.reminded",
    "invoice.submitted", "invoice.status_changed", "email.bounced",
)
MAX_URL_LENGTH = 2000


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    # Stopped after repeated failure; the company's administrator was told. PATCH resumes.
    PAUSED = "paused"
    # The receiver answered 410 Gone: it asked us to stop. PATCH resumes too.
    DISABLED = "disabled"


@dataclass(frozen=True)
class Subscription:
    id: int
    url: str
    event_types: tuple[str, ...]
    status: SubscriptionStatus
    status_reason: str | None
    consecutive_failures: int
    created_at: datetime


@dataclass(frozen=True)
class CreatedSubscription:
    """A new subscription and its signing secret (shown once, like an API token)."""

    subscription: Subscription
    secret: str


@dataclass(frozen=True)
class DeliveryAttempt:
    """One try to deliver one event to one subscription."""

    id: int
    subscription_id: int
    message_id: int
    event_type: str
    attempt: int
    status_code: int | None
    latency_ms: int | None
    response_excerpt: str | None
    error: str | None
    at: datetime
    # The message's state now: pending (will be tried again), sent, failed or dead.
    message_status: str

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def check_url(url: str) -> str:
    """An absolute http(s) URL without credentials; where the host may point is checked
    again at every delivery (DNS can change)."""
    url = (url or "").strip()
    if not url or len(url) > MAX_URL_LENGTH:
        raise InvalidInput(f"url must be 1 to {MAX_URL_LENGTH} characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("url must be an absolute http:// or https:// URL")
    if parts.username or parts.password:
        raise InvalidInput("url must not contain a user name or password")
    return url


def check_event_types(event_types: tuple[str, ...]) -> tuple[str, ...]:
    """Known types, each once, in the order given; at least one."""
    unknown = [name for name in event_types if name not in EVENT_TYPES]
    if unknown:
        raise InvalidInput(f"unknown event type {unknown[0]!r}; known: {', '.join(EVENT_TYPES)}")
    chosen = tuple(dict.fromkeys(event_types))
    if not chosen:
        raise InvalidInput("event_types needs at least one event type")
    return chosen


@dataclass(frozen=True)
class NewSubscription:
    url: str
    event_types: tuple[str, ...]

    def validated(self) -> NewSubscription:
        return NewSubscription(check_url(self.url), check_event_types(self.event_types))


@dataclass(frozen=True)
class SubscriptionChanges:
    """A PATCH: only what is given changes. `status` active resumes a paused or disabled
    subscription; paused stops it by hand. `rotate_secret` issues a new secret."""

    url: str | None = None
    event_types: tuple[str, ...] | None = None
    status: SubscriptionStatus | None = None
    rotate_secret: bool = False


@dataclass(frozen=True)
class ChangedSubscription:
    subscription: Subscription
    # Only when the secret was rotated.
    secret: str | None = None


@dataclass(frozen=True)
class WebhookSource:
    """An inbound webhook source managed through the API (its secret is never listed)."""

    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class SourceWithSecret:
    """A source just created or rotated, with the secret shown only in this answer."""

    source: WebhookSource
    secret: str
