"""Fan-out: each event (outbox kind "event") becomes one delivery (kind "webhook") per
active subscription of its company that asked for its type.

Claim, fan-out and marking the events done happen in one transaction, and every delivery
row has the idempotency key `webhook:<subscription>:<event>`: a crash halfway repeats the
fan-out, never a delivery. Subscriptions that are paused or disabled when an event happens
do not get it (a replay can send it later).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.use_cases.context import UseCaseContext
from store import invites, outbox, webhook_subscriptions
from store.outbox import pending_row
from store.tables import WebhookSubscription


@dataclass(frozen=True)
class FanOutReport:
    events: int = 0
    deliveries: int = 0


class EventFanOut:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def fan_out_due(self, *, limit: int = 200) -> FanOutReport:
        """One claim's worth: the events handled and the deliveries queued for them."""
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            events = await outbox.claim_due(session, "event", now, limit)
            if not events:
                return FanOutReport()
            invite_companies = await invites.companies_of_invites(
                session, [e["invite_id"] for e in events if e["invite_id"] is not None])
            company_of = {e["id"]: _company(e, invite_companies) for e in events}
            subscriptions = await webhook_subscriptions.active_subscriptions(
                session, {c for c in company_of.values() if c is not None})
            rows = [delivery_row(event, subscription, now)
                    for event in events for subscription in subscriptions
                    if subscription.company_id == company_of[event["id"]]
                    and event["payload"].get("type") in subscription.event_types]
            await outbox.enqueue(session, rows)
            for event in events:
                await outbox.mark_sent(session, event["id"], now)
        return FanOutReport(events=len(events), deliveries=len(rows))


def _company(event: Mapping[str, Any], invite_companies: Mapping[int, int]) -> int | None:
    named = event["payload"].get("company_id")
    if isinstance(named, int):
        return named
    return invite_companies.get(event["invite_id"]) if event["invite_id"] else None


def delivery_row(event: Mapping[str, Any], subscription: WebhookSubscription,
                 now: datetime) -> dict[str, Any]:
    """The message as it will be sent: the body is fixed here, so retries send the same."""
    created: datetime = event["created_at"]
    return pending_row(
        kind="webhook", idempotency_key=f"webhook:{subscription.id}:{event['id']}", now=now,
        recipient=subscription.url[:500],
        payload={"subscription_id": subscription.id, "event_id": event["id"],
                 "type": event["payload"]["type"], "timestamp": created.isoformat(),
                 "data": event["payload"].get("data", {})})

