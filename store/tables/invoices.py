"""Invoices (pay applications) against a commitment's SOV, and their attachments."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time, utcnow
from store.types import Money, Quantity, UtcDateTime


class Invoice(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("commitment_id", "billing_period_id"),
        UniqueConstraint("commitment_id", "number"),
        # (billing_period_id, id): a period's invoices a page at a time (keyset).
        Index("ix_invoice_billing_period_id_id", "billing_period_id", "id"),
        # (billing_period_id, status): how many invoices of a period were sent, counted
        # from the index alone (the dashboard's and the API's counts, on every page).
        Index("ix_invoice_billing_period_id_status", "billing_period_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    # Indexed by (billing_period_id, id) above, which also serves lookups by period.
    billing_period_id: int = Field(foreign_key="billing_period.id")
    number: str = Field(max_length=50)
    billing_type: str = Field(default="progress", max_length=10)
    status: str = Field(default="draft", max_length=30)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    on_behalf: bool = False
    review_note: str | None = Field(default=None, max_length=4000)
    submitted_at: datetime | None = optional_time()
    created_at: datetime = created_at()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)


class InvoiceLine(SQLModel, table=True):
    """What was entered for one SOV line; every other G703 column is computed."""

    __tablename__ = "invoice_line"
    __table_args__ = (UniqueConstraint("invoice_id", "sov_line_id"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    sov_line_id: int = Field(foreign_key="sov_line.id", index=True)
    work_completed_this_period: Decimal = Field(default=Decimal("0.00"), sa_type=Money)
    materials_presently_stored: Decimal = Field(default=Decimal("0.00"), sa_type=Money)
    retainage_released: Decimal = Field(default=Decimal("0.00"), sa_type=Money)
    quantity_this_period: Decimal | None = Field(default=None, sa_type=Quantity)
    # On a final invoice: the line stops short of its scheduled value, said explicitly.
    closed_short: bool = False


class Attachment(SQLModel, table=True):
    """A backup document stored outside the database, found again by its checksum."""

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    storage_path: str = Field(max_length=500)
    created_at: datetime = created_at()
