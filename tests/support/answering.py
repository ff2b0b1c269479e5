"""Helpers for the answering tests: invite the demo, name a contact's link, read the page's
form token, and look at what the database recorded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient
from sqlalchemy import event, func, select

from app.links import InviteLink
from domain.commands import SendInvites
from store import tables as t
from tests.support.world import World

FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Invitation:
    """One contact's invite: what the links in their mail name."""

    invite_id: int
    contact_id: int
    commitment_id: int
    token: str

    def url(self, answer: str) -> str:
        return f"/a/{self.token}/{answer}"


async def invitation(world: World, number: str = "SC-003", contact_email: str | None = None,
                     *, send: bool = True) -> Invitation:
    """The demo's commitment `number`, invited (unless `send` is False), for its first
    contact or the one with `contact_email`."""
    if send:
        await world.container.invites.send(world.admin,
                                           SendInvites(world.demo.billing_period_id, None))
    async with world.container.ctx.sessions() as session:
        commitment = (await session.execute(select(t.Commitment).where(
            t.Commitment.project_id == world.demo.project_id,
            t.Commitment.number == number))).scalars().one()
        query = (select(t.Person).join(t.InvoiceContact, t.InvoiceContact.person_id == t.Person.id)
                 .where(t.InvoiceContact.commitment_id == commitment.id)
                 .order_by(t.InvoiceContact.id))
        if contact_email:
            query = query.where(t.Person.email == contact_email)
        person = (await session.execute(query)).scalars().first()
        invite = (await session.execute(select(t.Invite).where(
            t.Invite.commitment_id == commitment.id,
            t.Invite.billing_period_id == world.demo.billing_period_id))).scalars().one()
    token = world.container.signer.invite_token(InviteLink(invite.id, person.id,
                                                           invite.token_version))
    return Invitation(invite.id, person.id, commitment.id, token)


def form_token(html: str) -> str:
    """The token of the page's own form (inside <main>, not the header's sign-out)."""
    found = FORM_TOKEN.search(html.split("<main", 1)[1])
    assert found, "the page has no form"
    return found.group(1)


async def answer(client: TestClient, invitation: Invitation, which: str,
                 **headers: str) -> ClientResponse:
    """Open the link as a browser does, then press the page's button."""
    page = await client.get(invitation.url(which))
    assert page.status == 200, await page.text()
    return await client.post(invitation.url(which), allow_redirects=False, headers=headers,
                             data={"csrf_token": form_token(await page.text())})


async def invite_row(world: World, invite_id: int) -> t.Invite:
    async with world.container.ctx.sessions() as session:
        row = await session.get(t.Invite, invite_id)
    assert row is not None
    return row


async def answer_events(world: World, invite_id: int) -> list[t.InviteEvent]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(t.InviteEvent).where(
            t.InviteEvent.invite_id == invite_id,
            t.InviteEvent.kind.in_(["accepted", "declined"]))
            .order_by(t.InviteEvent.id))).scalars())


async def outbox_rows(world: World, **where: Any) -> list[t.OutboxMessage]:
    """Rows matching `where`, less the batch's `invite.sent` events (not about answers)."""
    query = (select(t.OutboxMessage).filter_by(**where)
             .where(~t.OutboxMessage.idempotency_key.like("event:invite.sent:%")))
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(query.order_by(t.OutboxMessage.id))).scalars())


async def outbox_count(world: World) -> int:
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(t.OutboxMessage))
                   or 0)


@contextmanager
def connection_checkouts(world: World) -> Iterator[list[str]]:
    """Counts the connections the application takes from the pool meanwhile (one entry
    per checkout; each one on PostgreSQL is also a pre-ping's round trips)."""
    taken: list[str] = []
    pool = world.container.ctx.engine.sync_engine.pool

    def checkout(*_: Any) -> None:
        taken.append("checkout")

    event.listen(pool, "checkout", checkout)
    try:
        yield taken
    finally:
        event.remove(pool, "checkout", checkout)
