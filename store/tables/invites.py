"""Invites per commitment and period, their append-only event log, and send batches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time, utcnow
from store.types import UtcDateTime


class Invite(SQLModel, table=True):
    # (billing_period_id, status): a period's counts per status read from the index alone.
    __table_args__ = (UniqueConstraint("billing_period_id", "commitment_id"),
                      Index("ix_invite_billing_period_id_status", "billing_period_id", "status"))

    id: int | None = Field(default=None, primary_key=True)
    billing_period_id: int = Field(foreign_key="billing_period.id", index=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    status: str = Field(default="invited", max_length=20)
    invited_by_id: int | None = Field(default=None, foreign_key="person.id")
    invited_at: datetime | None = optional_time()
    answered_at: datetime | None = optional_time()
    answered_by_id: int | None = Field(default=None, foreign_key="person.id")
    # Bumped to revoke every link issued so far (signed tokens carry the version).
    token_version: int = 1
    # Random, lower-case, stored: the local part of the reply address bill+<token>@.
    reply_token: str = Field(max_length=40, unique=True)
    # The reminder scan reads only rows whose time has come (indexed).
    next_reminder_at: datetime | None = optional_time(index=True)
    # Set when an administrator grants a late request: the invite's own due date (local),
    # later than the period's; answering, submitting and reminders follow it.
    extended_due_date: date | None = None
    created_at: datetime = created_at()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    # What the contact is invited to bill (domain.invoice_types.InviteType); a resend may
    # change it.
    invoice_type: str = Field(default="work_and_materials", max_length=30)


class InviteEvent(SQLModel, table=True):
    """Append-only: who did what to an invite, when, through which channel, from where."""

    __tablename__ = "invite_event"
    __table_args__ = (Index("ix_invite_event_invite_at", "invite_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    invite_id: int = Field(foreign_key="invite.id")
    kind: str = Field(max_length=30)  # invited, resent, accepted, declined, reminded, ...
    person_id: int | None = Field(default=None, foreign_key="person.id")
    channel: str = Field(max_length=20)
    at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    ip_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=400)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class InviteBatch(SQLModel, table=True):
    """One Send Invites request; its progress is read from its outbox rows."""

    __tablename__ = "invite_batch"

    id: int | None = Field(default=None, primary_key=True)
    billing_period_id: int = Field(foreign_key="billing_period.id", index=True)
    requested_by_id: int | None = Field(default=None, foreign_key="person.id")
    channel: str = Field(max_length=20)
    invited: int = 0
    skipped: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    created_at: datetime = created_at()
