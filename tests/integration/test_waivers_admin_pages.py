"""The invoice page's lien waivers and payments for the signed-in administrator: each
waiver's state, approve, revise with a reason, a payment form that keeps what was typed
and says what is wrong beside it; the period list shows invoices waiting on waivers. The
rival's administrator and a stranger get nothing."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support import rival
from tests.support.invoicing import ok
from tests.support.pages import csrf_token, sign_in
from tests.support.waivering import (
    invoice_asking_for_waivers,
    post_signing,
    signing_links,
    waivers_of,
)
from tests.support.world import World

SIGNATURE = {"full_name": "Gina Granite", "title": "Owner", "consent": "yes"}


async def test_the_invoice_page_reviews_waivers_and_records_payments(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids, invoice = await invoice_asking_for_waivers(api, headers)
    await sign_in(api, world)
    listing = await (await api.get(f"/admin/periods/{ids['october']}/invoices")).text()
    assert "Waiting on 1 waiver" in listing
    page = await (await api.get(f"/admin/invoices/{invoice['id']}")).text()
    assert "Waiting for signature" in page and "$27,000.00" in page and "Unpaid" in page

    [path] = await signing_links(world, "gina@granite.example")
    assert (await post_signing(api, path, SIGNATURE)).status == 303
    [waiver] = await waivers_of(api, headers, invoice["id"])
    page = await (await api.get(f"/admin/invoices/{invoice['id']}")).text()
    assert "Signed, to review" in page
    pdf = await api.get(f"/admin/lien-waivers/{waiver['id']}/pdf")
    assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF-")
    approved = await api.post(f"/admin/lien-waivers/{waiver['id']}/approve", allow_redirects=False,
                              data={"csrf_token": csrf_token(page),
                                    "invoice_id": str(invoice["id"])})
    assert approved.status == 303
    listing = await (await api.get(f"/admin/periods/{ids['october']}/invoices")).text()
    assert "Waiting on" not in listing

    # A payment before the invoice is approved: refused beside the form, typed kept.
    page = await (await api.get(f"/admin/invoices/{invoice['id']}")).text()
    refused = await api.post(f"/admin/invoices/{invoice['id']}/payments", data={
        "csrf_token": csrf_token(page), "amount": "100.00", "paid_on": "2026-11-20",
        "method": "check", "reference": "CHK-7"})
    body = await refused.text()
    assert refused.status == 409 and 'id="payment-error"' in body and 'value="CHK-7"' in body
    await ok(await api.post(f"/api/invoices/{invoice['id']}/status",
                            json={"status": "approved"}, headers=headers))
    bad_date = await api.post(f"/admin/invoices/{invoice['id']}/payments", data={
        "csrf_token": csrf_token(page), "amount": "100.00", "paid_on": "20/11/2026",
        "method": "check"})
    assert bad_date.status == 422 and "YYYY-MM-DD" in await bad_date.text()
    paid = await api.post(f"/admin/invoices/{invoice['id']}/payments", allow_redirects=False,
                          data={"csrf_token": csrf_token(page), "amount": "1000.00",
                                "paid_on": "2026-11-20", "method": "ach"})
    assert paid.status == 303
    page = await (await api.get(f"/admin/invoices/{invoice['id']}")).text()
    assert "Partially paid" in page and "Paid $1,000.00 of $27,000.00" in page


async def test_the_rival_administrator_and_a_stranger_get_nothing(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    _, invoice = await invoice_asking_for_waivers(api, headers)
    [waiver] = await waivers_of(api, headers, invoice["id"])
    form = await api.get("/sign-in")
    token = csrf_token(await form.text())
    stranger = await api.post(f"/admin/invoices/{invoice['id']}/payments", allow_redirects=False,
                              data={"csrf_token": token, "amount": "1.00",
                                    "paid_on": "2026-11-20", "method": "ach"})
    assert (stranger.status, stranger.headers.get("Location", "")[:8]) == (303, "/sign-in")
    signed_in = await api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": token, "next": "/admin", "email": rival.ADMIN_EMAIL,
        "password": rival.ADMIN_PASSWORD})
    assert signed_in.status == 303
    own = csrf_token(await (await api.get("/admin")).text())
    assert (await api.get(f"/admin/lien-waivers/{waiver['id']}/pdf")).status == 404
    for path in (f"/admin/lien-waivers/{waiver['id']}/approve",
                 f"/admin/lien-waivers/{waiver['id']}/revise",
                 f"/admin/invoices/{invoice['id']}/payments"):
        response = await api.post(path, data={"csrf_token": own, "reason": "x",
                                               "amount": "1.00", "paid_on": "2026-11-20",
                                               "method": "ach"})
        assert response.status == 404, path
    assert await waivers_of(api, headers, invoice["id"]) == [waiver]
