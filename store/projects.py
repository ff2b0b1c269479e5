"""Queries for projects, companies and commitments (with SOV lines and contacts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.commands import NewCommitment, NewContact, NewProject
from domain.listing import Page, PageRequest, cut
from domain.model import Commitment, Project
from store import mapping, tables


async def add_project(session: AsyncSession, company_id: int, command: NewProject) -> int:
    row = tables.Project(company_id=company_id, name=command.name, number=command.number,
                         time_zone=command.time_zone, locale=command.locale,
                         accounting_method=command.accounting_method.value,
                         invitation_message=command.invitation_message,
                         terminology=command.terminology, state=command.state)
    mapping.set_period_defaults(row, command.period_defaults)
    session.add(row)
    await session.flush()
    assert row.id is not None
    return row.id


async def project_row(session: AsyncSession, company_id: int,
                      project_id: int) -> tables.Project | None:
    """The project, only if it belongs to the company (authorisation by query)."""
    result = await session.execute(select(tables.Project).where(
        tables.Project.id == project_id, tables.Project.company_id == company_id))
    return result.scalars().first()


async def projects_of(session: AsyncSession, company_id: int) -> list[Project]:
    result = await session.execute(select(tables.Project).where(
        tables.Project.company_id == company_id).order_by(tables.Project.id))
    return [mapping.project(row) for row in result.scalars()]


async def find_or_add_company(session: AsyncSession, name: str, kind: str,
                              external_id: str | None = None, *,
                              owner_company_id: int | None = None) -> tables.Company:
    """The company of that name and kind among those `owner_company_id` owns (an upstream
    company: owned by nobody), added if it has none."""
    owner = (tables.Company.owner_company_id.is_(None) if owner_company_id is None
             else tables.Company.owner_company_id == owner_company_id)
    query = select(tables.Company).where(tables.Company.name == name,
                                         tables.Company.kind == kind, owner)
    found = (await session.execute(query.order_by(tables.Company.id))).scalars().first()
    if found is not None:
        return found
    company = tables.Company(name=name, kind=kind, external_id=external_id,
                             owner_company_id=owner_company_id)
    session.add(company)
    await session.flush()
    return company


async def find_or_add_contact(session: AsyncSession, company_id: int,
                              contact: NewContact) -> tables.Person:
    query = select(tables.Person).where(tables.Person.company_id == company_id,
                                        tables.Person.email == contact.email)
    found = (await session.execute(query)).scalars().first()
    if found is not None:
        return found
    person = tables.Person(company_id=company_id, name=contact.name, email=contact.email,
                           role="contact")
    session.add(person)
    await session.flush()
    return person


async def add_commitment(session: AsyncSession, company_id: int, project_id: int,
                         command: NewCommitment) -> int:
    """Add it to the project (of `company_id`); its contract company and contacts are found
    or added among that company's own, never another's."""
    company = await find_or_add_company(session, command.contract_company, "contract",
                                        owner_company_id=company_id)
    assert company.id is not None
    row = tables.Commitment(
        project_id=project_id, contract_company_id=company.id, number=command.number,
        title=command.title, kind=command.kind.value,
        retainage_percent_work=command.retainage_percent_work,
        retainage_percent_stored=command.retainage_percent_stored,
        stored_materials_billed_separately=command.stored_materials_billed_separately,
        external_id=command.external_id)
    session.add(row)
    await session.flush()
    assert row.id is not None
    for position, line in enumerate(command.sov_lines, start=1):
        session.add(tables.SovLine(
            commitment_id=row.id, position=position, item_number=line.item_number,
            cost_code=line.cost_code, description=line.description,
            scheduled_value=line.scheduled_value, change_order=line.change_order,
            quantity=line.quantity, unit=line.unit, unit_price=line.unit_price))
    for contact in command.invoice_contacts:
        person = await find_or_add_contact(session, company.id, contact)
        session.add(tables.InvoiceContact(commitment_id=row.id, person_id=person.id))
    await session.flush()
    return row.id


async def commitments(session: AsyncSession, *, project_id: int | None = None,
                      ids: Sequence[int] | None = None) -> list[Commitment]:
    """Commitments with their company, SOV lines and contacts, in four queries in all."""
    query = select(tables.Commitment, tables.Company).join(
        tables.Company, tables.Company.id == tables.Commitment.contract_company_id)
    if project_id is not None:
        query = query.where(tables.Commitment.project_id == project_id)
    if ids is not None:
        query = query.where(tables.Commitment.id.in_(list(ids)))
    rows = (await session.execute(query.order_by(tables.Commitment.id))).all()
    if not rows:
        return []
    wanted = [row.id for row, _ in rows]
    lines: dict[int, list[tables.SovLine]] = defaultdict(list)
    line_rows = await session.execute(select(tables.SovLine).where(
        tables.SovLine.commitment_id.in_(wanted))
        .order_by(tables.SovLine.position, tables.SovLine.id))
    for line in line_rows.scalars():
        lines[line.commitment_id].append(line)
    people: dict[int, list[tables.Person]] = defaultdict(list)
    contact_rows = await session.execute(
        select(tables.InvoiceContact.commitment_id, tables.Person)
        .join(tables.Person, tables.Person.id == tables.InvoiceContact.person_id)
        .where(tables.InvoiceContact.commitment_id.in_(wanted)).order_by(tables.InvoiceContact.id))
    for commitment_id, person in contact_rows.all():
        people[commitment_id].append(person)
    return [mapping.commitment(row, company, lines[row.id], people[row.id])
            for row, company in rows]


def commitment_page_query(project_id: int, page: PageRequest) -> Select[Any]:
    """Up to `limit + 1` of the project's commitment ids after `page.after`, in id order
    (keyset on the index (project_id, id))."""
    query: Select[Any] = select(tables.Commitment.id).where(
        tables.Commitment.project_id == project_id)
    if page.after is not None:
        query = query.where(tables.Commitment.id > page.after)
    return query.order_by(tables.Commitment.id).limit(page.limit + 1)


async def commitment_page(session: AsyncSession, project_id: int,
                          page: PageRequest) -> Page[Commitment]:
    """One page of the project's commitments (with lines and contacts), in id order."""
    keys = list((await session.execute(commitment_page_query(project_id, page))).scalars())
    ids, next_after, _ = cut(keys, PageRequest(page.limit, after=page.after))
    return Page(tuple(await commitments(session, ids=ids)) if ids else (), next_after)


async def commitment_project(session: AsyncSession, company_id: int,
                             commitment_id: int) -> tables.Project | None:
    """The project of a commitment, only if the company owns it."""
    query = (select(tables.Project)
             .join(tables.Commitment, tables.Commitment.project_id == tables.Project.id)
             .where(tables.Commitment.id == commitment_id, tables.Project.company_id == company_id))
    return (await session.execute(query)).scalars().first()


async def project_row_by_id(session: AsyncSession, project_id: int) -> tables.Project | None:
    """The project, whichever company owns it (the caller checks)."""
    return await session.get(tables.Project, project_id)


async def commitment_ids_by_external_id(session: AsyncSession, project_id: int,
                                        external_ids: Sequence[str]) -> dict[str, int]:
    """The project's commitments among `external_ids` (an ERP's ids): external id -> ours."""
    if not external_ids:
        return {}
    query = select(tables.Commitment.external_id, tables.Commitment.id).where(
        tables.Commitment.project_id == project_id,
        tables.Commitment.external_id.in_(list(external_ids)))
    return {external: id_ for external, id_ in (await session.execute(query)).all()
            if external is not None}
