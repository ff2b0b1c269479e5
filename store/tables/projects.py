"""Projects, commitments with their Schedule of Values and contacts, billing periods."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time
from store.types import Money, Percent, Quantity


class Project(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    number: str = Field(max_length=50)
    time_zone: str = Field(max_length=64)
    locale: str = Field(default="en-US", max_length=16)
    accounting_method: str = Field(default="amount", max_length=10)
    invitation_message: str | None = Field(default=None, max_length=2000)
    allow_overbilling: bool = False
    reminder_days_before: str = Field(default="3,1", max_length=50)
    reminder_hour: int = 8
    reminder_daily_after_due: bool = True
    reminder_max_after_due: int = 14
    # None: the fixed days of reminder_days_before; 1, 2 or 3: every so many days from the invite.
    reminder_every_days_before: int | None = None
    created_at: datetime = created_at()
    # Default billing-period days and automatic periods (domain/period_defaults.py).
    period_start_day: int = 1
    period_end_day: str = Field(default="last", max_length=4)
    period_due_day: str = Field(default="25", max_length=4)
    period_week_start: int = 1
    period_cadence: str = Field(default="never", max_length=10)
    period_send_invites: bool = False
    # The dictionary of terms its mails and pages use (mailer/i18n.py): general_contractor
    # (today's words) | owner | specialty_contractor.
    terminology: str = Field(default="general_contractor", max_length=30,
                             sa_column_kwargs={"server_default": "general_contractor"})
    # The waivers asked of sub-tiers on Send (domain/sub_tier_waivers.py): none |
    # conditional | unconditional_previous | both, and the amount under which none is asked.
    sub_tier_waiver_rule: str = Field(default="none", max_length=30,
                                      sa_column_kwargs={"server_default": "none"})
    sub_tier_waiver_threshold: Decimal = Field(default=Decimal("0.00"), sa_type=Money,
                                               sa_column_kwargs={"server_default": "0"})
    # The US state the project is in (two letters, e.g. MI), or blank: it decides the
    # state's documents (Michigan: the sworn statement, domain/sworn_statement.py).
    state: str = Field(default="", max_length=2, sa_column_kwargs={"server_default": ""})


class Commitment(SQLModel, table=True):
    # (project_id, id): a project's commitments a page at a time, in id order (keyset).
    __table_args__ = (UniqueConstraint("project_id", "number"),
                      Index("ix_commitment_project_id_id", "project_id", "id"))

    id: int | None = Field(default=None, primary_key=True)
    # Indexed by (project_id, id) below, which also serves every lookup by project.
    project_id: int = Field(foreign_key="project.id")
    contract_company_id: int = Field(foreign_key="company.id", index=True)
    number: str = Field(max_length=50)
    title: str = Field(max_length=300)
    kind: str = Field(max_length=20)  # "subcontract" | "purchase_order"
    retainage_percent_work: Decimal = Field(default=Decimal("0.00"), sa_type=Percent)
    retainage_percent_stored: Decimal = Field(default=Decimal("0.00"), sa_type=Percent)
    stored_materials_billed_separately: bool = True
    status: str = Field(default="approved", max_length=20)  # ... | "closed"
    external_id: str | None = Field(default=None, max_length=100, index=True)
    created_at: datetime = created_at()
    # When the administrator closed it (status "closed"): no more invites.
    closed_at: datetime | None = optional_time()


class SovLine(SQLModel, table=True):
    __tablename__ = "sov_line"

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    position: int = 0
    item_number: str = Field(max_length=30)
    cost_code: str | None = Field(default=None, max_length=50)
    description: str = Field(max_length=300)
    scheduled_value: Decimal = Field(sa_type=Money)
    change_order: bool = False
    quantity: Decimal | None = Field(default=None, sa_type=Quantity)
    unit: str | None = Field(default=None, max_length=20)
    unit_price: Decimal | None = Field(default=None, sa_type=Quantity)
    created_at: datetime = created_at()


class InvoiceContact(SQLModel, table=True):
    """A person designated on a commitment to see that an invoice is submitted."""

    __tablename__ = "invoice_contact"
    __table_args__ = (UniqueConstraint("commitment_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = created_at()


class BillingPeriod(SQLModel, table=True):
    __tablename__ = "billing_period"
    __table_args__ = (UniqueConstraint("project_id", "start_date", "end_date"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    start_date: date
    end_date: date
    billing_date: date | None = None
    due_date: date
    status: str = Field(default="open", max_length=10)
    created_at: datetime = created_at()
    closed_at: datetime | None = optional_time()
