"""Signed links in mail: compact itsdangerous tokens, a salt per purpose, keys rotated.

A token names (invite, contact, token version). Expiry is the domain's due-date cutoff;
the token's own age limit only bounds how long a leaked link is worth anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum

from itsdangerous import BadData, URLSafeTimedSerializer

MAX_AGE_SECONDS = 180 * 24 * 3600


class LinkPurpose(StrEnum):
    ANSWER = "answer"
    SIGN_IN = "sign-in"
    FORM = "form"
    # Administrators' one-time links (sign_in_link.purpose holds the same value).
    ADMIN_INVITATION = "admin-invitation"
    PASSWORD_RESET = "password-reset"  # noqa: S105 - a purpose, not a password
    LATE_REQUEST = "late-request"  # an administrator's link to grant more time
    WAIVER = "waiver"


@dataclass(frozen=True)
class InviteLink:
    invite_id: int
    contact_id: int
    token_version: int


class InvalidLink(Exception):
    """Tampered, truncated, foreign, or too old."""


class LinkSigner:
    def __init__(self, keys_newest_first: list[str]) -> None:
        if not keys_newest_first:
            raise ValueError("at least one secret key is needed")
        # itsdangerous signs with the LAST key of the list and verifies with all of them.
        self._keys = list(reversed(keys_newest_first))
        # Built once per purpose: every mail and every answer signs or verifies a link.
        self._serializers = {purpose: URLSafeTimedSerializer(self._keys,
                                                             salt=f"itb.{purpose.value}")
                             for purpose in LinkPurpose}

    def _serializer(self, purpose: LinkPurpose) -> URLSafeTimedSerializer:
        return self._serializers[purpose]

    def sign(self, purpose: LinkPurpose, payload: list[int | str]) -> str:
        return str(self._serializer(purpose).dumps(payload))

    def verify(self, purpose: LinkPurpose, token: str,
               max_age: int = MAX_AGE_SECONDS) -> list[int | str]:
        try:
            payload = self._serializer(purpose).loads(token, max_age=max_age)
        except BadData:
            raise InvalidLink("the link is not valid") from None
        if not isinstance(payload, list):
            raise InvalidLink("the link is not valid")
        return payload

    def invite_token(self, link: InviteLink) -> str:
        return self.sign(LinkPurpose.ANSWER, [link.invite_id, link.contact_id, link.token_version])

    def read_invite_token(self, token: str) -> InviteLink:
        payload = self.verify(LinkPurpose.ANSWER, token)
        if len(payload) != 3 or not all(isinstance(part, int) for part in payload):
            raise InvalidLink("the link is not valid")
        invite_id, contact_id, version = (int(part) for part in payload)
        return InviteLink(invite_id, contact_id, version)

    def one_time_token(self, purpose: LinkPurpose, nonce: str) -> str:
        """A token derived from a stored random `nonce` with the newest key (HMAC-SHA256).

        The database keeps the nonce and a hash of the token, never the token: a copy of
        the database cannot produce it without the key, and the mail can still be written
        later from the outbox. A key rotated in between invalidates unsent tokens.
        """
        key = self._keys[-1].encode()
        mac = hmac.new(key, f"itb.{purpose.value}:{nonce}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def sign_in_url(base_url: str, token: str) -> str:
    """A one-time sign-in link (GET shows a button; the button POSTs)."""
    return f"{base_url}/c/sign-in/{token}"


def answer_urls(base_url: str, token: str) -> tuple[str, str]:
    """The Yes and No links of an invite mail (GET shows a page; the page POSTs)."""
    return f"{base_url}/a/{token}/yes", f"{base_url}/a/{token}/no"


def admin_invitation_url(base_url: str, token: str) -> str:
    """An invited administrator's link to set a password (GET shows the form)."""
    return f"{base_url}/sign-in/welcome/{token}"


def password_reset_url(base_url: str, token: str) -> str:
    """An administrator's one-time link to set a new password (GET shows the form)."""
    return f"{base_url}/sign-in/reset/{token}"


# A waiver's signing link is worth less the older it gets: a month, then ask for a new one.
WAIVER_LINK_MAX_AGE = 30 * 24 * 3600


@dataclass(frozen=True)
class WaiverLink:
    """A signing link: names the waiver, the person asked to sign, and the waiver's link
    version (bumped when the request is forwarded, revised or voided: older links stop)."""

    waiver_id: int
    signer_id: int
    link_version: int


def waiver_token(signer: LinkSigner, link: WaiverLink) -> str:
    return signer.sign(LinkPurpose.WAIVER, [link.waiver_id, link.signer_id, link.link_version])


def read_waiver_token(signer: LinkSigner, token: str) -> WaiverLink:
    payload = signer.verify(LinkPurpose.WAIVER, token, max_age=WAIVER_LINK_MAX_AGE)
    if len(payload) != 3 or not all(isinstance(part, int) for part in payload):
        raise InvalidLink("the link is not valid")
    waiver_id, signer_id, version = (int(part) for part in payload)
    return WaiverLink(waiver_id, signer_id, version)


def waiver_url(base_url: str, token: str) -> str:
    """A waiver's signing page (GET shows the document; the page's form POSTs)."""
    return f"{base_url}/w/{token}"
