"""Companies, people (administrators and invoice contacts) and API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time


class Company(SQLModel, table=True):
    """An upstream company (GC or owner) or a contract company doing the work.

    A contract company, and through it its people, belongs to the upstream company that
    uses it (`owner_company_id`; None for upstream companies): the same subcontractor at
    two general contractors is two rows, so neither can rename the other's. Its
    `external_id` is the one `external_source` (a webhook source) sent; None for a row
    written before sources were recorded, which the owner's first source then adopts.
    """

    id: int | None = Field(default=None, primary_key=True)
    owner_company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)  # "upstream" | "contract"
    external_id: str | None = Field(default=None, max_length=100, index=True)
    external_source: str | None = Field(default=None, max_length=50)
    created_at: datetime = created_at()


class Person(SQLModel, table=True):
    """Somebody who signs in: an administrator of an upstream company or a contact."""

    __table_args__ = (UniqueConstraint("company_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    email: str = Field(max_length=254, index=True)  # stored lower-case
    role: str = Field(max_length=20)  # "admin" | "contact"
    password_hash: str | None = Field(default=None, max_length=300)
    deliverable: bool = True
    bounced_at: datetime | None = optional_time()
    external_id: str | None = Field(default=None, max_length=100)
    # Carried in the signed session cookie; bumped at sign-out and password change, so
    # every cookie issued before stops working at once (sessions are not stored).
    session_version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = created_at()
    # Preferred language ("fr-CA"); None reads the project's locale. It decides the language
    # of the mail this person receives as an invoice contact.
    language: str | None = Field(default=None, max_length=16)


class ApiToken(SQLModel, table=True):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    label: str = Field(default="", max_length=100)
    created_at: datetime = created_at()
    last_used_at: datetime | None = optional_time()
    revoked_at: datetime | None = optional_time()
