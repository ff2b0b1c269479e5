"""Writing invites' next reminder instants when what the schedule depends on changes:
the invite is sent (or sent again), the project's policy or the period's due date changes,
the period closes. The scan itself moves each invite on after deciding about it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import ReminderPolicy
from domain.periods import local_date
from domain.reminders import next_reminder_at
from store import reminder_schedule


def first_reminder_at(policy: ReminderPolicy, zone: str, due: date,
                      invited_at: datetime) -> datetime | None:
    """The first reminder instant of an invite sent at `invited_at`."""
    return next_reminder_at(policy, zone, due, invited_at, invited_at=invited_at)


async def reschedule(session: AsyncSession, now: datetime, *, project_id: int | None = None,
                     period_id: int | None = None) -> int:
    """Recompute the next instant of every invite of the project's (or period's) open
    periods, from `now` on; returns how many invites were written."""
    inputs = await reminder_schedule.schedule_inputs(session, project_id=project_id,
                                                     period_id=period_id)
    # One computation per distinct schedule: it depends on the invite's time only through
    # its local date, and a batch sends a whole period's invites at once.
    computed: dict[tuple[ReminderPolicy, str, date, date | None], datetime | None] = {}
    next_at = {}
    for item in inputs:
        invited_on = (local_date(item.invited_at, item.time_zone)
                      if item.invited_at is not None else None)
        key = (item.policy, item.time_zone, item.due_date, invited_on)
        if key not in computed:
            computed[key] = next_reminder_at(item.policy, item.time_zone, item.due_date, now,
                                             invited_at=item.invited_at)
        next_at[item.invite_id] = computed[key]
    await reminder_schedule.set_next(session, next_at)
    return len(next_at)


async def stop_period(session: AsyncSession, period_id: int) -> None:
    """The period closed: none of its invites is reminded again."""
    await reminder_schedule.clear_period(session, period_id)
