"""Received mail for administrators: the list, one message, and its raw bytes. An
administrator sees the messages about their company's invites (replies, bounces)."""

from __future__ import annotations

from app.use_cases.context import UseCaseContext
from domain.errors import NotFound
from domain.inbound_mail import InboundMessageRecord
from domain.model import Administrator
from store import inbound

LIST_LIMIT = 200


class ReceivedMailAdmin:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def messages(self, admin: Administrator) -> list[InboundMessageRecord]:
        """The company's received messages, newest first (at most 200)."""
        async with self.ctx.sessions() as session:
            return await inbound.messages_of_company(session, admin.company_id,
                                                     limit=LIST_LIMIT)

    async def message(self, admin: Administrator, message_id: int) -> InboundMessageRecord:
        record, _raw = await self._found(admin, message_id)
        return record

    async def raw(self, admin: Administrator, message_id: int) -> bytes:
        _record, raw = await self._found(admin, message_id)
        return raw

    async def _found(self, admin: Administrator,
                     message_id: int) -> tuple[InboundMessageRecord, bytes]:
        async with self.ctx.sessions() as session:
            found = await inbound.message_of_company(session, admin.company_id, message_id)
        if found is None:  # someone else's and nonexistent look the same
            raise NotFound(f"no received message with id {message_id}")
        return found
