"""The development mailbox pages and the undelivered-mail page, through the real app."""

from __future__ import annotations

import dataclasses
import re

from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import build_web_app
from domain.commands import SendInvites
from mailer.dev_mailbox_store import store_message
from tests.support.pages import csrf_token, sign_in
from tests.support.world import World

SUBJECT = "Riverside Medical Office Building: Jordan Avery has invited you to bill."


async def a_real_invite_in_the_mailbox(world: World) -> str:
    """Sends the demo batch to the sink and files one of its mails in the dev mailbox."""
    await world.container.invites.send(world.admin,
                                       SendInvites(world.demo.billing_period_id, None))
    await world.container.delivery.deliver_due()
    raw = world.sink.handler.received[0].message.as_bytes()
    directory = world.container.settings.var_dir / "mailbox"
    directory.mkdir(parents=True, exist_ok=True)  # the SMTP side creates it when it starts
    return store_message(directory, raw)


async def test_the_mailbox_lists_shows_frames_and_downloads_a_message(
        world_api: TestClient, world: World) -> None:
    empty = await world_api.get("/dev/mail")
    assert empty.status == 200 and "No mail yet" in await empty.text()
    mail_id = await a_real_invite_in_the_mailbox(world)

    listing = await (await world_api.get("/dev/mail")).text()
    assert f'href="/dev/mail/{mail_id}"' in listing and SUBJECT in listing

    view = await world_api.get(f"/dev/mail/{mail_id}")
    html = await view.text()
    assert view.status == 200 and "frame-src 'self'" in view.headers["Content-Security-Policy"]
    assert (f'<iframe class="mail-frame" title="The message\'s HTML part" sandbox="allow-popups '
            f'allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" '
            f'src="/dev/mail/{mail_id}/html">') in html
    assert "Do you want to bill this period?" in html  # the text part, escaped in <pre>
    assert "Message-ID" in html

    part = await world_api.get(f"/dev/mail/{mail_id}/html")
    policy = part.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'self'" in policy and "sandbox allow-popups" in policy
    assert re.search(r'href="http://testserver\.local/a/[^"]+/yes"', await part.text())

    raw = await world_api.get(f"/dev/mail/{mail_id}/raw")
    assert raw.content_type == "message/rfc822"
    assert raw.headers["Content-Disposition"] == f'attachment; filename="{mail_id}.eml"'
    assert b"Subject: Riverside Medical Office Building" in await raw.read()


async def test_malformed_or_unknown_ids_are_404(world_api: TestClient) -> None:
    unknown = "20261110T150000000000Z-" + "0" * 32
    for path in ("/dev/mail/..%2F..%2Fetc%2Fpasswd", "/dev/mail/not-an-id/html",
                 f"/dev/mail/{unknown}", f"/dev/mail/{unknown}/raw"):
        response = await world_api.get(path)
        assert response.status == 404, path
        assert "Not found" in await response.text()


async def test_without_the_embedded_mailbox_the_pages_are_404(world: World) -> None:
    settings = world.container.settings.model_copy(update={"smtp_url": "smtp://127.0.0.1:1"})
    app = build_web_app(dataclasses.replace(world.container, settings=settings))
    async with TestClient(TestServer(app)) as client:
        assert (await client.get("/dev/mail")).status == 404
        assert (await client.get("/dev/mail/" + "1" * 8 + "T" + "1" * 12 + "Z-"
                                 + "a" * 32)).status == 404


async def test_undelivered_mail_is_listed_and_can_be_retried(world_api: TestClient,
                                                             world: World) -> None:
    steel = world.demo.commitment_ids[1]  # SC-002: one contact, Kevin
    world.sink.handler.refuse_rcpt["kevin@ironline.example"] = "450 4.2.1 mailbox busy"
    await world.container.invites.send(world.admin,
                                       SendInvites(world.demo.billing_period_id, (steel,)))
    for _ in range(12):  # every retry fails, until the message is given up (dead)
        await world.container.delivery.deliver_due()
        world.clock.advance(hours=2)
    await sign_in(world_api, world)
    page = await (await world_api.get("/admin/outbox")).text()
    assert "kevin@ironline.example" in page and "dead" in page
    message_id = re.search(r'action="/admin/outbox/(\d+)/retry"', page)
    assert message_id
    response = await world_api.post(f"/admin/outbox/{message_id.group(1)}/retry",
                                    data={"csrf_token": csrf_token(page)},
                                    allow_redirects=False)
    assert response.status == 303
    after = await (await world_api.get(response.headers["Location"])).text()
    assert f"Message {message_id.group(1)} is queued again." in after
    assert "kevin@ironline.example" not in after
    missing = await world_api.post("/admin/outbox/999999/retry",
                                   data={"csrf_token": csrf_token(page)})
    assert missing.status == 404


async def test_mail_to_a_bounced_address_is_not_retried(world_api: TestClient,
                                                        world: World) -> None:
    world.sink.handler.refuse_rcpt["priya@brightwire.example"] = "550 5.1.1 no such mailbox"
    await world.container.invites.send(world.admin,
                                       SendInvites(world.demo.billing_period_id, None))
    await world.container.delivery.deliver_due()
    await sign_in(world_api, world)
    page = await (await world_api.get("/admin/outbox")).text()
    assert "priya@brightwire.example" in page and "550" in page
    message_id = re.search(r'action="/admin/outbox/(\d+)/retry"', page)
    assert message_id
    response = await world_api.post(f"/admin/outbox/{message_id.group(1)}/retry",
                                    data={"csrf_token": csrf_token(page)})
    assert response.status == 409
    assert f"Message {message_id.group(1)} was not retried" in await response.text()
    dashboard = await (await world_api.get(f"/admin/projects/{world.demo.project_id}")).text()
    assert "undeliverable" in dashboard
