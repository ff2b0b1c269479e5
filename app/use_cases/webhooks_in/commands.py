"""Carrying out what other systems asked for: one method per inbound command.

Whoever acts for an inbound event is the first administrator (by id) of the company that
owns the project: invites it starts are sent in that administrator's name, exactly as if
they had pressed Send Invites (channel "webhook" in the invite's log).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from app.use_cases.invites.service import Invites
from app.use_cases.mail_in.bounces import Bounces
from app.use_cases.payments.service import Payments
from app.use_cases.projects.service import Projects
from app.use_cases.webhooks_in.commitment_sync import CommitmentSync, resolve_project
from domain.commands import SendInvites
from domain.errors import Conflict, NotFound
from domain.inbound_events import (
    EmailDeliveryReport,
    EventSender,
    InboundCommand,
    OpenPeriod,
    RecordPayment,
    RequestInvites,
    UpsertCommitment,
)
from domain.model import Administrator, Channel
from domain.money import format_money
from domain.payments import PaymentEntry
from store import invites, mapping, people, periods, projects
from store.tables import BillingPeriod, Project


async def acting_admin(session: AsyncSession, company_id: int) -> Administrator:
    person = await people.first_admin(session, company_id)
    if person is None or person.id is None:
        raise NotFound("the project's company has no administrator to act for this event")
    return mapping.administrator(person)


class WebhookCommands:
    def __init__(self, ctx: UseCaseContext, projects: Projects, invites: Invites,
                 commitments: CommitmentSync, bounces: Bounces,
                 payments: Payments | None = None) -> None:
        self.ctx = ctx
        self.payments = payments
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
        if isinstance(command, RecordPayment):
            return await self.record_payment(command, sender.company_id)
        assert isinstance(command, EmailDeliveryReport)
        return await self.bounces.report(command, company_id=sender.company_id)

    async def record_payment(self, command: RecordPayment, company_id: int | None) -> str:
        """`invoice.paid`: only for the source's own company (an operator's source, which
        acts for every company, names none and may not record payments)."""
        if company_id is None or self.payments is None:
            raise NotFound("payments are recorded by a source that belongs to a company")
        done = await self.payments.record_from_webhook(
            company_id, command.invoice_id,
            PaymentEntry(command.amount, command.paid_on, command.method, command.reference),
            command.external_id)
        return (f"invoice {done.invoice_id}: {done.status.value}, paid "
                f"{format_money(done.paid)} of {format_money(done.current_payment_due)}")

    async def open_period(self, command: OpenPeriod, company_id: int | None) -> str:
        """Open the period (closing the previous one); the same dates again are not an
        error, so the event can be sent twice. `send_invites` invites the commitments that
        have no invite in the period yet (on a repeat: none, or those a crash missed)."""
        wanted = command.period.validated()
        async with self.ctx.sessions() as session:
            project = await resolve_project(session, command.project, company_id)
            admin = await acting_admin(session, project.company_id)
            assert project.id is not None
            existing = await periods.period_with_dates(session, project.id, wanted.start_date,
                                                       wanted.end_date)
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
            invited = await invites.invited_commitment_ids(session, period_id)
            every = await invites.commitment_ids_of(session, project.id)
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
            period.id, ids, resend_answered=command.resend_answered, channel=Channel.WEBHOOK,
            invoice_type=command.invoice_type))
        done = (f"batch {result.batch_id}: {result.invited} invited, {result.resent} resent, "
                f"{len(result.skipped)} skipped")
        return done + (f"; unknown external ids: {', '.join(unknown)}" if unknown else "")


async def _target_period(session: AsyncSession, command: RequestInvites,
                         company_id: int | None) -> tuple[BillingPeriod, Project]:
    if command.billing_period_id is not None:
        found = await periods.period_and_project(session, command.billing_period_id)
        if found is None or company_id not in (None, found[1].company_id):
            raise NotFound(f"billing period {command.billing_period_id} not found")
        return found
    assert command.project is not None
    project = await resolve_project(session, command.project, company_id)
    assert project.id is not None
    period = await periods.latest_open_period(session, project.id)
    if period is None:
        raise NotFound(f"project {project.id} has no open billing period")
    return period, project


async def _commitment_ids(session: AsyncSession, project_id: int | None,
                          command: RequestInvites) -> tuple[tuple[int, ...] | None, list[str]]:
    """Our ids for the references (None: all); external ids the project lacks are listed.
    Our ids are passed on as given: the batch skips those not in the project."""
    if command.commitments is None:
        return None, []
    external = [ref.external_id for ref in command.commitments if ref.external_id]
    found = await projects.commitment_ids_by_external_id(session, project_id, external)
    ids = [ref.id if ref.id is not None else found.get(ref.external_id or "")
           for ref in command.commitments]
    unknown = [ref for ref in external if ref not in found]
    return tuple(i for i in ids if i is not None), unknown
