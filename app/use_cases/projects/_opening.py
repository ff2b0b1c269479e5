"""Opening a period inside a transaction: the one rule the administrator's request and the
scheduler share (the project's open periods close, their reminders stop)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.reminders.schedule import stop_period
from domain.commands import NewBillingPeriod
from domain.model import BillingPeriod
from domain.periods import PeriodRange, periods_to_close
from store import periods


async def existing_ranges(session: AsyncSession, project_id: int) -> list[PeriodRange]:
    return [PeriodRange(p.id, p.start_date, p.end_date, p.status == "open")
            for p in await periods.period_rows(session, project_id) if p.id is not None]


async def open_in(session: AsyncSession, project_id: int, command: NewBillingPeriod,
                  now: datetime, ranges: list[PeriodRange]) -> BillingPeriod:
    """Add the period; every open one closes (Conflict for a range that exists already)."""
    to_close = periods_to_close(ranges, command.start_date, command.end_date)
    await periods.close_periods(session, to_close, now)
    for closed in to_close:
        await stop_period(session, closed)
    return await periods.add_period(session, project_id, command)
