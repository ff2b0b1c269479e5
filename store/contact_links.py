"""Invites whose mail reaches a contact: those of open billing periods on the commitments
the person is an invoice contact of (for resending and revoking their links)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store import invites
from store.tables import BillingPeriod, Invite, InvoiceContact


@dataclass(frozen=True)
class OpenInvite:
    invite_id: int
    commitment_id: int
    status: str
    token_version: int


def _open() -> object:
    return BillingPeriod.status == "open"


async def open_invites_of_person(session: AsyncSession, person_id: int) -> list[OpenInvite]:
    query = (select(Invite.id, Invite.commitment_id, Invite.status, Invite.token_version)
             .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
             .join(InvoiceContact, InvoiceContact.commitment_id == Invite.commitment_id)
             .where(InvoiceContact.person_id == person_id, _open())
             .order_by(Invite.id))
    return [OpenInvite(*row) for row in (await session.execute(query)).all()]


async def open_invites_of_commitment(session: AsyncSession,
                                     commitment_id: int) -> list[OpenInvite]:
    query = (select(Invite.id, Invite.commitment_id, Invite.status, Invite.token_version)
             .join(BillingPeriod, BillingPeriod.id == Invite.billing_period_id)
             .where(Invite.commitment_id == commitment_id, _open())
             .order_by(Invite.id))
    return [OpenInvite(*row) for row in (await session.execute(query)).all()]


async def revoke(session: AsyncSession, invites_: list[OpenInvite], *, by_id: int,
                 channel: str, reason: str, now: datetime) -> int:
    """A new token version for each invite (every Yes/No link mailed so far stops
    working), logged as `links_revoked` with the reason. Returns how many."""
    events = []
    for invite in invites_:
        version = await invites.revoke_links(session, invite.invite_id, now)
        events.append(dict(invite_id=invite.invite_id, kind="links_revoked", person_id=by_id,
                           channel=channel, at=now,
                           detail={"token_version": version, "reason": reason}))
    await invites.add_events(session, events)
    return len(events)


async def log(session: AsyncSession, invite_id: int, *, kind: str, by_id: int, channel: str,
              now: datetime, detail: dict[str, object]) -> None:
    await invites.add_events(session, [dict(invite_id=invite_id, kind=kind, person_id=by_id,
                                            channel=channel, at=now, detail=detail)])
