"""Processing received webhooks (outbox kind "inbound"), after the sender had its answer.

Each event is parsed again from the stored body (it was validated when it arrived) and
carried out by WebhookCommands for its sender. An API-managed source acts only within its
own company: an event naming another company's project fails as "not found", exactly as
for a project that does not exist, so it neither changes nor reveals it. A domain
error (an unknown project, a closed period) fails the event for good, its reason recorded;
an unexpected error is retried with backoff, like mail, and fails the event when the
retries are used up.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping
from typing import Any

from app.use_cases.context import UseCaseContext
from app.use_cases.leases import LeaseKeeper
from app.use_cases.webhooks_in.commands import WebhookCommands
from domain.errors import DomainError, NotFound
from domain.inbound_events import EventSender, ReceiptStatus
from domain.retry import next_attempt_at
from store import outbox, received_webhooks
from webhooks.inbound_parsing import parse_event

log = logging.getLogger("itb.inbound")


class WebhookEventProcessing:
    def __init__(self, ctx: UseCaseContext, commands: WebhookCommands,
                 configured_sources: frozenset[str]) -> None:
        self.ctx = ctx
        self.configured_sources = configured_sources  # named in ITB_WEBHOOK_SECRETS
        self.commands = commands

    async def process_due(self, *, limit: int = 20) -> int:
        """Process every due event; returns how many were handled."""
        handled = 0
        while rows := await self._claim(limit):
            async with LeaseKeeper(self.ctx.engine, self.ctx.clock, rows) as leases:
                for row in rows:
                    await self._process(row)
                    leases.release(row["id"])
                    handled += 1
        return handled

    async def _claim(self, limit: int) -> list[Any]:
        async with self.ctx.engine.begin() as connection:
            return await outbox.claim_due(connection, "inbound", self.ctx.clock(), limit)

    async def _process(self, row: Mapping[str, Any]) -> None:
        received_id = row["payload"]["received_id"]
        async with self.ctx.sessions() as session:
            received = await received_webhooks.received_row(session, received_id)
        if received is None:  # purged, or deleted by hand
            async with self.ctx.sessions.begin() as session:
                await outbox.mark_failed(session, row["id"], "the received event is gone")
            return
        try:
            command = parse_event(received.body)
            done = await self.commands.carry_out(command, await self._sender(received.source))
        except DomainError as exc:
            await self._finish(row["id"], received_id, ReceiptStatus.FAILED, exc.message)
        except Exception as exc:
            log.exception("processing a received webhook failed",
                          extra={"received_id": received_id, "event_type": received.event_type})
            when = next_attempt_at(row["attempts"], self.ctx.clock(), random.random())  # noqa: S311
            async with self.ctx.sessions.begin() as session:
                await outbox.mark_retry(session, row["id"], str(exc), when)
            if when is None:
                await self._finish(None, received_id, ReceiptStatus.FAILED,
                                   f"processing failed repeatedly: {exc}")
        else:
            await self._finish(row["id"], received_id, ReceiptStatus.PROCESSED, done)

    async def _sender(self, source: str) -> EventSender:
        """Sources in settings act for any company; an API-managed source only for its
        own, whose projects are the only ones its events can name (another company's
        answers "not found", as a project that does not exist)."""
        if source in self.configured_sources:
            return EventSender(source, None)
        async with self.ctx.sessions() as session:
            company_id = await received_webhooks.source_company(session, source)
        if company_id is None:  # the receiver only stores events of known sources
            raise NotFound(f"webhook source {source!r} is not known")
        return EventSender(source, company_id)

    async def _finish(self, outbox_id: int | None, received_id: int, status: ReceiptStatus,
                      reason: str) -> None:
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            await received_webhooks.finish_received(session, received_id, status.value, reason, now)
            if outbox_id is None:
                return
            if status is ReceiptStatus.PROCESSED:
                await outbox.mark_sent(session, outbox_id, now)
            else:
                await outbox.mark_failed(session, outbox_id, reason)
