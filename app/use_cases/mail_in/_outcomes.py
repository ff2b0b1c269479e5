"""What processing a received message decided, and the outbox rows of the bot's replies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.use_cases.context import UseCaseContext
from mailer.inbound_triage import Triage
from mailer.message_ids import new_message_id
from store.outbox import pending_row


@dataclass
class Outcome:
    """The classification recorded on the message, its detail, and replies to send."""

    classification: str
    detail: dict[str, Any]
    invite_id: int | None = None
    replies: list[dict[str, Any]] = field(default_factory=list)


def reply_row(ctx: UseCaseContext, message_id: int, found: Triage, invite_id: int,
              person_id: int, variant: str, *, reason: str = "") -> dict[str, Any]:
    """The outbox row of one reply to the invite's contact, once per received message.
    It goes to the contact's stored address, never to one read from the message: the bot
    answers nobody else (issue #11)."""
    now = ctx.clock()
    key = f"inbound-reply:{message_id}"
    subject = found.subject if found.subject.lower().startswith("re:") else \
        f"Re: {found.subject}".strip()
    return pending_row(
        kind="email", template="inbound_reply", invite_id=invite_id, person_id=person_id,
        idempotency_key=key, now=now,
        message_id=new_message_id(ctx.settings.inbound_domain),
        payload={"variant": variant, "subject": subject[:300],
                 "in_reply_to": found.message_id, "references": found.references,
                 "reason": reason, "commitment_number": "", "contact_name": ""})
