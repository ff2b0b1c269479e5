"""Reading a received message: its addresses, threading headers, and the text of a reply.

Pure functions over bytes and `email.message.EmailMessage`; nothing here touches the
database. Every function tolerates broken mail: a malformed header reads as absent.
"""

from __future__ import annotations

import contextlib
import email.policy
import hashlib
import re
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr

from mailparser_reply import EmailReplyParser

_POLICY = email.policy.default
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_BLOCK_END = re.compile(r"<(br|/p|/div|/tr|/li|/h\d)\b[^>]*>", re.I)
MAX_DEDUP_KEY = 250
# The line a client puts above a quote: "On <date>, <name> wrote:", "Le ... a écrit :".
_ATTRIBUTION = re.compile(r"^\s*(on\b.*\bwrote|le\b.*\ba [ée]crit)\s*:\s*$", re.I)


@dataclass(frozen=True)
class Recipient:
    """An address of ours: `bill+<token>@`, `bounce+<outbox id>.<mark>@` or `postmaster@`.
    A bounce tag's mark is checked by the application (it holds the keys)."""

    kind: str  # "reply", "bounce" or "postmaster"
    tag: str = ""


def parse(raw: bytes) -> EmailMessage:
    """The message, never raising: the standard parser records defects instead, except
    for some broken headers the modern policy trips over (a truncated Content-Type
    parameter raises IndexError, found by the fuzz test): those are read with compat32,
    which parses no header (their bodies then read as empty)."""
    try:
        parsed = message_from_bytes(raw, policy=_POLICY)
    except Exception:
        parsed = message_from_bytes(raw, _class=EmailMessage,
                                    policy=email.policy.compat32)  # type: ignore[arg-type]
    assert isinstance(parsed, EmailMessage)
    return parsed


def header(message: Message, name: str) -> str:
    """A header's value as text; empty when absent or unreadable."""
    try:
        value = message.get(name)
    except Exception:  # a malformed header must not stop the rest of the message
        return ""
    return str(value).strip() if value is not None else ""


def our_recipient(address: str, domain: str) -> Recipient | None:
    """What an envelope recipient names, or None when it is not one of our addresses."""
    local, _, host = address.strip().strip("<>").rpartition("@")
    if host.lower() != domain.lower() or not local:
        return None
    local = local.lower()
    if local == "postmaster":
        return Recipient("postmaster")
    base, plus, tag = local.partition("+")
    if plus and tag and base == "bill" and re.fullmatch(r"[a-z0-9_-]{1,40}", tag):
        return Recipient("reply", tag)
    if plus and base == "bounce" and re.fullmatch(r"[0-9]{1,18}(\.[0-9a-z]{1,40})?", tag):
        return Recipient("bounce", tag)
    return None


def dedup_key(message: Message, raw: bytes) -> str:
    """The Message-ID (the same mail delivered twice is stored once), else a hash."""
    message_id = header(message, "Message-ID")
    # Only a plain one: the key is a column value, and PostgreSQL refuses NUL in text.
    if message_id and len(message_id) <= MAX_DEDUP_KEY and message_id.isascii() \
            and message_id.isprintable():
        return message_id
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def sender(message: Message) -> str:
    """The author's address, lower-case ('' when there is none)."""
    return parseaddr(header(message, "From"))[1].strip().lower()


def recipients_named(message: Message, *names: str) -> list[str]:
    pairs = getaddresses([header(message, name) for name in names])
    return [address.lower() for _, address in pairs if address]


def body_text(message: EmailMessage) -> str:
    """The reply's text: its text/plain part, else its HTML part reduced to text."""
    try:
        part = message.get_body(("plain", "html"))
        content = part.get_content() if part is not None else ""
    except Exception:  # unknown charset or broken encoding: nothing readable
        return ""
    if not isinstance(content, str):
        return ""
    if part is not None and part.get_content_type() == "text/html":
        return html_to_text(content)
    return content


def html_to_text(html: str) -> str:
    import html as entities

    text = _BLOCK_END.sub("\n", html)
    text = re.sub(r"<blockquote\b.*?</blockquote>", "\n", text, flags=re.S | re.I)
    return entities.unescape(_TAGS.sub("", text))


def latest_reply(text: str) -> str:
    """The new text of a reply: quoted text, the "On ... wrote:" header and signatures
    removed (mail-parser-reply, which knows English and French mail clients)."""
    text = _without_leading_quote(text)
    with contextlib.suppress(Exception):  # the library must never stop processing
        text = str(EmailReplyParser(languages=["en", "fr"]).read(text).latest_reply or "")
    return _without_quotes(text)


def _without_leading_quote(text: str) -> str:
    """A bottom-posted reply opens with the attribution and the quote; the library cuts
    French ones inside the attribution ("Le 07/12/2026 à 09:14, ... a écrit :" gave "Le"),
    so the quote above the answer goes first."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start == len(lines) or not (_ATTRIBUTION.match(lines[start])
                                   or lines[start].lstrip().startswith(">")):
        return text
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith(">")):
        end += 1
    return "\n".join(lines[end:])


def _without_quotes(text: str) -> str:
    """Bottom-posted replies keep the quote above the answer: drop "> " lines, and stop
    at a signature separator ("-- ")."""
    kept = []
    for line in text.splitlines():
        if line.rstrip() in ("--", "-- ", "__"):
            break
        if not line.lstrip().startswith(">") and not _ATTRIBUTION.match(line):
            kept.append(line)
    return "\n".join(kept).strip()
