"""Sub-tiers of a commitment, what each billed on an invoice, and the certificates that an
invoice has none."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time, utcnow
from store.types import Money, UtcDateTime


class SubTier(SQLModel, table=True):
    """A company that worked or supplied under the contract company. Removing one keeps
    the row (`removed_at`), so the invoices it was billed on still name it."""

    __tablename__ = "sub_tier"

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    hired_by_id: int | None = Field(default=None, foreign_key="sub_tier.id")
    company_name: str = Field(max_length=200)
    kind_of_work: str = Field(default="", max_length=200)
    tier_type: str = Field(default="subcontractor", max_length=20)
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=300)
    city: str = Field(max_length=100)
    state: str = Field(max_length=100)
    zip_code: str = Field(max_length=20)
    country: str = Field(max_length=100)
    estimated_contract_amount: Decimal | None = Field(default=None, sa_type=Money)
    waiver_email: str = Field(default="", max_length=254)
    status: str = Field(default="active", max_length=20)
    created_at: datetime = created_at()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    removed_at: datetime | None = optional_time()


class SubTierLine(SQLModel, table=True):
    """What one sub-tier billed on one invoice (0.00 allowed), progress or final."""

    __tablename__ = "sub_tier_line"
    __table_args__ = (UniqueConstraint("invoice_id", "sub_tier_id"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    sub_tier_id: int = Field(foreign_key="sub_tier.id", index=True)
    amount_billed: Decimal = Field(sa_type=Money)
    billing: str = Field(default="progress", max_length=10)


class NoSubTiersCertificate(SQLModel, table=True):
    """The contact's (or administrator's) statement that an invoice has no sub-tiers."""

    __tablename__ = "no_sub_tiers_certificate"

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", unique=True)
    person_id: int = Field(foreign_key="person.id")
    certified_at: datetime = created_at()


class SubTierWaiver(SQLModel, table=True):
    """A lien waiver asked of a sub-tier's signer (the waiver row itself is a LienWaiver,
    signed on the same page as the contact's): which sub-tier it is for."""

    __tablename__ = "sub_tier_waiver"

    waiver_id: int = Field(foreign_key="lien_waiver.id", primary_key=True)
    sub_tier_id: int = Field(foreign_key="sub_tier.id", index=True)
