"""Carrying out what other systems asked for: one method per inbound command.

Whoever acts for an inbound event is the first administrator (by id) of the company that
owns the project: invites it starts are sent in that administrator's name, exactly as if
they had pressed Send Invites (channel "webhook" in the invite's log).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.use_cases.bounces import Bounces
from app.use_cases.commitment_sync import CommitmentSync, resolve_project
from app.use_cases.context import UseCaseContext
from app.use_cases.invites import Invites
from app.use_cases.projects import Projects
from domain.commands import SendInvites
from domain.errors import Conflict, NotFound
from domain.inbound_events import (
    EmailDeliveryReport,
    EventSender,
    InboundCommand,
    OpenPeriod,
    RequestInvites,
    UpsertCommitment,
)
from domain.model import Administrator, Channel
from store import tables as t
from store import webhooks as wq


async def acting_admin(session: AsyncSession, company_id: int) -> Administrator:
    person = await wq.first_admin(session, company_id)
    if person is None or person.id is None:
        raise NotFound("the project's company has no administrator to act for this event")
    return Administrator(person_id=person.id, company_id=person.company_id, name=person.name,
                         email=person.email)


class InboundCommands:
    def __init__(self, ctx: UseCaseContext, projects: Projects, invites: Invites,
                 commitments: CommitmentSync, bounces: Bounces) -> None:
        self.ctx = ctx
        self.projects = projects
        self.invites = invites
        self.commitments = commitments
        self.bounces = bounces

    async def carry_out(self, command: InboundCommand, sender: EventSender) -> str:
        """Do it for `sender`, within its company's projects; returns a line for the
        received event's record. Domain errors mean it cannot be done (the event fails with
        the error's message)."""
        if isinstance(command, UpsertCommitment):
            return await self.commitments.upsert(command, sender)
        if isinstance(command, OpenPeriod):
            return await self.open_period(command, sender.company_id)
        if isinstance(command, RequestInvites):
            return await self.request_invites(command, sender.company_id)
        assert isinstance(command, EmailDeliveryReport)
        return await self.bounces.report(command, company_id=sender.company_id)

    async def open_period(self, command: OpenPeriod, company_id: int | None) -> str:
        """Open the period (closing the previous one); the same dates again are not an
        error, so the event can be sent twice. `send_invites` invites the commitments that
        have no invite in the period yet (on a repeat: none, or those a crash missed)."""
        wanted = command.period.validated()
        async with self.ctx.sessions() as session:
            project = await resolve_project(session, command.project, company_id)
            admin = await acting_admin(session, project.company_id)
            existing = await _period(session, project.id, wanted.start_date, wanted.end_date)
        if existing is None:
            period_id = (await self.projects.open_period(admin, project.id, wanted)).id
            done = f"billing period {period_id} opened"
        elif existing.status != "open":
            raise Conflict(f"billing period {existing.id} with these dates is closed",
                           code="period_closed")
        else:
            period_id, done = existing.id, f"billing period {existing.id} was already open"
        if not command.send_invites:
            return done
        async with self.ctx.sessions() as session:
            invited = set((await session.execute(select(t.Invite.commitment_id).where(
                t.Invite.billing_period_id == period_id))).scalars())
            every = (await session.execute(select(t.Commitment.id).where(
                t.Commitment.project_id == project.id).order_by(t.Commitment.id))).scalars()
            uninvited = tuple(cid for cid in every if cid not in invited)
        if not uninvited:
            return done + "; every commitment was invited already"
        result = await self.invites.send(admin, SendInvites(period_id, uninvited,
                                                            channel=Channel.WEBHOOK))
        return done + (f"; batch {result.batch_id} invited {result.invited}, skipped "
                       f"{len(result.skipped)}")

    async def request_invites(self, command: RequestInvites, company_id: int | None) -> str:
        async with self.ctx.sessions() as session:
            period, project = await _target_period(session, command, company_id)
            admin = await acting_admin(session, project.company_id)
            ids, unknown = await _commitment_ids(session, project.id, command)
        if ids is not None and not ids:
            raise NotFound(f"no commitment of the project matches: {', '.join(unknown)}")
        result = await self.invites.send(admin, SendInvites(
            period.id, ids, resend_answered=command.resend_answered, channel=Channel.WEBHOOK))
        done = (f"batch {result.batch_id}: {result.invited} invited, {result.resent} resent, "
                f"{len(result.skipped)} skipped")
        return done + (f"; unknown external ids: {', '.join(unknown)}" if unknown else "")


async def _period(session: AsyncSession, project_id: int | None, start: date,
                  end: date) -> t.BillingPeriod | None:
    query = select(t.BillingPeriod).where(t.BillingPeriod.project_id == project_id,
                                          t.BillingPeriod.start_date == start,
                                          t.BillingPeriod.end_date == end)
    return (await session.execute(query)).scalars().first()


async def _target_period(session: AsyncSession, command: RequestInvites,
                         company_id: int | None) -> tuple[t.BillingPeriod, t.Project]:
    if command.billing_period_id is not None:
        period = await session.get(t.BillingPeriod, command.billing_period_id)
        project = None if period is None else await session.get(t.Project, period.project_id)
        if period is None or project is None or company_id not in (None, project.company_id):
            raise NotFound(f"billing period {command.billing_period_id} not found")
        return period, project
    assert command.project is not None
    project = await resolve_project(session, command.project, company_id)
    found = (await session.execute(select(t.BillingPeriod).where(
        t.BillingPeriod.project_id == project.id, t.BillingPeriod.status == "open")
        .order_by(col(t.BillingPeriod.start_date).desc()))).scalars().first()
    if found is None:
        raise NotFound(f"project {project.id} has no open billing period")
    return found, project


async def _commitment_ids(session: AsyncSession, project_id: int | None,
                          command: RequestInvites) -> tuple[tuple[int, ...] | None, list[str]]:
    """Our ids for the references (None: all); external ids the project lacks are listed.
    Our ids are passed on as given: the batch skips those not in the project."""
    if command.commitments is None:
        return None, []
    external = [ref.external_id for ref in command.commitments if ref.external_id]
    query = select(t.Commitment.external_id, t.Commitment.id).where(
        t.Commitment.project_id == project_id, t.Commitment.external_id.in_(external))
    found: dict[str | None, int] = (
        dict((await session.execute(query)).all()) if external else {})
    ids = [ref.id if ref.id is not None else found.get(ref.external_id)
           for ref in command.commitments]
    unknown = [ref for ref in external if ref not in found]
    return tuple(i for i in ids if i is not None), unknown
