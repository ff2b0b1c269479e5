"""Queries for webhooks: received events, subscriptions and their delivery attempts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import (
    BillingPeriod,
    Invite,
    OutboxMessage,
    Project,
    ReceivedWebhook,
    WebhookDelivery,
    WebhookSource,
    WebhookSubscription,
)

_RECORD = {
    "postgresql": postgresql.insert(ReceivedWebhook).on_conflict_do_nothing(
        index_elements=["source", "webhook_id"]).returning(ReceivedWebhook.id),
    "sqlite": sqlite.insert(ReceivedWebhook).on_conflict_do_nothing(
        index_elements=["source", "webhook_id"]).returning(ReceivedWebhook.id),
}


async def record_received(session: AsyncSession, values: dict[str, Any]) -> int | None:
    """Insert a received event; None when (source, webhook_id) is already recorded (also
    when a concurrent request recorded it a moment ago: the unique key decides)."""
    dialect = "postgresql" if session.bind.dialect.name == "postgresql" else "sqlite"
    return (await session.execute(_RECORD[dialect], values)).scalar()


async def received(session: AsyncSession, source: str,
                   webhook_id: str) -> ReceivedWebhook | None:
    query = select(ReceivedWebhook).where(ReceivedWebhook.source == source,
                                          ReceivedWebhook.webhook_id == webhook_id)
    return (await session.execute(query)).scalars().first()


async def received_row(session: AsyncSession, received_id: int) -> ReceivedWebhook | None:
    return await session.get(ReceivedWebhook, received_id)


async def finish_received(session: AsyncSession, received_id: int, status: str, reason: str,
                          now: datetime) -> None:
    """Record how processing a received event ended."""
    await session.execute(update(ReceivedWebhook).where(ReceivedWebhook.id == received_id)
                          .values(status=status, reason=reason[:500], processed_at=now))


async def purge_received(session: AsyncSession, before: datetime) -> int:
    """Delete events received before `before`, except those still waiting to be processed."""
    result = await session.execute(delete(ReceivedWebhook).where(
        ReceivedWebhook.received_at < before, ReceivedWebhook.status != "accepted"))
    return int(result.rowcount or 0)


async def add_subscription(session: AsyncSession, *, company_id: int, url: str, secret: str,
                           event_types: list[str], now: datetime) -> WebhookSubscription:
    row = WebhookSubscription(company_id=company_id, url=url, secret=secret,
                              event_types=event_types, created_at=now)
    session.add(row)
    await session.flush()
    return row


async def subscriptions_of(session: AsyncSession, company_id: int) -> list[WebhookSubscription]:
    query = (select(WebhookSubscription)
             .where(WebhookSubscription.company_id == company_id)
             .order_by(WebhookSubscription.id))
    return list((await session.execute(query)).scalars())


async def subscription(session: AsyncSession, company_id: int, subscription_id: int,
                       ) -> WebhookSubscription | None:
    """The subscription, only if the company owns it (authorisation by query)."""
    query = select(WebhookSubscription).where(
        WebhookSubscription.id == subscription_id,
        WebhookSubscription.company_id == company_id)
    return (await session.execute(query)).scalars().first()


async def delete_subscription(session: AsyncSession, row: WebhookSubscription) -> None:
    """Gone with its log; its messages not yet delivered fail (their rows say why)."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.kind == "webhook", OutboxMessage.status == "pending",
               OutboxMessage.idempotency_key.like(f"webhook:{row.id}:%"))
        .values(status="failed", lease_until=None, last_error="the subscription was deleted"))
    await session.execute(delete(WebhookDelivery).where(
        WebhookDelivery.subscription_id == row.id))
    await session.delete(row)


async def subscriptions_by_id(session: AsyncSession,
                              ids: Iterable[int]) -> dict[int, WebhookSubscription]:
    query = select(WebhookSubscription).where(WebhookSubscription.id.in_(list(set(ids))))
    return {row.id: row for row in (await session.execute(query)).scalars()
            if row.id is not None}


async def active_subscriptions(session: AsyncSession, company_ids: Iterable[int],
                               ) -> list[WebhookSubscription]:
    query = (select(WebhookSubscription)
             .where(WebhookSubscription.company_id.in_(list(set(company_ids))),
                    WebhookSubscription.status == "active")
             .order_by(WebhookSubscription.id))
    return list((await session.execute(query)).scalars())


async def count_failure(session: AsyncSession, subscription_id: int) -> None:
    await session.execute(update(WebhookSubscription)
                          .where(WebhookSubscription.id == subscription_id)
                          .values(consecutive_failures=WebhookSubscription
                                  .consecutive_failures + 1))


async def count_success(session: AsyncSession, subscription_id: int) -> None:
    await session.execute(update(WebhookSubscription)
                          .where(WebhookSubscription.id == subscription_id,
                                 WebhookSubscription.consecutive_failures != 0)
                          .values(consecutive_failures=0))


async def stop(session: AsyncSession, subscription_id: int, status: str, reason: str) -> bool:
    """Pause or disable an active subscription; False when it was not active (already
    stopped by another attempt: only the first one tells the administrator)."""
    result = await session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.id == subscription_id,
               WebhookSubscription.status == "active")
        .values(status=status, status_reason=reason[:300]))
    return bool(result.rowcount)


async def add_attempt(session: AsyncSession, values: dict[str, Any]) -> None:
    session.add(WebhookDelivery(**values))


async def attempts(session: AsyncSession, subscription_id: int,
                   limit: int) -> list[tuple[WebhookDelivery, str]]:
    """Attempts to one subscription, newest first, with their message's status now."""
    query = (select(WebhookDelivery, OutboxMessage.status)
             .join(OutboxMessage, OutboxMessage.id == WebhookDelivery.outbox_id)
             .where(WebhookDelivery.subscription_id == subscription_id)
             .order_by(WebhookDelivery.id.desc()).limit(limit))
    return [(row, status) for row, status in (await session.execute(query)).all()]


async def attempt_of_company(session: AsyncSession, company_id: int, delivery_id: int,
                             ) -> tuple[WebhookDelivery, WebhookSubscription] | None:
    query = (select(WebhookDelivery, WebhookSubscription)
             .join(WebhookSubscription,
                   WebhookSubscription.id == WebhookDelivery.subscription_id)
             .where(WebhookDelivery.id == delivery_id,
                    WebhookSubscription.company_id == company_id))
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def companies_of_invites(session: AsyncSession,
                               invite_ids: Iterable[int]) -> dict[int, int]:
    """invite id -> the id of the company that owns the invite's project."""
    query = (select(Invite.id, Project.company_id)
             .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
             .join(Project, Project.id == BillingPeriod.project_id)
             .where(Invite.id.in_(list(set(invite_ids)))))
    return {invite_id: company_id for invite_id, company_id in
            (await session.execute(query)).all()}


async def active_source(session: AsyncSession, name: str) -> WebhookSource | None:
    """The API-managed source named `name`, unless revoked."""
    query = select(WebhookSource).where(WebhookSource.name == name,
                                        WebhookSource.revoked_at.is_(None))
    return (await session.execute(query)).scalars().first()


async def add_source(session: AsyncSession, *, company_id: int, name: str, secret: str,
                     now: datetime) -> WebhookSource:
    row = WebhookSource(company_id=company_id, name=name, secret=secret, created_at=now)
    session.add(row)
    await session.flush()
    return row


async def source_name_taken(session: AsyncSession, name: str) -> bool:
    """Revoked sources keep their name: received events are recorded by name."""
    query = select(WebhookSource.id).where(WebhookSource.name == name)
    return (await session.execute(query)).first() is not None


async def sources_of(session: AsyncSession, company_id: int) -> list[WebhookSource]:
    query = (select(WebhookSource)
             .where(WebhookSource.company_id == company_id,
                    WebhookSource.revoked_at.is_(None))
             .order_by(WebhookSource.id))
    return list((await session.execute(query)).scalars())


async def source_of(session: AsyncSession, company_id: int,
                    source_id: int) -> WebhookSource | None:
    """The company's active source (authorisation by query)."""
    query = select(WebhookSource).where(
        WebhookSource.id == source_id, WebhookSource.company_id == company_id,
        WebhookSource.revoked_at.is_(None))
    return (await session.execute(query)).scalars().first()


async def source_company(session: AsyncSession, name: str) -> int | None:
    """The company of the API-managed source named `name` (revoked or not), if any."""
    query = select(WebhookSource.company_id).where(WebhookSource.name == name)
    return (await session.execute(query)).scalars().first()
