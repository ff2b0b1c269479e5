"""Sub-tier waivers on the administrator's pages, on both databases: the policy set on the
project's edit page (a bad threshold refused beside its field, nothing written); the
invoice page's sub-tier section and its payment hold (a payment refused with the reason),
approving there; the period list's held badge. The rival's administrator gets 404 and a
stranger is sent to sign in."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.invoicing import commitment_of, ok, signed_in, submit
from tests.support.on_behalf import invoice_count, on_behalf_url
from tests.support.pages import csrf_token, sign_in
from tests.support.period_pages import field_error, field_value, post_form, sign_in_rival
from tests.support.sub_tier_waivering import (
    SIGNATURE,
    TIER_FIELDS,
    VOLT,
    bills,
    commitment_with_sub_tiers,
    post_on_sub_tier_page,
    send_invoice,
    statuses,
    sub_tier_mails,
    tier_rows,
)
from tests.support.waivering import post_signing
from tests.support.world import World

FIELDS = {"name": "Riverside MOB", "number": "RMOB-2026", "time_zone": "America/Chicago",
          "locale": "en-US", "accounting_method": "amount", "invitation_message": "",
          "start_day": "1", "end_day": "last", "due_day": "25", "automatic": "never",
          "week_start": "monday", "days_before": "3, 1", "hour": "8",
          "daily_after_due": "on", "max_after_due": "14", "every_days_before": "0"}


async def _policy(api: TestClient, headers: dict[str, str], project_id: int) -> object:
    return (await ok(await api.get(f"/api/projects/{project_id}",
                                   headers=headers)))["sub_tier_waivers"]


async def test_the_policy_is_set_on_the_project_page(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, project_id = world_api, world.demo.project_id
    await sign_in(api, world)
    edit = f"/admin/projects/{project_id}/edit"
    page = await (await api.get(edit)).text()
    assert field_value(page, "sub_tier_waiver_threshold") == "0.00"
    assert '<option value="none" selected>' in page
    saved = await post_form(api, edit, edit, {**FIELDS, "sub_tier_waiver_rule": "both",
                                               "sub_tier_waiver_threshold": "750"})
    assert saved.status == 303, await saved.text()
    assert await _policy(api, world_headers, project_id) == {"rule": "both",
                                                             "threshold": "750.00"}
    page = await (await api.get(edit)).text()
    assert '<option value="both" selected>' in page
    for typed, word in (("-3", "negative"), ("lots", "not an amount")):
        refused = await post_form(api, edit, edit, {**FIELDS, "sub_tier_waiver_rule": "none",
                                                     "sub_tier_waiver_threshold": typed})
        assert refused.status == 422
        assert word in (field_error(await refused.text(), "sub_tier_waiver_threshold") or "")
    assert await _policy(api, world_headers, project_id) == {"rule": "both",
                                                             "threshold": "750.00"}


async def test_the_invoice_page_shows_the_hold_and_approves(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional", threshold="500.00")
    invoice = await ok(await send_invoice(api, headers, ids,
                                          sub_tiers=bills(ids, "4000.00", "300.00")), 201)
    await ok(await api.post(f"/api/invoices/{invoice['id']}/status",
                            json={"status": "approved"}, headers=headers))
    invoice_page = f"/admin/invoices/{invoice['id']}"
    listing_page = f"/admin/periods/{ids['october']}/invoices"
    # A stranger is sent to sign in.
    stranger = await api.get(invoice_page, allow_redirects=False)
    assert stranger.status in (302, 303) and "/sign-in" in stranger.headers["Location"]

    await sign_in(api, world)
    page = await (await api.get(invoice_page)).text()
    assert 'id="sub-tier-waivers"' in page and 'id="payment-held"' in page
    assert "Étincelle Électrique" in page and "Not required" in page
    assert "(sub-tier: Étincelle Électrique)" in page
    assert "Payment held: sub-tier waivers" in await (await api.get(listing_page)).text()
    refused = await api.post(f"{invoice_page}/payments", data={
        "csrf_token": csrf_token(page), "amount": "100.00", "paid_on": "2030-11-20",
        "method": "check"})
    body = await refused.text()
    assert refused.status == 409 and 'id="payment-error"' in body
    assert "the payment is held" in body

    [(_, _, path)] = await sub_tier_mails(world, VOLT)
    assert (await post_signing(api, path, SIGNATURE)).status == 303
    [waiver] = (await statuses(api, headers, invoice["id"]))["Étincelle Électrique"]["waivers"]
    page = await (await api.get(invoice_page)).text()
    assert "Signed, to review" in page and 'id="payment-held"' not in page
    approved = await api.post(f"/admin/lien-waivers/{waiver['id']}/approve",
                              allow_redirects=False,
                              data={"csrf_token": csrf_token(page),
                                    "invoice_id": str(invoice["id"])})
    assert approved.status == 303
    assert (await statuses(api, headers, invoice["id"]))["Étincelle Électrique"][
        "state"] == "approved"
    assert "Payment held" not in await (await api.get(listing_page)).text()

    # The rival's administrator: 404.
    await sign_in_rival(api)
    assert (await api.get(invoice_page)).status == 404
    assert (await api.get(listing_page)).status == 404


async def test_the_contacts_send_needs_the_sub_tier_lines_then_shows_their_waivers(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api = world_api
    await ok(await api.patch(f"/api/projects/{world.demo.project_id}", headers=world_headers,
                             json={"sub_tier_waivers": {"rule": "conditional"}}))
    link = await signed_in(world, api)
    base = f"/c/commitments/{link.commitment_id}/sub-tiers"
    first = (await commitment_of(world, link)).sov_lines[0]
    fields = {"number": "BW-9", f"work_{first.id}": "100"}
    # Nothing listed, nothing certified: Send is refused on the form, saying what is missing.
    refused = await submit(api, link, fields, "send")
    assert refused.status == 422
    assert "certify that there are no sub-tiers" in await refused.text()
    assert (await post_on_sub_tier_page(api, base, base, TIER_FIELDS)).status == 303
    assert (await submit(api, link, fields, "draft")).status == 303
    tier_id = tier_rows(await (await api.get(base)).text())[0]
    refused = await submit(api, link, fields, "send")
    assert refused.status == 422
    assert "enter the amount billed on this invoice (0.00 if none) for Étincelle" in (
        await refused.text())
    assert (await post_on_sub_tier_page(api, base, f"{base}/amounts", {
        f"amount-{tier_id}": "80", f"billing-{tier_id}": "progress"})).status == 303
    assert (await submit(api, link, fields, "send")).status == 303
    page = await (await api.get(base)).text()
    assert 'id="sub-tier-waivers"' in page and "Waiting for signature" in page
    form = await (await api.get(f"/c/commitments/{link.commitment_id}/invoices/new")).text()
    assert 'id="sub-tier-waiver-states"' in form
    assert "Étincelle Électrique: lien waivers" in form and "Waiting for signature" in form
    [(_, text, _)] = await sub_tier_mails(world, VOLT)
    assert "$80.00" in text


async def test_the_administrators_entry_carries_the_sub_tier_lines(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional")
    await sign_in(api, world)
    path = on_behalf_url(ids["october"], ids["commitment"])
    html = await (await api.get(path)).text()
    assert 'id="on-behalf-sub-tiers"' in html
    fields = {"number": "OB-1", f"work_{ids['lines']['1']}": "1000",
              f"st-amount-{ids['electric']}": "700", f"st-billing-{ids['electric']}": "final"}
    before = await invoice_count(world)
    blank = await api.post(path, allow_redirects=False,
                           data={"csrf_token": csrf_token(html), **fields})
    assert blank.status == 422
    assert "Copper Supply Co: enter the amount billed" in await blank.text()
    assert await invoice_count(world) == before
    entered = await api.post(path, allow_redirects=False, data={
        "csrf_token": csrf_token(html), **fields, f"st-amount-{ids['supply']}": "0"})
    assert entered.status == 303, await entered.text()
    invoice_id = int(entered.headers["Location"].split("/")[-1].split("?")[0])
    found = await statuses(api, headers, invoice_id)
    assert [(w["kind"], w["amount"]) for w in found["Étincelle Électrique"]["waivers"]] == [
        ("conditional_final", "700.00")]
    assert found["Copper Supply Co"]["state"] == "not_required"
    assert len(await sub_tier_mails(world, VOLT)) == 1
