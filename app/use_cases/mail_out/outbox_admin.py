"""Undelivered mail for administrators: list it and put it back in the queue."""

from __future__ import annotations

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from domain.errors import Conflict, NotFound
from domain.model import Administrator, UndeliveredMessage
from store import outbox


class OutboxAdmin:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs

    async def undelivered(self, admin: Administrator) -> list[UndeliveredMessage]:
        async with self.ctx.sessions() as session:
            return await outbox.undelivered_of_company(session, admin.company_id)

    async def retry(self, admin: Administrator, message_id: int) -> None:
        """Queue a failed message again. Mail to an address that bounced is refused: it
        would fail again, and the original error is what the administrator must see."""
        async with self.ctx.sessions.begin() as session:
            deliverable = await outbox.recipient_deliverable(session, admin.company_id,
                                                             message_id)
            if deliverable is None:
                raise NotFound(f"no failed message {message_id}")
            if not deliverable:
                raise Conflict("the contact's address bounced; correct the address before "
                               "sending again", code="address_undeliverable")
            if not await outbox.retry_now(session, message_id, self.ctx.clock()):
                raise NotFound(f"no failed message {message_id}")
        await self.jobs.wake_email_delivery()
