"""The transactional outbox: every mail and webhook to send, written with its cause."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time, utcnow
from store.types import UtcDateTime


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    # Workers claim by (status, next_attempt_at): the sweep reads only what is due.
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # "email" | "webhook"
    # e.g. invite:<id>:contact:<id>:initial; a second insert with the same key is a no-op.
    idempotency_key: str = Field(max_length=200, unique=True)
    template: str | None = Field(default=None, max_length=50)
    batch_id: int | None = Field(default=None, foreign_key="invite_batch.id", index=True)
    invite_id: int | None = Field(default=None, foreign_key="invite.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    recipient: str | None = Field(default=None, max_length=500)
    message_id: str | None = Field(default=None, max_length=250, index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="pending", max_length=10)  # pending, sent, failed, dead
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    lease_until: datetime | None = optional_time()
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = created_at()
    sent_at: datetime | None = optional_time()
