"""A waiver whose template needs a notary: signed, then the signer uploads the notarized
scan, which the administrator downloads and approves. A wrong file is refused beside the
field; the rival's administrator gets no scan."""

from __future__ import annotations

import hashlib

import aiohttp
from aiohttp.test_utils import TestClient

from tests.support.answering import form_token
from tests.support.invoicing import line, ok, post_invoice, setup_commitment
from tests.support.pages import sign_in
from tests.support.waivering import post_signing, signing_links, waivers_of
from tests.support.world import World

SCAN = b"\x89PNG\r\n\x1a\n" + b"notarized scan" * 100


async def _upload(api: TestClient, path: str, filename: str, data: bytes,
                  token: str | None = None) -> aiohttp.ClientResponse:
    token = token or form_token(await (await api.get(path)).text())
    form = aiohttp.FormData({"csrf_token": token})
    form.add_field("scan", data, filename=filename, content_type="application/octet-stream")
    return await api.post(f"{path}/notary", data=form, allow_redirects=False)


async def test_a_notarized_scan_is_uploaded_and_reviewed(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    template = await ok(await api.post("/api/waiver-templates", headers=headers, json={
        "name": "Mississippi progress", "kind": "conditional_progress", "state": "MS",
        "needs_notary": True,
        "body": "{{ claimant }} waives {{ amount }} through {{ through_date }}."}), 201)
    ids = await setup_commitment(api, headers)
    await ok(await api.post(f"/api/projects/{ids['project']}/waiver-policy", headers=headers,
                            json={"billing_type": "progress", "kind": "conditional_progress",
                                  "requirement": "requested", "template_id": template["id"]}))
    invoice = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(ids["lines"]["1"], "1000")]}), 201)
    [path] = await signing_links(world, "gina@granite.example")
    assert (await post_signing(api, path, {"full_name": "Gina Granite", "title": "Owner",
                                           "consent": "yes"})).status == 303
    [waiver] = await waivers_of(api, headers, invoice["id"])
    assert (waiver["status"], waiver["needs_notary"]) == ("awaiting_notary", True)
    assert "Notarized scan" in await (await api.get(path)).text()

    wrong = await _upload(api, path, "scan.exe", b"MZ...")
    assert wrong.status == 400 and 'id="scan-error"' in await wrong.text()
    assert (await waivers_of(api, headers, invoice["id"]))[0]["status"] == "awaiting_notary"
    token = form_token(await (await api.get(path)).text())
    assert (await _upload(api, path, "notarized.png", SCAN, token)).status == 303
    [waiver] = await waivers_of(api, headers, invoice["id"])
    assert waiver["status"] == "signed"
    assert waiver["notarized_sha256"] == hashlib.sha256(SCAN).hexdigest()
    again = await _upload(api, path, "notarized.png", SCAN, token)
    assert again.status == 409

    stranger = await api.get(f"/admin/lien-waivers/{waiver['id']}/notarized",
                             allow_redirects=False)
    assert stranger.status == 303 and SCAN not in await stranger.read()  # to sign in
    await sign_in(api, world)
    scan = await api.get(f"/admin/lien-waivers/{waiver['id']}/notarized")
    assert scan.status == 200 and await scan.read() == SCAN
    await ok(await api.post(f"/api/lien-waivers/{waiver['id']}/approve", headers=headers))
    assert (await waivers_of(api, headers, invoice["id"]))[0]["status"] == "approved"
