"""Standard Webhooks signatures (https://www.standardwebhooks.com/): sign and verify.

A message is signed with HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>`
with the secret's bytes (`whsec_` + base64); the `webhook-signature` header holds one or
more space-separated `v1,<base64 signature>` (several during a secret rotation).

Signing uses the `standardwebhooks` library. Verifying is ours, because the library reads
the wall clock itself and decodes the body as text: we check the raw bytes (a body that
is not UTF-8 still has a signature to check before it is refused as not JSON) against a
`now` the caller passes, and compare every candidate signature in constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

from domain.text_rules import STRICT_NUMBER_RULE, strict_number

SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix of the format, not a secret)
TOLERANCE_SECONDS = 5 * 60
MAX_ID_LENGTH = 200  # what received_webhook keeps
HEADER_ID = "webhook-id"
HEADER_TIMESTAMP = "webhook-timestamp"
HEADER_SIGNATURE = "webhook-signature"


class SignatureRejected(Exception):
    """The request is not signed by a holder of the secret, or not now. The message says
    which check failed, never anything about the secret."""


class MalformedHeader(SignatureRejected):
    """A header is present but not in its format (a bad request, not a bad signature)."""


@dataclass(frozen=True)
class VerifiedHeaders:
    webhook_id: str
    timestamp: int


def new_secret() -> str:
    """A fresh `whsec_` secret: 32 random bytes (the specification asks for 24 to 64)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def secret_bytes(secret: str) -> bytes:
    """The key of a `whsec_<base64>` secret (the prefix is optional, as in the library).

    Raises ValueError for a secret that is not base64 or is empty.
    """
    encoded = secret.strip().removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a webhook secret must be whsec_ followed by base64") from None
    if not key:
        raise ValueError("a webhook secret must not be empty")
    return key


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value for a UTF-8 `body` (what we send is JSON)."""
    moment = datetime.fromtimestamp(timestamp, tz=UTC)
    return Webhook(secret).sign(webhook_id, moment, body.decode("utf-8"))


def signed_headers(secret: str, webhook_id: str, timestamp: int,
                   body: bytes) -> dict[str, str]:
    return {HEADER_ID: webhook_id, HEADER_TIMESTAMP: str(timestamp),
            HEADER_SIGNATURE: sign(secret, webhook_id, timestamp, body)}


def verify(secrets_: Sequence[str], headers: Mapping[str, str], body: bytes,
           now: float) -> VerifiedHeaders:
    """Check the three headers against any of the source's secrets; raise SignatureRejected.

    The timestamp must be within 5 minutes of `now`, either way: an old one may be a
    replay, a future one a forgery prepared in advance.
    """
    webhook_id = headers.get(HEADER_ID, "").strip()
    stamp = headers.get(HEADER_TIMESTAMP, "").strip()
    offered = headers.get(HEADER_SIGNATURE, "").strip()
    if not webhook_id or not stamp or not offered:
        raise SignatureRejected("the webhook-id, webhook-timestamp and webhook-signature "
                                "headers are required")
    if len(webhook_id) > MAX_ID_LENGTH or not webhook_id.isprintable():
        raise MalformedHeader(f"webhook-id must be printable, at most {MAX_ID_LENGTH} "
                              "characters")
    # Strictly ASCII digits: str.isdigit() also passes "²", which int() then refuses.
    timestamp = strict_number(stamp)
    if timestamp is None:
        raise MalformedHeader("webhook-timestamp must be whole seconds since the epoch, "
                              f"written as {STRICT_NUMBER_RULE}")
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise SignatureRejected("webhook-timestamp is more than 5 minutes from our clock")
    candidates = _v1_signatures(offered)
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    for secret in secrets_:
        expected = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
        # Every candidate is compared (no early exit on the first byte): constant time.
        if any(hmac.compare_digest(expected, candidate) for candidate in candidates):
            return VerifiedHeaders(webhook_id, timestamp)
    raise SignatureRejected("no signature matches")


def _v1_signatures(header: str) -> list[bytes]:
    found = []
    for item in header.split()[:10]:  # a rotation offers a few, never many
        version, _, encoded = item.partition(",")
        if version != "v1":
            continue  # other schemes (v1a: asymmetric) are not ours to check
        try:
            found.append(base64.b64decode(encoded, validate=True))
        except (binascii.Error, ValueError):
            continue
    return found
