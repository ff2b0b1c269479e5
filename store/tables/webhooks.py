"""Webhooks: our subscribers and deliveries to them, and events other systems sent us."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time, utcnow
from store.types import UtcDateTime


class WebhookSubscription(SQLModel, table=True):
    __tablename__ = "webhook_subscription"

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=200)
    event_types: list[str] = Field(default_factory=list, sa_type=JSON)
    status: str = Field(default="active", max_length=10)  # active, paused, disabled
    # Why it is paused or disabled (shown to the administrator); None while active.
    status_reason: str | None = Field(default=None, max_length=300)
    consecutive_failures: int = 0
    created_at: datetime = created_at()


class WebhookDelivery(SQLModel, table=True):
    """One attempt to deliver one event to one subscription."""

    __tablename__ = "webhook_delivery"

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="webhook_subscription.id", index=True)
    outbox_id: int = Field(foreign_key="outbox_message.id", index=True)
    event_type: str = Field(max_length=50)
    attempt: int
    status_code: int | None = None
    latency_ms: int | None = None
    response_excerpt: str | None = Field(default=None, max_length=500)
    error: str | None = Field(default=None, max_length=500)
    at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)


class ReceivedWebhook(SQLModel, table=True):
    """An event another system sent; (source, webhook_id) deduplicates its retries."""

    __tablename__ = "received_webhook"
    __table_args__ = (UniqueConstraint("source", "webhook_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=50)
    webhook_id: str = Field(max_length=200)
    event_type: str | None = Field(default=None, max_length=50)
    status: str = Field(max_length=20)  # accepted, processed, failed, rejected
    reason: str | None = Field(default=None, max_length=500)
    body: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    # Indexed: the clean-up deletes by age.
    received_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False,
                                  index=True)
    processed_at: datetime | None = optional_time()


class WebhookSource(SQLModel, table=True):
    """An inbound webhook source managed through the API (settings hold the others).

    During a rotation the previous secret keeps verifying until previous_expires_at, so the
    sender can switch; a revoked source is unknown to the receiver (404).
    """

    __tablename__ = "webhook_source"

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=50, unique=True)
    secret: str = Field(max_length=200)
    previous_secret: str | None = Field(default=None, max_length=200)
    previous_expires_at: datetime | None = optional_time()
    created_at: datetime = created_at()
    revoked_at: datetime | None = optional_time()
