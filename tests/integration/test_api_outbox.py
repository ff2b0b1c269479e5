"""Undelivered mail through the real application and a scripted SMTP sink."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.api import (
    assert_aware,
    assert_error,
    get_json,
    invites_path,
    rival_headers,
    send,
)
from tests.support.world import World

MARIA = "maria@graniteridge.example"
UNDELIVERED = "/api/outbox/undelivered"


async def refuse_maria_and_send(world: World, world_api: TestClient,
                                headers: dict[str, str]) -> dict[str, Any]:
    """SC-001's first contact is refused at RCPT; the batch goes out to everyone else."""
    world.sink.handler.refuse_rcpt[MARIA] = f"550 5.1.1 <{MARIA}>: user unknown"
    response = await send(world_api, headers, world, {"all": True})
    assert response.status == 202, await response.text()
    report = await world.container.delivery.deliver_due()
    assert (report.sent, report.failed, report.retried) == (9, 1, 0)
    batch: dict[str, Any] = await response.json()
    return batch


async def a_sent_message_id(world: World) -> int:
    query = select(t.OutboxMessage.id).where(t.OutboxMessage.status == "sent").limit(1)
    async with world.container.ctx.sessions() as session:
        found = await session.scalar(query)
    assert found is not None
    return int(found)


async def test_a_refused_recipient_is_listed_and_its_contact_undeliverable(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    batch = await refuse_maria_and_send(world, world_api, world_headers)
    concrete = world.demo.commitment_ids[0]
    invite_id = (await get_json(world_api, world_headers,
                                invites_path(world)))["items"][0]["invite_id"]

    items = (await get_json(world_api, world_headers, UNDELIVERED))["items"]
    assert len(items) == 1
    failed = items[0]
    assert {key: failed[key] for key in ("recipient", "template", "invite_id", "status",
                                         "attempts")} == {
        "recipient": MARIA, "template": "invite", "invite_id": invite_id, "status": "failed",
        "attempts": 1}
    assert "user unknown" in failed["last_error"]
    assert_aware(failed["created_at"])

    commitment = await get_json(world_api, world_headers, f"/api/commitments/{concrete}")
    assert [(c["email"], c["deliverable"]) for c in commitment["invoice_contacts"]] == [
        (MARIA, False), ("dan@graniteridge.example", True)]
    progress = await get_json(world_api, world_headers, f"/api/batches/{batch['batch_id']}")
    assert (progress["messages"], progress["done"]) == (
        {"queued": 0, "sent": 9, "failed": 1}, True)
    events = (await get_json(world_api, world_headers, f"/api/invites/{invite_id}"))["events"]
    assert [(e["kind"], e["channel"]) for e in events] == [("invited", "api"),
                                                           ("bounced", "system")]


async def test_retrying_mail_to_a_bounced_address_is_refused_and_changes_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    batch = await refuse_maria_and_send(world, world_api, world_headers)
    before = (await get_json(world_api, world_headers, UNDELIVERED))["items"]
    failed_id = before[0]["id"]

    response = await world_api.post(f"/api/outbox/{failed_id}/retry", headers=world_headers)
    assert response.status == 409, await response.text()
    assert (await response.json())["error"]["code"] == "address_undeliverable"
    # Still failed, with the relay's own words kept for the administrator.
    assert (await get_json(world_api, world_headers, UNDELIVERED))["items"] == before
    assert "550" in before[0]["last_error"]
    progress = await get_json(world_api, world_headers, f"/api/batches/{batch['batch_id']}")
    assert (progress["messages"]["queued"], progress["messages"]["failed"]) == (0, 1)
    report = await world.container.delivery.deliver_due()
    assert (report.sent, report.failed) == (0, 0)
    assert len(world.sink.handler.received) == 9


async def test_a_temporary_refusal_is_retried_and_delivered_exactly_once(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    steel = world.demo.commitment_ids[1]  # one contact
    response = await send(world_api, world_headers, world, {"commitment_ids": [steel]})
    batch_path = response.headers["Location"]
    world.sink.handler.data_replies.append("451 4.3.0 Try again later")

    report = await world.container.delivery.deliver_due()
    assert (report.sent, report.retried, report.failed) == (0, 1, 0)
    assert world.sink.handler.received == []
    assert (await get_json(world_api, world_headers, UNDELIVERED))["items"] == []
    progress = await get_json(world_api, world_headers, batch_path)
    assert (progress["messages"], progress["done"]) == (
        {"queued": 1, "sent": 0, "failed": 0}, False)

    early = await world.container.delivery.deliver_due()  # not due yet: backoff
    assert (early.sent, early.retried) == (0, 0)
    world.clock.advance(minutes=5)
    assert (await world.container.delivery.deliver_due()).sent == 1
    assert (await world.container.delivery.deliver_due()).sent == 0
    assert [r.rcpt_tos for r in world.sink.handler.received] == [["kevin@ironline.example"]]
    progress = await get_json(world_api, world_headers, batch_path)
    assert (progress["messages"], progress["done"]) == (
        {"queued": 0, "sent": 1, "failed": 0}, True)


async def test_only_failed_messages_of_ones_own_company_can_be_retried(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    await refuse_maria_and_send(world, world_api, world_headers)
    failed_id = (await get_json(world_api, world_headers, UNDELIVERED))["items"][0]["id"]
    rival = await rival_headers(world)
    assert (await get_json(world_api, rival, UNDELIVERED))["items"] == []
    sent_id = await a_sent_message_id(world)
    for message_id, headers in ((failed_id, rival), (999_999, world_headers),
                                (sent_id, world_headers)):
        response = await world_api.post(f"/api/outbox/{message_id}/retry", headers=headers)
        await assert_error(response, 404, "not_found")
    assert len((await get_json(world_api, world_headers, UNDELIVERED))["items"]) == 1


@pytest.mark.parametrize(("method", "path"), [("GET", UNDELIVERED),
                                              ("POST", "/api/outbox/1/retry")])
async def test_the_outbox_needs_a_token(world_api: TestClient, method: str, path: str) -> None:
    await assert_error(await world_api.request(method, path), 401, "unauthorized")
