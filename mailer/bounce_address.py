"""Signed bounce addresses (VERP): `bounce+<outbox id>.<mark>@<inbound domain>`.

The envelope sender of every mail we send names the outbox row it came from, so a bounce
says exactly which mail failed. The ids are sequential; the mark, an HMAC-SHA256 of the
id under our secret keys, makes an address nobody can forge from a guessed id. The newest
key signs and every key verifies, so rotating keys does not orphan bounces of mail sent
before. Lower-case hex: mail systems may change the case of a local part.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

_MARK_LENGTH = 20  # hex digits: 80 bits


class BounceAddresses:
    def __init__(self, keys: Sequence[str], domain: str) -> None:
        if not keys:
            raise ValueError("signing bounce addresses needs at least one secret key")
        self._keys = [key.encode() for key in keys]
        self.domain = domain

    def address(self, outbox_id: int) -> str:
        return f"bounce+{outbox_id}.{self._mark(self._keys[0], outbox_id)}@{self.domain}"

    def verified_id(self, tag: str) -> int | None:
        """The outbox id of a tag `<id>.<mark>` whose mark verifies under any key; None
        for an unsigned, forged or malformed tag."""
        id_text, dot, mark = tag.strip().lower().partition(".")
        if not dot or not id_text.isdigit() or len(id_text) > 18:
            return None
        outbox_id = int(id_text)
        valid = [hmac.compare_digest(self._mark(key, outbox_id), mark) for key in self._keys]
        return outbox_id if any(valid) else None

    @staticmethod
    def _mark(key: bytes, outbox_id: int) -> str:
        digest = hmac.new(key, f"bounce-address:{outbox_id}".encode(), hashlib.sha256)
        return digest.hexdigest()[:_MARK_LENGTH]


def outbox_id_of_tag(tag: str) -> int | None:
    """The id part of a bounce tag, unverified (for the SMTP server's existence check)."""
    id_text = tag.partition(".")[0]
    return int(id_text) if id_text.isdigit() and len(id_text) <= 18 else None
