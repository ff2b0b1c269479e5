"""Automatic billing periods: the scheduler's run (an arq cron job on the workers, a timer
inside `serve`).

For each project whose periods open by themselves it asks the domain
(domain/period_defaults.period_to_open) which period should be open at this moment in the
project's zone; when that period is missing it opens it (closing the previous one) and, in
the same transaction, queues a `period_opened` mail to each of the company's
administrators. Two runs, or two workers at once, never open two: the second finds the
period (or the database's unique project/start/end key refuses its insert) and moves on.
When the project asks for it, the invites then go to every commitment through the Invites
service, in the name of the company's first administrator.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.projects._opening import existing_ranges, open_in
from domain.commands import NewBillingPeriod, SendInvites
from domain.errors import DomainError
from domain.model import Administrator, BillingPeriod, Channel, Project
from domain.period_defaults import period_to_open
from mailer.message_ids import new_message_id
from store import mapping, outbox, people, periods

log = logging.getLogger("itb.periods")
SendInvitesCall = Callable[[Administrator, SendInvites], Awaitable[object]]


@dataclass(frozen=True)
class OpenedPeriod:
    project_id: int
    project_name: str
    period: BillingPeriod
    admin: Administrator | None
    send_invites: bool


@dataclass
class OpeningRun:
    at: datetime
    projects_seen: int = 0
    opened: list[OpenedPeriod] = field(default_factory=list)


class AutomaticPeriods:
    """`send_invites` is the Invites service's `send` (handed over by app/bootstrap.py:
    capabilities of one row never import each other)."""

    def __init__(self, ctx: UseCaseContext, jobs: JobQueue,
                 send_invites: SendInvitesCall) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.send_invites = send_invites

    async def run(self, at: datetime | None = None) -> OpeningRun:
        at = self.ctx.clock() if at is None else at
        async with self.ctx.sessions() as session:
            candidates = [mapping.project(row)
                          for row in await periods.automatic_projects(session)]
        run = OpeningRun(at, projects_seen=len(candidates))
        for project in candidates:
            try:
                opened = await self._open(project, at)
            except IntegrityError:
                continue  # another worker opened it a moment ago
            except DomainError as exc:
                log.warning("automatic period not opened",
                            extra={"project_id": project.id, "reason": exc.message})
                continue
            if opened is not None:
                run.opened.append(opened)
        if run.opened:
            log.info("billing periods opened", extra={"periods": len(run.opened)})
            await self.jobs.wake_email_delivery()
        for opened in run.opened:
            await self._invite(opened)
        return run

    async def _open(self, project: Project, at: datetime) -> OpenedPeriod | None:
        defaults = project.period_defaults
        async with self.ctx.sessions.begin() as session:
            ranges = await existing_ranges(session, project.id)
            dates = period_to_open(defaults, at, project.time_zone, ranges)
            if dates is None:
                return None
            now = self.ctx.clock()
            period = await open_in(session, project.id, NewBillingPeriod(
                dates.start_date, dates.end_date, dates.due_date), now, ranges)
            admins = await people.admins_of(session, project.company_id)
            domain = self.ctx.settings.inbound_domain
            await outbox.enqueue(session, [outbox.pending_row(
                kind="email", template="period_opened", person_id=admin.id, now=now,
                idempotency_key=f"period-opened:{period.id}:{admin.id}",
                message_id=new_message_id(domain),
                payload={"billing_period_id": period.id,
                         "send_invites": defaults.send_invites}) for admin in admins])
        first = mapping.administrator(admins[0]) if admins else None
        return OpenedPeriod(project.id, project.name, period, first, defaults.send_invites)

    async def _invite(self, opened: OpenedPeriod) -> None:
        if not opened.send_invites or opened.admin is None or opened.period.id is None:
            return
        try:
            await self.send_invites(opened.admin, SendInvites(
                opened.period.id, None, channel=Channel.SYSTEM))
        except DomainError as exc:
            log.warning("automatic invites not sent",
                        extra={"billing_period_id": opened.period.id, "reason": exc.message})
