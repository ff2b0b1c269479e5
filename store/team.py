"""The administrators of a company: the active and the invited, inviting and removing them,
their API tokens. Roles are domain/team.py's (ADMIN, INVITED, FORMER)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.team import ADMIN, FORMER, INVITED
from store.tables import ApiToken, Company, Person, SignInAttempt

MEMBERS = (ADMIN, INVITED)


async def members(session: AsyncSession, company_id: int, *,
                  lock: bool = False) -> list[Person]:
    """The company's active and invited administrators, by id. `lock` holds their rows
    (PostgreSQL) until the transaction ends, so two administrators removing each other at
    once cannot both succeed; SQLite has a single writer anyway."""
    query = (select(Person).where(Person.company_id == company_id, Person.role.in_(MEMBERS))
             .order_by(Person.id))
    if lock:
        query = query.with_for_update()
    return list((await session.execute(query)).scalars())


async def admins_elsewhere(session: AsyncSession, email: str, company_id: int) -> bool:
    """Whether `email` is an administrator anywhere, or invited by another company (one
    address signs in to one account, so it may belong to one company only)."""
    query = select(Person.id).where(Person.email == email, (Person.role == ADMIN) | (
        (Person.role == INVITED) & (Person.company_id != company_id))).limit(1)
    return await session.scalar(query) is not None


async def invitable_row(session: AsyncSession, company_id: int, email: str) -> Person | None:
    """The company's invited or removed administrator with `email` (invited again: the same
    row, since a company has one person per address)."""
    query = select(Person).where(Person.company_id == company_id, Person.email == email,
                                 Person.role.in_((INVITED, FORMER)))
    return (await session.execute(query)).scalars().first()


async def member_row(session: AsyncSession, company_id: int, person_id: int) -> Person | None:
    """One of the company's active or invited administrators; None for anyone else (of
    another company, a contact, removed, or nobody)."""
    person = await session.get(Person, person_id)
    if person is None or person.company_id != company_id or person.role not in MEMBERS:
        return None
    return person


async def revoke_api_tokens(session: AsyncSession, person_id: int, now: datetime) -> None:
    await session.execute(update(ApiToken).where(ApiToken.person_id == person_id,
                                                 ApiToken.revoked_at.is_(None))
                          .values(revoked_at=now))


async def last_sign_ins(session: AsyncSession, company_id: int) -> dict[int, datetime]:
    """When each of the company's administrators last signed in with a password."""
    query = (select(SignInAttempt.person_id, func.max(SignInAttempt.at))
             .where(SignInAttempt.company_id == company_id,
                    SignInAttempt.outcome == "signed_in", SignInAttempt.person_id.is_not(None))
             .group_by(SignInAttempt.person_id))
    return {person_id: at for person_id, at in (await session.execute(query)).all()}


async def company_names(session: AsyncSession, ids: set[int]) -> dict[int, str]:
    query = select(Company.id, Company.name).where(Company.id.in_(ids))
    return {company_id: name for company_id, name in (await session.execute(query)).all()}
