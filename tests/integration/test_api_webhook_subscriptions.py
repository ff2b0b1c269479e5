"""The webhook subscriptions API through the real application: CRUD, secrets, the delivery
log and replays, scoped to the administrator's company."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from domain.commands import SendInvites
from tests.support.api import assert_error, get_json, rival_headers
from tests.support.webhook_receivers import WebhookReceiver
from tests.support.world import World

BASE = "/api/webhook-subscriptions"


async def test_create_read_change_and_delete(world: World, world_api: TestClient,
                                             world_headers: dict[str, str]) -> None:
    response = await world_api.post(BASE, headers=world_headers, json={
        "url": "https://erp.example.com/hooks", "event_types": ["invite.sent", "email.bounced"]})
    assert response.status == 201, await response.text()
    created = await response.json()
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert response.headers["Location"] == f"{BASE}/{created['id']}"
    assert (created["status"], created["consecutive_failures"]) == ("active", 0)
    path = response.headers["Location"]

    shown = await get_json(world_api, world_headers, path)
    assert "secret" not in shown and shown["event_types"] == ["invite.sent", "email.bounced"]
    assert [s["id"] for s in (await get_json(world_api, world_headers, BASE))["items"]] == [
        created["id"]]

    changed = await world_api.patch(path, headers=world_headers, json={
        "status": "paused", "rotate_secret": True})
    body = await changed.json()
    assert (body["status"], body["status_reason"]) == ("paused", "paused by an administrator")
    assert body["secret"].startswith("whsec_") and body["secret"] != created["secret"]
    resumed = await (await world_api.patch(path, headers=world_headers,
                                           json={"status": "active"})).json()
    assert (resumed["status"], resumed["status_reason"], "secret" in resumed) == (
        "active", None, False)

    rival = await rival_headers(world)
    await assert_error(await world_api.get(path, headers=rival), 404, "not_found")
    await assert_error(await world_api.delete(path, headers=rival), 404, "not_found")
    assert (await world_api.delete(path, headers=world_headers)).status == 204
    await assert_error(await world_api.get(path, headers=world_headers), 404, "not_found")


async def test_bad_subscriptions_are_refused(world_api: TestClient,
                                             world_headers: dict[str, str]) -> None:
    for body in ({"url": "ftp://erp.example.com/", "event_types": ["invite.sent"]},
                 {"url": "https://user:pw@erp.example.com/", "event_types": ["invite.sent"]},
                 {"url": "https://erp.example.com/", "event_types": ["invite.exploded"]},
                 {"url": "https://erp.example.com/", "event_types": []},
                 {"url": "https://erp.example.com/"}):
        response = await world_api.post(BASE, headers=world_headers, json=body)
        assert response.status == 422, (body, await response.text())
    assert (await world_api.get(BASE, headers=world_headers)).status == 200
    await assert_error(await world_api.patch(f"{BASE}/1", headers=world_headers, json={}),
                       422, "invalid_input")


async def test_deliveries_are_listed_and_a_failed_one_replayed(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    receiver = await WebhookReceiver(fail_first=1).start()
    try:
        created = await (await world_api.post(BASE, headers=world_headers, json={
            "url": receiver.url, "event_types": ["invite.sent"]})).json()
        receiver.secret = created["secret"]
        await world.container.invites.send(world.admin, SendInvites(
            world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
        await world.container.webhooks.work.run_due()
        log = (await get_json(world_api, world_headers,
                              f"{BASE}/{created['id']}/deliveries"))["items"]
        assert [(a["attempt"], a["status_code"], a["succeeded"], a["message_status"])
                for a in log] == [(1, 500, False, "pending")]
        replay = f"/api/webhook-deliveries/{log[0]['id']}/replay"
        await assert_error(await world_api.post(replay, headers=world_headers), 409,
                           "already_queued")
        world.clock.advance(seconds=6)
        await world.container.webhooks.work.run_due()
        answer = await world_api.post(replay, headers=world_headers)  # sent: send it again
        assert answer.status == 202
        assert await answer.json() == {"message_id": log[0]["message_id"], "status": "pending"}
        await world.container.webhooks.work.run_due()
        assert [h.answered for h in receiver.hooks] == [500, 200, 200]
        assert len({h.webhook_id for h in receiver.hooks}) == 1  # the same event each time
        rival = await rival_headers(world)
        await assert_error(await world_api.post(replay, headers=rival), 404, "not_found")
    finally:
        await receiver.stop()
