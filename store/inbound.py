"""Received mail: storing it once, finding what its addresses name, a company's list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.inbound_mail import InboundMessageRecord
from store import invites, mapping
from store.tables import (
    BillingPeriod,
    InboundMessage,
    Invite,
    InvoiceContact,
    OutboxMessage,
    Person,
    Project,
)


async def store(session: AsyncSession, values: dict[str, Any]) -> tuple[int, bool]:
    """Insert the message unless its dedup key is known; (its id, whether it is new)."""
    known = await _by_key(session, values["dedup_key"])
    if known is not None:
        return known, False
    try:
        async with session.begin_nested():
            row = InboundMessage(**values)
            session.add(row)
            await session.flush()
    except IntegrityError:  # the same message arriving twice at once: keep the first
        known = await _by_key(session, values["dedup_key"])
        assert known is not None
        return known, False
    assert row.id is not None
    return row.id, True


async def _by_key(session: AsyncSession, key: str) -> int | None:
    return (await session.execute(select(InboundMessage.id).where(
        InboundMessage.dedup_key == key))).scalar()


async def invite_with_token(session: AsyncSession, token: str) -> tuple[int, int] | None:
    """The id and current token version of the invite whose reply token this is."""
    row = (await session.execute(select(Invite.id, Invite.token_version).where(
        Invite.reply_token == token.lower()))).first()
    return None if row is None else (row[0], row[1])


async def outbox_mail_exists(session: AsyncSession, outbox_id: int) -> bool:
    found = await session.get(OutboxMessage, outbox_id)
    return found is not None and found.kind == "email"


async def unprocessed(session: AsyncSession, message_id: int,
                      ) -> tuple[bytes, tuple[str, ...]] | None:
    """The raw bytes and recipients of a message not yet processed (None: processed, or
    unknown)."""
    row = await session.get(InboundMessage, message_id)
    if row is None or row.processed_at is not None:
        return None
    return row.raw, tuple(address.strip() for address in row.rcpt_to.split(","))


async def unprocessed_ids(session: AsyncSession, limit: int = 100) -> list[int]:
    return list((await session.execute(
        select(InboundMessage.id).where(InboundMessage.processed_at.is_(None))
        .order_by(InboundMessage.id).limit(limit))).scalars())


async def classify(session: AsyncSession, message_id: int, classification: str,
                   detail: dict[str, Any], invite_id: int | None, now: datetime) -> None:
    await session.execute(update(InboundMessage).where(InboundMessage.id == message_id)
                          .values(classification=classification, detail=detail,
                                  invite_id=invite_id, processed_at=now))


async def contact_of_commitment(session: AsyncSession, invite_id: int,
                                email: str) -> tuple[int, str] | None:
    """(person id, locale) of the invoice contact with `email` on the invite's commitment
    (their own language, else the project's), or None when the sender is not one."""
    row = (await session.execute(
        select(Person.id, func.coalesce(Person.language, Project.locale))
        .join(InvoiceContact, InvoiceContact.person_id == Person.id)
        .join(Invite, Invite.commitment_id == InvoiceContact.commitment_id)
        .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
        .join(Project, Project.id == BillingPeriod.project_id)
        .where(Invite.id == invite_id, func.lower(Person.email) == email.lower())
    )).first()
    return (int(row[0]), str(row[1])) if row else None


async def messages_of_company(session: AsyncSession, company_id: int, *,
                              limit: int) -> list[InboundMessageRecord]:
    """Received mail about the company's invites (replies, bounces), newest first."""
    query = (select(InboundMessage)
             .where(InboundMessage.invite_id.in_(invites.ids_of_company(company_id)))
             .order_by(InboundMessage.id.desc()).limit(limit))
    return [mapping.inbound_message(row) for row in (await session.execute(query)).scalars()]


async def message_of_company(session: AsyncSession, company_id: int,
                             message_id: int) -> tuple[InboundMessageRecord, bytes] | None:
    """One received message about the company's invites and its raw bytes."""
    row = (await session.execute(select(InboundMessage).where(
        InboundMessage.id == message_id,
        InboundMessage.invite_id.in_(invites.ids_of_company(company_id))))).scalar()
    return None if row is None else (mapping.inbound_message(row), bytes(row.raw))


async def invite_of_outbox(session: AsyncSession, outbox_id: int) -> int | None:
    """The invite an outbox mail was about (bounces are shown with their invite)."""
    found = await session.get(OutboxMessage, outbox_id)
    return found.invite_id if found is not None else None


async def recipient_of_outbox(session: AsyncSession, outbox_id: int) -> str | None:
    """The address an outbox mail went to: its person's, else the one it names."""
    found = await session.get(OutboxMessage, outbox_id)
    if found is None:
        return None
    if found.person_id is not None:
        person = await session.get(Person, found.person_id)
        if person is not None:
            return person.email
    to = (found.payload or {}).get("to")
    return str(to) if to else found.recipient


async def invite_of_message_ids(session: AsyncSession, message_ids: list[str]) -> int | None:
    """The invite of the first of our mails with one of these Message-IDs."""
    if not message_ids:
        return None
    return (await session.execute(
        select(OutboxMessage.invite_id).where(
            OutboxMessage.message_id.in_(message_ids[:20]),
            OutboxMessage.invite_id.is_not(None)).limit(1))).scalar()
