"""Answering an invite Yes or No: one use case for every channel (the link's page, a reply
by email). It checks the invite, the contact and the link's version, applies the domain's
rules with the clock's `now`, and writes the answer, its event and its outbox rows in one
transaction: the `invite.accepted`/`invite.declined` webhook event and, on a decline, a
notice to the administrator who sent the invite.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from typing import Any

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from domain.answers import (
    AnswerRequest,
    AnswerResult,
    AnswerRules,
    AnswerView,
    check_access,
    ensure_open,
)
from domain.errors import NotFound
from domain.invites import answer_invite
from domain.model import InviteStatus
from domain.reminders import answer_wakes_reminders
from mailer.message_ids import new_message_id
from store import answer_writes, answers
from store.engine import connection_limit
from store.outbox import pending_row

# Column sizes of invite_event: longer values are cut, never refused.
MAX_IP = 64
MAX_USER_AGENT = 400
EVENT_TYPES = {InviteStatus.ACCEPTED: "invite.accepted", InviteStatus.DECLINED: "invite.declined"}


class Answers:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs
        # First come, first served for the database: SQLAlchemy's pool gives a returned
        # connection to whichever task asks first (an asyncio.Queue lets a newcomer pass
        # the waiters it woke), so in a burst of answers some waited many times longer
        # than the rest. Queued here instead, in order (bench/answers.py: p99 went from
        # 4.5 to about 2 times the median at 64 concurrent clients).
        self._slots = asyncio.Semaphore(connection_limit(ctx.engine))

    async def view(self, invite_id: int, contact_id: int,
                   token_version: int | None) -> AnswerView:
        """The invite as the contact's page shows it. NotFound when it no longer exists;
        Forbidden (with the reason) for a replaced link or a removed contact."""
        async with self._slots, self.ctx.engine.connect() as connection:
            facts = await answers.invite_facts(connection, invite_id, contact_id)
        if facts is None:
            raise NotFound("This invite no longer exists.")
        check_access(facts, token_version)
        return AnswerView(facts, self.ctx.clock())

    async def answer(self, request: AnswerRequest) -> AnswerResult:
        """Record the answer. Repeating the current answer changes and writes nothing.

        Raises NotFound, Forbidden (replaced link, removed contact), PastDue (after the
        cutoff or in a closed period) or Conflict (declining once an invoice was sent).
        """
        now = self.ctx.clock()
        # A Core connection, not an ORM session: this is the hot path of the answer pages.
        async with self._slots, self.ctx.engine.begin() as db:
            found = await answers.answer_rules(db, request.invite_id, request.contact_id)
            if found is None:
                raise NotFound("This invite no longer exists.")
            rules, contact = found
            if not rules.admits(request.token_version, now):
                # Refused: read what the refusal must say (whom to ask, which commitment).
                facts = await answers.invite_facts(db, request.invite_id, request.contact_id)
                if facts is None:
                    raise NotFound("This invite no longer exists.")
                check_access(facts, request.token_version)
                ensure_open(facts, now)
            outcome = answer_invite(rules.status, request.answer, past_due=False,
                                    invoice_sent=rules.invoice_sent)
            if not outcome.changed:
                return AnswerResult(rules, request.answer, changed=False, contact=contact)
            after = replace(rules, status=outcome.status)
            await answer_writes.record_answer(
                db, invite_id=rules.invite_id, status=outcome.status,
                contact_id=rules.contact_id, now=now, event={
                    "invite_id": rules.invite_id, "kind": outcome.status.value,
                    "person_id": rules.contact_id, "channel": request.channel.value,
                    "at": now, "ip_address": _cut(request.ip_address, MAX_IP),
                    "user_agent": _cut(request.user_agent, MAX_USER_AGENT),
                    "detail": {"previous_status": rules.status.value}},
                outbox_rows=self._outbox_rows(rules, after, request, now),
                wake_reminders=answer_wakes_reminders(rules.status, after.status))
        if self._notifies(after):
            await self.jobs.wake_email_delivery()
        await self.jobs.wake_webhooks()  # the invite.accepted/declined event is queued
        return AnswerResult(after, request.answer, changed=True, contact=contact)

    @staticmethod
    def _notifies(after: AnswerRules) -> bool:
        return after.status is InviteStatus.DECLINED and after.inviter_id is not None

    def _outbox_rows(self, before: AnswerRules, after: AnswerRules, request: AnswerRequest,
                     now: datetime) -> list[dict[str, Any]]:
        """The webhook event and, for a No, the administrator's notice; their keys name the
        event (answer_writes.EVENT_ID, filled in as the event is written)."""
        event_type = EVENT_TYPES[after.status]
        rows = [pending_row(
            kind="event", template=None, invite_id=after.invite_id, person_id=after.contact_id,
            idempotency_key=f"event:{event_type}:{after.invite_id}:{answer_writes.EVENT_ID}",
            message_id=None, now=now,
            payload={"type": event_type, "data": {
                "invite_id": after.invite_id, "billing_period_id": after.billing_period_id,
                "commitment_id": after.commitment_id, "contact_id": after.contact_id,
                "status": after.status.value, "previous_status": before.status.value,
                "channel": request.channel.value, "at": now.isoformat()}})]
        if self._notifies(after):
            domain = self.ctx.settings.inbound_domain
            rows.append(pending_row(
                kind="email", template="declined_notice", invite_id=after.invite_id,
                person_id=after.inviter_id,
                idempotency_key=f"declined-notice:{after.invite_id}:{answer_writes.EVENT_ID}",
                message_id=new_message_id(domain), now=now,
                payload={"contact_id": after.contact_id, "answered_at": now.isoformat()}))
        return rows


def _cut(value: str | None, size: int) -> str | None:
    return value[:size] if value else None

