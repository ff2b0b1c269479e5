"""Delivering webhooks (outbox kind "webhook"): sign, POST, log the attempt, decide what next.

A 2xx delivers. A 410 Gone disables the subscription (the receiver asked us to stop). An
address that is not public is refused for good unless ITB_WEBHOOK_ALLOW_PRIVATE. Anything
else is tried again on domain.webhook_retry's schedule; when the last retry fails too the
message is dead and the subscription paused. Stopping a subscription mails the company's
administrator (template `webhook_stopped`). Every attempt is logged in webhook_delivery.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.leases import LeaseKeeper
from domain.webhook_retry import MAX_ATTEMPTS, next_webhook_attempt_at
from mailer.message_ids import new_message_id
from store import outbox, people, webhook_subscriptions
from store.tables import WebhookSubscription
from webhooks.outbound_http import PostOutcome, WebhookPoster
from webhooks.signatures import signed_headers

GONE = 410
PAUSE_REASON = (f"an event could not be delivered in {MAX_ATTEMPTS} attempts over about a "
                "day")


@dataclass
class WebhookReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def body_of(row: Mapping[str, Any]) -> bytes:
    """The Standard Webhooks payload: {"type", "timestamp", "data"}."""
    payload = row["payload"]
    return json.dumps({"type": payload["type"], "timestamp": payload["timestamp"],
                       "data": payload["data"]}, separators=(",", ":")).encode()


class WebhookDelivery:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue,
                 poster_factory: Callable[[], WebhookPoster], *, concurrency: int = 8,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.poster_factory = poster_factory
        self.concurrency = concurrency
        # The signature's timestamp is a fact about transport: receivers compare it with
        # their own clock, so it is always the machine's clock (even under a test clock).
        self.wall_clock = wall_clock

    async def deliver_due(self, *, batch_size: int = 20) -> WebhookReport:
        """Deliver every due message; returns when none is left to claim."""
        report = WebhookReport()
        limit = asyncio.Semaphore(self.concurrency)
        async with self.poster_factory() as poster:
            while rows := await self._claim(batch_size):
                async with LeaseKeeper(self.ctx.engine, self.ctx.clock, rows) as leases:
                    async with self.ctx.sessions() as session:
                        subscriptions = await webhook_subscriptions.subscriptions_by_id(
                            session, [row["payload"]["subscription_id"] for row in rows])
                    await asyncio.gather(*(
                        self._deliver(poster, row, subscriptions.get(
                            row["payload"]["subscription_id"]), report, limit, leases)
                        for row in rows))
        return report

    async def _claim(self, limit: int) -> list[Any]:
        async with self.ctx.engine.begin() as connection:
            return await outbox.claim_due(connection, "webhook", self.ctx.clock(), limit)

    async def _deliver(self, poster: WebhookPoster, row: Mapping[str, Any],
                       subscription: WebhookSubscription | None, report: WebhookReport,
                       limit: asyncio.Semaphore, leases: LeaseKeeper) -> None:
        try:
            await self._deliver_one(poster, row, subscription, report, limit)
        finally:
            leases.release(row["id"])

    async def _deliver_one(self, poster: WebhookPoster, row: Mapping[str, Any],
                           subscription: WebhookSubscription | None, report: WebhookReport,
                           limit: asyncio.Semaphore) -> None:
        if subscription is None or subscription.status != "active":
            state = subscription.status if subscription else "deleted"
            async with self.ctx.sessions.begin() as session:
                await outbox.mark_failed(session, row["id"], f"the subscription is {state}")
            report.failed += 1
            return
        body = body_of(row)
        headers = signed_headers(subscription.secret, f"evt_{row['payload']['event_id']}",
                                 int(self.wall_clock()), body)
        async with limit:
            outcome = await poster.post(subscription.url, headers, body)
        notify = await self._record(row, subscription, outcome, report)
        if notify:
            await self.jobs.wake_email_delivery()

    async def _record(self, row: Mapping[str, Any], subscription: WebhookSubscription,
                      outcome: PostOutcome, report: WebhookReport) -> bool:
        """Log the attempt and apply its outcome; True when the administrator is mailed."""
        assert subscription.id is not None
        now = self.ctx.clock()
        error = outcome.error or (None if _succeeded(outcome) else f"HTTP {outcome.status_code}")
        async with self.ctx.sessions.begin() as session:
            await webhook_subscriptions.add_attempt(session, {
                "subscription_id": subscription.id, "outbox_id": row["id"],
                "event_type": str(row["payload"]["type"])[:50], "attempt": row["attempts"],
                "status_code": outcome.status_code, "latency_ms": outcome.latency_ms,
                "response_excerpt": outcome.response_excerpt, "error": error, "at": now})
            if _succeeded(outcome):
                await outbox.mark_sent(session, row["id"], now)
                await webhook_subscriptions.count_success(session, subscription.id)
                report.sent += 1
                return False
            await webhook_subscriptions.count_failure(session, subscription.id)
            if outcome.status_code == GONE or outcome.refused:
                await outbox.mark_failed(session, row["id"], error or "refused")
                report.failed += 1
                if outcome.status_code != GONE:
                    return False
                return await self._stop(session, subscription, "disabled",
                                        "the receiver answered 410 Gone", row)
            when = next_webhook_attempt_at(row["attempts"], now, random.random())  # noqa: S311
            await outbox.mark_retry(session, row["id"], error or "failed", when)
            if when is not None:
                report.retried += 1
                return False
            report.failed += 1
            return await self._stop(session, subscription, "paused", PAUSE_REASON, row)

    async def _stop(self, session: AsyncSession, subscription: WebhookSubscription,
                    status: str, reason: str, row: Mapping[str, Any]) -> bool:
        assert subscription.id is not None
        if not await webhook_subscriptions.stop(session, subscription.id, status, reason):
            return False  # stopped already, by another attempt: it told the administrator
        admin = await people.first_admin(session, subscription.company_id)
        if admin is None:
            return False
        now = self.ctx.clock()
        domain = self.ctx.settings.inbound_domain
        await outbox.enqueue(session, [outbox.pending_row(
            kind="email", template="webhook_stopped", person_id=admin.id, now=now,
            idempotency_key=f"webhook-stopped:{subscription.id}:{row['id']}",
            message_id=new_message_id(domain),
            payload={"subscription_id": subscription.id, "status": status,
                     "reason": reason})])
        return True


def _succeeded(outcome: PostOutcome) -> bool:
    return outcome.status_code is not None and 200 <= outcome.status_code < 300
