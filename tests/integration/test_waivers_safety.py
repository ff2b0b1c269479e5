"""Lien waivers and payments attacked: another company's administrator, a stranger, a
forged or replaced link, a second signature, bad templates. Each refused, nothing changed.
Also revise and resubmit, sharing signature authority, and a final invoice."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from app.links import LinkSigner, WaiverLink, waiver_token
from tests.support.invoicing import line, ok, post_invoice, setup_commitment
from tests.support.waivering import (
    pdf_text,
    post_signing,
    require_waivers,
    signing_links,
    waivers_of,
)
from tests.support.world import World

GINA = "gina@granite.example"
SIGNATURE = {"full_name": "Gina Granite", "title": "Owner", "consent": "yes"}


async def _sent_invoice(api: TestClient, headers: dict[str, str], billing_type: str = "progress",
                        ) -> tuple[dict[str, object], dict[str, object]]:
    ids = await setup_commitment(api, headers)
    await require_waivers(api, headers, ids["project"])
    invoice = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": billing_type,
        "lines": [line(ids["lines"]["1"], "30000")]}), 201)
    return ids, invoice


async def test_another_company_and_strangers_get_nothing(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids, invoice = await _sent_invoice(api, headers)
    [waiver] = await waivers_of(api, headers, invoice["id"])
    rival = world.rival_headers
    for method, path, body in (
            ("GET", f"/api/invoices/{invoice['id']}/lien-waivers", None),
            ("GET", f"/api/lien-waivers/{waiver['id']}/pdf", None),
            ("POST", f"/api/lien-waivers/{waiver['id']}/approve", None),
            ("POST", f"/api/lien-waivers/{waiver['id']}/revise", {"reason": "x"}),
            ("GET", f"/api/invoices/{invoice['id']}/payments", None),
            ("POST", f"/api/invoices/{invoice['id']}/payments",
             {"amount": "1.00", "paid_on": "2026-11-01", "method": "ach"}),
            ("POST", f"/api/projects/{ids['project']}/waiver-policy",
             {"billing_type": "progress", "kind": "conditional_progress",
              "requirement": "not_required"})):
        as_rival = await api.request(method, path, json=body, headers=rival)
        assert as_rival.status == 404, (path, await as_rival.text())
        as_stranger = await api.request(method, path, json=body)
        assert as_stranger.status == 401, path
    assert await waivers_of(api, headers, invoice["id"]) == [waiver]
    paid = await ok(await api.get(f"/api/invoices/{invoice['id']}/payments", headers=headers))
    assert paid["payments"] == []
    # Payments only against an approved invoice.
    early = await api.post(f"/api/invoices/{invoice['id']}/payments", headers=headers,
                           json={"amount": "1.00", "paid_on": "2026-11-01", "method": "ach"})
    assert early.status == 409


async def test_forged_replaced_and_foreign_links_are_refused(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    _, invoice = await _sent_invoice(api, headers)
    [waiver] = await waivers_of(api, headers, invoice["id"])
    [path] = await signing_links(world, GINA)
    forged = waiver_token(LinkSigner(["another installation's key " * 2]),
                          WaiverLink(waiver["id"], 1, 1))
    for bad in (f"/w/{forged}", path[:-3] + "xyz", f"/w/{forged}/pdf"):
        assert (await api.get(bad)).status == 400, bad
    # A real signature naming someone else, or an older link version: 403.
    signer = world.container.signer
    for other in (WaiverLink(waiver["id"], 999_999, 1), WaiverLink(waiver["id"], 1, 7)):
        response = await api.get(f"/w/{waiver_token(signer, other)}")
        assert response.status == 403
    # A POST without the page's form token records nothing.
    assert (await api.post(f"{path}/sign", data=SIGNATURE)).status == 403
    assert (await waivers_of(api, headers, invoice["id"]))[0]["status"] == "pending_signature"


async def test_share_authority_then_revise_and_resubmit(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    _, invoice = await _sent_invoice(api, headers)
    [path] = await signing_links(world, GINA)
    bad = await post_signing(api, path, {"colleague_name": "Carl", "colleague_email": "nope"},
                             action="forward")
    assert bad.status == 400 and 'id="colleague-error"' in await bad.text()
    shared = await post_signing(api, path, {"colleague_name": "Carl Controller",
                                            "colleague_email": "carl@granite.example"},
                                action="forward")
    assert shared.status == 200
    assert (await api.get(path)).status == 403  # the forwarding person's link stops
    [carl_path] = await signing_links(world, "carl@granite.example")
    assert (await post_signing(api, carl_path, {
        "full_name": "Carl Controller", "title": "CFO", "consent": "yes"})).status == 303
    [signed] = await waivers_of(api, headers, invoice["id"])
    assert signed["signer_email"] == "carl@granite.example"
    trail = pdf_text(await (await api.get(f"/api/lien-waivers/{signed['id']}/pdf",
                                          headers=headers)).read())
    assert "Signature authority shared by gina@granite.example" in trail

    no_reason = await api.post(f"/api/lien-waivers/{signed['id']}/revise", headers=headers,
                               json={"reason": " "})
    assert no_reason.status == 422
    revised = await ok(await api.post(f"/api/lien-waivers/{signed['id']}/revise",
                                      headers=headers,
                                      json={"reason": "Sign with your legal title"}), 201)
    assert revised["status"] == "pending_signature" and revised["amount"] == signed["amount"]
    assert revised["code"] != signed["code"]
    statuses = {w["id"]: w["status"] for w in await waivers_of(api, headers, invoice["id"])}
    assert statuses == {signed["id"]: "void", revised["id"]: "pending_signature"}
    assert (await api.get(carl_path)).status == 403
    newest = (await signing_links(world, "carl@granite.example"))[-1]
    page = await api.get(newest)
    assert page.status == 200 and "Sign with your legal title" in await page.text()


async def test_a_final_invoice_asks_for_the_final_kinds(
        world_api: TestClient, world_headers: dict[str, str]) -> None:
    _, invoice = await _sent_invoice(world_api, world_headers, "final")
    kinds = {w["kind"]: w["amount"]
             for w in await waivers_of(world_api, world_headers, invoice["id"])}
    assert kinds == {"conditional_final": "27000.00", "unconditional_final": "27000.00"}


async def test_templates_refuse_unknown_placeholders_and_markup(
        world_api: TestClient, world_headers: dict[str, str]) -> None:
    template = {"name": "California progress", "kind": "conditional_progress", "state": "CA",
                "body": "Claimant {{ claimant }} waives {{ amount }} through {{ through_date }}."}
    for body, words in (("Pay {{ bank_account }}", "unknown placeholder"),
                        ("<b>{{ amount }}</b>", "markup"),
                        ("{% if amount %}x{% endif %}", "statements"),
                        ("{{ amount|upper }}", "bare name"),
                        ("{{ amount.__class__ }}", "bare name")):
        refused = await world_api.post("/api/waiver-templates", headers=world_headers,
                                       json={**template, "body": body})
        assert refused.status == 422 and words in await refused.text(), body
    first = await ok(await world_api.post("/api/waiver-templates", headers=world_headers,
                                          json=template), 201)
    second = await ok(await world_api.post("/api/waiver-templates", headers=world_headers,
                                           json=template), 201)
    assert (first["version"], second["version"]) == (1, 2)

    ids = await setup_commitment(world_api, world_headers)
    await ok(await world_api.post(f"/api/projects/{ids['project']}/waiver-policy",
                                  headers=world_headers, json={
        "billing_type": "progress", "kind": "conditional_progress",
        "requirement": "required_before_send", "template_id": second["id"]}))
    invoice = await ok(await post_invoice(world_api, world_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(ids["lines"]["1"], "1000")]}), 201)
    [waiver] = await waivers_of(world_api, world_headers, invoice["id"])
    assert (waiver["template_version"], waiver["requirement"]) == (2, "required_before_send")
    text = pdf_text(await (await world_api.get(f"/api/lien-waivers/{waiver['id']}/pdf",
                                               headers=world_headers)).read())
    assert "Claimant Granite Concrete LLC waives $900.00 through October 31, 2030." in text
