"""Receiving webhooks: which sources exist, recording each event once, keeping a week.

A verified event is stored (received_webhook) together with an outbox row of kind
"inbound" in one transaction, and the webhook worker processes it later
(app/use_cases/webhooks_in/processing.py): the sender gets its 202 at once. The pair
(source, webhook-id) is unique, so a sender's retry of an event we have is answered 200
and not processed again; one that was refused (422) is refused again with the same reason.
Rows are kept RETENTION (longer than senders retry: the specification's senders give up
within days), then the clean-up deletes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.webhooks_in.sources import active_secrets
from domain.inbound_events import (
    InboundEvent,
    InboundRejection,
    Receipt,
    ReceiptStatus,
)
from store import outbox, received_webhooks
from store.tables import ReceivedWebhook

RETENTION = timedelta(days=8)  # at least 7 days, as the issue asks, and a day to spare


def _answer_for(existing: ReceivedWebhook | None) -> Receipt:
    if existing is not None and existing.status == ReceiptStatus.REJECTED:
        return Receipt(ReceiptStatus.REJECTED, duplicate=True, reason=existing.reason)
    status = ReceiptStatus(existing.status) if existing else ReceiptStatus.ACCEPTED
    return Receipt(status, duplicate=True)


class InboundWebhooks:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue,
                 configured_secrets: Mapping[str, str]) -> None:
        self.ctx = ctx
        self.configured_secrets = configured_secrets  # ITB_WEBHOOK_SECRETS, by source
        self.jobs = jobs

    async def secrets_for(self, source: str) -> tuple[str, ...]:
        """The source's secrets: ITB_WEBHOOK_SECRETS first, then an API-managed source
        (its current secret, and the previous one for a day after a rotation); none for an
        unknown or revoked source."""
        secret = self.configured_secrets.get(source)
        if secret:
            return (secret,)
        async with self.ctx.sessions() as session:
            row = await received_webhooks.active_source(session, source)
        return active_secrets(row, self.ctx.clock()) if row is not None else ()

    async def receive(self, event: InboundEvent) -> Receipt:
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            new_id = await received_webhooks.record_received(session, self._row(
                event.source, event.webhook_id, event.event_type, ReceiptStatus.ACCEPTED,
                None, event.body))
            if new_id is None:
                return _answer_for(await received_webhooks.received(session, event.source,
                                                                    event.webhook_id))
            await outbox.enqueue(session, [outbox.pending_row(
                kind="inbound", idempotency_key=f"inbound:{new_id}", now=now,
                payload={"received_id": new_id})])
        await self.jobs.wake_webhooks()
        return Receipt(ReceiptStatus.ACCEPTED)

    async def reject(self, rejection: InboundRejection) -> Receipt:
        """Record a payload that did not validate; a retry of an accepted event stays 200."""
        async with self.ctx.sessions.begin() as session:
            new_id = await received_webhooks.record_received(session, self._row(
                rejection.source, rejection.webhook_id, rejection.event_type,
                ReceiptStatus.REJECTED, rejection.reason, rejection.body or {}))
            if new_id is None:
                return _answer_for(await received_webhooks.received(session, rejection.source,
                                                                    rejection.webhook_id))
        return Receipt(ReceiptStatus.REJECTED, reason=rejection.reason)

    async def purge_expired(self) -> int:
        """Delete events older than RETENTION (those still waiting to be processed stay)."""
        async with self.ctx.sessions.begin() as session:
            return await received_webhooks.purge_received(session, self.ctx.clock() - RETENTION)

    def _row(self, source: str, webhook_id: str, event_type: str | None,
             status: ReceiptStatus, reason: str | None,
             body: dict[str, Any]) -> dict[str, Any]:
        return {"source": source[:50], "webhook_id": webhook_id[:200],
                "event_type": event_type[:50] if event_type else None,
                "status": status.value, "reason": reason[:500] if reason else None,
                "body": body, "received_at": self.ctx.clock(), "processed_at": None}
