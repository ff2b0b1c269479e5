"""The administrator's webhook pages: subscribing (the secret shown once), the delivery log,
pausing and resuming, sending an event again; CSRF-protected and scoped to the company."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from domain.commands import SendInvites
from tests.support.pages import csrf_token, sign_in
from tests.support.webhook_receivers import WebhookReceiver
from tests.support.world import World

SECRET = re.compile(r"<code data-secret>(whsec_[^<]+)</code>")


async def test_subscribe_follow_the_log_pause_resume_and_send_again(
        world: World, world_api: TestClient) -> None:
    receiver = await WebhookReceiver(fail_first=1).start()
    try:
        await sign_in(world_api, world)
        page = await world_api.get("/admin/webhooks")
        assert page.status == 200 and "No subscriptions yet." in await page.text()
        token = csrf_token(await page.text())
        refused = await world_api.post("/admin/webhooks", data={
            "csrf_token": token, "url": "ftp://nope.example/"})
        assert refused.status == 422
        assert "url must be an absolute http" in await refused.text()

        made = await world_api.post("/admin/webhooks", data=[
            ("csrf_token", token), ("url", receiver.url), ("event_type", "invite.sent")])
        assert made.status == 201
        found = SECRET.search(await made.text())
        assert found is not None
        receiver.secret = found.group(1)
        [subscription] = await world.container.webhooks.subscriptions.list_all(world.admin)
        assert "whsec_" not in await (await world_api.get("/admin/webhooks")).text()

        await world.container.invites.send(world.admin, SendInvites(
            world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
        await world.container.webhooks.work.run_due()
        path = f"/admin/webhooks/{subscription.id}"
        log = await (await world_api.get(path)).text()
        assert "HTTP 500" in log and "pending" in log

        paused = await world_api.post(f"{path}/status", allow_redirects=False, data={
            "csrf_token": token, "status": "paused"})
        assert (paused.status, paused.headers["Location"]) == (303, path)
        assert "Resume" in await (await world_api.get(path)).text()
        await world_api.post(f"{path}/status", data={"csrf_token": token, "status": "active"})

        world.clock.advance(seconds=6)
        await world.container.webhooks.work.run_due()
        attempt = (await world.container.webhooks.subscriptions.deliveries(
            world.admin, subscription.id))[0]
        again = await world_api.post(f"/admin/webhook-deliveries/{attempt.id}/replay",
                                     allow_redirects=False, data={
                                         "csrf_token": token, "subscription": subscription.id})
        assert again.status == 303
        await world.container.webhooks.work.run_due()
        assert [h.answered for h in receiver.hooks] == [500, 200, 200]
        forged = await world_api.post(f"{path}/status", data={"status": "paused"})
        assert forged.status == 403
    finally:
        await receiver.stop()
