"""Queries for webhooks: received events, subscriptions and their delivery attempts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store import tables as t

_RECORD = {
    "postgresql": postgresql.insert(t.ReceivedWebhook).on_conflict_do_nothing(
        index_elements=["source", "webhook_id"]).returning(t.ReceivedWebhook.id),
    "sqlite": sqlite.insert(t.ReceivedWebhook).on_conflict_do_nothing(
        index_elements=["source", "webhook_id"]).returning(t.ReceivedWebhook.id),
}


async def record_received(session: AsyncSession, values: dict[str, Any]) -> int | None:
    """Insert a received event; None when (source, webhook_id) is already recorded (also
    when a concurrent request recorded it a moment ago: the unique key decides)."""
    dialect = "postgresql" if session.bind.dialect.name == "postgresql" else "sqlite"
    return (await session.execute(_RECORD[dialect], values)).scalar()


async def received(session: AsyncSession, source: str,
                   webhook_id: str) -> t.ReceivedWebhook | None:
    query = select(t.ReceivedWebhook).where(t.ReceivedWebhook.source == source,
                                            t.ReceivedWebhook.webhook_id == webhook_id)
    return (await session.execute(query)).scalars().first()


async def received_row(session: AsyncSession, received_id: int) -> t.ReceivedWebhook | None:
    return await session.get(t.ReceivedWebhook, received_id)


async def finish_received(session: AsyncSession, received_id: int, status: str, reason: str,
                          now: datetime) -> None:
    """Record how processing a received event ended."""
    await session.execute(update(t.ReceivedWebhook).where(t.ReceivedWebhook.id == received_id)
                          .values(status=status, reason=reason[:500], processed_at=now))


async def purge_received(session: AsyncSession, before: datetime) -> int:
    """Delete events received before `before`, except those still waiting to be processed."""
    result = await session.execute(delete(t.ReceivedWebhook).where(
        t.ReceivedWebhook.received_at < before, t.ReceivedWebhook.status != "accepted"))
    return int(result.rowcount or 0)


async def add_subscription(session: AsyncSession, *, company_id: int, url: str, secret: str,
                           event_types: list[str], now: datetime) -> t.WebhookSubscription:
    row = t.WebhookSubscription(company_id=company_id, url=url, secret=secret,
                                event_types=event_types, created_at=now)
    session.add(row)
    await session.flush()
    return row


async def subscriptions_of(session: AsyncSession, company_id: int) -> list[t.WebhookSubscription]:
    query = (select(t.WebhookSubscription)
             .where(t.WebhookSubscription.company_id == company_id)
             .order_by(t.WebhookSubscription.id))
    return list((await session.execute(query)).scalars())


async def subscription(session: AsyncSession, company_id: int, subscription_id: int,
                       ) -> t.WebhookSubscription | None:
    """The subscription, only if the company owns it (authorisation by query)."""
    query = select(t.WebhookSubscription).where(
        t.WebhookSubscription.id == subscription_id,
        t.WebhookSubscription.company_id == company_id)
    return (await session.execute(query)).scalars().first()


async def delete_subscription(session: AsyncSession, row: t.WebhookSubscription) -> None:
    """Gone with its log; its messages not yet delivered fail (their rows say why)."""
    await session.execute(
        update(t.OutboxMessage)
        .where(t.OutboxMessage.kind == "webhook", t.OutboxMessage.status == "pending",
               t.OutboxMessage.idempotency_key.like(f"webhook:{row.id}:%"))
        .values(status="failed", lease_until=None, last_error="the subscription was deleted"))
    await session.execute(delete(t.WebhookDelivery).where(
        t.WebhookDelivery.subscription_id == row.id))
    await session.delete(row)


async def subscriptions_by_id(session: AsyncSession,
                              ids: Iterable[int]) -> dict[int, t.WebhookSubscription]:
    query = select(t.WebhookSubscription).where(t.WebhookSubscription.id.in_(list(set(ids))))
    return {row.id: row for row in (await session.execute(query)).scalars()
            if row.id is not None}


async def active_subscriptions(session: AsyncSession, company_ids: Iterable[int],
                               ) -> list[t.WebhookSubscription]:
    query = (select(t.WebhookSubscription)
             .where(t.WebhookSubscription.company_id.in_(list(set(company_ids))),
                    t.WebhookSubscription.status == "active")
             .order_by(t.WebhookSubscription.id))
    return list((await session.execute(query)).scalars())


async def count_failure(session: AsyncSession, subscription_id: int) -> None:
    await session.execute(update(t.WebhookSubscription)
                          .where(t.WebhookSubscription.id == subscription_id)
                          .values(consecutive_failures=t.WebhookSubscription
                                  .consecutive_failures + 1))


async def count_success(session: AsyncSession, subscription_id: int) -> None:
    await session.execute(update(t.WebhookSubscription)
                          .where(t.WebhookSubscription.id == subscription_id,
                                 t.WebhookSubscription.consecutive_failures != 0)
                          .values(consecutive_failures=0))


async def stop(session: AsyncSession, subscription_id: int, status: str, reason: str) -> bool:
    """Pause or disable an active subscription; False when it was not active (already
    stopped by another attempt: only the first one tells the administrator)."""
    result = await session.execute(
        update(t.WebhookSubscription)
        .where(t.WebhookSubscription.id == subscription_id,
               t.WebhookSubscription.status == "active")
        .values(status=status, status_reason=reason[:300]))
    return bool(result.rowcount)


async def add_attempt(session: AsyncSession, values: dict[str, Any]) -> None:
    session.add(t.WebhookDelivery(**values))


async def attempts(session: AsyncSession, subscription_id: int,
                   limit: int) -> list[tuple[t.WebhookDelivery, str]]:
    """Attempts to one subscription, newest first, with their message's status now."""
    query = (select(t.WebhookDelivery, t.OutboxMessage.status)
             .join(t.OutboxMessage, t.OutboxMessage.id == t.WebhookDelivery.outbox_id)
             .where(t.WebhookDelivery.subscription_id == subscription_id)
             .order_by(t.WebhookDelivery.id.desc()).limit(limit))
    return [(row, status) for row, status in (await session.execute(query)).all()]


async def attempt_of_company(session: AsyncSession, company_id: int, delivery_id: int,
                             ) -> tuple[t.WebhookDelivery, t.WebhookSubscription] | None:
    query = (select(t.WebhookDelivery, t.WebhookSubscription)
             .join(t.WebhookSubscription,
                   t.WebhookSubscription.id == t.WebhookDelivery.subscription_id)
             .where(t.WebhookDelivery.id == delivery_id,
                    t.WebhookSubscription.company_id == company_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def companies_of_invites(session: AsyncSession,
                               invite_ids: Iterable[int]) -> dict[int, int]:
    """invite id -> the id of the company that owns the invite's project."""
    query = (select(t.Invite.id, t.Project.company_id)
             .join(t.BillingPeriod, t.BillingPeriod.id == t.Invite.billing_period_id)
             .join(t.Project, t.Project.id == t.BillingPeriod.project_id)
             .where(t.Invite.id.in_(list(set(invite_ids)))))
    return {invite_id: company_id for invite_id, company_id in
            (await session.execute(query)).all()}


async def active_source(session: AsyncSession, name: str) -> t.WebhookSource | None:
    """The API-managed source named `name`, unless revoked."""
    query = select(t.WebhookSource).where(t.WebhookSource.name == name,
                                          t.WebhookSource.revoked_at.is_(None))
    return (await session.execute(query)).scalars().first()


async def add_source(session: AsyncSession, *, company_id: int, name: str, secret: str,
                     now: datetime) -> t.WebhookSource:
    row = t.WebhookSource(company_id=company_id, name=name, secret=secret, created_at=now)
    session.add(row)
    await session.flush()
    return row


async def source_name_taken(session: AsyncSession, name: str) -> bool:
    """Revoked sources keep their name: received events are recorded by name."""
    query = select(t.WebhookSource.id).where(t.WebhookSource.name == name)
    return (await session.execute(query)).first() is not None


async def sources_of(session: AsyncSession, company_id: int) -> list[t.WebhookSource]:
    query = (select(t.WebhookSource)
             .where(t.WebhookSource.company_id == company_id,
                    t.WebhookSource.revoked_at.is_(None))
             .order_by(t.WebhookSource.id))
    return list((await session.execute(query)).scalars())


async def source_of(session: AsyncSession, company_id: int,
                    source_id: int) -> t.WebhookSource | None:
    """The company's active source (authorisation by query)."""
    query = select(t.WebhookSource).where(
        t.WebhookSource.id == source_id, t.WebhookSource.company_id == company_id,
        t.WebhookSource.revoked_at.is_(None))
    return (await session.execute(query)).scalars().first()


async def source_company(session: AsyncSession, name: str) -> int | None:
    """The company of the API-managed source named `name` (revoked or not), if any."""
    query = select(t.WebhookSource.company_id).where(t.WebhookSource.name == name)
    return (await session.execute(query)).scalars().first()
