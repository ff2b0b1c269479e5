"""Mail received by the SMTP front door, kept raw and classified."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time


class InboundMessage(SQLModel, table=True):
    __tablename__ = "inbound_message"

    id: int | None = Field(default=None, primary_key=True)
    # The Message-ID header, or sha256 of the bytes when there is none: the dedup key.
    dedup_key: str = Field(max_length=250, unique=True)
    mail_from: str = Field(max_length=500)
    rcpt_to: str = Field(max_length=500)
    raw: bytes = Field(sa_type=LargeBinary)
    size: int
    invite_id: int | None = Field(default=None, foreign_key="invite.id", index=True)
    classification: str | None = Field(default=None, max_length=30)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    received_at: datetime = created_at()
    processed_at: datetime | None = optional_time()
