"""The one place that makes the Message-IDs of our outgoing mail.

A Message-ID must say nothing an outsider could guess from another one: the old ones
embedded sequential ids (invite, person, batch), and a reply that only named one of them in
In-Reply-To was enough to answer an invite. RFC 5322 section 3.6.4 asks only for global
uniqueness; 128 random bits give that and no sequence.
"""

from __future__ import annotations

import secrets


def new_message_id(domain: str) -> str:
    """`<random@domain>`: 22 URL-safe characters (128 bits) on our inbound domain."""
    return f"<{secrets.token_urlsafe(16)}@{domain}>"
