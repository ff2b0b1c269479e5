"""Webhooks in: the sources that may send them and the events received (stored once each)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import (
    ReceivedWebhook,
    WebhookSource,
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
