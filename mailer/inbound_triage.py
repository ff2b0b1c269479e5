"""Triage of one received message, without the database: what kind of mail it is, what of
ours it names, and, for a person's reply, the answer its first meaningful line gives.

The order matters. Delivery-status reports come first: a DSN carries `Auto-Submitted`
itself (RFC 3464 section 2.1) and would otherwise pass for an auto-reply. Then
auto-replies (RFC 3834 sends them to the envelope sender, our bounce address, so they must
never be read as bounces), then failure texts of mailer daemons, then mail to postmaster,
then replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from domain.invites import Answer
from domain.reply_grammar import read_answer
from mailer.delivery_status import DeliveryReport, is_delivery_status_report, read_report
from mailer.inbound_kinds import (
    auto_reply_reason,
    is_weak_reason,
    looks_like_delivery_report,
)
from mailer.inbound_parsing import (
    body_text,
    header,
    latest_reply,
    our_recipient,
    parse,
    sender,
)

MAX_KEPT_TEXT = 500
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")


@dataclass(frozen=True)
class Triage:
    """`kind` is "bounce", "auto_reply", "postmaster" or "reply"."""

    kind: str
    sender: str = ""
    subject: str = ""
    message_id: str = ""
    references: str = ""
    reason: str = ""
    reply_token: str | None = None
    # The tag of our bounce address (`<outbox id>.<mark>`), verified by the application.
    bounce_tag: str | None = None
    # Message-IDs named by In-Reply-To and References: shown, never trusted.
    referenced_ids: tuple[str, ...] = ()
    report: DeliveryReport | None = None
    answer: Answer | None = None
    # The reply's new text (quotes and signature removed), cut, for the administrator.
    text: str = ""
    defects: list[str] = field(default_factory=list)


def triage(raw: bytes, rcpt_tos: tuple[str, ...], domain: str) -> Triage:
    """Classify `raw`, delivered to `rcpt_tos`; never raises on malformed mail."""
    message = parse(raw)
    recipients = [r for r in (our_recipient(a, domain) for a in rcpt_tos) if r is not None]
    bounce_tags = [r.tag for r in recipients if r.kind == "bounce"]
    tokens = [r.tag for r in recipients if r.kind == "reply"]
    references = " ".join(filter(None, (header(message, "In-Reply-To"),
                                        header(message, "References"))))
    base = Triage(
        "reply", sender=_clean(sender(message)), subject=_clean(header(message, "Subject"))[:300],
        message_id=_clean(header(message, "Message-ID"))[:250],
        references=_clean(references)[:900],
        referenced_ids=tuple(dict.fromkeys(_MESSAGE_ID.findall(_clean(references))))[:20],
        bounce_tag=bounce_tags[0] if bounce_tags else None,
        defects=[type(d).__name__ for d in message.defects][:10])
    if is_delivery_status_report(message):
        return replace(base, kind="bounce", report=read_report(message))
    reason = auto_reply_reason(message)
    if reason is not None and not is_weak_reason(reason):
        return replace(base, kind="auto_reply", reason=reason)
    if looks_like_delivery_report(message) or (bounce_tags and reason is None):
        return replace(base, kind="bounce", report=read_report(message))
    if reason is not None:
        return replace(base, kind="auto_reply", reason=reason)
    if not tokens:
        return replace(base, kind="postmaster")
    text = latest_reply(body_text(message))
    return replace(base, reply_token=tokens[0], answer=read_answer(text),
                   text=_clean(text)[:MAX_KEPT_TEXT])


def _clean(value: str) -> str:
    """Without NUL characters: PostgreSQL text refuses them, and mail may carry them."""
    return value.replace("\x00", "")
