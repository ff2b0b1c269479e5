"""The received mail, undelivered mail and webhook pages in the administrator's own language,
through the real application on both databases: French for an administrator who reads
fr-CA (and none of the English words they replace), English for one who reads en-AU. The
rival company's administrator gets 404 for our subscription and a stranger is sent to sign
in."""

from __future__ import annotations

import html
import re

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from app.background import inbound_smtp
from app.bootstrap import build_web_app, inbound_mail
from app.use_cases.demo import ADMIN_EMAIL
from store import tables as t
from tests.support.inbound_mail import ADDRESS, invite_mail, reply_to, send_over_smtp
from tests.support.pages import csrf_token, sign_in
from tests.support.period_pages import sign_in_rival
from tests.support.webhook_receivers import WebhookReceiver
from tests.support.world import World


async def reads(world: World, language: str) -> None:
    async with world.container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Person).where(t.Person.email == ADMIN_EMAIL)
                              .values(language=language))


async def receive_a_yes(world: World) -> None:
    invite = await invite_mail(world, ADDRESS)
    inbound = inbound_mail(world.container)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, ADDRESS, invite["Reply-To"],
                             reply_to(invite, ADDRESS, "Yes\n"))
    await inbound.process_pending()


async def page(client: TestClient, path: str) -> str:
    response = await client.get(path)
    assert response.status == 200, path
    # The <html> line (its language) and the page's own content; the navigation around it
    # (base.html.j2) is converted with the other administrator's pages.
    text = html.unescape(await response.text())
    html_line = re.search(r"<html[^>]*>", text)
    assert html_line is not None
    return html_line.group(0) + text[text.index("<main"):]


def absent(text: str, *english: str) -> None:
    for words in english:
        assert words not in text, words


async def test_a_french_administrator_reads_the_mail_and_webhook_pages_in_french(
        world: World, world_api: TestClient) -> None:
    await reads(world, "fr-CA")
    await receive_a_yes(world)
    await sign_in(world_api, world)
    inbound = await page(world_api, "/admin/inbound")
    assert '<html lang="fr-CA">' in inbound
    for french in ("Courriels reçus", "A répondu Oui", "Classement", "Brut"):
        assert french in inbound, french
    absent(inbound, "Received mail", "Answered Yes", "Classification")
    outbox = await page(world_api, "/admin/outbox")
    assert "Courriels non livrés" in outbox
    absent(outbox, "Undelivered mail", "All mail has been delivered")

    receiver = await WebhookReceiver().start()
    try:
        listing = await page(world_api, "/admin/webhooks")
        assert "Aucun abonnement pour l'instant." in listing and "Abonner une URL" in listing
        made = await world_api.post("/admin/webhooks", data=[
            ("csrf_token", csrf_token(listing)), ("url", receiver.url),
            ("event_type", "invite.sent")])
        assert made.status == 201
        answer = html.unescape(await made.text())
        assert "Abonné. Son secret de signature, affiché seulement maintenant :" in answer
        assert "actif" in answer
        absent(answer, "Subscribed.", "Failures in a row", "No subscriptions yet.")
        [subscription] = await world.container.webhooks.subscriptions.list_all(world.admin)
        path = f"/admin/webhooks/{subscription.id}"
        log = await page(world_api, path)
        assert f"Livraisons à {receiver.url}" in log and "Mettre en pause" in log
        assert "Tous les abonnements" in log
        absent(log, "Deliveries to", "All subscriptions", ">Pause<")
    finally:
        await receiver.stop()

    rival = TestClient(TestServer(build_web_app(world.container)))
    stranger = TestClient(TestServer(build_web_app(world.container)))
    await rival.start_server()
    await stranger.start_server()
    try:
        await sign_in_rival(rival)
        assert (await rival.get(path, allow_redirects=False)).status == 404
        away = await stranger.get(path, allow_redirects=False)
        assert away.status in (302, 303) and "/sign-in" in away.headers["Location"]
        for shared in ("/admin/inbound", "/admin/outbox", "/admin/webhooks"):
            theirs = await rival.get(shared)  # their own (empty) lists, in English
            assert theirs.status == 200 and "A répondu Oui" not in await theirs.text()
    finally:
        await rival.close()
        await stranger.close()


async def test_an_australian_administrator_reads_them_in_english(
        world: World, world_api: TestClient) -> None:
    await reads(world, "en-AU")
    await receive_a_yes(world)
    await sign_in(world_api, world)
    inbound = await page(world_api, "/admin/inbound")
    assert '<html lang="en-AU">' in inbound
    assert "Received mail" in inbound and "Answered Yes" in inbound
    assert re.search(r"No subscriptions yet\.", await page(world_api, "/admin/webhooks"))
