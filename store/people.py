"""People: administrators and invoice contacts, their API tokens, session versions and
whether mail reaches them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import Administrator
from store import mapping
from store.tables import ApiToken, Company, Person


async def person_row(session: AsyncSession, person_id: int) -> Person | None:
    return await session.get(Person, person_id)


async def admin_row_by_email(session: AsyncSession, email: str) -> Person | None:
    """The administrator with this (lower-case) address."""
    query = select(Person).where(Person.email == email, Person.role == "admin")
    return (await session.execute(query)).scalars().first()


async def admin_by_id(session: AsyncSession, person_id: int) -> Administrator | None:
    person = await session.get(Person, person_id)
    return None if person is None or person.role != "admin" else mapping.administrator(person)


async def admin_for_token_hash(session: AsyncSession, token_hash: str) -> Administrator | None:
    """The administrator holding the (unrevoked) API token with this SHA-256."""
    query = (select(Person).join(ApiToken, ApiToken.person_id == Person.id)
             .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None),
                    Person.role == "admin"))
    person = (await session.execute(query)).scalars().first()
    return None if person is None else mapping.administrator(person)


async def add_admin(session: AsyncSession, *, company_id: int, name: str, email: str,
                    password_hash: str | None = None) -> Person:
    person = Person(company_id=company_id, name=name, email=email, role="admin",
                    password_hash=password_hash)
    session.add(person)
    await session.flush()
    return person


async def add_api_token(session: AsyncSession, person_id: int, token_hash: str,
                        label: str) -> None:
    session.add(ApiToken(person_id=person_id, token_hash=token_hash, label=label))


async def first_admin(session: AsyncSession, company_id: int,
                      email: str | None = None) -> Person | None:
    """The company's first administrator (by id), or the one with `email`: who acts for,
    and hears about, what other systems and the command line do."""
    query = select(Person).where(Person.company_id == company_id, Person.role == "admin")
    if email is not None:
        query = query.where(Person.email == email)
    return (await session.execute(query.order_by(Person.id).limit(1))).scalars().first()


async def upstream_company_of(session: AsyncSession, person_id: int) -> int | None:
    """The upstream company a person works for or with: an administrator's own; a
    contact's contract company belongs to one upstream company."""
    query = (select(Company.id, Company.owner_company_id)
             .join(Person, Person.company_id == Company.id)
             .where(Person.id == person_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[1] or row[0])


async def mark_undeliverable(session: AsyncSession, person_id: int, now: datetime) -> None:
    """No more mail to the person's address until it is corrected (a bounce, a complaint)."""
    await session.execute(update(Person).where(Person.id == person_id)
                          .values(deliverable=False, bounced_at=now))


async def bump_session_version(session: AsyncSession, person_id: int) -> None:
    """Void every session cookie issued to `person_id` so far (they carry the old version)."""
    await session.execute(update(Person).where(Person.id == person_id).values(
        session_version=Person.session_version + 1))


async def admins_of(session: AsyncSession, company_id: int) -> list[Person]:
    """Every administrator of the company, the first first."""
    query = select(Person).where(Person.company_id == company_id, Person.role == "admin")
    return list((await session.execute(query.order_by(Person.id))).scalars())
