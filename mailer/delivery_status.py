"""What a delivery report says, read with the standard library: which recipients failed for
good, which are only delayed, and nothing more than the report states.

A report is permanent for a recipient only when its RFC 3464 delivery-status block says
`Action: failed` with a 5.x.x `Status` (RFC 3463), or, for the older MTAs that send no
report (qmail, Yahoo, AOL, some Exchange and Sendmail set-ups), when a mail system's text
states a clear permanent failure for that recipient (the rules of `mailer.failure_texts`).
Anything else (delays, 4.x.x, a report we cannot read, a person's text) is not a failure:
guessing "permanent" would mark a good address undeliverable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_string
from email.message import Message

from mailer.failure_texts import read_failure_text
from mailer.inbound_parsing import header

PERMANENT, TEMPORARY, UNRECOGNISED = "permanent", "temporary", "unrecognised"
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# RFC 3464 section 2.3.3 names "failed"; real reports also write "failure" and
# "failed (reason)", and OpenSMTPD writes "error": each counts only with a 5.x.x status.
_FAILED_ACTIONS = ("fail", "error")


@dataclass(frozen=True)
class DeliveryReport:
    """`verdict` is PERMANENT, TEMPORARY or UNRECOGNISED; `recipients` are those the report
    says the verdict is about (normalised), `diagnostic` its first explanation."""

    verdict: str
    recipients: tuple[str, ...]
    diagnostic: str
    source: str  # "dsn" (RFC 3464) or "text" (a recognised failure text)

    @property
    def permanent(self) -> bool:
        return self.verdict == PERMANENT

    def names(self, address: str) -> bool:
        return normalised_address(address) in self.recipients


def normalised_address(address: str) -> str:
    """Lower-case, without `<>` or an `rfc822;` type, the domain as IDNA (punycode), so
    that `Ana@Bücher.example` and `ana@xn--bcher-kva.example` compare equal."""
    value = address.strip().strip("<>").strip()
    if ";" in value:
        value = value.split(";", 1)[1].strip().strip("<>").strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return value.lower()
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return f"{local.lower()}@{domain.lower().rstrip('.')}"


def is_delivery_status_report(message: Message) -> bool:
    """A multipart/report carrying message/delivery-status (RFC 3464), not a read receipt
    (report-type=disposition-notification, RFC 8098) or anything else."""
    return any(part.get_content_type() in ("message/delivery-status",
                                           "message/global-delivery-status")
               for part in message.walk())


def read_report(message: Message) -> DeliveryReport:
    """The report's verdict: from its delivery-status blocks when it has them, otherwise
    from a clear failure text of a mail system (`mailer.failure_texts`)."""
    if is_delivery_status_report(message):
        return _from_status_blocks(message)
    return _from_text(message)


def _from_status_blocks(message: Message) -> DeliveryReport:
    failed, delayed, diagnostic = [], [], ""
    for block in _status_blocks(message):
        recipients = [normalised_address(header(block, name)) for name in
                      ("Final-Recipient", "Original-Recipient") if header(block, name)]
        # Real reports bend RFC 3464: "failed (reason)", "failure", a bare SMTP code in
        # Status, or no Status but an enhanced code in Diagnostic-Code.
        action = header(block, "Action").lower()
        status_class = _status_class(header(block, "Status"), header(block, "Diagnostic-Code"))
        if not recipients or not status_class:
            continue
        explained = header(block, "Diagnostic-Code") or header(block, "Status")
        if action.startswith(_FAILED_ACTIONS) and status_class == "5":
            failed += recipients
            diagnostic = diagnostic or explained
        elif action.startswith(("delayed", *_FAILED_ACTIONS)) or status_class == "4":
            delayed += recipients
            diagnostic = diagnostic or explained
    if failed:
        return DeliveryReport(PERMANENT, tuple(dict.fromkeys(failed)), diagnostic[:300], "dsn")
    if delayed:
        return DeliveryReport(TEMPORARY, tuple(dict.fromkeys(delayed)), diagnostic[:300],
                              "dsn")
    if not any(header(block, "Final-Recipient") for block in _status_blocks(message)):
        # A report without per-recipient groups (Netscape's) says nothing for anyone
        # in its fields: its text may.
        return _from_text(message)
    return DeliveryReport(UNRECOGNISED, (), "", "dsn")


def _status_class(status: str, diagnostic: str) -> str:
    """"5", "4" or "2" from the enhanced status code (RFC 3463) of `Status`, else of the
    diagnostic, else from a basic SMTP reply code in either; "" when there is none."""
    for text in (status, diagnostic):
        found = _STATUS.search(text)
        if found:
            return found.group(1)
    for text in (status, diagnostic):
        basic = _BASIC_CODE.search(text)
        if basic:
            return basic.group(1)
    return ""


_BASIC_CODE = re.compile(r"(?<![\d.])([245])\d\d(?![\d.])")


def _status_blocks(message: Message) -> list[Message]:
    """The per-recipient field groups (RFC 3464 section 2.3) of every delivery-status
    part; the stdlib parses each group as a headers-only message."""
    blocks: list[Message] = []
    for part in message.walk():
        if part.get_content_type() not in ("message/delivery-status",
                                           "message/global-delivery-status"):
            continue
        payload = part.get_payload()
        for block in payload if isinstance(payload, list) else [payload]:
            if isinstance(block, Message):
                blocks.append(block)
                body = block.get_payload(decode=True)
                block = body.decode("utf-8", "replace") if isinstance(body, bytes) else ""
            # message/global-delivery-status (RFC 6533) is read as one part whose body
            # holds the per-recipient groups: parse those from its text.
            if isinstance(block, str) and block.strip():
                blocks += [message_from_string(group.strip() + "\n") for group in
                           re.split(r"\r?\n\s*\r?\n", block) if group.strip()]
    return blocks


def _from_text(message: Message) -> DeliveryReport:
    """A mail system's failure text, read by the rules of `mailer.failure_texts`."""
    found = read_failure_text(message)
    recipients = tuple(dict.fromkeys(normalised_address(a) for a in found.addresses))
    return DeliveryReport(found.verdict, recipients, found.diagnostic, "text")
