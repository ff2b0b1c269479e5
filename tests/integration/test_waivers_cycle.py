"""Lien waivers end to end over HTTP and SMTP, on SQLite and PostgreSQL: an invoice sent,
its waiver mailed, the link opened (nothing changes), signed, read back from the PDF,
approved, paid; the unconditional waiver held until paid and released by the payment."""

from __future__ import annotations

import hashlib

import aiohttp
from aiohttp.test_utils import TestClient

from tests.support.answering import form_token, outbox_rows
from tests.support.invoicing import NOVEMBER, line, ok, post_invoice, setup_commitment
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


async def _pdf(api: TestClient, headers: dict[str, str], waiver_id: int) -> bytes:
    response = await api.get(f"/api/lien-waivers/{waiver_id}/pdf", headers=headers)
    assert response.status == 200 and response.content_type == "application/pdf"
    return await response.read()


async def test_progress_invoices_through_waivers_and_payments(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await setup_commitment(api, headers)
    await require_waivers(api, headers, ids["project"])
    one = ids["lines"]["1"]
    october = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(one, "30000")]}), 201)
    [conditional] = await waivers_of(api, headers, october["id"])
    assert (conditional["kind"], conditional["status"], conditional["amount"],
            conditional["through_date"]) == ("conditional_progress", "pending_signature",
                                             "27000.00", "2030-10-31")
    assert conditional["exceptions"] == ["Retainage withheld: $3,000.00"]

    # The mail carries the signing link; opening it (and the PDF) changes nothing.
    [path] = await signing_links(world, GINA)
    page = await api.get(path)
    html = await page.text()
    assert page.status == 200 and "$27,000.00" in html and "Granite Concrete LLC" in html
    preview = await api.get(f"{path}/pdf")
    text = pdf_text(await preview.read())
    assert "$27,000.00" in text and "October 31, 2030" in text and "Not signed yet" in text
    assert (await waivers_of(api, headers, october["id"]))[0]["status"] == "pending_signature"

    # No consent: refused beside the box, what was typed kept, nothing recorded.
    refused = await post_signing(api, path, {"full_name": "Gina Granite", "title": "Owner"})
    assert refused.status == 400
    body = await refused.text()
    assert 'id="consent-error"' in body and 'value="Gina Granite"' in body
    assert (await waivers_of(api, headers, october["id"]))[0]["signed_at"] is None

    token = form_token(await (await api.get(path)).text())
    signed = await post_signing(api, path, SIGNATURE)
    assert signed.status == 303
    [after] = await waivers_of(api, headers, october["id"])
    assert after["status"] == "signed" and not after["held"]
    assert after["signed_name"] == "Gina Granite" and after["signed_title"] == "Owner"
    data = await _pdf(api, headers, after["id"])
    assert hashlib.sha256(data).hexdigest() == after["signed_sha256"]
    text = pdf_text(data)
    assert "/s/ Gina Granite" in text and "$27,000.00" in text and "Audit trail" in text
    assert f"link sent to {GINA}" in text
    # A second signature (with a valid form token) is refused; the signed file stays.
    again = await api.post(f"{path}/sign", allow_redirects=False,
                           data={"csrf_token": token, **SIGNATURE, "full_name": "Mallory"})
    assert again.status == 409 and "already signed" in await again.text()
    assert await _pdf(api, headers, after["id"]) == data

    approved = await ok(await api.post(f"/api/lien-waivers/{after['id']}/approve",
                                       headers=headers))
    assert approved["status"] == "approved"
    await ok(await api.post(f"/api/invoices/{october['id']}/status",
                            json={"status": "approved"}, headers=headers))

    # November asks for its conditional waiver and the unconditional one for October's
    # payment, signed before the payment is recorded: held until paid.
    november_period = await ok(await api.post(
        f"/api/projects/{ids['project']}/billing-periods", json=NOVEMBER, headers=headers), 201)
    november = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": november_period["id"], "number": "INV-2",
        "billing_type": "progress", "lines": [line(one, "20000")]}), 201)
    by_kind = {w["kind"]: w for w in await waivers_of(api, headers, november["id"])}
    assert by_kind["conditional_progress"]["amount"] == "18000.00"
    assert by_kind["conditional_progress"]["exceptions"] == [
        "Retainage withheld: $5,000.00",
        "Progress payment of invoice INV-1 not yet received (through 2030-10-31): $27,000.00"]
    unconditional = by_kind["unconditional_progress"]
    assert (unconditional["amount"], unconditional["through_date"],
            unconditional["paid_invoice_id"]) == ("27000.00", "2030-10-31", october["id"])
    links = await signing_links(world, GINA)
    assert len(links) == 3
    pages = {p: await (await api.get(p)).text() for p in links[1:]}
    [held_path] = [p for p, html in pages.items() if "Unconditional waiver" in html]
    assert (await post_signing(api, held_path, SIGNATURE)).status == 303
    held = next(w for w in await waivers_of(api, headers, november["id"])
                if w["kind"] == "unconditional_progress")
    assert held["held"] and held["signed_sha256"]
    watermarked_bytes = await _pdf(api, headers, held["id"])
    watermarked = pdf_text(watermarked_bytes)
    assert "HELD UNTIL PAID" in watermarked and "/s/ Gina Granite" not in watermarked

    # Payments: more than due is refused; partial payments add up; the last one releases.
    too_much = await api.post(f"/api/invoices/{october['id']}/payments", headers=headers,
                              json={"amount": "27000.01", "paid_on": "2026-11-20",
                                    "method": "ach"})
    assert too_much.status == 409 and (await too_much.json())["error"]["code"] == "overpayment"
    part = await ok(await api.post(f"/api/invoices/{october['id']}/payments", headers=headers,
                                   json={"amount": "20000.00", "paid_on": "2026-11-20",
                                         "method": "ach", "reference": "ACH-1"}), 201)
    assert (part["status"], part["paid"]) == ("partially_paid", "20000.00")
    assert next(w for w in await waivers_of(api, headers, november["id"])
                if w["id"] == held["id"])["held"]
    paid = await ok(await api.post(f"/api/invoices/{october['id']}/payments", headers=headers,
                                   json={"amount": "7000.00", "paid_on": "2026-11-21",
                                         "method": "check"}), 201)
    assert (paid["status"], paid["paid"], len(paid["payments"])) == ("paid", "27000.00", 2)
    invoice = await ok(await api.get(f"/api/invoices/{october['id']}", headers=headers))
    assert invoice["status"] == "paid"
    released = next(w for w in await waivers_of(api, headers, november["id"])
                    if w["id"] == held["id"])
    assert not released["held"] and released["released_at"]
    clean = await _pdf(api, headers, held["id"])
    assert hashlib.sha256(clean).hexdigest() == released["signed_sha256"]
    assert "/s/ Gina Granite" in pdf_text(clean)

    events = [row.payload["type"] for row in await outbox_rows(world, kind="event")]
    for expected in ("waiver.requested", "waiver.signed", "waiver.released", "invoice.paid"):
        assert expected in events
    await world.container.delivery.deliver_due()
    subjects = [str(r.message["Subject"]) for r in world.sink.handler.received]
    assert sum("payment of $20,000.00 sent" in s for s in subjects) == 1
    assert any("released" in s for s in subjects)

    # The verification page names the signer and checks a file against the signature.
    verify = await api.get(f"/w/verify?code={released['code']}")
    page = await verify.text()
    assert verify.status == 200 and "Gina Granite" in page and released["signed_sha256"] in page
    for upload, words in ((clean, "The file matches"), (watermarked_bytes, "does NOT match")):
        form = aiohttp.FormData({"csrf_token": form_token(page), "code": released["code"]})
        form.add_field("file", upload, filename="waiver.pdf", content_type="application/pdf")
        checked = await api.post("/w/verify", data=form)
        assert checked.status == 200 and words in await checked.text()
    assert (await api.get("/w/verify?code=W-NOSUCHCODE")).status == 404
