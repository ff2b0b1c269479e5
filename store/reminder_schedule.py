"""Each invite's next reminder instant: what it depends on, and writing it.

The scan advances the instant itself; use cases that change what the schedule depends on
(the invite date, the project's policy, the period's due date or its closing) write it
again through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Table, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import ReminderPolicy
from store.mapping import reminder_policy
from store.tables import BillingPeriod, Commitment, Invite, Project

INVITE: Table = Invite.__table__

async def set_next(session: AsyncSession, next_at: Mapping[int, datetime | None]) -> None:
    """Write each invite's next reminder instant (None: no more reminders).

    One UPDATE per distinct instant: the invites of a period mostly share theirs.
    """
    by_instant: dict[datetime | None, list[int]] = defaultdict(list)
    for invite_id, at in next_at.items():
        by_instant[at].append(invite_id)
    for at, invite_ids in by_instant.items():
        await set_next_of_all(session, invite_ids, at)


async def set_next_of_all(session: AsyncSession, invite_ids: list[int],
                          at: datetime | None) -> None:
    """The same next instant for many invites (a batch sends them at the same moment)."""
    if invite_ids:
        await session.execute(update(INVITE).where(INVITE.c.id.in_(invite_ids))
                              .values(next_reminder_at=at))


@dataclass(frozen=True)
class ScheduleInput:
    """What an invite's reminder schedule depends on."""

    invite_id: int
    invited_at: datetime | None
    due_date: date
    time_zone: str
    policy: ReminderPolicy


async def schedule_inputs(session: AsyncSession, *, project_id: int | None = None,
                          period_id: int | None = None) -> list[ScheduleInput]:
    """The invites of the project's (or the period's) open periods; a closed commitment's
    are left alone (closing it stopped their reminders)."""
    i, bp, p = Invite, BillingPeriod, Project
    # The invite's own due date once a late request is granted, else the period's.
    query = (select(i.id, i.invited_at, func.coalesce(i.extended_due_date, bp.due_date),
                    p.time_zone, p.reminder_days_before,
                    p.reminder_hour, p.reminder_daily_after_due, p.reminder_max_after_due,
                    p.reminder_every_days_before)
             .join(bp, bp.id == i.billing_period_id).join(p, p.id == bp.project_id)
             .join(Commitment, Commitment.id == i.commitment_id)
             .where(bp.status == "open", Commitment.status != "closed"))
    if project_id is not None:
        query = query.where(bp.project_id == project_id)
    if period_id is not None:
        query = query.where(bp.id == period_id)
    return [ScheduleInput(row[0], row[1], row[2], row[3], reminder_policy(*row[4:9]))
            for row in (await session.execute(query)).all()]


async def clear_period(session: AsyncSession, period_id: int) -> None:
    """No more reminders for a period (it closed)."""
    await session.execute(update(INVITE).where(INVITE.c.billing_period_id == period_id)
                          .values(next_reminder_at=None))
