"""A contact's request for more time after the due date, and what an administrator
decided: granting opens that invite's commitment until a new local deadline
(`Invite.extended_due_date`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time


class LateRequest(SQLModel, table=True):
    __tablename__ = "late_request"

    id: int | None = Field(default=None, primary_key=True)
    invite_id: int = Field(foreign_key="invite.id", index=True)
    requested_by_id: int = Field(foreign_key="person.id")
    reason: str | None = Field(default=None, max_length=1000)
    status: str = Field(default="open", max_length=10)  # open | granted | refused
    # The invite's id while the request is open, NULL once decided: one open request per
    # invite, enforced by the database (several NULLs are allowed by a unique index).
    open_key: int | None = Field(default=None, unique=True)
    requested_at: datetime = created_at()
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = optional_time()
    days: int | None = None
    new_due_date: date | None = None
