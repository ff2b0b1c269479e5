"""Sending a batch of invites, and reading a period's invite statuses (one use case)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.invites import _views as views
from app.use_cases.reminders.schedule import first_reminder_at
from app.use_cases.webhooks_out.events import invite_sent_events
from domain.commands import SendInvites
from domain.errors import Conflict, NotFound
from domain.invites import BatchResult, SendAction, Skipped, SkipReason, decide_send
from domain.listing import InviteFilter, PageRequest
from domain.model import Administrator, BatchProgress, Channel, InviteRecord, PeriodInvites
from domain.periods import ensure_not_past_due
from mailer.message_ids import new_message_id
from store import commitment_edits, invite_lists, invites, mapping, outbox, periods, statistics
from store.reminder_schedule import set_next_of_all


def reply_token() -> str:
    # Lower-case and short: it is the local part of bill+<token>@ (RFC 5321 caps at 64).
    return secrets.token_hex(10)


class Invites:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs

    async def period_invites(self, admin: Administrator, period_id: int,
                             wanted: InviteFilter | None = None,
                             page: PageRequest | None = None) -> PeriodInvites:
        """The period's counts and its commitments' invites: those `wanted` keeps, one
        page of them when `page` is given (keyset, by commitment id)."""
        async with self.ctx.sessions() as session:
            return await views.period_invites(session, admin, period_id, wanted, page)

    async def invite(self, admin: Administrator, invite_id: int) -> InviteRecord:
        async with self.ctx.sessions() as session:
            return await views.invite(session, admin, invite_id)

    async def batch(self, admin: Administrator, batch_id: int) -> BatchProgress:
        async with self.ctx.sessions() as session:
            return await views.batch(session, admin, batch_id)

    async def send(self, admin: Administrator, request: SendInvites) -> BatchResult:
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            found = await periods.period_with_project(session, admin.company_id, request.period_id)
            if found is None:
                raise NotFound(f"billing period {request.period_id} not found")
            period, project = found
            if period.status != "open":
                raise Conflict("the billing period is closed", code="period_closed")
            ensure_not_past_due(now, period.due_date, project.time_zone)
            known = set(await invites.commitment_ids_of(session, project.id))
            if request.matching is not None and request.commitment_ids is None:
                wanted = await invite_lists.all_matching_ids(session, project.id, period.id,
                                                             request.matching)
            else:
                wanted = sorted(known) if request.commitment_ids is None else list(
                    dict.fromkeys(request.commitment_ids))
            skipped = [Skipped(cid, SkipReason.NOT_FOUND) for cid in wanted if cid not in known]
            # Closed commitments get no invites (app/use_cases/commitments/).
            closed = await commitment_edits.closed_ids(session, [c for c in wanted if c in known])
            skipped += [Skipped(cid, SkipReason.COMMITMENT_CLOSED) for cid in wanted
                        if cid in closed]
            states = await invites.states(session, period.id,
                                          [c for c in wanted if c in known and c not in closed])
            batch = await invites.add_batch(session, period_id=period.id,
                                            admin_id=admin.person_id,
                                            channel=request.channel.value, now=now)
            plan = _plan(states, request.resend_answered, skipped)
            # Every invite of the batch is sent now for the same period: one schedule.
            first_reminder = first_reminder_at(mapping.project(project).reminders,
                                               project.time_zone, period.due_date, now)
            new_ids = await invites.insert_invites(session, [
                dict(billing_period_id=period.id, commitment_id=cid, status="invited",
                     invited_by_id=admin.person_id, invited_at=now, reply_token=reply_token(),
                     next_reminder_at=first_reminder, created_at=now, updated_at=now,
                     invoice_type=request.invoice_type.value)
                for cid in plan.new])
            resent = {cid: invite_id for cid in plan.resend
                      if (invite_id := states[cid].invite_id) is not None}
            await invites.reinvite(session, list(resent.values()), admin.person_id, now,
                                   request.invoice_type.value)
            await set_next_of_all(session, list(resent.values()), first_reminder)
            invite_of = {**new_ids, **resent}
            await invites.add_events(session, [
                dict(invite_id=invite_of[cid], kind="invited" if cid in new_ids else "resent",
                     person_id=admin.person_id, channel=request.channel.value, at=now,
                     detail={"batch_id": batch.id,
                             "invoice_type": request.invoice_type.value})
                for cid in [*plan.new, *plan.resend]])
            rows = self._outbox_rows(batch.id, plan, states, invite_of, new_ids, now)
            await outbox.enqueue(session, rows)
            # `invite.sent` for webhook subscribers, in the batch's transaction.
            await outbox.enqueue(session, invite_sent_events([
                {"invite_id": invite_of[cid], "billing_period_id": period.id,
                 "commitment_id": cid, "project_id": project.id, "batch_id": batch.id,
                 "resend": cid not in new_ids,
                 "contact_ids": list(states[cid].deliverable_ids)}
                for cid in [*plan.new, *plan.resend]], now))
            batch.invited = len(plan.new) + len(plan.resend)
            batch.skipped = [{"commitment_id": s.commitment_id, "reason": s.reason.value,
                              "message": s.message} for s in plan.skipped]
            batch_id = batch.id
        await self.jobs.wake_email_delivery()
        await self.jobs.wake_webhooks()
        # After the wake-up: the mail need not wait for the statistics.
        await statistics.refresh_after_bulk_write(self.ctx.engine, len(plan.new),
                                                  statistics.INVITED)
        return BatchResult(batch_id, len(plan.new), len(plan.resend), len(rows),
                           tuple(plan.skipped))

    async def revoke_links(self, admin: Administrator, invite_id: int,
                           channel: Channel = Channel.API) -> InviteRecord:
        """Make every Yes/No link mailed so far for the invite stop working (403 with a
        page saying a newer invitation replaced it). Mail sent later (a resend, a
        reminder) carries links of the new version. NotFound for another company's."""
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            invite = await invites.invite_row(session, invite_id)
            if invite is None or not await periods.period_with_project(
                    session, admin.company_id, invite.billing_period_id):
                raise NotFound(f"invite {invite_id} not found")
            version = await invites.revoke_links(session, invite_id, now)
            await invites.add_events(session, [dict(
                invite_id=invite_id, kind="links_revoked", person_id=admin.person_id,
                channel=channel.value, at=now, detail={"token_version": version})])
        return await self.invite(admin, invite_id)

    def _outbox_rows(self, batch_id: int, plan: _Plan, states: dict[int, invites.CommitmentState],
                     invite_of: dict[int, int], new_ids: dict[int, int],
                     now: datetime) -> list[dict[str, Any]]:
        domain = self.ctx.settings.inbound_domain
        rows = []
        for cid in [*plan.new, *plan.resend]:
            invite_id = invite_of[cid]
            stage = "initial" if cid in new_ids else f"resend:{batch_id}"
            for person_id in states[cid].deliverable_ids:
                rows.append(outbox.pending_row(
                    kind="email", template="invite", batch_id=batch_id, invite_id=invite_id,
                    person_id=person_id, now=now,
                    idempotency_key=f"invite:{invite_id}:contact:{person_id}:{stage}",
                    message_id=new_message_id(domain),
                    payload={"resend": cid not in new_ids}))
        return rows


@dataclass
class _Plan:
    new: list[int]
    resend: list[int]
    skipped: list[Skipped]


def _plan(states: dict[int, invites.CommitmentState], resend_answered: bool,
          skipped: list[Skipped]) -> _Plan:
    plan = _Plan([], [], list(skipped))
    for cid, state in states.items():
        decision = decide_send(state.status, contacts=len(state.contact_ids),
                               deliverable_contacts=len(state.deliverable_ids),
                               invoice_sent=state.invoice_sent,
                               resend_answered=resend_answered)
        if decision.action is SendAction.SEND:
            plan.new.append(cid)
        elif decision.action is SendAction.RESEND:
            plan.resend.append(cid)
        else:
            assert decision.reason is not None
            plan.skipped.append(Skipped(cid, decision.reason))
    return plan
