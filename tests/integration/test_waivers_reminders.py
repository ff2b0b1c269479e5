"""Reminders for unsigned lien waivers through the reminder scan: two days after the
request, then every three days, from 08:00 local, once a day at most, none once signed."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.invoicing import line, ok, post_invoice, setup_commitment
from tests.support.mail import text_and_html
from tests.support.waivering import post_signing, require_waivers, signing_links
from tests.support.world import World

GINA = "gina@granite.example"


async def test_unsigned_waivers_are_reminded_on_their_cadence(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await setup_commitment(api, headers)
    await require_waivers(api, headers, ids["project"])
    await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(ids["lines"]["1"], "1000")]}), 201)  # at 9:00 in Chicago
    reminders = world.container.reminders
    assert (await reminders.scan()).waiver_reminders == 0
    world.clock.advance(days=1)
    assert (await reminders.scan()).waiver_reminders == 0
    world.clock.advance(days=1, hours=-2)  # two days later, 7:00 local: not yet
    assert (await reminders.scan()).waiver_reminders == 0
    world.clock.advance(hours=2)
    assert (await reminders.scan()).waiver_reminders == 1
    assert (await reminders.scan()).waiver_reminders == 0  # once a day
    links = await signing_links(world, GINA)
    assert len(links) == 2
    reminder = [r.message for r in world.sink.handler.received if r.rcpt_tos == [GINA]][-1]
    assert "still waiting for your signature" in text_and_html(reminder)[0]
    world.clock.advance(days=2)
    assert (await reminders.scan()).waiver_reminders == 0
    world.clock.advance(days=1)
    assert (await reminders.scan()).waiver_reminders == 1
    # Signed (from the reminder's link): no more reminders.
    newest = (await signing_links(world, GINA))[-1]
    assert (await post_signing(api, newest, {"full_name": "Gina Granite", "title": "Owner",
                                             "consent": "yes"})).status == 303
    world.clock.advance(days=3)
    assert (await reminders.scan()).waiver_reminders == 0
