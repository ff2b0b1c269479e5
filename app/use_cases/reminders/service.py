"""The reminder scan: a function of the database and a moment.

It takes the invites whose next reminder instant has come (indexed), decides for each
(app/use_cases/reminders/_plan.py, the rules in domain/reminders.py), and in the same
transaction writes one `reminder` mail per deliverable contact, keyed
`reminder:<invite>:<contact>:<local date>`, a `reminded` event and an `invite.reminded`
webhook row for each invite reminded, and the invite's next instant. So running it twice,
or from two workers at once, sends nothing twice; after downtime an invite's instant lies
in the past and the scan sends only today's reminder, if its hour has come: never a
backlog. Sending is the outbox's job; the scan only wakes it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.reminders._plan import (
    Cadence,
    InvitePlan,
    invite_event,
    mail_rows,
    plan_invite,
    reminded,
    webhook_event_row,
)
from app.use_cases.reminders._waivers import remind_unsigned_waivers
from domain.reminders import ReminderKind
from store import invites, outbox, reminder_schedule, reminders
from store.reminders import ContactFacts

log = logging.getLogger("itb.reminders")
CHUNK = 500  # invites decided per transaction: short locks, bounded memory


@dataclass(frozen=True)
class QueuedReminder:
    """One reminder mail the scan wrote (or, in a dry run, would write)."""

    project_id: int
    project_name: str
    project_number: str
    invite_id: int
    commitment_number: str
    commitment_title: str
    contact_email: str
    kind: ReminderKind
    local_date: date
    due_date: date
    # False when a reminder with the same key existed already: nothing new was written.
    new: bool


@dataclass
class ReminderRun:
    at: datetime
    dry_run: bool
    invites_seen: int = 0
    reminders: list[QueuedReminder] = field(default_factory=list)
    waiver_reminders: int = 0  # reminders for unsigned lien waivers

    @property
    def queued(self) -> int:
        return sum(1 for reminder in self.reminders if reminder.new)

    def add(self, plans: Sequence[InvitePlan], new_keys: set[str]) -> None:
        self.invites_seen += len(plans)
        for plan in plans:
            for contact in plan.recipients:
                self.reminders.append(_queued(plan, contact, plan.key(contact) in new_keys))


class Reminders:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs

    async def scan(self, at: datetime | None = None, *, dry_run: bool = False,
                   chunk: int = CHUNK) -> ReminderRun:
        """Queue the reminders due at `at` (default: now); `dry_run` writes nothing."""
        at = self.ctx.clock() if at is None else at
        if dry_run:
            return await self._dry_run(at)
        run, cadence = ReminderRun(at, dry_run=False), Cadence(at)
        while True:
            async with self.ctx.sessions.begin() as session:
                claimed = await reminders.claim_due(session, at, chunk)
                plans = [plan_invite(invite, cadence)
                         for invite in await reminders.due_invites(session, claimed)]
                new_keys = await self._write(session, plans)
            run.add(plans, new_keys)
            if len(claimed) < chunk:
                break
        async with self.ctx.sessions.begin() as session:
            run.waiver_reminders = await remind_unsigned_waivers(
                session, at, self.ctx.settings.inbound_domain)
        if run.waiver_reminders:
            await self.jobs.wake_email_delivery()
        if run.queued:
            log.info("reminders queued", extra={"reminders": run.queued,
                                                "invites": run.invites_seen})
            await self.jobs.wake_email_delivery()
            await self.jobs.wake_webhooks()  # invite.reminded events are queued too
        return run

    async def _write(self, session: AsyncSession, plans: list[InvitePlan]) -> set[str]:
        now, domain = self.ctx.clock(), self.ctx.settings.inbound_domain
        new_keys = await reminders.enqueue_new(session, [
            row for plan in plans for row in mail_rows(plan, domain, now)])
        events, webhook_rows = [], []
        for plan in plans:
            contacts = reminded(plan, new_keys)
            if contacts:
                events.append(invite_event(plan, contacts, now))
                webhook_rows.append(webhook_event_row(plan, contacts, now))
        await invites.add_events(session, events)
        await outbox.enqueue(session, webhook_rows)
        await reminder_schedule.set_next(session, {plan.invite.invite_id: plan.next_at
                                                   for plan in plans})
        return new_keys

    async def _dry_run(self, at: datetime) -> ReminderRun:
        run, cadence = ReminderRun(at, dry_run=True), Cadence(at)
        async with self.ctx.sessions() as session:
            ids = await reminders.due_ids(session, at)
            for start in range(0, len(ids), CHUNK):
                plans = [plan_invite(invite, cadence) for invite in
                         await reminders.due_invites(session, ids[start:start + CHUNK])]
                keys = [plan.key(contact) for plan in plans for contact in plan.recipients]
                run.add(plans, set(keys) - await reminders.existing_keys(session, keys))
        return run


def _queued(plan: InvitePlan, contact: ContactFacts, new: bool) -> QueuedReminder:
    invite, reminder = plan.invite, plan.reminder
    assert reminder is not None
    return QueuedReminder(
        project_id=invite.project_id, project_name=invite.project_name,
        project_number=invite.project_number, invite_id=invite.invite_id,
        commitment_number=invite.commitment_number,
        commitment_title=invite.commitment_title, contact_email=contact.email,
        kind=reminder.kind, local_date=reminder.local_date, due_date=invite.due_date, new=new)
