"""Lien waivers, their templates and per-project policy, their evidence, and payments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.base import created_at, optional_time
from store.types import Money


class WaiverTemplate(SQLModel, table=True):
    """An administrator's waiver wording for a state (statutory text with blanks)."""

    __tablename__ = "waiver_template"
    __table_args__ = (UniqueConstraint("company_id", "kind", "state", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=30)
    state: str = Field(max_length=2)
    version: int = 1
    body: str = Field(sa_column=Column(Text, nullable=False))
    needs_notary: bool = False
    e_signature_allowed: bool = True
    created_at: datetime = created_at()


class WaiverPolicy(SQLModel, table=True):
    """What a project asks for with each billing type: one row per (billing type, kind)."""

    __tablename__ = "waiver_policy"
    __table_args__ = (UniqueConstraint("project_id", "billing_type", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    billing_type: str = Field(max_length=10)
    kind: str = Field(max_length=30)
    requirement: str = Field(max_length=30)
    template_id: int | None = Field(default=None, foreign_key="waiver_template.id")


class LienWaiver(SQLModel, table=True):
    """One waiver as generated (its wording and figures fixed) and as signed."""

    __tablename__ = "lien_waiver"

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    # The invoice whose payment it waives (the previous one for unconditional progress).
    paid_invoice_id: int = Field(foreign_key="invoice.id", index=True)
    kind: str = Field(max_length=30)
    status: str = Field(max_length=30)
    requirement: str = Field(max_length=30)
    amount: Decimal = Field(sa_type=Money)
    through_date: date
    exceptions: str = Field(sa_column=Column(Text, nullable=False))  # one per line
    title: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    template_id: int | None = Field(default=None, foreign_key="waiver_template.id")
    template_version: int = 1
    needs_notary: bool = False
    # Printed on the document and typed on the verification page.
    code: str = Field(max_length=20, unique=True)
    signer_id: int = Field(foreign_key="person.id", index=True)
    link_version: int = 1
    held: bool = False
    signed_name: str | None = Field(default=None, max_length=200)
    signed_title: str | None = Field(default=None, max_length=200)
    signed_at: datetime | None = optional_time()
    signed_pdf: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    signed_sha256: str | None = Field(default=None, max_length=64)
    released_at: datetime | None = optional_time()
    # A notarized scan the signer uploaded (where the template needs a notary).
    notarized_scan: bytes | None = Field(default=None,
                                         sa_column=Column(LargeBinary, nullable=True))
    notarized_type: str | None = Field(default=None, max_length=100)
    notarized_sha256: str | None = Field(default=None, max_length=64)
    review_note: str | None = Field(default=None, max_length=4000)
    replaces_id: int | None = Field(default=None, foreign_key="lien_waiver.id")
    created_at: datetime = created_at()
    # A sworn statement's figures as generated (domain.sworn_statement.snapshot); None
    # for the lien waivers.
    statement: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class WaiverEvent(SQLModel, table=True):
    """The audit trail: who did what to a waiver, when, from where."""

    __tablename__ = "waiver_event"

    id: int | None = Field(default=None, primary_key=True)
    waiver_id: int = Field(foreign_key="lien_waiver.id", index=True)
    kind: str = Field(max_length=30)
    at: datetime = created_at()
    actor: str = Field(max_length=320)
    detail: str | None = Field(default=None, max_length=2000)
    ip_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=500)


class Payment(SQLModel, table=True):
    """A payment made outside the service and recorded against an approved invoice."""

    __table_args__ = (UniqueConstraint("invoice_id", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    amount: Decimal = Field(sa_type=Money)
    paid_on: date
    method: str = Field(max_length=10)
    reference: str | None = Field(default=None, max_length=100)
    source: str = Field(max_length=10)  # "page" | "api" | "webhook"
    external_id: str | None = Field(default=None, max_length=100)
    recorded_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = created_at()
