"""Webhooks out: a company's subscriptions and the log of each delivery attempt."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import (
    OutboxMessage,
    WebhookDelivery,
    WebhookSubscription,
)


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
