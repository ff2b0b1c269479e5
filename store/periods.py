"""Queries for billing periods: a project's periods, opening and closing them, and finding
the one an event or a request names."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.commands import NewBillingPeriod
from domain.model import BillingPeriod
from store import mapping, tables
from store.invites import SENT_INVOICE_STATUSES


async def period_rows(session: AsyncSession, project_id: int) -> list[tables.BillingPeriod]:
    query = select(tables.BillingPeriod).where(tables.BillingPeriod.project_id == project_id)
    result = await session.execute(query.order_by(tables.BillingPeriod.start_date))
    return list(result.scalars())


async def period_with_project(session: AsyncSession, company_id: int, period_id: int,
                              ) -> tuple[tables.BillingPeriod, tables.Project] | None:
    query = (select(tables.BillingPeriod, tables.Project)
             .join(tables.Project, tables.Project.id == tables.BillingPeriod.project_id)
             .where(tables.BillingPeriod.id == period_id, tables.Project.company_id == company_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def period_and_project(session: AsyncSession, period_id: int,
                             ) -> tuple[tables.BillingPeriod, tables.Project] | None:
    """The period and its project, whichever company owns them (the caller checks)."""
    query = (select(tables.BillingPeriod, tables.Project)
             .join(tables.Project, tables.Project.id == tables.BillingPeriod.project_id)
             .where(tables.BillingPeriod.id == period_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def period_with_dates(session: AsyncSession, project_id: int, start: date,
                            end: date) -> tables.BillingPeriod | None:
    query = select(tables.BillingPeriod).where(tables.BillingPeriod.project_id == project_id,
                                               tables.BillingPeriod.start_date == start,
                                               tables.BillingPeriod.end_date == end)
    return (await session.execute(query)).scalars().first()


async def latest_open_period(session: AsyncSession, project_id: int) -> tables.BillingPeriod | None:
    query = (select(tables.BillingPeriod).where(tables.BillingPeriod.project_id == project_id,
                                                tables.BillingPeriod.status == "open")
             .order_by(tables.BillingPeriod.start_date.desc()))
    return (await session.execute(query)).scalars().first()


async def add_period(session: AsyncSession, project_id: int,
                     command: NewBillingPeriod) -> BillingPeriod:
    row = tables.BillingPeriod(project_id=project_id, start_date=command.start_date,
                               end_date=command.end_date, due_date=command.due_date,
                               billing_date=command.billing_date)
    session.add(row)
    await session.flush()
    return mapping.billing_period(row)


async def close_periods(session: AsyncSession, ids: list[int], now: datetime) -> None:
    if ids:
        await session.execute(update(tables.BillingPeriod).where(
            tables.BillingPeriod.id.in_(ids)).values(status="closed", closed_at=now))


async def company_of_period(session: AsyncSession, period_id: int) -> int | None:
    query = (select(tables.Project.company_id)
             .join(tables.BillingPeriod, tables.BillingPeriod.project_id == tables.Project.id)
             .where(tables.BillingPeriod.id == period_id))
    return (await session.execute(query)).scalar()


async def invite_counts(session: AsyncSession, project_id: int) -> dict[int, dict[str, int]]:
    """Per period of the project: its invites per status, and `submitted` (invoices sent),
    in two grouped queries."""
    counts: dict[int, dict[str, int]] = {}
    by_status = await session.execute(
        select(tables.Invite.billing_period_id, tables.Invite.status, func.count())
        .join(tables.BillingPeriod, tables.BillingPeriod.id == tables.Invite.billing_period_id)
        .where(tables.BillingPeriod.project_id == project_id)
        .group_by(tables.Invite.billing_period_id, tables.Invite.status))
    for period_id, status, count in by_status.all():
        counts.setdefault(period_id, {})[status] = count
    sent = await session.execute(
        select(tables.Invoice.billing_period_id, func.count())
        .join(tables.BillingPeriod, tables.BillingPeriod.id == tables.Invoice.billing_period_id)
        .where(tables.BillingPeriod.project_id == project_id,
               tables.Invoice.status.in_(SENT_INVOICE_STATUSES))
        .group_by(tables.Invoice.billing_period_id))
    for period_id, count in sent.all():
        counts.setdefault(period_id, {})["submitted"] = count
    return counts


async def commitment_count(session: AsyncSession, project_id: int) -> int:
    query = select(func.count()).select_from(tables.Commitment).where(
        tables.Commitment.project_id == project_id)
    return int(await session.scalar(query) or 0)


async def automatic_projects(session: AsyncSession) -> list[tables.Project]:
    """Every project whose periods open by themselves (few; the scheduler reads them all)."""
    query = select(tables.Project).where(tables.Project.period_cadence != "never")
    return list((await session.execute(query.order_by(tables.Project.id))).scalars())
