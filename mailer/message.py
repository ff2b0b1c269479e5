"""Build the MIME message for a rendered mail.

Built on the compat32 `email.mime` classes rather than `EmailMessage`: for the invite,
building plus the serialisation aiosmtplib does measured ~0.93 ms against ~2.6 ms with
EmailMessage, and building is the CPU-heavy part of sending (shared/design/performance.md).
"""

import datetime
import email.charset
import email.utils
import re
from collections.abc import Mapping
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart

from mailer.render import RenderedMail

# Quoted-printable rather than compat32's default base64 for utf-8: the parts stay readable
# and smaller, and the HTML's long inlined-style lines are wrapped at 76 characters.
_UTF8_QP = email.charset.Charset("utf-8")
_UTF8_QP.body_encoding = email.charset.QP

# RFC 5322 dot-atom-text, what both halves of a msg-id must be (so no ":" or "<").
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")

# Headers this module sets itself; `headers=` may not replace them.
_OWN_HEADERS = frozenset(
    {"from", "to", "subject", "date", "message-id", "reply-to", "mime-version", "content-type"}
)


def make_message_id(unique: str, domain: str) -> str:
    """A Message-ID `<unique@domain>` (RFC 5322 msg-id). `unique` must be unique within
    `domain` and a dot-atom: an outbox key such as `invite:7:contact:9:initial` needs its
    colons replaced first (e.g. by dots); anything else raises ValueError."""
    if not (_DOT_ATOM.fullmatch(unique) and _DOT_ATOM.fullmatch(domain)):
        raise ValueError(f"cannot build a Message-ID from {unique!r} and {domain!r}")
    return f"<{unique}@{domain}>"


def build_message(
    rendered: RenderedMail,
    *,
    from_addr: str,
    to_addr: str,
    to_name: str | None,
    message_id: str,
    reply_to: str | None,
    date: datetime.datetime,
    headers: Mapping[str, str] | None = None,
) -> MIMEMultipart:
    """A multipart/alternative message: text/plain first, then text/html (RFC 2046: the
    preferred, richest part comes last), both utf-8.

    `from_addr` may carry a display name ("Invite to Bill <noreply@example.com>"); `date`
    must be timezone-aware. `headers` adds further headers such as Auto-Submitted,
    In-Reply-To and References.
    """
    if date.tzinfo is None:
        raise ValueError("date must be timezone-aware")
    sender = email.utils.parseaddr(from_addr)
    if not sender[1]:
        raise ValueError(f"not an address: {from_addr!r}")
    message = MIMEMultipart("alternative")
    # formataddr encodes a non-ASCII display name as an RFC 2047 word and leaves the
    # address itself alone; compat32 would otherwise encode the whole header value.
    message["From"] = email.utils.formataddr(sender, charset="utf-8")
    message["To"] = email.utils.formataddr((to_name or "", to_addr), charset="utf-8")
    message["Subject"] = rendered.subject
    message["Date"] = email.utils.format_datetime(date)
    message["Message-ID"] = message_id
    if reply_to:
        message["Reply-To"] = reply_to
    for name, value in (headers or {}).items():
        if name.lower() in _OWN_HEADERS:
            raise ValueError(f"header {name!r} is set by build_message itself")
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name!r} contains a line break")
        message[name] = value
    message.attach(_utf8_text_part("plain", rendered.text))
    message.attach(_utf8_text_part("html", rendered.html))
    return message


def _utf8_text_part(subtype: str, text: str) -> MIMENonMultipart:
    # What MIMEText does, but with the quoted-printable utf-8 charset above.
    part = MIMENonMultipart("text", subtype, charset="utf-8")
    part.set_payload(text, _UTF8_QP)
    return part
