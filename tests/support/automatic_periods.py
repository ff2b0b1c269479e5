"""Helpers of the automatic-period tests: the demo project made monthly, the moments
around its next start day, and what the scheduler wrote."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.bootstrap import Container
from app.use_cases.demo import COMPANY
from domain.commands import ProjectChanges
from domain.model import Administrator
from domain.period_defaults import Cadence, PeriodDefaultsChange
from store import tables as t

# December 1, 2026 begins at 06:00 UTC in Chicago (CST, UTC-6).
DEC_1_CHICAGO = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
SECOND_ADMIN = "pat@summit-builders.example"


async def make_automatic(container: Container, admin: Administrator, project_id: int, *,
                         send_invites: bool = False) -> None:
    await container.projects.change_project(admin, project_id, ProjectChanges(
        period_defaults=PeriodDefaultsChange(cadence=Cadence.MONTHLY,
                                             send_invites=send_invites)))


async def add_second_admin(container: Container) -> Administrator:
    return await container.access.create_admin(email=SECOND_ADMIN, name="Pat Second",
                                               password="another long password",
                                               company_name=COMPANY)


async def period_rows(container: Container, project_id: int) -> list[t.BillingPeriod]:
    async with container.ctx.sessions() as session:
        rows = await session.execute(select(t.BillingPeriod).where(
            t.BillingPeriod.project_id == project_id).order_by(t.BillingPeriod.start_date))
        return list(rows.scalars())


async def opened_mails(container: Container) -> list[t.OutboxMessage]:
    async with container.ctx.sessions() as session:
        rows = await session.execute(select(t.OutboxMessage).where(
            t.OutboxMessage.template == "period_opened").order_by(t.OutboxMessage.id))
        return list(rows.scalars())


async def invites_of(container: Container, period_id: int) -> list[t.Invite]:
    async with container.ctx.sessions() as session:
        rows = await session.execute(select(t.Invite).where(
            t.Invite.billing_period_id == period_id))
        return list(rows.scalars())
