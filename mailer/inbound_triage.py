"""Triage of one received message, without the database: what kind of mail it is, what of
ours it names, and, for a person's reply, the answer its first meaningful line gives.

The order matters. Delivery reports come first: a DSN carries `Auto-Submitted` itself
(RFC 3464 section 2.1 asks for it) and would otherwise pass for an auto-reply. Then
auto-replies, then mail to postmaster, then replies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from domain.invites import Answer
from domain.reply_grammar import read_answer
from mailer.inbound_kinds import (
    DeliveryReport,
    auto_reply_reason,
    delivery_report,
    is_delivery_report,
)
from mailer.inbound_parsing import (
    body_text,
    header,
    latest_reply,
    our_recipient,
    parse,
    referenced_invites,
    sender,
)

MAX_KEPT_TEXT = 500


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
    bounce_outbox_id: int | None = None
    referenced_invites: tuple[int, ...] = ()
    report: DeliveryReport | None = None
    answer: Answer | None = None
    # The reply's new text (quotes and signature removed), cut, for the administrator.
    text: str = ""
    defects: list[str] = field(default_factory=list)


def triage(raw: bytes, rcpt_tos: tuple[str, ...], domain: str) -> Triage:
    """Classify `raw`, delivered to `rcpt_tos`; never raises on malformed mail."""
    message = parse(raw)
    recipients = [r for r in (our_recipient(a, domain) for a in rcpt_tos) if r is not None]
    bounce_ids = [int(r.tag) for r in recipients if r.kind == "bounce"]
    tokens = [r.tag for r in recipients if r.kind == "reply"]
    base = Triage(
        "reply", sender=_clean(sender(message)), subject=_clean(header(message, "Subject"))[:300],
        message_id=_clean(header(message, "Message-ID"))[:250],
        references=_clean(" ".join(filter(None, (header(message, "References"),
                                                 header(message, "In-Reply-To")))))[:900],
        defects=[type(d).__name__ for d in message.defects][:10])
    if is_delivery_report(message, to_bounce_address=bool(bounce_ids)):
        return replace(base, kind="bounce", report=delivery_report(raw, message),
                       bounce_outbox_id=bounce_ids[0] if bounce_ids else None)
    reason = auto_reply_reason(message)
    if reason is not None:
        return replace(base, kind="auto_reply", reason=reason)
    invites = tuple(referenced_invites(message, domain))
    # Mail to postmaster is for a person, unless it answers one of our invites (a reply
    # that reached us another way, matched through In-Reply-To/References).
    if not tokens and not invites and any(r.kind == "postmaster" for r in recipients):
        return replace(base, kind="postmaster")
    text = latest_reply(body_text(message))
    return replace(base, reply_token=tokens[0] if tokens else None,
                   referenced_invites=invites, answer=read_answer(text),
                   text=_clean(text)[:MAX_KEPT_TEXT])


def _clean(value: str) -> str:
    """Without NUL characters: PostgreSQL text refuses them, and mail may carry them."""
    return value.replace("\x00", "")
