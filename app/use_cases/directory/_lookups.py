"""The administrator's own directory rows, or NotFound (another company's are not found,
exactly like missing ones)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import Conflict, NotFound
from domain.model import Administrator
from store import directory
from store.tables import Company, Person


async def company(session: AsyncSession, admin: Administrator, company_id: int) -> Company:
    row = await directory.company_row(session, admin.company_id, company_id)
    if row is None:
        raise NotFound(f"company {company_id} not found")
    return row


async def person(session: AsyncSession, admin: Administrator,
                 person_id: int) -> tuple[Person, Company]:
    found = await directory.person_row(session, admin.company_id, person_id)
    if found is None:
        raise NotFound(f"person {person_id} not found")
    return found


async def address_free(session: AsyncSession, admin: Administrator, email: str,
                       except_id: int | None = None) -> None:
    if await directory.person_with_email(session, admin.company_id, email, except_id):
        raise Conflict(f"{email} is already in the directory; merge the two people "
                       "instead", code="duplicate_email")
