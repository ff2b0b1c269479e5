"""Merging duplicates of a directory: every reference moves to the kept row, then the
merged row is deleted and the merge recorded (store/tables/directory.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.directory import MergeRecord
from store.tables import (
    Commitment,
    Company,
    DirectoryMerge,
    Invite,
    InviteEvent,
    Invoice,
    InvoiceContact,
    OutboxMessage,
    Person,
    SignInLink,
)

# Every column that names a contact, with the name its count is recorded under.
PERSON_COLUMNS: tuple[tuple[str, Column[int]], ...] = (
    ("invites_answered", Invite.__table__.c.answered_by_id),
    ("invite_events", InviteEvent.__table__.c.person_id),
    ("invoices_entered", Invoice.__table__.c.created_by_id),
    ("mail", OutboxMessage.__table__.c.person_id),
    ("sign_in_links", SignInLink.__table__.c.person_id),
)


async def merge_people(session: AsyncSession, kept: Person, merged: Person) -> dict[str, int]:
    """Move `merged`'s references to `kept`; a commitment both are contacts of keeps one."""
    moved: dict[str, int] = {}
    both = select(InvoiceContact.commitment_id).where(InvoiceContact.person_id == kept.id)
    dropped = await session.execute(delete(InvoiceContact).where(
        InvoiceContact.person_id == merged.id, InvoiceContact.commitment_id.in_(both)))
    result = await session.execute(update(InvoiceContact).where(
        InvoiceContact.person_id == merged.id).values(person_id=kept.id))
    moved["invoice_contacts"] = int(result.rowcount) + int(dropped.rowcount)
    for name, column in PERSON_COLUMNS:
        result = await session.execute(update(column.table).where(column == merged.id)
                                       .values({column.name: kept.id}))
        moved[name] = int(result.rowcount)
    if kept.external_id is None and merged.external_id is not None:
        kept.external_id = merged.external_id
    await session.flush()
    await session.execute(delete(Person).where(Person.id == merged.id))
    return moved


async def merge_companies(session: AsyncSession, kept: Company,
                          merged: Company) -> dict[str, int]:
    """Commitments and people move to `kept`; a person whose address `kept` has already
    is merged into that person."""
    result = await session.execute(update(Commitment).where(
        Commitment.contract_company_id == merged.id).values(contract_company_id=kept.id))
    moved = {"commitments": int(result.rowcount), "people": 0, "people_merged": 0}
    kept_people = {person.email: person for person in (await session.execute(
        select(Person).where(Person.company_id == kept.id))).scalars()}
    for person in list((await session.execute(
            select(Person).where(Person.company_id == merged.id))).scalars()):
        twin = kept_people.get(person.email)
        if twin is not None:
            await merge_people(session, twin, person)
            moved["people_merged"] += 1
        else:
            person.company_id = kept.id  # type: ignore[assignment]
            moved["people"] += 1
    if kept.external_id is None and merged.external_id is not None:
        kept.external_id, kept.external_source = merged.external_id, merged.external_source
    await session.flush()
    await session.execute(delete(Company).where(Company.id == merged.id))
    return moved


async def record(session: AsyncSession, *, owner_id: int, kind: str, kept_id: int,
                 merged_id: int, merged_name: str, merged_email: str | None,
                 moved: dict[str, int], by_id: int, now: datetime) -> DirectoryMerge:
    row = DirectoryMerge(owner_company_id=owner_id, kind=kind, kept_id=kept_id,
                         merged_id=merged_id, merged_name=merged_name,
                         merged_email=merged_email, moved=moved, merged_by_id=by_id, at=now)
    session.add(row)
    await session.flush()
    return row


async def merges_into(session: AsyncSession, owner_id: int, kind: str,
                      kept_id: int) -> list[MergeRecord]:
    """What was merged into the row `kept_id` of `kind`, newest first."""
    query = (select(DirectoryMerge, Person.name)
             .outerjoin(Person, Person.id == DirectoryMerge.merged_by_id)
             .where(DirectoryMerge.owner_company_id == owner_id, DirectoryMerge.kind == kind,
                    DirectoryMerge.kept_id == kept_id)
             .order_by(DirectoryMerge.id.desc()))
    return [merge_record(row, by) for row, by in (await session.execute(query)).all()]


def merge_record(row: DirectoryMerge, by_name: str | None) -> MergeRecord:
    assert row.id is not None
    return MergeRecord(row.id, row.kind, row.kept_id, row.merged_id, row.merged_name,
                       row.merged_email, dict(row.moved), by_name, row.at)
