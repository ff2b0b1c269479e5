"""Issue #11: a delivery report (`email.delivery`) from a company's own webhook source acts
only on that company's mail. Another company's Message-ID is not found, as an unknown one
is, and changes nothing."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from domain.commands import SendInvites
from store import tables as t
from tests.support.api import rival_headers
from tests.support.webhooking import event_body, new_id, received, signed_headers
from tests.support.world import World


async def source(client: TestClient, headers: dict[str, str], name: str) -> str:
    response = await client.post("/api/webhook-sources", headers=headers, json={"name": name})
    assert response.status == 201, await response.text()
    secret: str = (await response.json())["secret"]
    return secret


async def report(world: World, client: TestClient, name: str, secret: str,
                 data: dict[str, Any]) -> t.ReceivedWebhook:
    body, webhook_id = event_body("email.delivery", data), new_id()
    response = await client.post(f"/webhooks/{name}", data=body, headers=signed_headers(
        body, secret=secret, webhook_id=webhook_id))
    assert response.status == 202, await response.text()
    await world.container.webhooks.work.run_due()
    return await received(world, webhook_id)


async def sent_invite(world: World) -> t.OutboxMessage:
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
    await world.container.delivery.deliver_due()
    async with world.container.ctx.sessions() as session:
        return (await session.execute(select(t.OutboxMessage).where(
            t.OutboxMessage.template == "invite"))).scalars().one()


async def test_another_companys_source_cannot_bounce_our_mail(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    mail = await sent_invite(world)
    hard = {"message_id": mail.message_id, "status": "bounced", "bounce_type": "hard",
            "diagnostic": "550 5.1.1 mailbox unknown"}
    rival = await source(world_api, await rival_headers(world), "rival-mailer")
    done = await report(world, world_api, "rival-mailer", rival, hard)
    assert done.status == "failed"
    assert done.reason == f"no message of ours has the Message-ID {mail.message_id}"
    async with world.container.ctx.sessions() as session:
        person = await session.get(t.Person, mail.person_id)
        events = (await session.execute(select(t.InviteEvent.kind).where(
            t.InviteEvent.invite_id == mail.invite_id))).scalars().all()
    assert person is not None and person.deliverable is True
    assert list(events) == ["invited"]

    ours = await source(world_api, world_headers, "our-mailer")
    applied = await report(world, world_api, "our-mailer", ours, hard)
    assert (applied.status, applied.reason) == ("processed",
                                                f"message {mail.id}: hard bounce recorded")
