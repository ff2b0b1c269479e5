"""Sub-tier waivers end to end over HTTP and SMTP, on SQLite and PostgreSQL: the project's
policy, Send refused without the sub-tier lines, the waiver mailed to the sub-tier's signer
(who needs no account), signed through the link, approved; the payment held until it is
signed; the threshold; the package; another company, a stranger and forged links refused."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from app.links import LinkSigner, WaiverLink, waiver_token
from tests.support.answering import outbox_rows
from tests.support.api import assert_error
from tests.support.invoicing import ok
from tests.support.sub_tier_waivering import (
    COPPER,
    SIGNATURE,
    VOLT,
    bills,
    commitment_with_sub_tiers,
    send_invoice,
    set_policy,
    statuses,
    sub_tier_mails,
)
from tests.support.waivering import pdf_text, post_signing, waivers_of
from tests.support.world import World

PAYMENT = {"amount": "100.00", "paid_on": "2030-11-10", "method": "ach"}


async def test_a_sub_tier_signs_its_waiver_and_the_payment_waits_for_it(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional", threshold="500.00")

    # Send without the sub-tier lines: refused, naming them; nothing is written.
    refused = await send_invoice(api, headers, ids)
    error = await assert_error(refused, 409, "sub_tiers_required")
    assert "Étincelle Électrique" in error["message"] and "Copper Supply Co" in error["message"]
    # A blank amount is refused too (0.00 allowed, never blank).
    blank = await send_invoice(api, headers, ids, sub_tiers={"lines": [
        {"sub_tier_id": ids["electric"], "amount_billed": "4000.00"}]})
    assert blank.status == 422 and "Copper Supply Co" in await blank.text()
    # (The same number again is not a duplicate: nothing was kept of the refused sends.)
    invoice = await ok(await send_invoice(api, headers, ids,
                                          sub_tiers=bills(ids, "4000.00", "300.00")), 201)

    # Étincelle's waiver is asked (4,000.00 from its line); Copper's 300.00 is under the
    # threshold: not required.
    found = await statuses(api, headers, invoice["id"])
    electric, copper = found["Étincelle Électrique"], found["Copper Supply Co"]
    assert (copper["state"], copper["waivers"], copper["holds_payment"]) == (
        "not_required", [], False)
    assert (electric["state"], electric["amount_billed"], electric["holds_payment"]) == (
        "pending_signature", "4000.00", True)
    [waiver] = electric["waivers"]
    assert (waiver["kind"], waiver["amount"], waiver["through_date"], waiver["sub_tier_id"],
            waiver["signer_email"]) == ("conditional_progress", "4000.00", "2030-10-31",
                                        ids["electric"], VOLT)
    # It is in the invoice's lien-waiver list too, naming its sub-tier.
    assert [w["sub_tier_id"] for w in await waivers_of(api, headers, invoice["id"])] == [
        ids["electric"]]

    # Mailed over SMTP to the signer, with a link naming only that waiver.
    [(subject, text, path)] = await sub_tier_mails(world, VOLT)
    assert "please sign a lien waiver for Étincelle Électrique" in subject
    assert "$4,000.00" in text and "October 31, 2030" in text and "no account" in text
    assert await sub_tier_mails(world, COPPER) == []
    page = await api.get(path)
    html = await page.text()
    assert page.status == 200 and "$4,000.00" in html and "Étincelle Électrique" in html

    # The administrator approves the invoice; its payment is held while the waiver is
    # unsigned, with a message naming the sub-tier, and nothing is recorded.
    await ok(await api.post(f"/api/invoices/{invoice['id']}/status",
                            json={"status": "approved"}, headers=headers))
    held = await api.post(f"/api/invoices/{invoice['id']}/payments", json=PAYMENT,
                          headers=headers)
    error = await assert_error(held, 409, "payment_held")
    assert "Étincelle Électrique" in error["message"]
    payments = await ok(await api.get(f"/api/invoices/{invoice['id']}/payments",
                                      headers=headers))
    assert payments["payments"] == [] and payments["paid"] == "0.00"

    # Signed over HTTP through the link: the evidence is recorded as for the contact's.
    assert (await post_signing(api, path, SIGNATURE)).status == 303
    [signed] = (await statuses(api, headers, invoice["id"]))["Étincelle Électrique"]["waivers"]
    assert signed["status"] == "signed" and signed["signed_name"] == "Jean Volt"
    document = await api.get(f"/api/lien-waivers/{signed['id']}/pdf", headers=headers)
    text = pdf_text(await document.read())
    assert "/s/ Jean Volt" in text and "$4,000.00" in text and "Étincelle Électrique" in text
    assert f"link sent to {VOLT}" in text and "Granite Concrete LLC" in text

    # The rival's administrator cannot approve it (404, nothing changes); a stranger is
    # asked to authenticate.
    rival = await api.post(f"/api/lien-waivers/{signed['id']}/approve",
                           headers=world.rival_headers)
    await assert_error(rival, 404)
    assert (await api.get(f"/api/invoices/{invoice['id']}/sub-tier-waivers",
                          headers=world.rival_headers)).status == 404
    assert (await api.get(f"/api/invoices/{invoice['id']}/sub-tier-waivers")).status == 401
    assert (await statuses(api, headers, invoice["id"]))["Étincelle Électrique"][
        "state"] == "signed"

    approved = await ok(await api.post(f"/api/lien-waivers/{signed['id']}/approve",
                                       headers=headers))
    assert approved["status"] == "approved"
    after = await statuses(api, headers, invoice["id"])
    assert after["Étincelle Électrique"]["state"] == "approved"
    assert not after["Étincelle Électrique"]["holds_payment"]
    await ok(await api.post(f"/api/invoices/{invoice['id']}/payments", json=PAYMENT,
                            headers=headers), 201)

    # The package carries the contact's waivers first, then the sub-tier's signed one.
    package = await api.get(f"/api/invoices/{invoice['id']}/package.pdf", headers=headers)
    assert package.status == 200
    packaged = pdf_text(await package.read())
    assert "/s/ Jean Volt" in packaged and signed["code"] in packaged


async def test_links_are_the_signers_own(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional")
    invoice = await ok(await send_invoice(api, headers, ids,
                                          sub_tiers=bills(ids, "4000.00", "300.00")), 201)
    found = await statuses(api, headers, invoice["id"])
    [volt] = found["Étincelle Électrique"]["waivers"]
    assert found["Copper Supply Co"]["state"] == "pending_signature"
    [(_, _, volt_path)] = await sub_tier_mails(world, VOLT)
    [(_, _, copper_path)] = await sub_tier_mails(world, COPPER)
    assert volt_path != copper_path
    # A link signed with another key, a cut one: refused.
    forged = waiver_token(LinkSigner(["another installation's key " * 2]),
                          WaiverLink(volt["id"], 1, 1))
    for bad in (f"/w/{forged}", volt_path[:-3] + "xyz"):
        assert (await api.get(bad)).status == 400, bad
    # Copper's signer, with a real signature, naming Étincelle's waiver: refused.
    assert (await api.get(copper_path)).status == 200
    signer = world.container.signer
    other_waiver = waiver_token(signer, WaiverLink(volt["id"], 999_999, 1))
    assert (await api.get(f"/w/{other_waiver}")).status == 403
    # Copper signs its own: Étincelle's stays unsigned.
    assert (await post_signing(api, copper_path, {**SIGNATURE, "full_name": "Cu Signer"})
            ).status == 303
    after = await statuses(api, headers, invoice["id"])
    assert after["Copper Supply Co"]["state"] == "signed"
    assert after["Étincelle Électrique"]["state"] == "pending_signature"

    # Returned by the administrator: voided, and the signer mailed a fresh link (the old
    # one stops working).
    [signed] = after["Copper Supply Co"]["waivers"]
    again = await ok(await api.post(f"/api/lien-waivers/{signed['id']}/revise",
                                    json={"reason": "Sign with your legal title"},
                                    headers=headers), 201)
    assert again["sub_tier_id"] == ids["supply"]
    assert (await statuses(api, headers, invoice["id"]))["Copper Supply Co"][
        "state"] == "revise_and_resubmit"
    mails = await sub_tier_mails(world, COPPER)
    assert len(mails) == 2 and "Sign with your legal title" in mails[-1][1]
    assert (await api.get(copper_path)).status == 403
    assert (await api.get(mails[-1][2])).status == 200


async def test_no_sub_tiers_certified_and_the_policy_checked(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    from tests.support.invoicing import setup_commitment

    ids = await setup_commitment(api, headers)
    # Bad policies: explained with the field, nothing changed.
    for policy, word in (({"threshold": "-5"}, "negative"), ({"threshold": "lots"}, "threshold"),
                         ({"rule": "sometimes"}, "rule")):
        response = await api.patch(f"/api/projects/{ids['project']}",
                                   json={"sub_tier_waivers": policy}, headers=headers)
        assert response.status == 422, policy
        assert word in await response.text()
    project = await ok(await api.get(f"/api/projects/{ids['project']}", headers=headers))
    assert project["sub_tier_waivers"] == {"rule": "none", "threshold": "0.00"}
    # The rival cannot set ours.
    rival = await api.patch(f"/api/projects/{ids['project']}", headers=world.rival_headers,
                            json={"sub_tier_waivers": {"rule": "both"}})
    await assert_error(rival, 404)

    await set_policy(api, headers, ids["project"], "both", "250.00")
    refused = await send_invoice(api, headers, ids)
    error = await assert_error(refused, 409, "sub_tiers_required")
    assert "certify that there are no sub-tiers" in error["message"]
    invoice = await ok(await send_invoice(api, headers, ids,
                                          sub_tiers={"certify_no_sub_tiers": True}), 201)
    assert (await statuses(api, headers, invoice["id"])) == {}
    assert await outbox_rows(world, template="sub_tier_waiver_requested") == []


async def test_a_required_waiver_needs_its_signers_address(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional")
    drywall = await ok(await api.post(
        f"/api/commitments/{ids['commitment']}/sub-tiers", headers=headers, json={
            "company_name": "Quiet Drywall", "city": "Reno", "state": "NV",
            "zip_code": "89501", "country": "USA"}), 201)

    def lines(drywall_amount: str) -> dict[str, object]:
        return {"lines": [*bills(ids, "10.00", "0.00")["lines"],
                          {"sub_tier_id": drywall["id"], "amount_billed": drywall_amount}]}

    refused = await send_invoice(api, headers, ids, sub_tiers=lines("300.00"))
    error = await assert_error(refused, 422)
    assert "Quiet Drywall: enter the email of the person who signs" in error["message"]
    assert await outbox_rows(world, template="sub_tier_waiver_requested") == []
    # 0.00 asks nothing of it (nor of Copper): Send goes, Étincelle alone is asked, in
    # the project's language.
    await ok(await api.patch(f"/api/projects/{ids['project']}", json={"locale": "fr-CA"},
                             headers=headers))
    await ok(await send_invoice(api, headers, ids, sub_tiers=lines("0.00")), 201)
    assert await sub_tier_mails(world, COPPER) == []
    [(subject, text, _)] = await sub_tier_mails(world, VOLT)
    assert "veuillez signer une renonciation" in subject
    assert "10,00" in text and "renonciation conditionnelle sur paiement partiel" in text


async def test_lines_changed_under_review_regenerate_the_waivers(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await commitment_with_sub_tiers(api, headers, "conditional")
    invoice = await ok(await send_invoice(api, headers, ids,
                                          sub_tiers=bills(ids, "4000.00", "0.00")), 201)
    [(_, _, old_path)] = await sub_tier_mails(world, VOLT)
    [old] = (await statuses(api, headers, invoice["id"]))["Étincelle Électrique"]["waivers"]
    # The administrator corrects the line while the invoice is under review: the waiver
    # for 4,000.00 is voided (its link stops) and one for 4,500.00 is mailed.
    await ok(await api.put(f"/api/invoices/{invoice['id']}/sub-tiers", headers=headers,
                           json=bills(ids, "4500.00", "0.00")))
    [new] = (await statuses(api, headers, invoice["id"]))["Étincelle Électrique"]["waivers"]
    assert new["amount"] == "4500.00" and new["id"] != old["id"]
    voided = [w for w in await waivers_of(api, headers, invoice["id"]) if w["id"] == old["id"]]
    assert voided[0]["status"] == "void"
    mails = await sub_tier_mails(world, VOLT)
    assert len(mails) == 2 and "$4,500.00" in mails[-1][1]
    assert (await api.get(old_path)).status == 403
    # The same lines again change nothing.
    await ok(await api.put(f"/api/invoices/{invoice['id']}/sub-tiers", headers=headers,
                           json=bills(ids, "4500.00", "0.00")))
    assert len(await sub_tier_mails(world, VOLT)) == 2
