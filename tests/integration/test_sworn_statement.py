"""Michigan's sworn statement over HTTP and SMTP on both databases: a Michigan project's
invoice that lists sub-tiers reads Next, is refused on Send until the statement is signed
through the mailed /w/ link, then sends; the signed PDF (its figures read back line by
line) from the API, the contact's and the administrator's pages and the package; paid to
date from earlier paid invoices; no approval before it is signed; the statement follows
lines changed under review; none
outside Michigan; the state checked; others refused."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from aiohttp.test_utils import TestClient
from pypdf import PdfReader

from app.links import LinkSigner, WaiverLink, waiver_token
from tests.support import rival
from tests.support.api import assert_error
from tests.support.invoicing import (
    NOVEMBER,
    form_url,
    line,
    ok,
    post_invoice,
    setup_commitment,
    signed_in,
    submit,
)
from tests.support.pages import csrf_token, sign_in
from tests.support.pdf_reading import pages_text
from tests.support.sworn import (
    SIGNATURE,
    add_sub_tiers,
    bill,
    draft_with_sub_tiers,
    in_michigan,
    rows,
    statement_links,
    statements_of,
)
from tests.support.waivering import post_signing
from tests.support.world import World

GINA = "gina@granite.example"


async def test_signed_before_send_and_downloaded_everywhere(
        world_api: TestClient, world: World, world_headers: dict[str, str],
        tmp_path: Path) -> None:
    api, headers = world_api, world_headers
    await in_michigan(api, headers, world.demo.project_id)
    invoice_id, link, fields = await draft_with_sub_tiers(api, world, headers)
    html = await (await api.get(form_url(link))).text()
    assert 'value="next">Next</button>' in html and 'value="send"' not in html
    assert f'href="/c/invoices/{invoice_id}/sworn-statement.pdf"' in html
    preview = await api.get(f"/api/invoices/{invoice_id}/sworn-statement.pdf", headers=headers)
    assert preview.status == 200
    assert "PREVIEW (not sent yet)" in pages_text(await preview.read(), tmp_path)[0]

    refused = await submit(api, link, fields, "send")
    assert refused.status == 422
    assert "sign the lien waivers required before Send first" in await refused.text()
    assert (await ok(await api.get(f"/api/invoices/{invoice_id}", headers=headers)))[
        "status"] == "draft"
    assert await statements_of(api, headers, invoice_id) == []  # rolled back with the Send

    nexted = await submit(api, link, fields, "next")
    assert nexted.status == 303 and nexted.headers["Location"].startswith("/w/")
    signing = nexted.headers["Location"]
    page = await (await api.get(signing)).text()
    assert "Sworn statement" in page and "Sign the sworn statement" in page
    assert "Great Lakes Electric" in page and "this period $4,000.00" in page
    assert "this period $250.00; balance -$250.00" in page
    [statement] = await statements_of(api, headers, invoice_id)
    [mailed] = await statement_links(world, statement["signer_email"])
    # The same waiver, signer and version (a token also carries when it was signed).
    assert mailed.split(".")[0] == signing.split(".")[0]
    assert (await api.get(mailed)).status == 200
    signed = await post_signing(api, signing, SIGNATURE)
    assert signed.status == 303
    assert "Back to the invoice" in await (await api.get(signed.headers["Location"])).text()

    html = await (await api.get(form_url(link))).text()
    assert 'value="send">Send</button>' in html
    sent = await submit(api, link, fields, "send")
    assert sent.status == 303 and sent.headers["Location"].endswith("?saved=sent")
    [statement] = await statements_of(api, headers, invoice_id)
    assert (statement["status"], statement["requirement"], statement["amount"]) == (
        "signed", "required_before_send", "4250.00")

    got = await api.get(f"/api/invoices/{invoice_id}/sworn-statement.pdf", headers=headers)
    data = await got.read()
    assert got.status == 200 and got.content_type == "application/pdf"
    assert hashlib.sha256(data).hexdigest() == statement["signed_sha256"]
    assert rows(data, tmp_path, "Great Lakes", "Huron Conduit") == [
        ["25,000.00", "0.00", "4,000.00", "21,000.00"],
        ["0.00", "0.00", "250.00", "-250.00"],
        ["25,000.00", "0.00", "4,250.00", "20,750.00"]]
    pages = pages_text(data, tmp_path)
    assert "/s/ Dana Watts" in "".join(pages)
    assert "Invoice: BW-7" in pages[0] and "Contractor: Brightwire Electric" in pages[0]
    contact = await api.get(f"/c/invoices/{invoice_id}/sworn-statement.pdf")
    assert contact.status == 200 and await contact.read() == data

    await sign_in(api, world)
    review = await (await api.get(f"/admin/invoices/{invoice_id}")).text()
    assert f'href="/admin/invoices/{invoice_id}/sworn-statement.pdf"' in review
    admin = await api.get(f"/admin/invoices/{invoice_id}/sworn-statement.pdf")
    assert admin.status == 200 and await admin.read() == data
    package = await api.get(f"/api/invoices/{invoice_id}/package.pdf", headers=headers)
    outline = [item.title for item in PdfReader(io.BytesIO(await package.read())).outline
               if not isinstance(item, list)]
    assert outline[-1] == f"Waiver: sworn-statement-{statement['code']}.pdf"


async def test_paid_to_date_and_a_statement_that_follows_its_lines(
        world_api: TestClient, world: World, world_headers: dict[str, str],
        tmp_path: Path) -> None:
    api, headers = world_api, world_headers
    ids = await setup_commitment(api, headers)
    await in_michigan(api, headers, ids["project"])
    first = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1",
        "lines": [line(ids["lines"]["1"], "30000")]}), 201)
    missing = await api.get(f"/api/invoices/{first['id']}/sworn-statement.pdf", headers=headers)
    await assert_error(missing, 404, "no_sworn_statement")
    electric, supply = await add_sub_tiers(api, headers, ids["commitment"])
    # Entered on the contact's behalf (sent at once): the lines added under review bring
    # the statement, mailed to the commitment's contact.
    await bill(api, headers, first["id"], {electric: "10000.00", supply: "500.00"})
    [october] = await statements_of(api, headers, first["id"])
    assert (october["status"], october["signer_email"]) == ("pending_signature", GINA)
    [october_link] = await statement_links(world, GINA)
    # Not approved (so not paid) before its sworn statement is signed.
    for status in ("approved", "paid"):
        early = await api.post(f"/api/invoices/{first['id']}/status", headers=headers,
                               json={"status": status})
        await assert_error(early, 409, "sworn_statement_unsigned")
    assert (await ok(await api.get(f"/api/invoices/{first['id']}", headers=headers)))[
        "status"] == "under_review"
    assert (await post_signing(api, october_link, SIGNATURE)).status == 303
    await ok(await api.post(f"/api/invoices/{first['id']}/status", headers=headers,
                            json={"status": "approved"}))
    due = (await ok(await api.get(f"/api/invoices/{first['id']}", headers=headers)))[
        "summary"]["current_payment_due"]
    await ok(await api.post(f"/api/invoices/{first['id']}/payments", headers=headers, json={
        "amount": due, "paid_on": "2030-11-05", "method": "ach"}), 201)
    assert (await ok(await api.get(f"/api/invoices/{first['id']}", headers=headers)))[
        "status"] == "paid"

    november = await ok(await api.post(f"/api/projects/{ids['project']}/billing-periods",
                                       json=NOVEMBER, headers=headers), 201)
    second = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": november["id"], "number": "INV-2",
        "lines": [line(ids["lines"]["1"], "10000")]}), 201)
    await bill(api, headers, second["id"], {electric: "6000.00", supply: "0.00"})
    path = f"/api/invoices/{second['id']}/sworn-statement.pdf"
    data = await (await api.get(path, headers=headers)).read()
    assert rows(data, tmp_path, "Great Lakes", "Huron Conduit") == [
        ["25,000.00", "10,000.00", "6,000.00", "9,000.00"],
        ["0.00", "500.00", "0.00", "-500.00"],
        ["25,000.00", "10,500.00", "6,000.00", "8,500.00"]]
    assert "No estimated contract amount was entered" in pages_text(data, tmp_path)[0]

    [old_link] = (await statement_links(world, GINA))[1:]
    await bill(api, headers, second["id"], {electric: "6500.00", supply: "0.00"})
    statements = {item["id"]: item for item in await statements_of(api, headers, second["id"])}
    assert sorted(item["status"] for item in statements.values()) == [
        "pending_signature", "void"]
    assert (await api.get(old_link)).status == 403  # the voided statement's link stops
    newest = (await statement_links(world, GINA))[-1]
    assert (await post_signing(api, newest, SIGNATURE)).status == 303
    data = await (await api.get(path, headers=headers)).read()
    assert rows(data, tmp_path, "Great Lakes", "Huron Conduit")[0] == [
        "25,000.00", "10,000.00", "6,500.00", "8,500.00"]
    assert "/s/ Dana Watts" in "".join(pages_text(data, tmp_path))


async def test_no_statement_outside_michigan(world_api: TestClient, world: World,
                                             world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    project = await ok(await api.get(f"/api/projects/{world.demo.project_id}", headers=headers))
    assert project["state"] == ""
    invoice_id, link, fields = await draft_with_sub_tiers(api, world, headers)
    html = await (await api.get(form_url(link))).text()
    assert 'value="send">Send</button>' in html and "sworn-statement.pdf" not in html
    sent = await submit(api, link, fields, "send")
    assert sent.status == 303 and sent.headers["Location"].endswith("?saved=sent")
    assert await statements_of(api, headers, invoice_id) == []
    missing = await api.get(f"/api/invoices/{invoice_id}/sworn-statement.pdf", headers=headers)
    await assert_error(missing, 404, "no_sworn_statement")
    # Ohio is not Michigan either.
    await ok(await api.patch(f"/api/projects/{world.demo.project_id}", json={"state": "OH"},
                             headers=headers))
    await assert_error(await api.get(f"/api/invoices/{invoice_id}/sworn-statement.pdf",
                                     headers=headers), 404, "no_sworn_statement")


async def test_a_bad_state_is_refused_and_changes_nothing(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    path = f"/api/projects/{world.demo.project_id}"
    await in_michigan(api, headers, world.demo.project_id)
    for wrong in ("ZZ", "Michigan", "M1", 7):
        error = await assert_error(await api.patch(path, json={"state": wrong,
                                                                "name": "Renamed"},
                                                   headers=headers), 422)
        assert [field["field"] for field in error["fields"]] == ["state"], error
    project = await ok(await api.get(path, headers=headers))
    assert (project["state"], project["name"]) != ("ZZ", "Renamed")
    assert project["state"] == "MI"
    created = await api.post("/api/projects", headers=headers, json={
        "name": "Lansing", "number": "L-1", "time_zone": "America/Detroit", "state": "XX"})
    await assert_error(created, 422)
    cleared = await ok(await api.patch(path, json={"state": ""}, headers=headers))
    assert cleared["state"] == ""


async def test_others_are_refused(world_api: TestClient, world: World,
                                  world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    await in_michigan(api, headers, world.demo.project_id)
    invoice_id, link, fields = await draft_with_sub_tiers(api, world, headers)
    signing = (await submit(api, link, fields, "next")).headers["Location"]
    [statement] = await statements_of(api, headers, invoice_id)
    api_path = f"/api/invoices/{invoice_id}/sworn-statement.pdf"
    # The rival general contractor: 404, as for an invoice that does not exist.
    await assert_error(await api.get(api_path, headers=world.rival_headers), 404)
    await assert_error(await api.patch(f"/api/projects/{world.demo.project_id}",
                                       json={"state": "OH"}, headers=world.rival_headers), 404)
    # A stranger: 401.
    await assert_error(await api.get(api_path), 401)
    # A forged token, and a real one naming another signer or version: nothing opens.
    forged = waiver_token(LinkSigner(["another installation's key " * 2]),
                          WaiverLink(statement["id"], link.contact_id, 1))
    assert (await api.get(f"/w/{forged}")).status == 400
    for other in (WaiverLink(statement["id"], 999_999, 1),
                  WaiverLink(statement["id"], link.contact_id, 9)):
        assert (await api.get(f"/w/{waiver_token(world.container.signer, other)}")).status == 403
    assert (await api.post(f"{signing}/sign", data=SIGNATURE)).status == 403  # no form token
    [still] = await statements_of(api, headers, invoice_id)
    assert still["status"] == "pending_signature" and still["signed_sha256"] is None
    project = await ok(await api.get(f"/api/projects/{world.demo.project_id}", headers=headers))
    assert project["state"] == "MI"

    contact_path = f"/c/invoices/{invoice_id}/sworn-statement.pdf"
    admin_path = f"/admin/invoices/{invoice_id}/sworn-statement.pdf"
    await signed_in(world, api, "SC-004")  # another commitment's contact
    assert (await api.get(contact_path)).status == 404
    page = await api.get("/sign-in")
    response = await api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await page.text()), "next": "/admin",
        "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
    assert response.status == 303
    assert (await api.get(admin_path)).status == 404
    api.session.cookie_jar.clear()
    for path in (contact_path, admin_path):
        stranger = await api.get(path, allow_redirects=False)
        assert stranger.status == 303 and stranger.content_type != "application/pdf"
