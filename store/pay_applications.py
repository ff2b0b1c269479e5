"""Queries for the pay-application documents: who the application is made to, and a
period's approved invoices."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store import tables


async def company_name(session: AsyncSession, company_id: int) -> str:
    return str((await session.execute(select(tables.Company.name).where(
        tables.Company.id == company_id))).scalar_one())


async def period_end(session: AsyncSession, period_id: int) -> tables.BillingPeriod | None:
    return await session.get(tables.BillingPeriod, period_id)


async def invoice_ids_of_period(session: AsyncSession, company_id: int, period_id: int,
                                statuses: frozenset[str]) -> list[int]:
    """The period's invoices in one of `statuses`, when the period is the company's."""
    query = (select(tables.Invoice.id)
             .join(tables.BillingPeriod,
                   tables.BillingPeriod.id == tables.Invoice.billing_period_id)
             .join(tables.Project, tables.Project.id == tables.BillingPeriod.project_id)
             .where(tables.Invoice.billing_period_id == period_id,
                    tables.Project.company_id == company_id,
                    tables.Invoice.status.in_(sorted(statuses)))
             .order_by(tables.Invoice.id))
    return [int(found) for found in (await session.execute(query)).scalars()]
