"""Helpers of the reminder tests: the demo's timeline, and reading what the scan wrote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from app.bootstrap import Container
from domain.commands import ProjectChanges, SendInvites
from domain.invites import BatchResult
from domain.model import Administrator
from domain.periods import local_date
from store import tables as t
from tests.support.world import World

# The demo period (November 2026, due the 25th, America/Chicago: UTC-6 after Nov 1) and
# the default policy: 08:00 local on the 22nd and the 24th, then daily from the 26th.
NOV_22_8AM = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
NOV_24_8AM = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
NOV_26_8AM = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
NOV_27_8AM = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


async def send_all(world: World) -> BatchResult:
    return await world.container.invites.send(
        world.admin, SendInvites(world.demo.billing_period_id, None))


async def rows(world: World, table: Any, *where: Any) -> list[Any]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(table).where(*where))).scalars())


async def reminder_mails(world: World) -> list[t.OutboxMessage]:
    return await rows(world, t.OutboxMessage, t.OutboxMessage.template == "reminder")


async def reminded_events(world: World) -> list[t.OutboxMessage]:
    return await rows(world, t.OutboxMessage, t.OutboxMessage.kind == "event",
                      t.OutboxMessage.idempotency_key.like("event:invite.reminded:%"))


async def invite_log(world: World, kind: str) -> list[t.InviteEvent]:
    return await rows(world, t.InviteEvent, t.InviteEvent.kind == kind)


async def next_reminders(world: World) -> dict[str, datetime | None]:
    """Commitment number -> the invite's next reminder instant."""
    async with world.container.ctx.sessions() as session:
        found = await session.execute(
            select(t.Commitment.number, t.Invite.next_reminder_at)
            .join(t.Invite, t.Invite.commitment_id == t.Commitment.id)
            .where(t.Invite.billing_period_id == world.demo.billing_period_id))
        return {key: value for key, value in found.all()}


async def invite_id_of(world: World, number: str) -> int:
    async with world.container.ctx.sessions() as session:
        found = await session.scalar(
            select(t.Invite.id).join(t.Commitment, t.Commitment.id == t.Invite.commitment_id)
            .where(t.Commitment.number == number,
                   t.Invite.billing_period_id == world.demo.billing_period_id))
        assert found is not None
        return int(found)


async def set_status(world: World, number: str, status: str) -> None:
    invite_id = await invite_id_of(world, number)
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.Invite).where(t.Invite.id == invite_id)
                              .values(status=status))


async def add_invoice(world: World, number: str, status: str) -> None:
    async with world.container.ctx.sessions.begin() as session:
        commitment = await session.scalar(select(t.Commitment.id).where(
            t.Commitment.number == number,
            t.Commitment.project_id == world.demo.project_id))
        session.add(t.Invoice(commitment_id=commitment, number=f"INV-{number}",
                              billing_period_id=world.demo.billing_period_id, status=status))


async def mark_undeliverable(world: World, email: str) -> None:
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.Person).where(t.Person.email == email)
                              .values(deliverable=False))


def recipients(mails: list[t.OutboxMessage], world_emails: dict[int, str]) -> set[str]:
    return {world_emails[mail.person_id] for mail in mails if mail.person_id is not None}


async def emails_by_person(world: World) -> dict[int, str]:
    async with world.container.ctx.sessions() as session:
        found = await session.execute(select(t.Person.id, t.Person.email))
        return {key: value for key, value in found.all()}


async def due_right_now(container: Container, admin: Administrator, period_id: int) -> None:
    """For processes that read the real clock: today's reminder of the period's invites is
    due now. The policy reminds today at 00:00 local, and the invites were sent two days
    ago (nothing goes out on the day of the invite)."""
    now = datetime.now(UTC)
    period = await container.projects.get_period(admin, period_id)
    project = await container.projects.get_project(admin, period.project_id)
    today = local_date(now, project.time_zone)
    await container.projects.change_project(admin, project.id, ProjectChanges(
        days_before=((period.due_date - today).days,), reminder_hour=0))
    async with container.ctx.sessions.begin() as session:
        await session.execute(update(t.Invite).where(t.Invite.billing_period_id == period_id)
                              .values(invited_at=now - timedelta(days=2),
                                      next_reminder_at=now - timedelta(minutes=1)))
