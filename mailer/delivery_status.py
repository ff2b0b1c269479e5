"""What a delivery report says, read with the standard library: which recipients failed for
good, which are only delayed, and nothing more than the report states.

A report is permanent for a recipient only when its RFC 3464 delivery-status block says
`Action: failed` with a 5.x.x `Status` (RFC 3463), or, for the older MTAs that send no
report (qmail, some Exchange and Sendmail set-ups), when the text gives a clear permanent
failure (a 5.x.x code or a known phrase) and names the recipient. Anything else (delays,
4.x.x, a report we cannot read) is not a failure: guessing "permanent" would mark a good
address undeliverable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_string
from email.message import Message

from mailer.inbound_parsing import body_text, header

PERMANENT, TEMPORARY, UNRECOGNISED = "permanent", "temporary", "unrecognised"
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# The address characters of RFC 5322 dot-atoms (hyphens and plus signs included), and any
# non-ASCII letter (RFC 6531 internationalised addresses).
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PERMANENT_TEXT = re.compile(
    r"\b(user unknown|unknown user|no such (user|mailbox|recipient)|mailbox (unavailable|"
    r"not found|does not exist|is disabled)|address rejected|recipient address rejected|"
    r"does not exist|invalid recipient|no mailbox here by that name|account (has been )?"
    r"disabled|recipient not found|not our customer|unrouteable address|"
    r"permanent(ly)? (error|failure|fatal)|recipient name is not recognized|"
    r"unknown recipient|no valid recipients|unknown host|host unknown)", re.I)
_TEMPORARY_TEXT = re.compile(
    r"\b(delayed|will (be )?retr(y|ied)|still being retried|temporar(y|ily)|"
    r"not yet been delivered|warning only|try again later|deferred)\b", re.I)


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
    from a clear failure text."""
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
        if action.startswith("fail") and status_class == "5":
            failed += recipients
            diagnostic = diagnostic or explained
        elif action.startswith(("delayed", "fail")) or status_class == "4":
            delayed += recipients
            diagnostic = diagnostic or explained
    if failed:
        return DeliveryReport(PERMANENT, tuple(dict.fromkeys(failed)), diagnostic[:300], "dsn")
    if delayed:
        return DeliveryReport(TEMPORARY, tuple(dict.fromkeys(delayed)), diagnostic[:300],
                              "dsn")
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
    """Heuristics, trusted only for a clear permanent text without any sign of a delay."""
    text = _report_text(message)
    if _TEMPORARY_TEXT.search(text) or _STATUS_4.search(text):
        return DeliveryReport(TEMPORARY, _addresses(text), "", "text")
    permanent = _PERMANENT_TEXT.search(text) or _STATUS_5.search(text)
    if permanent is None:
        return DeliveryReport(UNRECOGNISED, (), "", "text")
    line = next((ln.strip() for ln in text.splitlines() if permanent.group(0) in ln), "")
    return DeliveryReport(PERMANENT, _addresses(text), line[:300], "text")


_STATUS_5 = re.compile(r"(?<![\d.])5\.[0-7]\.\d{1,3}(?![\d.])|\b55[0-4][ -]")
_STATUS_4 = re.compile(r"(?<![\d.])4\.[0-7]\.\d{1,3}(?![\d.])|\b4[25][0-2][ -]\d")


def _report_text(message: Message) -> str:
    """The human-readable part of the report (the first text part), without the returned
    original message: its quoted text could name anything."""
    from email.message import EmailMessage

    if isinstance(message, EmailMessage):
        text = body_text(message)
    else:
        payload = message.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    for marker in ("------ This is a copy of the message", "--- Below this line is a copy",
                   "----- Original message -----", "Original message follows",
                   "--- Enclosed is a copy of the message"):
        text = text.split(marker, 1)[0]
    return text[:20000]


def _addresses(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalised_address(found) for found in _ADDRESS.findall(text)))
