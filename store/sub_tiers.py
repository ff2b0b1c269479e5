"""Sub-tier queries: a commitment's sub-tiers, an invoice's sub-tier lines and its
certificate that there are none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.sub_tiers import (
    NoSubTiersCertificate,
    SubTier,
    SubTierBilling,
    SubTierFields,
    SubTierLine,
    SubTierStatus,
)
from store import tables


def _record(row: tables.SubTier) -> SubTier:
    fields = SubTierFields(
        company_name=row.company_name, city=row.city, state=row.state,
        zip_code=row.zip_code, country=row.country, tier_type=row.tier_type,
        hired_by_id=row.hired_by_id, kind_of_work=row.kind_of_work, phone=row.phone,
        address=row.address, estimated_contract_amount=row.estimated_contract_amount,
        waiver_email=row.waiver_email)
    return SubTier(row.id or 0, row.commitment_id, fields, SubTierStatus(row.status))


async def of_commitment(session: AsyncSession, commitment_id: int) -> list[SubTier]:
    """The commitment's sub-tiers that are not removed, in the order they were added."""
    query = (select(tables.SubTier).where(tables.SubTier.commitment_id == commitment_id,
                                          tables.SubTier.removed_at.is_(None))
             .order_by(tables.SubTier.id))
    return [_record(row) for row in (await session.execute(query)).scalars()]


async def row(session: AsyncSession, commitment_id: int,
              sub_tier_id: int) -> tables.SubTier | None:
    found = await session.get(tables.SubTier, sub_tier_id)
    if found is None or found.commitment_id != commitment_id or found.removed_at is not None:
        return None
    return found


def record(row: tables.SubTier) -> SubTier:
    return _record(row)


async def add(session: AsyncSession, commitment_id: int, fields: SubTierFields,
              now: datetime) -> SubTier:
    added = tables.SubTier(commitment_id=commitment_id, created_at=now, updated_at=now,
                           **asdict(fields))
    session.add(added)
    await session.flush()
    return _record(added)


def change(found: tables.SubTier, fields: SubTierFields, now: datetime) -> SubTier:
    for name, value in asdict(fields).items():
        setattr(found, name, value)
    found.updated_at = now
    return _record(found)


async def lines_of(session: AsyncSession, invoice_id: int) -> dict[int, SubTierLine]:
    query = select(tables.SubTierLine).where(tables.SubTierLine.invoice_id == invoice_id)
    return {line.sub_tier_id: SubTierLine(line.sub_tier_id, line.amount_billed,
                                          SubTierBilling(line.billing))
            for line in (await session.execute(query)).scalars()}


async def billed_sub_tiers(session: AsyncSession, invoice_id: int) -> list[SubTier]:
    """The sub-tiers billed on the invoice, removed ones too (a sent invoice keeps them)."""
    query = (select(tables.SubTier)
             .join(tables.SubTierLine, tables.SubTierLine.sub_tier_id == tables.SubTier.id)
             .where(tables.SubTierLine.invoice_id == invoice_id).order_by(tables.SubTier.id))
    return [_record(row) for row in (await session.execute(query)).scalars()]


async def write_lines(session: AsyncSession, invoice_id: int,
                      lines: Sequence[SubTierLine]) -> None:
    """Replace the invoice's sub-tier lines (and any certificate that there are none)."""
    await session.execute(delete(tables.SubTierLine)
                          .where(tables.SubTierLine.invoice_id == invoice_id))
    await session.execute(delete(tables.NoSubTiersCertificate)
                          .where(tables.NoSubTiersCertificate.invoice_id == invoice_id))
    session.add_all(tables.SubTierLine(invoice_id=invoice_id, sub_tier_id=line.sub_tier_id,
                                       amount_billed=line.amount_billed,
                                       billing=line.billing.value) for line in lines)
    await session.flush()


async def certify_none(session: AsyncSession, invoice_id: int, person_id: int,
                       now: datetime) -> None:
    await write_lines(session, invoice_id, [])
    session.add(tables.NoSubTiersCertificate(invoice_id=invoice_id, person_id=person_id,
                                             certified_at=now))
    await session.flush()


async def certificate_of(session: AsyncSession,
                         invoice_id: int) -> NoSubTiersCertificate | None:
    query = (select(tables.NoSubTiersCertificate.certified_at, tables.Person.name)
             .join(tables.Person, tables.Person.id == tables.NoSubTiersCertificate.person_id)
             .where(tables.NoSubTiersCertificate.invoice_id == invoice_id))
    found = (await session.execute(query)).first()
    return None if found is None else NoSubTiersCertificate(found.name, found.certified_at)


async def set_status(session: AsyncSession, sub_tier_ids: Sequence[int],
                     status: SubTierStatus) -> None:
    for sub_tier_id in sub_tier_ids:
        found = await session.get(tables.SubTier, sub_tier_id)
        if found is not None:
            found.status = status.value
    await session.flush()


async def hired_by_others(session: AsyncSession, sub_tier_id: int) -> bool:
    query = select(tables.SubTier.id).where(tables.SubTier.hired_by_id == sub_tier_id,
                                            tables.SubTier.removed_at.is_(None))
    return (await session.execute(query)).first() is not None
