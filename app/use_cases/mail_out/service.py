"""Outgoing mail: delivering the outbox (claim due rows, render, send over one reused
connection, record), and the administrator's undelivered mail (list, queue again).

Each row is marked sent in its own short transaction right after the relay accepted it,
so a crash re-sends at most the message that was in flight.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.leases import LeaseKeeper
from app.use_cases.mail_out._sent_marks import SentMarks
from app.use_cases.mail_out.contexts import MailContexts, NotSendable, OutgoingMail
from app.use_cases.webhooks_out.events import bounced_event
from domain.errors import Conflict, NotFound
from domain.model import Administrator, UndeliveredMessage
from domain.retry import next_attempt_at
from mailer.bounce_address import BounceAddresses
from mailer.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailer.message import HeaderRefused, compose_message
from mailer.render import MailRenderer
from mailer.smtp_relay import SmtpRelay
from store import invites, outbox, people
from store.engine import connection_limit

log = logging.getLogger("itb.delivery")
# The first claim of a delivery run (it doubles from there): several runs start at once,
# and with a first claim of 5 eight of them share a batch of forty.
FIRST_CLAIM = 5


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class MailOut:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, renderer: MailRenderer,
                 relay_factory: Callable[[], SmtpRelay], contexts: MailContexts,
                 mail_from: str) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.mail_from = mail_from  # ITB_MAIL_FROM
        # "Sent" marks are committed on their own: autocommit saves the BEGIN and COMMIT
        # round trips and keeps the guarantee (the row is durable before its connection
        # sends again).
        self.autocommit = ctx.engine.execution_options(isolation_level="AUTOCOMMIT")
        # PostgreSQL: the marks keep one autocommit connection while the process delivers
        # (a checkout per mark cost a pre-ping's three round trips). SQLite has one
        # connection for the whole process, which the web and the claims need between marks.
        keep_mark_connection = connection_limit(ctx.engine) > 1
        # One for the process: the marks of its concurrent runs (each over its own SMTP
        # connection) share their writes. Closed when the last run ends.
        self.marks = SentMarks(ctx.engine, self.autocommit, keep_mark_connection)
        self._runs = 0
        self._stopping = False
        self.renderer = renderer
        self.relay_factory = relay_factory
        self.contexts = contexts
        self.bounce_addresses = BounceAddresses(ctx.settings.secret_keys,
                                                ctx.settings.inbound_domain)

    async def deliver_due(self, *, batch_size: int = 50,
                          first_claim: int = FIRST_CLAIM) -> DeliveryReport:
        """Drain every due email row; returns when none is left (or none can be claimed).

        Only rows of kind "email": other kinds (webhook events) have their own sender.
        A run claims `first_claim` rows first and twice as many each time after, up to
        `batch_size`: the runs that start together on a small batch (a project's forty or
        eighty invites) each get a share of it instead of one run taking it all, and a
        large one costs a few claims more per run (no difference measured in CPU).
        """
        report = DeliveryReport()
        relay = self.relay_factory()
        self._runs += 1
        claim = min(first_claim, batch_size)
        try:
            while not self._stopping and (rows := await self._claim(claim)):
                claim = min(claim * 2, batch_size)
                async with LeaseKeeper(self.ctx.engine, self.ctx.clock, rows) as leases:
                    async with self.ctx.sessions() as session:
                        built = await self.contexts.build(session, rows)
                    for row in rows:
                        if self._stopping:  # the rest's leases run out: another run sends them
                            break
                        await self._deliver(relay, row, built[row["id"]], report)
                        leases.release(row["id"])
        finally:
            self._runs -= 1
            if not self._runs:
                await self.marks.close()
            await relay.close()
        return report

    def stop(self) -> None:
        """The process is stopping: each run ends after the message it has in flight (its
        mark committed), rather than being cancelled in the middle of a database call."""
        self._stopping = True

    async def deliver_due_over(self, connections: int) -> DeliveryReport:
        """`deliver_due` over several SMTP connections at once (`serve` without Redis:
        while one run waits for the relay or the database, another builds its message)."""
        reports = await asyncio.gather(*(self.deliver_due() for _ in range(connections)))
        total = DeliveryReport()
        for report in reports:
            total.sent += report.sent
            total.retried += report.retried
            total.failed += report.failed
            total.errors += report.errors
        return total

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

    async def _claim(self, limit: int) -> list[Any]:
        async with self.ctx.engine.begin() as connection:
            return await outbox.claim_due(connection, "email", self.ctx.clock(), limit)

    async def _deliver(self, relay: SmtpRelay, row: Mapping[str, Any],
                       mail: OutgoingMail | NotSendable, report: DeliveryReport) -> None:
        if isinstance(mail, NotSendable) or not mail.deliverable:
            reason = mail.reason if isinstance(mail, NotSendable) else \
                "the recipient's address is marked undeliverable"
            async with self.ctx.engine.begin() as connection:
                await outbox.mark_failed(connection, row["id"], reason)
            report.failed += 1
            return
        try:
            message = self._message(row, mail)
            await relay.send(message, self._bounce_address(row["id"]), [mail.to_addr])
        except HeaderRefused as exc:
            # A stored value would split a header: retrying cannot help, and the address
            # is not at fault (so no bounce). The administrator sees it among failed mail.
            log.warning("mail not built: a header value holds a control character",
                        extra={"outbox_id": row["id"]})
            async with self.ctx.engine.begin() as connection:
                await outbox.mark_failed(connection, row["id"], str(exc))
            report.failed += 1
        except PermanentDeliveryError as exc:
            await self._permanent_failure(row, mail, str(exc))
            report.failed += 1
        except Exception as exc:  # temporary failures, and a render bug must not lose mail
            if not isinstance(exc, TemporaryDeliveryError):
                log.exception("could not build mail", extra={"outbox_id": row["id"]})
            when = next_attempt_at(row["attempts"], self.ctx.clock(), random.random())  # noqa: S311
            async with self.ctx.engine.begin() as connection:
                await outbox.mark_retry(connection, row["id"], str(exc), when)
            report.retried += 1
            report.errors.append(str(exc))
        else:
            await self.marks.mark(row["id"], self.ctx.clock())
            report.sent += 1

    def _message(self, row: Mapping[str, Any], mail: OutgoingMail) -> bytes:
        rendered = self.renderer.render(row["template"], mail.context)
        return compose_message(
            rendered, from_addr=self.mail_from, to_addr=mail.to_addr,
            to_name=mail.to_name, message_id=row["message_id"], reply_to=mail.reply_to,
            date=self.ctx.clock(), headers=mail.headers or None)

    def _bounce_address(self, outbox_id: int) -> str:
        # VERP: a bounce names the exact message that failed, signed so none is forged.
        return self.bounce_addresses.address(outbox_id)

    async def _permanent_failure(self, row: Mapping[str, Any], mail: OutgoingMail,
                                 error: str) -> None:
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            await outbox.mark_failed(session, row["id"], error)
            await people.mark_undeliverable(session, mail.person_id, now)
            if mail.invite_id is not None:
                await invites.add_event(session, invite_id=mail.invite_id, kind="bounced",
                                        person_id=mail.person_id, channel="system", at=now,
                                        detail={"error": error[:300], "outbox_id": row["id"]})
            # `email.bounced` for webhook subscribers (the next webhook sweep sends it).
            await outbox.enqueue(session, [bounced_event(
                outbox_id=row["id"], message_id=row["message_id"], person_id=mail.person_id,
                recipient=mail.to_addr, invite_id=row["invite_id"], diagnostic=error,
                source="smtp", now=now)])
