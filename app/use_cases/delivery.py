"""Delivering outbox mail: claim due rows, render, send over one reused connection, record.

Each row is marked sent in its own short transaction right after the relay accepted it,
so a crash re-sends at most the message that was in flight.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update

from app.use_cases.context import UseCaseContext
from domain.retry import next_attempt_at
from mailer.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailer.i18n import format_date
from mailer.message import compose_message
from mailer.render import MailRenderer
from mailer.smtp_relay import SmtpRelay
from store import outbox
from store import tables as t
from store.mail_facts import InviteMailFacts, invite_mail_facts
from webhooks.links import InviteLink, LinkSigner, answer_urls

log = logging.getLogger("itb.delivery")


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class EmailDelivery:
    def __init__(self, ctx: UseCaseContext, renderer: MailRenderer,
                 relay_factory: Callable[[], SmtpRelay], signer: LinkSigner) -> None:
        self.ctx = ctx
        # Each outcome is one UPDATE committed on its own: autocommit saves the BEGIN and
        # COMMIT round trips and keeps the guarantee (the row is durable before the next
        # message is sent).
        self.autocommit = ctx.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.renderer = renderer
        self.relay_factory = relay_factory
        self.signer = signer

    async def deliver_due(self, *, batch_size: int = 50) -> DeliveryReport:
        """Drain every due email row; returns when none is left (or none can be claimed)."""
        report = DeliveryReport()
        relay = self.relay_factory()
        try:
            while rows := await self._claim(batch_size):
                async with self.ctx.sessions() as session:
                    facts = await invite_mail_facts(
                        session, [(r["invite_id"], r["person_id"]) for r in rows])
                for row in rows:
                    await self._deliver(relay, row, facts.get((row["invite_id"],
                                                               row["person_id"])), report)
        finally:
            await relay.close()
        return report

    async def _claim(self, limit: int) -> list[Any]:
        async with self.ctx.engine.begin() as connection:
            return await outbox.claim_due(connection, "email", self.ctx.clock(), limit)

    async def _deliver(self, relay: SmtpRelay, row: Mapping[str, Any],
                       facts: InviteMailFacts | None, report: DeliveryReport) -> None:
        if facts is None or not facts.contact_deliverable:
            reason = "the contact is no longer on the commitment" if facts is None else \
                "the contact's address is marked undeliverable"
            async with self.ctx.engine.begin() as connection:
                await outbox.mark_failed(connection, row["id"], reason)
            report.failed += 1
            return
        try:
            message = self._message(row, facts)
            await relay.send(message, self._bounce_address(row["id"]), [facts.contact_email])
        except PermanentDeliveryError as exc:
            await self._permanent_failure(row, facts, str(exc))
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
            async with self.autocommit.connect() as connection:
                await outbox.mark_sent(connection, row["id"], self.ctx.clock())
            report.sent += 1

    def _message(self, row: Mapping[str, Any], facts: InviteMailFacts) -> bytes:
        token = self.signer.invite_token(InviteLink(facts.invite_id, facts.contact_id,
                                                    facts.token_version))
        yes_url, no_url = answer_urls(self.ctx.settings.base_url, token)
        rendered = self.renderer.render(row["template"], invite_context(
            facts, yes_url, no_url, resend=bool(row["payload"].get("resend"))))
        domain = self.ctx.settings.inbound_domain
        return compose_message(
            rendered, from_addr=self.ctx.settings.mail_from, to_addr=facts.contact_email,
            to_name=facts.contact_name, message_id=row["message_id"],
            reply_to=f"bill+{facts.reply_token}@{domain}", date=self.ctx.clock())

    def _bounce_address(self, outbox_id: int) -> str:
        # VERP: a bounce names the exact message that failed.
        return f"bounce+{outbox_id}@{self.ctx.settings.inbound_domain}"

    async def _permanent_failure(self, row: Mapping[str, Any], facts: InviteMailFacts,
                                 error: str) -> None:
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            await outbox.mark_failed(session, row["id"], error)
            await session.execute(update(t.Person).where(t.Person.id == facts.contact_id)
                                  .values(deliverable=False, bounced_at=now))
            session.add(t.InviteEvent(invite_id=facts.invite_id, kind="bounced",
                                      person_id=facts.contact_id, channel="system", at=now,
                                      detail={"error": error[:300], "outbox_id": row["id"]}))


def invite_context(facts: InviteMailFacts, yes_url: str, no_url: str, *,
                   resend: bool) -> dict[str, Any]:
    locale = facts.locale
    return {
        "project_name": facts.project_name, "inviter_name": facts.inviter_name,
        "inviter_email": facts.inviter_email, "contact_name": facts.contact_name,
        "commitment_number": facts.commitment_number,
        "commitment_title": facts.commitment_title,
        "contract_company": facts.contract_company,
        "period_start": format_date(facts.period_start, locale),
        "period_end": format_date(facts.period_end, locale),
        "due_date": format_date(facts.due_date, locale),
        "invitation_message": facts.invitation_message, "yes_url": yes_url,
        "no_url": no_url, "locale": locale, "resend": resend,
    }
