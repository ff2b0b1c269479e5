"""Waivers required before Send: the contact's Send reads Next, a Send is refused while the
waiver is unsigned (nothing sent), Next saves the draft and leads to signing, and once
signed the invoice sends with the signed waiver kept."""

from __future__ import annotations

from decimal import Decimal

from aiohttp.test_utils import TestClient

from tests.support.invoicing import commitment_of, form_url, ok, signed_in, submit
from tests.support.waivering import post_signing, signing_links, waivers_of
from tests.support.world import World


async def test_next_leads_to_signing_before_send(world_api: TestClient, world: World,
                                                 world_headers: dict[str, str]) -> None:
    await ok(await world_api.post(
        f"/api/projects/{world.demo.project_id}/waiver-policy", headers=world_headers,
        json={"billing_type": "progress", "kind": "conditional_progress",
              "requirement": "required_before_send"}))
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    html = await (await world_api.get(form_url(link))).text()
    assert 'value="next">Next</button>' in html and 'value="send"' not in html
    fields = {"number": "BW-9", f"work_{first.id}": "1000"}

    refused = await submit(world_api, link, fields, "send")
    assert refused.status == 422
    assert "sign the lien waivers required before Send first" in await refused.text()
    listed = await ok(await world_api.get(
        f"/api/invoices?billing_period_id={world.demo.billing_period_id}",
        headers=world_headers))
    assert [i for i in listed["items"] if i["number"] == "BW-9"] == []  # nothing saved

    nexted = await submit(world_api, link, fields, "next")
    assert nexted.status == 303 and nexted.headers["Location"].startswith("/w/")
    signing = nexted.headers["Location"]
    [invoice] = [i for i in (await ok(await world_api.get(
        f"/api/invoices?billing_period_id={world.demo.billing_period_id}",
        headers=world_headers)))["items"] if i["number"] == "BW-9"]
    assert invoice["status"] == "draft"
    signed = await post_signing(world_api, signing, {"full_name": "Dana Watts",
                                                     "title": "Owner", "consent": "yes"})
    assert signed.status == 303
    done = await (await world_api.get(signed.headers["Location"])).text()
    assert "Back to the invoice" in done

    html = await (await world_api.get(form_url(link))).text()
    assert 'value="send">Send</button>' in html
    sent = await submit(world_api, link, fields, "send")
    assert sent.status == 303 and sent.headers["Location"].endswith("?saved=sent")
    [waiver] = await waivers_of(world_api, world_headers, invoice["id"])
    assert (waiver["status"], waiver["requirement"]) == ("signed", "required_before_send")
    got = await ok(await world_api.get(f"/api/invoices/{invoice['id']}", headers=world_headers))
    assert got["status"] == "under_review"


async def test_a_revised_invoice_voids_and_regenerates_its_waiver(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await ok(await world_api.post(
        f"/api/projects/{world.demo.project_id}/waiver-policy", headers=world_headers,
        json={"billing_type": "progress", "kind": "conditional_progress",
              "requirement": "requested"}))
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    sent = await submit(world_api, link, {"number": "BW-9", f"work_{first.id}": "1000"}, "send")
    assert sent.status == 303
    [invoice] = [i for i in (await ok(await world_api.get(
        f"/api/invoices?billing_period_id={world.demo.billing_period_id}",
        headers=world_headers)))["items"] if i["number"] == "BW-9"]
    [before] = await waivers_of(world_api, world_headers, invoice["id"])
    signer = str(before["signer_email"])
    [old_link] = await signing_links(world, signer)
    await ok(await world_api.post(f"/api/invoices/{invoice['id']}/status", headers=world_headers,
                                  json={"status": "revise_and_resubmit",
                                        "note": "Bill the full panel work"}))
    again = await submit(world_api, link, {"number": "BW-9", f"work_{first.id}": "2000"},
                         "send")
    assert again.status == 303, await again.text()
    waivers = {w["id"]: w for w in await waivers_of(world_api, world_headers, invoice["id"])}
    assert waivers[before["id"]]["status"] == "void"
    [fresh] = [w for w in waivers.values() if w["status"] == "pending_signature"]
    assert Decimal(fresh["amount"]) == 2 * Decimal(before["amount"])
    assert (await world_api.get(old_link)).status == 403  # the voided waiver's link stops
    newest = (await signing_links(world, signer))[-1]
    assert newest != old_link and (await world_api.get(newest)).status == 200
