"""Waiver queries: templates, project policy, the waivers of an invoice, their trail, and
the facts a waiver's wording and mail are filled in with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store import tables
from store.tables import LienWaiver, WaiverEvent, WaiverPolicy, WaiverTemplate


@dataclass(frozen=True)
class WaiverParties:
    """Who a waiver names, read once for an invoice."""

    invoice_id: int
    invoice_number: str
    commitment_id: int
    commitment_number: str
    claimant: str        # the contract company
    claimant_id: int
    customer: str        # the general contractor
    company_id: int      # the general contractor's id (the waiver's owner)
    project_id: int
    project_name: str
    time_zone: str
    period_end: date
    # The project's language and dictionary (the signing page's, unless the signer has one).
    locale: str = "en-US"
    terminology: str = "general_contractor"


async def parties(session: AsyncSession, invoice_id: int) -> WaiverParties | None:
    claimant = tables.Company.__table__.alias("claimant")
    customer = tables.Company.__table__.alias("customer")
    query = (select(tables.Invoice.id, tables.Invoice.number, tables.Commitment.id,
                    tables.Commitment.number, claimant.c.name, claimant.c.id, customer.c.name,
                    tables.Project.company_id, tables.Project.id, tables.Project.name,
                    tables.Project.time_zone, tables.BillingPeriod.end_date,
                    tables.Project.locale, tables.Project.terminology)
             .join(tables.Commitment, tables.Commitment.id == tables.Invoice.commitment_id)
             .join(tables.Project, tables.Project.id == tables.Commitment.project_id)
             .join(tables.BillingPeriod,
                   tables.BillingPeriod.id == tables.Invoice.billing_period_id)
             .join(claimant, claimant.c.id == tables.Commitment.contract_company_id)
             .join(customer, customer.c.id == tables.Project.company_id)
             .where(tables.Invoice.id == invoice_id))
    row = (await session.execute(query)).first()
    return None if row is None else WaiverParties(*row)


async def policy(session: AsyncSession, project_id: int,
                 billing_type: str) -> list[WaiverPolicy]:
    return list((await session.execute(select(WaiverPolicy).where(
        WaiverPolicy.project_id == project_id,
        WaiverPolicy.billing_type == billing_type))).scalars())


async def set_policy(session: AsyncSession, project_id: int, billing_type: str, kind: str,
                     requirement: str, template_id: int | None) -> None:
    found = (await session.execute(select(WaiverPolicy).where(
        WaiverPolicy.project_id == project_id, WaiverPolicy.billing_type == billing_type,
        WaiverPolicy.kind == kind))).scalars().first()
    if found is None:
        found = WaiverPolicy(project_id=project_id, billing_type=billing_type, kind=kind,
                             requirement=requirement)
        session.add(found)
    found.requirement, found.template_id = requirement, template_id
    await session.flush()


async def add_template(session: AsyncSession, template: WaiverTemplate) -> WaiverTemplate:
    session.add(template)
    await session.flush()
    return template


async def next_template_version(session: AsyncSession, company_id: int, kind: str,
                                state: str) -> int:
    versions = (await session.execute(select(WaiverTemplate.version).where(
        WaiverTemplate.company_id == company_id, WaiverTemplate.kind == kind,
        WaiverTemplate.state == state))).scalars()
    return max(versions, default=0) + 1


async def templates_of(session: AsyncSession, company_id: int) -> list[WaiverTemplate]:
    return list((await session.execute(select(WaiverTemplate).where(
        WaiverTemplate.company_id == company_id).order_by(WaiverTemplate.id))).scalars())


async def template(session: AsyncSession, template_id: int) -> WaiverTemplate | None:
    return await session.get(WaiverTemplate, template_id)


async def waivers_of_invoice(session: AsyncSession, invoice_id: int) -> list[LienWaiver]:
    return list((await session.execute(select(LienWaiver).where(
        LienWaiver.invoice_id == invoice_id).order_by(LienWaiver.id))).scalars())


async def waivers_of_invoices(session: AsyncSession,
                              invoice_ids: Sequence[int]) -> list[LienWaiver]:
    return list((await session.execute(select(LienWaiver).where(
        LienWaiver.invoice_id.in_(list(invoice_ids))).order_by(LienWaiver.id))).scalars())


async def waivers_paying(session: AsyncSession, paid_invoice_id: int) -> list[LienWaiver]:
    """The waivers whose payment is `paid_invoice_id`'s (held ones among them)."""
    return list((await session.execute(select(LienWaiver).where(
        LienWaiver.paid_invoice_id == paid_invoice_id).order_by(LienWaiver.id))).scalars())


async def waiver(session: AsyncSession, waiver_id: int) -> LienWaiver | None:
    return await session.get(LienWaiver, waiver_id)


async def waiver_by_code(session: AsyncSession, code: str) -> LienWaiver | None:
    return (await session.execute(select(LienWaiver).where(
        LienWaiver.code == code))).scalars().first()


async def add_waiver(session: AsyncSession, row: LienWaiver) -> LienWaiver:
    session.add(row)
    await session.flush()
    return row


async def add_event(session: AsyncSession, waiver_id: int, kind: str, at: datetime,
                    actor: str, detail: str | None = None, ip_address: str | None = None,
                    user_agent: str | None = None) -> None:
    session.add(WaiverEvent(waiver_id=waiver_id, kind=kind, at=at, actor=actor[:320],
                            detail=None if detail is None else detail[:2000],
                            ip_address=ip_address,
                            user_agent=None if user_agent is None else user_agent[:500]))
    await session.flush()


async def events_of(session: AsyncSession, waiver_id: int) -> list[WaiverEvent]:
    return list((await session.execute(select(WaiverEvent).where(
        WaiverEvent.waiver_id == waiver_id).order_by(WaiverEvent.id))).scalars())


async def person_in_company(session: AsyncSession, company_id: int, email: str, name: str,
                            now: datetime) -> tables.Person:
    """The contract company's person with this email (a colleague signing its waivers
    needs no account: a contact without invoice-contact rights), added when new."""
    email = email.strip().lower()
    found = (await session.execute(select(tables.Person).where(
        tables.Person.company_id == company_id,
        tables.Person.email == email))).scalars().first()
    if found is None:
        found = tables.Person(company_id=company_id, name=name, email=email, role="contact",
                              created_at=now)
        session.add(found)
        await session.flush()
    return found


async def project_company(session: AsyncSession, project_id: int) -> int | None:
    project = await session.get(tables.Project, project_id)
    return None if project is None else project.company_id


async def period_ends(session: AsyncSession, invoice_ids: Sequence[int]) -> dict[int, date]:
    rows = await session.execute(select(tables.Invoice.id, tables.BillingPeriod.end_date).join(
        tables.BillingPeriod, tables.BillingPeriod.id == tables.Invoice.billing_period_id)
        .where(tables.Invoice.id.in_(list(invoice_ids))))
    return {invoice_id: end for invoice_id, end in rows.all()}


@dataclass(frozen=True)
class WaiverMailFacts:
    waiver_id: int
    kind: str
    amount: object
    through_date: date
    code: str
    status: str
    invoice_id: int
    invoice_number: str
    commitment_number: str
    claimant: str
    project_name: str
    locale: str
    terminology: str = "general_contractor"


async def waiver_mail_facts(session: AsyncSession,
                            waiver_ids: Sequence[int]) -> dict[int, WaiverMailFacts]:
    query = (select(LienWaiver.id, LienWaiver.kind, LienWaiver.amount, LienWaiver.through_date,
                    LienWaiver.code, LienWaiver.status, tables.Invoice.id,
                    tables.Invoice.number, tables.Commitment.number, tables.Company.name,
                    tables.Project.name, tables.Project.locale, tables.Project.terminology)
             .join(tables.Invoice, tables.Invoice.id == LienWaiver.invoice_id)
             .join(tables.Commitment, tables.Commitment.id == tables.Invoice.commitment_id)
             .join(tables.Company, tables.Company.id == tables.Commitment.contract_company_id)
             .join(tables.Project, tables.Project.id == tables.Commitment.project_id)
             .where(LienWaiver.id.in_(list(waiver_ids))))
    return {row[0]: WaiverMailFacts(*row) for row in (await session.execute(query)).all()}


@dataclass(frozen=True)
class UnsignedWaiver:
    """An unsigned waiver with what its reminder depends on."""

    row: LienWaiver
    time_zone: str
    requested_at: datetime
    reminded_at: tuple[datetime, ...]


async def unsigned_waivers(session: AsyncSession, statuses: Sequence[str]) -> list[UnsignedWaiver]:
    """Every waiver waiting on its signer, with its project's zone and its trail's
    `requested` and `reminded` moments (two statements)."""
    query = (select(LienWaiver, tables.Project.time_zone)
             .join(tables.Invoice, tables.Invoice.id == LienWaiver.invoice_id)
             .join(tables.Commitment, tables.Commitment.id == tables.Invoice.commitment_id)
             .join(tables.Project, tables.Project.id == tables.Commitment.project_id)
             .where(LienWaiver.status.in_(list(statuses))).order_by(LienWaiver.id))
    rows = (await session.execute(query)).all()
    if not rows:
        return []
    events = await session.execute(select(WaiverEvent.waiver_id, WaiverEvent.kind, WaiverEvent.at)
                                   .where(WaiverEvent.waiver_id.in_([r.id for r, _ in rows]),
                                          WaiverEvent.kind.in_(["requested", "reminded"]))
                                   .order_by(WaiverEvent.id))
    requested: dict[int, datetime] = {}
    reminded: dict[int, list[datetime]] = {}
    for waiver_id, kind, at in events.all():
        if kind == "requested":
            requested[waiver_id] = at
        else:
            reminded.setdefault(waiver_id, []).append(at)
    return [UnsignedWaiver(row, zone, requested.get(row.id or 0, row.created_at),
                           tuple(reminded.get(row.id or 0, ())))
            for row, zone in rows]
