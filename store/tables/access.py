"""Contacts' access without passwords: one-time sign-in links and request counters."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time
from store.types import UtcDateTime


class SignInLink(SQLModel, table=True):
    """A mailed sign-in link. The token is never stored: only its SHA-256 (to find the
    link when it is used) and a random nonce the token is derived from with the secret key
    (so that delivery can write the mail, and a copy of the database alone cannot)."""

    __tablename__ = "sign_in_link"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    nonce: str = Field(max_length=64)
    requested_ip: str | None = Field(default=None, max_length=64)
    created_at: datetime = created_at()
    expires_at: datetime = Field(sa_type=UtcDateTime)
    used_at: datetime | None = optional_time()


class RateLimitCounter(SQLModel, table=True):
    """Requests per bucket (e.g. sign-in per address) in one fixed window. Kept in the
    database, so every web process counts the same requests."""

    __tablename__ = "rate_limit_counter"

    bucket: str = Field(max_length=120, primary_key=True)
    window_start: datetime = Field(sa_type=UtcDateTime, primary_key=True)
    hits: int = 0
