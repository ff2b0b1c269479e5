"""Changing a commitment after it was created: its fields, SOV lines, invoice contacts,
and closing it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.commands import NewSovLine
from store.tables import Commitment, Invite, Invoice, InvoiceContact, Project, SovLine


async def commitment_row(session: AsyncSession, company_id: int,
                         commitment_id: int) -> tuple[Commitment, Project] | None:
    """The commitment and its project, only if the company owns the project."""
    query = (select(Commitment, Project).join(Project, Project.id == Commitment.project_id)
             .where(Commitment.id == commitment_id, Project.company_id == company_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def has_invoice(session: AsyncSession, commitment_id: int) -> bool:
    """Whether any invoice (a draft too: its lines name the SOV lines) exists."""
    query = select(Invoice.id).where(Invoice.commitment_id == commitment_id).limit(1)
    return (await session.execute(query)).scalar() is not None


async def replace_sov_lines(session: AsyncSession, commitment_id: int,
                            lines: Sequence[NewSovLine]) -> None:
    """The whole Schedule of Values, in this order (only while no invoice names a line)."""
    await session.execute(delete(SovLine).where(SovLine.commitment_id == commitment_id))
    session.add_all(SovLine(
        commitment_id=commitment_id, position=position, item_number=line.item_number,
        cost_code=line.cost_code, description=line.description,
        scheduled_value=line.scheduled_value, change_order=line.change_order,
        quantity=line.quantity, unit=line.unit, unit_price=line.unit_price)
        for position, line in enumerate(lines, start=1))
    await session.flush()


async def add_contact(session: AsyncSession, commitment_id: int, person_id: int) -> bool:
    """False when the person is a contact of the commitment already."""
    found = await session.execute(select(InvoiceContact.id).where(
        InvoiceContact.commitment_id == commitment_id, InvoiceContact.person_id == person_id))
    if found.scalar() is not None:
        return False
    session.add(InvoiceContact(commitment_id=commitment_id, person_id=person_id))
    await session.flush()
    return True


async def remove_contact(session: AsyncSession, commitment_id: int, person_id: int) -> bool:
    result = await session.execute(delete(InvoiceContact).where(
        InvoiceContact.commitment_id == commitment_id, InvoiceContact.person_id == person_id))
    return bool(result.rowcount)


async def close(session: AsyncSession, row: Commitment, now: datetime) -> None:
    """No more invites, and no more reminders for the ones sent."""
    row.status, row.closed_at = "closed", now
    await session.execute(update(Invite).where(Invite.commitment_id == row.id)
                          .values(next_reminder_at=None))
    await session.flush()


async def closed_ids(session: AsyncSession, commitment_ids: Sequence[int]) -> set[int]:
    """Those of `commitment_ids` that are closed (they get no invites)."""
    if not commitment_ids:
        return set()
    query = select(Commitment.id).where(Commitment.id.in_(list(commitment_ids)),
                                        Commitment.status == "closed")
    return {cid for cid in (await session.execute(query)).scalars() if cid is not None}
