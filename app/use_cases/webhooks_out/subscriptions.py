"""Webhook subscriptions of a company: create, read, change, delete; their delivery log, and
replaying a delivery."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from domain.errors import Conflict, InvalidInput, NotFound
from domain.model import Administrator
from domain.webhooks import (
    ChangedSubscription,
    CreatedSubscription,
    DeliveryAttempt,
    NewSubscription,
    Subscription,
    SubscriptionChanges,
    SubscriptionStatus,
    check_event_types,
    check_url,
)
from store import mapping, outbox, webhook_subscriptions
from store.tables import WebhookSubscription
from webhooks.public_addresses import refused_target
from webhooks.signatures import new_secret

MAX_LISTED_ATTEMPTS = 100


class WebhookSubscriptions:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, *, allow_private: bool) -> None:
        self.ctx = ctx
        # ITB_WEBHOOK_ALLOW_PRIVATE: development only (targets on this machine).
        self.allow_private = allow_private
        self.jobs = jobs

    async def create(self, admin: Administrator, command: NewSubscription) -> CreatedSubscription:
        command = command.validated()
        await self._check_target(command.url)
        secret = new_secret()
        async with self.ctx.sessions.begin() as session:
            row = await webhook_subscriptions.add_subscription(
                session, company_id=admin.company_id, url=command.url, secret=secret,
                event_types=list(command.event_types), now=self.ctx.clock())
            return CreatedSubscription(mapping.webhook_subscription(row), secret)

    async def _check_target(self, url: str) -> None:
        """InvalidInput (422) for a URL webhooks may not reach (SSRF), before it is stored;
        delivery checks every address again."""
        if self.allow_private:
            return
        problem = await refused_target(url)
        if problem is not None:
            raise InvalidInput(problem, code="url_not_public")

    async def list_all(self, admin: Administrator) -> list[Subscription]:
        async with self.ctx.sessions() as session:
            rows = await webhook_subscriptions.subscriptions_of(session, admin.company_id)
            return [mapping.webhook_subscription(row) for row in rows]

    async def get(self, admin: Administrator, subscription_id: int) -> Subscription:
        async with self.ctx.sessions() as session:
            return mapping.webhook_subscription(await _owned(session, admin, subscription_id))

    async def change(self, admin: Administrator, subscription_id: int,
                     changes: SubscriptionChanges) -> ChangedSubscription:
        """Resuming (status active) clears the failure count and the reason."""
        secret = None
        if changes.url is not None:
            await self._check_target(check_url(changes.url))
        async with self.ctx.sessions.begin() as session:
            row = await _owned(session, admin, subscription_id)
            if changes.url is not None:
                row.url = check_url(changes.url)
            if changes.event_types is not None:
                row.event_types = list(check_event_types(changes.event_types))
            if changes.status is SubscriptionStatus.ACTIVE:
                row.status, row.status_reason, row.consecutive_failures = "active", None, 0
            elif changes.status is SubscriptionStatus.PAUSED and row.status == "active":
                row.status, row.status_reason = "paused", "paused by an administrator"
            elif changes.status is SubscriptionStatus.DISABLED:
                raise Conflict("a subscription is disabled by its receiver (410), not by hand; "
                               "pause it instead", code="invalid_status")
            if changes.rotate_secret:
                secret = row.secret = new_secret()
            await session.flush()
            changed = ChangedSubscription(mapping.webhook_subscription(row), secret)
        if changes.status is SubscriptionStatus.ACTIVE:
            await self.jobs.wake_webhooks()
        return changed

    async def delete(self, admin: Administrator, subscription_id: int) -> None:
        """Gone with its log; its messages not yet delivered fail (their rows say why)."""
        async with self.ctx.sessions.begin() as session:
            row = await _owned(session, admin, subscription_id)
            await webhook_subscriptions.delete_subscription(session, row)

    async def deliveries(self, admin: Administrator,
                         subscription_id: int) -> list[DeliveryAttempt]:
        async with self.ctx.sessions() as session:
            row = await _owned(session, admin, subscription_id)
            assert row.id is not None
            found = await webhook_subscriptions.attempts(session, row.id, MAX_LISTED_ATTEMPTS)
        return [DeliveryAttempt(
            id=attempt.id, subscription_id=attempt.subscription_id,
            message_id=attempt.outbox_id, event_type=attempt.event_type,
            attempt=attempt.attempt, status_code=attempt.status_code,
            latency_ms=attempt.latency_ms, response_excerpt=attempt.response_excerpt,
            error=attempt.error, at=attempt.at, message_status=status)
                for attempt, status in found]

    async def replay(self, admin: Administrator, delivery_id: int) -> int:
        """Send the event of delivery attempt `delivery_id` again, with fresh retries;
        returns the message's id. Conflict while it is queued or the subscription is not
        active."""
        async with self.ctx.sessions.begin() as session:
            found = await webhook_subscriptions.attempt_of_company(session, admin.company_id,
                                                                   delivery_id)
            if found is None:
                raise NotFound(f"no webhook delivery {delivery_id}")
            attempt, subscription = found
            if subscription.status != "active":
                raise Conflict(f"the subscription is {subscription.status}; resume it first",
                               code="subscription_not_active")
            if not await outbox.retry_now(session, attempt.outbox_id, self.ctx.clock(),
                                          from_statuses=("sent", "failed", "dead"),
                                          clear_error=True):
                raise Conflict("this event is already queued for delivery",
                               code="already_queued")
        await self.jobs.wake_webhooks()
        return attempt.outbox_id


async def _owned(session: AsyncSession, admin: Administrator,
                 subscription_id: int) -> WebhookSubscription:
    row = await webhook_subscriptions.subscription(session, admin.company_id, subscription_id)
    if row is None:
        raise NotFound(f"webhook subscription {subscription_id} not found")
    return row
