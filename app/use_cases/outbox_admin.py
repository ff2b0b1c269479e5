"""Undelivered mail for administrators: list it and put it back in the queue."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from domain.errors import Conflict, NotFound
from domain.model import Administrator, UndeliveredMessage
from store import outbox
from store import tables as t


def _company_scope(company_id: int):  # type: ignore[no-untyped-def]
    """Outbox rows of invites whose project belongs to the company."""
    return (select(t.Invite.id)
            .join(t.BillingPeriod, t.BillingPeriod.id == t.Invite.billing_period_id)
            .join(t.Project, t.Project.id == t.BillingPeriod.project_id)
            .where(t.Project.company_id == company_id))


class OutboxAdmin:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs

    async def undelivered(self, admin: Administrator) -> list[UndeliveredMessage]:
        query = (select(t.OutboxMessage, t.Person.email)
                 .outerjoin(t.Person, t.Person.id == t.OutboxMessage.person_id)
                 .where(col(t.OutboxMessage.status).in_(["failed", "dead"]),
                        t.OutboxMessage.invite_id.in_(_company_scope(admin.company_id)))
                 .order_by(t.OutboxMessage.id.desc()).limit(200))
        async with self.ctx.sessions() as session:
            rows = (await session.execute(query)).all()
        return [UndeliveredMessage(
            id=row.id, recipient=email or row.recipient, template=row.template,
            invite_id=row.invite_id, status=row.status, attempts=row.attempts,
            last_error=row.last_error, created_at=row.created_at) for row, email in rows]

    async def retry(self, admin: Administrator, message_id: int) -> None:
        """Queue a failed message again. Mail to an address that bounced is refused: it
        would fail again, and the original error is what the administrator must see."""
        async with self.ctx.sessions.begin() as session:
            found = (await session.execute(
                select(t.OutboxMessage.id, t.Person.deliverable)
                .outerjoin(t.Person, t.Person.id == t.OutboxMessage.person_id)
                .where(t.OutboxMessage.id == message_id,
                       t.OutboxMessage.invite_id.in_(_company_scope(admin.company_id))))).first()
            if found is None:
                raise NotFound(f"no failed message {message_id}")
            if found.deliverable is False:
                raise Conflict("the contact's address bounced; correct the address before "
                               "sending again", code="address_undeliverable")
            if not await outbox.retry_now(session, message_id, self.ctx.clock()):
                raise NotFound(f"no failed message {message_id}")
        await self.jobs.wake_email_delivery()
