"""Sub-tier waivers over two invoices and in the reminder scan, on SQLite and PostgreSQL:
conditional final for a sub-tier billed final, the unconditional waivers of the previous
payment held until it is recorded, final received once the unconditional final is
approved; a sub-tier signer's first reminder 20 hours after the request (injected clock),
while the contact's waits its two days."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.invoicing import NOVEMBER, ok
from tests.support.sub_tier_waivering import (
    COPPER,
    SIGNATURE,
    VOLT,
    bills,
    commitment_with_sub_tiers,
    send_invoice,
    statuses,
    sub_tier_mails,
)
from tests.support.waivering import post_signing, require_waivers, signing_links
from tests.support.world import World

GINA = "gina@granite.example"


async def _sub_tier(api: TestClient, headers: dict[str, str], ids: dict[str, int],
                    name: str) -> str:
    found = await ok(await api.get(f"/api/commitments/{ids['commitment']}/sub-tiers/"
                                   f"{ids[name]}", headers=headers))
    return str(found["status"])


async def test_final_and_unconditional_waivers_of_the_previous_payment(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "both")
    october = await ok(await send_invoice(
        api, headers, ids, sub_tiers=bills(ids, "5000.00", "1000.00", "final")), 201)
    first = await statuses(api, headers, october["id"])
    assert [(w["kind"], w["amount"]) for w in first["Étincelle Électrique"]["waivers"]] == [
        ("conditional_final", "5000.00")]
    assert [(w["kind"], w["amount"]) for w in first["Copper Supply Co"]["waivers"]] == [
        ("conditional_progress", "1000.00")]
    assert await _sub_tier(api, headers, ids, "electric") == "final_expected"
    for to in (VOLT, COPPER):
        [(_, _, path)] = await sub_tier_mails(world, to)
        assert (await post_signing(api, path, SIGNATURE)).status == 303
    await ok(await api.post(f"/api/invoices/{october['id']}/status",
                            json={"status": "approved"}, headers=headers))

    # November, October not paid yet: the unconditional waivers of October's payment are
    # asked with it (what each sub-tier billed in October), and Copper's new conditional.
    period = await ok(await api.post(f"/api/projects/{ids['project']}/billing-periods",
                                     json=NOVEMBER, headers=headers), 201)
    ids["november"] = period["id"]
    november = await ok(await send_invoice(
        api, headers, ids, period="november", number="INV-2", work="10000",
        sub_tiers=bills(ids, "0.00", "500.00")), 201)
    second = await statuses(api, headers, november["id"])
    assert [(w["kind"], w["amount"], w["through_date"], w["paid_invoice_id"])
            for w in second["Étincelle Électrique"]["waivers"]] == [
        ("unconditional_final", "5000.00", "2030-10-31", october["id"])]
    assert sorted((w["kind"], w["amount"]) for w in second["Copper Supply Co"]["waivers"]) == [
        ("conditional_progress", "500.00"), ("unconditional_progress", "1000.00")]

    # Signed before October's payment is recorded: held until paid.
    path = (await sub_tier_mails(world, VOLT))[-1][2]
    assert (await post_signing(api, path, SIGNATURE)).status == 303
    [unconditional] = (await statuses(api, headers, november["id"]))[
        "Étincelle Électrique"]["waivers"]
    assert unconditional["status"] == "signed" and unconditional["held"]
    # October's own sub-tier waivers are signed: its payment goes, and releases it.
    await ok(await api.post(f"/api/invoices/{october['id']}/payments", headers=headers,
                            json={"amount": "27000.00", "paid_on": "2030-11-05",
                                  "method": "wire"}), 201)
    [released] = (await statuses(api, headers, november["id"]))[
        "Étincelle Électrique"]["waivers"]
    assert not released["held"] and released["released_at"] is not None

    # Approving the unconditional final: the sub-tier's final is received.
    assert await _sub_tier(api, headers, ids, "electric") == "final_expected"
    await ok(await api.post(f"/api/lien-waivers/{released['id']}/approve", headers=headers))
    assert await _sub_tier(api, headers, ids, "electric") == "final_received"
    assert await _sub_tier(api, headers, ids, "supply") == "active"


async def test_a_sub_tier_signer_is_reminded_after_20_hours(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional", threshold="2000.00")
    await require_waivers(api, headers, ids["project"])  # the contact's waiver too
    world.clock.advance(hours=4)  # sent at 13:00 in Chicago
    invoice = await ok(await send_invoice(api, headers, ids,
                                          sub_tiers=bills(ids, "4000.00", "1000.00")), 201)
    assert len(await signing_links(world, GINA)) == 1
    reminders = world.container.reminders
    world.clock.advance(hours=19)  # 08:00 the next day, 19 hours on: not yet
    assert (await reminders.scan()).waiver_reminders == 0
    world.clock.advance(hours=1)  # 20 hours: the sub-tier's signer, not the contact
    assert (await reminders.scan()).waiver_reminders == 1
    assert (await reminders.scan()).waiver_reminders == 0  # once a day
    mails = await sub_tier_mails(world, VOLT)
    assert len(mails) == 2 and "still waiting for your signature" in mails[-1][1]
    assert "please sign a lien waiver for Étincelle Électrique" in mails[-1][0]
    assert len(await signing_links(world, GINA)) == 1
    assert await sub_tier_mails(world, COPPER) == []  # under the threshold: never asked
    # The reminder's link opens the same waiver.
    assert (await api.get(mails[-1][2])).status == 200
    world.clock.advance(days=1)  # the contact's two days
    assert (await reminders.scan()).waiver_reminders == 1
    assert len(await signing_links(world, GINA)) == 2
    world.clock.advance(days=1)  # three days after the sub-tier's first reminder
    assert (await reminders.scan()).waiver_reminders == 0
    world.clock.advance(days=1)
    assert (await reminders.scan()).waiver_reminders == 1
    assert len(await sub_tier_mails(world, VOLT)) == 3

    # Signed: no more reminders for it.
    assert (await post_signing(api, mails[-1][2], SIGNATURE)).status == 303
    world.clock.advance(days=3)
    assert (await reminders.scan()).waiver_reminders == 1  # the contact's, still unsigned
    assert len(await sub_tier_mails(world, VOLT)) == 3
    assert len(await signing_links(world, GINA)) == 3
    state = await statuses(api, headers, invoice["id"])
    assert state["Étincelle Électrique"]["state"] == "signed"
