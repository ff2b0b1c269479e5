"""Storing a one-time link and the outbox row that mails it, for any purpose."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.credentials import token_hash
from app.links import LinkPurpose, LinkSigner
from mailer.message_ids import new_message_id
from store import sign_in
from store.outbox import pending_row

# An administrator's links: an invitation and a password reset.
ADMIN_LINKS = (LinkPurpose.ADMIN_INVITATION.value, LinkPurpose.PASSWORD_RESET.value)


async def mailed_link(session: AsyncSession, signer: LinkSigner, *, purpose: LinkPurpose,
                      person_id: int, ip: str | None, now: datetime, lifetime: timedelta,
                      template: str, inbound_domain: str,
                      payload: dict[str, Any] | None = None) -> dict[str, Any]:
    """Store a new link for `person_id`; returns the outbox row of the mail that carries it.

    Only a hash of the token is stored, and the nonce it is derived from with the secret
    key: delivery derives the token again to write the mail."""
    nonce = secrets.token_hex(16)
    token = signer.one_time_token(purpose, nonce)
    link_id = await sign_in.add_link(session, person_id=person_id, token_hash=token_hash(token),
                                     nonce=nonce, ip=ip[:64] if ip else None, now=now,
                                     expires_at=now + lifetime, purpose=purpose.value)
    return pending_row(
        kind="email", template=template, person_id=person_id, now=now,
        idempotency_key=f"{purpose.value}:{link_id}", message_id=new_message_id(inbound_domain),
        payload={"link_id": link_id, **(payload or {})})
