"""Received mail for administrators: the list, one message, and its raw bytes. An
administrator sees the messages about their company's invites (replies, bounces)."""

from __future__ import annotations

from sqlalchemy import select

from app.use_cases.context import UseCaseContext
from app.use_cases.outbox_admin import _company_scope
from domain.errors import NotFound
from domain.inbound_mail import InboundMessageRecord
from domain.model import Administrator
from store import tables as t

LIST_LIMIT = 200


class InboundAdmin:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def messages(self, admin: Administrator) -> list[InboundMessageRecord]:
        """The company's received messages, newest first (at most 200)."""
        query = (select(t.InboundMessage)
                 .where(t.InboundMessage.invite_id.in_(_company_scope(admin.company_id)))
                 .order_by(t.InboundMessage.id.desc()).limit(LIST_LIMIT))
        async with self.ctx.sessions() as session:
            return [_record(row) for row in (await session.execute(query)).scalars()]

    async def message(self, admin: Administrator, message_id: int) -> InboundMessageRecord:
        return _record(await self._row(admin, message_id))

    async def raw(self, admin: Administrator, message_id: int) -> bytes:
        return bytes((await self._row(admin, message_id)).raw)

    async def _row(self, admin: Administrator, message_id: int) -> t.InboundMessage:
        query = select(t.InboundMessage).where(
            t.InboundMessage.id == message_id,
            t.InboundMessage.invite_id.in_(_company_scope(admin.company_id)))
        async with self.ctx.sessions() as session:
            row = (await session.execute(query)).scalar()
        if row is None:  # someone else's and nonexistent look the same
            raise NotFound(f"no received message with id {message_id}")
        return row


def _record(row: t.InboundMessage) -> InboundMessageRecord:
    assert row.id is not None
    return InboundMessageRecord(
        id=row.id, received_at=row.received_at, mail_from=row.mail_from,
        rcpt_to=row.rcpt_to, size=row.size, invite_id=row.invite_id,
        classification=row.classification, processed_at=row.processed_at,
        detail=dict(row.detail or {}))
