"""The email bot: received mail is stored by the SMTP front door (`store`), then processed
(`process_pending`): bounces, auto-replies (recorded, never answered), then answers.

The email channel authenticates (issue #11). An answer is taken only from mail delivered
to an invite's secret reply address (bill+<token>@) whose From: is that invite's contact,
and whose DKIM signature, where it carries one, is not a forgery its domain's DMARC policy
disowns. Mail to postmaster@, or naming an invite only through In-Reply-To, is recorded
for the administrator and acts on nothing. A bounce acts only when its address carries a
valid mark and the report says our recipient failed for good. Nobody but the contact is
ever answered. Processing the same message twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from app.jobs import JobQueue
from app.use_cases.access.service import Access
from app.use_cases.answers.service import Answers
from app.use_cases.context import UseCaseContext
from app.use_cases.mail_in._outcomes import Outcome, reply_row
from app.use_cases.mail_in.bounces import Bounces
from domain.answers import AnswerRequest
from domain.errors import DomainError
from domain.invites import Answer
from domain.model import Channel
from mailer.bounce_address import BounceAddresses, outbox_id_of_tag
from mailer.inbound_parsing import Recipient, dedup_key, parse
from mailer.inbound_server import ReceivedMail
from mailer.inbound_triage import Triage, triage
from mailer.mail_authentication import MailAuthenticator
from mailer.reply_address import read_reply_tag
from store import inbound, outbox

log = logging.getLogger("itb.inbound")


class InboundMail:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, answers: Answers,
                 bounces: Bounces, access: Access,
                 authenticator: MailAuthenticator) -> None:
        self.ctx = ctx
        self.authenticator = authenticator
        self.bounce_addresses = BounceAddresses(ctx.settings.secret_keys,
                                                ctx.settings.inbound_domain)
        self.jobs = jobs
        self.answers = answers
        self.bounces = bounces
        self.access = access
        # Set by the process that runs the processing loop: wakes it after a store.
        self.wake: Callable[[], Awaitable[None]] | None = None

    @property
    def domain(self) -> str:
        return self.ctx.settings.inbound_domain

    async def exists(self, recipient: Recipient) -> bool:
        """Whether the SMTP server accepts mail for `recipient` (RCPT)."""
        async with self.ctx.sessions() as session:
            if recipient.kind == "reply":
                # An older mail's address (a smaller version) is accepted too: the reply is
                # recorded for the administrator, it just answers nothing.
                tag = read_reply_tag(recipient.tag)
                return tag is not None and await inbound.invite_with_token(session,
                                                                           tag.token) is not None
            if recipient.kind == "bounce":
                # Accepted when the mail exists, even with a bad mark: the report is then
                # recorded (and acts on nothing) rather than lost.
                outbox_id = outbox_id_of_tag(recipient.tag)
                return outbox_id is not None and await inbound.outbox_mail_exists(session,
                                                                                  outbox_id)
        return recipient.kind == "postmaster"

    async def store(self, mail: ReceivedMail) -> None:
        """Keep the raw message (once per Message-ID) and wake the processing."""
        values = {"dedup_key": dedup_key(parse(mail.raw), mail.raw),
                  # NUL is refused by PostgreSQL text columns; no address needs it.
                  "mail_from": mail.mail_from.replace("\x00", "")[:500],
                  "rcpt_to": ", ".join(mail.rcpt_tos).replace("\x00", "")[:500],
                  "raw": mail.raw, "size": len(mail.raw), "received_at": self.ctx.clock(),
                  "detail": {}}
        async with self.ctx.sessions.begin() as session:
            await inbound.store(session, values)
        if self.wake is not None:
            await self.wake()

    async def process_pending(self) -> int:
        """Process every stored message not processed yet; how many were."""
        done = 0
        while ids := await self._unprocessed():
            for message_id in ids:
                await self.process(message_id)
                done += 1
        return done

    async def _unprocessed(self) -> list[int]:
        async with self.ctx.sessions() as session:
            return await inbound.unprocessed_ids(session)

    async def process(self, message_id: int) -> str | None:
        """Classify and act on one stored message; its classification."""
        async with self.ctx.sessions() as session:
            stored = await inbound.unprocessed(session, message_id)
        if stored is None:
            return None
        raw, rcpt_tos = stored
        try:
            found = triage(raw, rcpt_tos, self.domain)
            outcome = await self._act(message_id, found, raw)
        except Exception as exc:  # keep it for the administrator; never loop on it
            log.exception("processing a received message failed", extra={"id": message_id})
            outcome = Outcome("error", {"error": type(exc).__name__})
        async with self.ctx.sessions.begin() as session:
            await inbound.classify(session, message_id, outcome.classification, outcome.detail,
                                   outcome.invite_id, self.ctx.clock())
            await outbox.enqueue(session, outcome.replies)
        if outcome.replies:
            await self.jobs.wake_email_delivery()
        return outcome.classification

    async def _act(self, message_id: int, found: Triage, raw: bytes) -> Outcome:
        if found.kind == "bounce":
            return await self._bounce(found)
        if found.kind == "auto_reply":
            return Outcome(found.kind, {"reason": found.reason, "subject": found.subject})
        detail: dict[str, Any] = {"sender": found.sender, "subject": found.subject,
                                  "text": found.text}
        if found.kind == "postmaster":  # shown to the administrator, never acted on
            return Outcome("postmaster", detail, await self._referenced_invite(found))
        tag = read_reply_tag(found.reply_token or "")
        async with self.ctx.sessions() as session:
            invite = None if tag is None else await inbound.invite_with_token(session, tag.token)
        if tag is None or invite is None:
            return Outcome("unmatched", detail)
        invite_id, current_version = invite
        if tag.version != current_version:  # a newer mail was sent, or the links revoked
            return Outcome("stale_reply_address", detail, invite_id)
        async with self.ctx.sessions() as session:
            contact = await inbound.contact_of_commitment(session, invite_id, found.sender)
        if contact is None:  # recorded only: a stranger is never answered
            return Outcome("not_a_contact", detail, invite_id)
        authentication = await self.authenticator.check(raw)
        detail["authentication"] = authentication.as_detail()
        if authentication.refused:
            return Outcome("unauthenticated", detail, invite_id)
        person_id, locale = contact
        if found.answer is None:
            return Outcome("unclear", detail, invite_id,
                           [reply_row(self.ctx, message_id, found, invite_id, person_id,
                                      "help")])
        return await self._answer(message_id, found, invite_id, person_id, locale, detail)

    async def _answer(self, message_id: int, found: Triage, invite_id: int, person_id: int,
                      locale: str, detail: dict[str, Any]) -> Outcome:
        assert found.answer is not None
        detail["answer"] = found.answer.value
        try:
            result = await self.answers.answer(AnswerRequest(
                invite_id=invite_id, contact_id=person_id, answer=found.answer,
                channel=Channel.EMAIL))
        except DomainError as exc:
            detail["refused"] = exc.message
            return Outcome("answer_refused", detail, invite_id, [reply_row(
                self.ctx, message_id, found, invite_id, person_id, "closed",
                reason=exc.message)])
        detail["changed"] = result.changed
        variant = "accepted" if found.answer is Answer.YES else "declined"
        reply = reply_row(self.ctx, message_id, found, invite_id, person_id, variant)
        if found.answer is Answer.YES:
            # The confirmation carries a one-time sign-in link to the invoice form.
            async with self.ctx.sessions.begin() as session:
                link = await self.access.link_row(session, person_id, locale, None,
                                                          self.ctx.clock())
            reply["payload"]["link_id"] = link["payload"]["link_id"]
        return Outcome(f"answer_{found.answer.value}", detail, invite_id, [reply])

    async def _referenced_invite(self, found: Triage) -> int | None:
        """The invite of a mail of ours the message names in In-Reply-To or References,
        for display beside it only."""
        async with self.ctx.sessions() as session:
            return await inbound.invite_of_message_ids(session, list(found.referenced_ids))

    async def _bounce(self, found: Triage) -> Outcome:
        report = found.report
        assert report is not None
        detail: dict[str, Any] = {"recipients": list(report.recipients),
                                  "verdict": report.verdict, "permanent": report.permanent,
                                  "diagnostic": report.diagnostic, "subject": found.subject}
        if found.bounce_tag is None:
            return Outcome("bounce_unmatched", detail)
        outbox_id = self.bounce_addresses.verified_id(found.bounce_tag)
        if outbox_id is None:  # guessed or forged: recorded, never acted on
            return Outcome("bounce_unverified", detail)
        detail["outbox_id"] = outbox_id
        async with self.ctx.sessions() as session:
            invite_id = await inbound.invite_of_outbox(session, outbox_id)
            recipient = await inbound.recipient_of_outbox(session, outbox_id)
        if report.verdict == "temporary":
            return Outcome("bounce_temporary", detail, invite_id)  # the MTA retries
        if not report.permanent:
            return Outcome("bounce_unrecognised", detail, invite_id)
        if recipient is None or not report.names(recipient):
            return Outcome("bounce_other_recipient", detail, invite_id)
        try:
            detail["applied"] = await self.bounces.hard_bounce(
                outbox_id, report.diagnostic or "bounced", "email")
        except DomainError as exc:
            detail["error"] = exc.message
        return Outcome("bounce", detail, invite_id)
