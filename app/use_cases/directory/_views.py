"""Directory rows to records, with their counts and delivery states, in a few queries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from domain.directory import DirectoryCompany, DirectoryPerson, delivery_state
from store import directory
from store.tables import Company, Person


async def people(session: AsyncSession, rows: Sequence[tuple[Person, Company]],
                 ) -> list[DirectoryPerson]:
    ids = [person.id for person, _ in rows if person.id is not None]
    counts = await directory.contact_counts(session, ids)
    mails = await directory.last_mails(session, ids)
    found = []
    for person, company in rows:
        assert person.id is not None and company.id is not None
        found.append(DirectoryPerson(
            id=person.id, company_id=company.id, company_name=company.name, name=person.name,
            email=person.email, deliverable=person.deliverable, bounced_at=person.bounced_at,
            commitments=counts.get(person.id, 0),
            delivery=delivery_state(person.deliverable, person.bounced_at,
                                    mails.get(person.id)),
            language=person.language))
    return found


async def companies(session: AsyncSession,
                    rows: Sequence[Company]) -> list[DirectoryCompany]:
    ids = [row.id for row in rows if row.id is not None]
    people_by_company = await directory.people_of(session, ids)
    counts = await directory.commitment_counts(session, ids)
    everyone = await people(session, [(person, company) for company in rows
                                      for person in people_by_company.get(company.id or 0, [])])
    by_company: dict[int, list[DirectoryPerson]] = {}
    for person in everyone:
        by_company.setdefault(person.company_id, []).append(person)
    result = []
    for row in rows:
        assert row.id is not None
        result.append(DirectoryCompany(row.id, row.name, tuple(by_company.get(row.id, ())),
                                       counts.get(row.id, 0)))
    return result
