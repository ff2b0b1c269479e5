"""Is a received message a robot's? Auto-replies (RFC 3834 and the usual vendor headers,
out-of-office subjects in English and French) and delivery status notifications (DSNs),
with the recipients a DSN says failed (flufl.bounce)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message

from flufl.bounce import all_failures

from mailer.inbound_parsing import header

_OUT_OF_OFFICE = re.compile(
    r"^\s*(automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office|"
    r"away from (the )?office|on vacation|vacation reply|absent|absence|"
    r"r[ée]ponse automatique|message d'absence|absent\(e\)|hors du bureau|cong[ée]s?)\b",
    re.I)
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_DSN_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail delivery (subsystem|system))",
                          re.I)


@dataclass(frozen=True)
class DeliveryReport:
    """What a DSN says: the failed recipients, and whether the failure is permanent."""

    recipients: tuple[str, ...]
    permanent: bool
    diagnostic: str


def auto_reply_reason(message: Message) -> str | None:
    """Why the message is an automatic one, or None when a person wrote it."""
    submitted = header(message, "Auto-Submitted").split(";")[0].strip().lower()
    if submitted and submitted != "no":
        return f"Auto-Submitted: {submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"):
        if header(message, name) and name != "X-Auto-Response-Suppress":
            return name
    precedence = header(message, "Precedence").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    subject = header(message, "Subject")
    if _OUT_OF_OFFICE.match(subject):
        return "out-of-office subject"
    return None


def is_delivery_report(message: Message, to_bounce_address: bool) -> bool:
    """A DSN (multipart/report), or anything a mailer daemon sent to our bounce address."""
    if message.get_content_type() == "multipart/report":
        return True
    sender = header(message, "From")
    return to_bounce_address or bool(_DSN_SENDERS.match(sender.split("<")[0].strip('" ')))


def delivery_report(raw: bytes, message: Message) -> DeliveryReport:
    """The failed recipients and whether the failure is permanent (5.x.x), temporary
    (4.x.x, "delayed") when the report says so."""
    try:
        # flufl.bounce's detectors expect the compat32 parse of the message.
        temporary, permanent = all_failures(message_from_bytes(raw))
    except Exception:  # flufl.bounce on a broken report: fall back to the status codes
        temporary, permanent = set(), set()
    status, diagnostic = _status_and_diagnostic(message)
    recipients = sorted(_text(a) for a in permanent | temporary)
    is_permanent = bool(permanent) or (not temporary and not status.startswith("4"))
    return DeliveryReport(tuple(recipients), is_permanent, diagnostic or status)


def _text(address: bytes | str) -> str:
    value = address.decode("utf-8", "replace") if isinstance(address, bytes) else address
    return value.strip().lower()


def _status_and_diagnostic(message: Message) -> tuple[str, str]:
    """The first `Status:` and `Diagnostic-Code:` of the message/delivery-status part."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        blocks = payload if isinstance(payload, list) else []
        for block in blocks:
            if not isinstance(block, Message):
                continue
            status = header(block, "Status")
            if status:
                return status, header(block, "Diagnostic-Code")[:300]
    return "", ""
