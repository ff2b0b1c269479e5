"""Bounces and delivery reports: what happens when a mail of ours could not be delivered.

One use case for every channel that learns of a bounce: a mail provider's `email.delivery`
webhook, and (with the email-bot issue) a bounce received by mail at `bounce+<id>.<mark>@`,
which calls `hard_bounce` with the outbox id of its (verified) VERP address. A webhook
source of a company reports only on that company's mail. A hard bounce, in one
transaction: the recipient's address is marked undeliverable (no more mail to it until
corrected), the message fails (it shows on the undelivered list), the invite's log says so,
the administrator who sent the invite is told (template `bounce_notice`), and an
`email.bounced` event is queued for webhook subscribers. Applying it twice changes nothing.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.webhooks_out.events import EMAIL_BOUNCED, bounced_event
from domain.errors import NotFound
from domain.inbound_events import DeliveryStatus, EmailDeliveryReport
from mailer.message_ids import new_message_id
from store import invites, outbox, people
from store.outbox import pending_row
from store.tables import OutboxMessage


def normalised_message_id(value: str) -> str:
    value = value.strip()
    return value if value.startswith("<") else f"<{value}>"


class Bounces:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs

    async def report(self, report: EmailDeliveryReport, source: str = "webhook",
                     company_id: int | None = None) -> str:
        """A provider's report on one of our messages; returns what was done. A source
        that belongs to a company (`company_id`) reports only on that company's mail:
        another company's Message-ID is not found, exactly like an unknown one."""
        message_id = normalised_message_id(report.message_id)
        async with self.ctx.sessions() as session:
            row = await outbox.email_row_by_message_id(session, message_id)
            owner = await _company_of(session, row) if row is not None else None
        if row is None or (company_id is not None and owner != company_id):
            raise NotFound(f"no message of ours has the Message-ID {message_id}")
        found = row.id
        assert found is not None
        diagnostic = report.diagnostic or report.status.value
        if report.status is DeliveryStatus.BOUNCED and report.permanent:
            applied = await self.hard_bounce(found, diagnostic, source)
            return f"message {found}: hard bounce " + ("recorded" if applied else
                                                       "already recorded")
        kind = {DeliveryStatus.DELIVERED: "delivered", DeliveryStatus.COMPLAINED: "complained",
                DeliveryStatus.BOUNCED: "soft_bounced"}[report.status]
        async with self.ctx.sessions.begin() as session:
            row = await outbox.email_row(session, found)
            assert row is not None
            if report.status is DeliveryStatus.COMPLAINED and row.person_id is not None:
                # The recipient called it spam: sending more would hurt every mail we send.
                await people.mark_undeliverable(session, row.person_id, self.ctx.clock())
            if row.invite_id is not None:
                await invites.add_event(
                    session, invite_id=row.invite_id, kind=kind, person_id=row.person_id,
                    channel="system", at=self.ctx.clock(),
                    detail={"outbox_id": found, "source": source,
                            "diagnostic": diagnostic[:300]})
        return f"message {found}: {kind}"

    async def hard_bounce(self, outbox_id: int, diagnostic: str, source: str) -> bool:
        """Apply a permanent failure of outbox message `outbox_id`; False when it was
        applied before. Raises NotFound for an unknown message."""
        async with self.ctx.sessions.begin() as session:
            row = await outbox.email_row(session, outbox_id)
            if row is None:
                raise NotFound(f"no mail {outbox_id}")
            applied = await record_hard_bounce(session, row, diagnostic, source,
                                               self.ctx)
        if applied:
            await self.jobs.wake_email_delivery()
            await self.jobs.wake_webhooks()
        return applied


async def record_hard_bounce(session: AsyncSession, row: OutboxMessage, diagnostic: str,
                             source: str, ctx: UseCaseContext) -> bool:
    """The writes of a hard bounce, inside the caller's transaction."""
    assert row.id is not None
    key = f"event:{EMAIL_BOUNCED}:{row.id}"
    if await outbox.key_exists(session, key):
        return False
    now = ctx.clock()
    person = await people.person_row(session, row.person_id) if row.person_id else None
    if person is not None and person.id is not None:
        await people.mark_undeliverable(session, person.id, now)
    await outbox.mark_failed(session, row.id, f"bounced: {diagnostic}")
    company_id = None
    rows = []
    if row.invite_id is not None:
        await invites.add_event(session, invite_id=row.invite_id, kind="bounced",
                                person_id=row.person_id, channel="system", at=now,
                                detail={"error": diagnostic[:300], "outbox_id": row.id,
                                        "source": source})
        if person is not None and person.role != "admin":  # never mail about a notice
            notice = await _notice(session, row, person.id, diagnostic, ctx)
            rows += [notice] if notice else []
    elif person is not None and person.role == "admin":
        company_id = person.company_id
    rows.append(bounced_event(
        outbox_id=row.id, message_id=row.message_id, person_id=row.person_id,
        recipient=person.email if person else row.recipient, invite_id=row.invite_id,
        diagnostic=diagnostic, source=source, now=now, company_id=company_id))
    await outbox.enqueue(session, rows)
    return True


async def _company_of(session: AsyncSession, row: OutboxMessage) -> int | None:
    """The company a mail was sent for: its invite's, else its recipient's (mail to
    administrators), else the one its payload names (webhook notices)."""
    if row.invite_id is not None:
        return (await invites.companies_of_invites(session, [row.invite_id])).get(row.invite_id)
    if row.person_id is not None:
        # A contact belongs to a contract company, which belongs to one upstream company.
        company_id = await people.upstream_company_of(session, row.person_id)
        if company_id is not None:
            return company_id
    company = (row.payload or {}).get("company_id")
    return company if isinstance(company, int) else None


async def _notice(session: AsyncSession, row: OutboxMessage, contact_id: int,
                  diagnostic: str, ctx: UseCaseContext) -> dict[str, object] | None:
    """The administrator's mail: to whoever sent the invite, else the company's first."""
    invite = await invites.invite_row(session, row.invite_id)
    if invite is None or invite.id is None:
        return None
    admin_id = invite.invited_by_id
    if admin_id is None:
        company = (await invites.companies_of_invites(session, [invite.id])).get(invite.id)
        admin = await people.first_admin(session, company) if company else None
        admin_id = admin.id if admin else None
    if admin_id is None:
        return None
    now = ctx.clock()
    return pending_row(
        kind="email", template="bounce_notice", invite_id=row.invite_id, person_id=admin_id,
        idempotency_key=f"bounce-notice:{row.id}", now=now,
        message_id=new_message_id(ctx.settings.inbound_domain),
        payload={"contact_id": contact_id, "diagnostic": diagnostic[:500],
                 "bounced_at": now.isoformat()})
