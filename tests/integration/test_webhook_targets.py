"""Outgoing webhooks cannot be pointed at our own network (SSRF), also through IPv6 forms
that carry an IPv4 address (NAT64, 6to4, IPv4-compatible, IPv4-mapped): refused with 422
when a subscription is created or changed over the API, and refused again at delivery."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import Container, build, build_web_app
from domain.commands import SendInvites
from domain.webhooks import NewSubscription
from tests.support.world import World

# Each leads to 127.0.0.1 or 10.0.0.1, though Python's ipaddress calls the first three global.
DISGUISED = ("http://[64:ff9b::7f00:1]/hook", "http://[2002:7f00:1::]/hook",
             "http://[::127.0.0.1]/hook", "http://[::ffff:10.0.0.1]/hook")
PUBLIC = "https://93.184.215.14/hook"  # an IP literal: no DNS needed to accept it


@pytest.fixture
async def guarded(world: World) -> AsyncIterator[Container]:
    """The world's installation as production runs it: ITB_WEBHOOK_ALLOW_PRIVATE off."""
    built = await build(world.container.settings.model_copy(
        update={"webhook_allow_private": False}), connect_redis=False, clock=world.clock)
    yield built
    await built.aclose()


@pytest.fixture
async def guarded_api(guarded: Container) -> AsyncIterator[TestClient]:
    client = TestClient(TestServer(build_web_app(guarded)))
    await client.start_server()
    yield client
    await client.close()


async def test_private_targets_are_refused_when_a_subscription_is_created_or_changed(
        guarded_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    for url in (*DISGUISED, "http://localhost:8080/hook", "http://10.1.2.3/hook"):
        response = await guarded_api.post("/api/webhook-subscriptions", headers=world_headers,
                                          json={"url": url, "event_types": ["invite.sent"]})
        assert response.status == 422, url
        error = (await response.json())["error"]
        assert error["code"] == "url_not_public", url
        assert "which is not a public address" in error["message"]
    refused = await guarded_api.post("/api/webhook-subscriptions", headers=world_headers,
                                     json={"url": "ftp://93.184.215.14/hook",
                                           "event_types": ["invite.sent"]})
    assert refused.status == 422
    assert "http:// or https://" in (await refused.json())["error"]["message"]
    listed = await guarded_api.get("/api/webhook-subscriptions", headers=world_headers)
    assert (await listed.json())["items"] == []

    made = await guarded_api.post("/api/webhook-subscriptions", headers=world_headers,
                                  json={"url": PUBLIC, "event_types": ["invite.sent"]})
    assert made.status == 201, await made.text()
    subscription = f"/api/webhook-subscriptions/{(await made.json())['id']}"
    for url in DISGUISED:
        response = await guarded_api.patch(subscription, headers=world_headers,
                                           json={"url": url})
        assert response.status == 422, url
        assert (await response.json())["error"]["code"] == "url_not_public"
    kept = await guarded_api.get(subscription, headers=world_headers)
    assert (await kept.json())["url"] == PUBLIC


async def test_private_targets_stored_earlier_are_refused_at_delivery(
        world: World, guarded: Container) -> None:
    # Stored while private targets were allowed (or before this check existed).
    ids = [(await world.container.webhooks.subscriptions.create(
        world.admin, NewSubscription(url, ("invite.sent",)))).subscription.id
        for url in DISGUISED]
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
    await guarded.webhooks.work.run_due()
    for subscription_id, url in zip(ids, DISGUISED, strict=True):
        [attempt] = await guarded.webhooks.subscriptions.deliveries(world.admin,
                                                                    subscription_id)
        assert attempt.status_code is None and attempt.message_status == "failed", url
        assert attempt.error is not None and "not a public address" in attempt.error, url
