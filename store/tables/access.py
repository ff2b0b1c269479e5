"""Access: one-time links (contacts' sign-in, administrators' invitations and password
resets), request counters, and the record of administrators' sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
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
    # What the link does (app/links.py LinkPurpose): a contact's sign-in, an administrator's
    # invitation or password reset. A link is only ever spent for its own purpose.
    purpose: str = Field(default="sign-in", max_length=30,
                         sa_column_kwargs={"server_default": "sign-in"})


class RateLimitCounter(SQLModel, table=True):
    """Requests per bucket (e.g. sign-in per address) in one fixed window. Kept in the
    database, so every web process counts the same requests."""

    __tablename__ = "rate_limit_counter"

    bucket: str = Field(max_length=120, primary_key=True)
    window_start: datetime = Field(sa_type=UtcDateTime, primary_key=True)
    hits: int = 0


class SignInAttempt(SQLModel, table=True):
    """One try at the administrators' sign-in form. The address typed is kept only when it
    looks like one; passwords and tokens never. `company_id` is the company of the
    administrator the address belongs to (None for an unknown address: shown to nobody)."""

    __tablename__ = "sign_in_attempt"
    # The team page reads a company's attempts newest first, a page at a time.
    __table_args__ = (Index("ix_sign_in_attempt_company_id_id", "company_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UtcDateTime)
    email_tried: str = Field(max_length=254)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    company_id: int | None = Field(default=None, foreign_key="company.id")
    outcome: str = Field(max_length=20)
    client_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=300)
