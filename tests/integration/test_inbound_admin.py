"""Administrators see received mail and its classification: API, page, raw download."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from tests.support.inbound_mail import ADDRESS, invite_mail, reply_to, send_over_smtp
from tests.support.pages import sign_in
from tests.support.world import World


async def receive_a_yes(world: World) -> bytes:
    invite = await invite_mail(world, ADDRESS)
    raw = reply_to(invite, ADDRESS, "Yes\n")
    inbound = inbound_mail(world.container)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, ADDRESS, invite["Reply-To"], raw)
    await inbound.process_pending()
    return raw


async def test_the_api_lists_shows_and_downloads_received_mail(
        world: World, world_api: TestClient, world_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    raw = await receive_a_yes(world)
    listing = await world_api.get("/api/inbound-messages", headers=world_headers)
    assert listing.status == 200
    [item] = (await listing.json())["items"]
    assert item["classification"] == "answer_yes" and item["description"] == "Answered Yes"
    assert item["detail"]["sender"] == ADDRESS and item["detail"]["answer"] == "yes"
    assert item["invite_id"] and item["rcpt_to"].startswith("bill+")

    one = await world_api.get(f"/api/inbound-messages/{item['id']}", headers=world_headers)
    assert (await one.json())["id"] == item["id"]
    download = await world_api.get(f"/api/inbound-messages/{item['id']}/raw",
                                   headers=world_headers)
    assert download.status == 200 and download.content_type == "message/rfc822"
    assert (await download.read()).replace(b"\r\n", b"\n") == raw.replace(b"\r\n", b"\n")

    # Another company's administrator sees none of it.
    other = await world_api.get("/api/inbound-messages", headers=other_admin_headers)
    assert (await other.json())["items"] == []
    hidden = await world_api.get(f"/api/inbound-messages/{item['id']}/raw",
                                 headers=other_admin_headers)
    assert hidden.status == 404
    assert (await world_api.get("/api/inbound-messages")).status == 401


async def test_the_received_mail_page(world: World, world_api: TestClient) -> None:
    await receive_a_yes(world)
    await sign_in(world_api, world)
    page = await world_api.get("/admin/inbound")
    html = await page.text()
    assert page.status == 200 and "Received mail" in html
    assert ADDRESS in html and "Answered Yes" in html and "/raw" in html
