"""Queries of an upstream company's directory: its contract companies and their people.

Every lookup names the owner (`owner_id`, the administrator's company): another
company's rows are simply not found (authorisation by query).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.directory import DirectoryCommitment, LastMail
from store.tables import Commitment, Company, InvoiceContact, OutboxMessage, Person, Project


def _owned(owner_id: int) -> object:
    return and_(Company.owner_company_id == owner_id, Company.kind == "contract")


async def company_row(session: AsyncSession, owner_id: int, company_id: int) -> Company | None:
    query = select(Company).where(Company.id == company_id, _owned(owner_id))
    return (await session.execute(query)).scalars().first()


async def company_named(session: AsyncSession, owner_id: int, name: str,
                        except_id: int | None = None) -> Company | None:
    """The owner's contract company of that name, case aside."""
    query = select(Company).where(_owned(owner_id),
                                  func.lower(Company.name) == name.lower())
    if except_id is not None:
        query = query.where(Company.id != except_id)
    return (await session.execute(query.order_by(Company.id))).scalars().first()


async def add_company(session: AsyncSession, owner_id: int, name: str) -> Company:
    row = Company(name=name, kind="contract", owner_company_id=owner_id)
    session.add(row)
    await session.flush()
    return row


async def person_row(session: AsyncSession, owner_id: int,
                     person_id: int) -> tuple[Person, Company] | None:
    """A contact of one of the owner's contract companies, with that company."""
    query = (select(Person, Company).join(Company, Company.id == Person.company_id)
             .where(Person.id == person_id, Person.role == "contact", _owned(owner_id)))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def person_with_email(session: AsyncSession, owner_id: int, email: str,
                            except_id: int | None = None) -> Person | None:
    """Addresses are unique within the owner's directory (stored lower-case)."""
    query = (select(Person).join(Company, Company.id == Person.company_id)
             .where(Person.email == email, Person.role == "contact", _owned(owner_id)))
    if except_id is not None:
        query = query.where(Person.id != except_id)
    return (await session.execute(query.order_by(Person.id))).scalars().first()


async def add_person(session: AsyncSession, company_id: int, name: str, email: str) -> Person:
    row = Person(company_id=company_id, name=name, email=email, role="contact")
    session.add(row)
    await session.flush()
    return row


async def companies_page(session: AsyncSession, owner_id: int, *, search: str, limit: int,
                         after: int | None) -> list[Company]:
    """Up to `limit` companies by name (then id), after the company `after`; `search`
    matches a company's name or one of its people's names or addresses."""
    query = select(Company).where(_owned(owner_id))
    if search:
        needle = f"%{search.lower()}%"
        matching_people = (select(Person.company_id).where(or_(
            func.lower(Person.name).like(needle), Person.email.like(needle))))
        query = query.where(or_(func.lower(Company.name).like(needle),
                                Company.id.in_(matching_people)))
    if after is not None:
        last = await company_row(session, owner_id, after)  # another company's: ignored
        if last is not None:
            query = query.where(or_(Company.name > last.name,
                                    and_(Company.name == last.name, Company.id > last.id)))
    query = query.order_by(Company.name, Company.id).limit(limit)
    return list((await session.execute(query)).scalars())


async def people_of(session: AsyncSession,
                    company_ids: Sequence[int]) -> dict[int, list[Person]]:
    found: dict[int, list[Person]] = defaultdict(list)
    if company_ids:
        query = (select(Person).where(Person.company_id.in_(list(company_ids)),
                                      Person.role == "contact")
                 .order_by(Person.name, Person.id))
        for person in (await session.execute(query)).scalars():
            found[person.company_id].append(person)
    return found


async def commitment_counts(session: AsyncSession,
                            company_ids: Sequence[int]) -> dict[int, int]:
    query = (select(Commitment.contract_company_id, func.count())
             .where(Commitment.contract_company_id.in_(list(company_ids)))
             .group_by(Commitment.contract_company_id))
    return {cid: n for cid, n in (await session.execute(query)).all()}


async def contact_counts(session: AsyncSession, person_ids: Sequence[int]) -> dict[int, int]:
    """On how many commitments each person is an invoice contact."""
    query = (select(InvoiceContact.person_id, func.count())
             .where(InvoiceContact.person_id.in_(list(person_ids)))
             .group_by(InvoiceContact.person_id))
    return {pid: n for pid, n in (await session.execute(query)).all()}


async def last_mails(session: AsyncSession, person_ids: Sequence[int]) -> dict[int, LastMail]:
    """The newest email of the outbox to each person."""
    if not person_ids:
        return {}
    newest = (select(func.max(OutboxMessage.id))
              .where(OutboxMessage.kind == "email",
                     OutboxMessage.person_id.in_(list(person_ids)))
              .group_by(OutboxMessage.person_id))
    query = select(OutboxMessage).where(OutboxMessage.id.in_(newest))
    return {row.person_id: LastMail(row.status, row.attempts, row.last_error, row.created_at,
                                    row.sent_at)
            for row in (await session.execute(query)).scalars() if row.person_id is not None}


async def all_companies(session: AsyncSession, owner_id: int) -> list[Company]:
    """Every contract company of the owner, by name (for pickers)."""
    query = select(Company).where(_owned(owner_id)).order_by(Company.name, Company.id)
    return list((await session.execute(query)).scalars())


async def commitments_of(session: AsyncSession, *, company_id: int | None = None,
                         person_id: int | None = None) -> list[DirectoryCommitment]:
    """A company's commitments, or those a person is an invoice contact of (the caller
    has checked that the company or the person is the administrator's)."""
    query = (select(Commitment.id, Commitment.number, Commitment.title, Project.id,
                    Project.name, Commitment.status)
             .join(Project, Project.id == Commitment.project_id))
    if company_id is not None:
        query = query.where(Commitment.contract_company_id == company_id)
    if person_id is not None:
        query = query.join(InvoiceContact, InvoiceContact.commitment_id == Commitment.id).where(
            InvoiceContact.person_id == person_id)
    rows = (await session.execute(query.order_by(Project.name, Commitment.number))).all()
    return [DirectoryCommitment(cid, number, title, pid, project, status == "closed")
            for cid, number, title, pid, project, status in rows]
