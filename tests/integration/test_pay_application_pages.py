"""The G702/G703 PDF from the pages: the contact's invoice form and the administrator's
review page link to it; another commitment's contact, the rival's administrator and a
stranger are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from domain.errors import NotFound
from tests.support import rival
from tests.support.invoicing import form_url, signed_in, submit
from tests.support.pages import csrf_token, sign_in
from tests.support.pdf_reading import pages_text
from tests.support.world import World


async def saved_invoice_id(world_api: TestClient, world: World) -> tuple[int, str]:
    link = await signed_in(world, world_api)
    assert (await submit(world_api, link, {"number": "BW-5"}, "draft")).status == 303
    html = await (await world_api.get(form_url(link))).text()
    found = html.split('href="/c/invoices/', 1)[1].split("/", 1)[0]
    return int(found), html


async def test_the_contact_and_the_administrator_download_the_pdf(
        world_api: TestClient, world: World, tmp_path: Path) -> None:
    invoice_id, html = await saved_invoice_id(world_api, world)
    assert 'id="pay-application-pdf"' in html
    contact = await world_api.get(f"/c/invoices/{invoice_id}/pay-application.pdf")
    assert contact.status == 200 and contact.content_type == "application/pdf"
    pages = pages_text(await contact.read(), tmp_path)
    assert "From contractor: Brightwire Electric" in pages[0]
    assert "Application no.: BW-5" in pages[0]

    await sign_in(world_api, world)
    review = await (await world_api.get(f"/admin/invoices/{invoice_id}")).text()
    assert f'href="/admin/invoices/{invoice_id}/pay-application.pdf"' in review
    admin = await world_api.get(f"/admin/invoices/{invoice_id}/pay-application.pdf")
    assert admin.status == 200 and await admin.read() == await contact.read()


async def test_others_get_no_pdf(world_api: TestClient, world: World) -> None:
    invoice_id, _ = await saved_invoice_id(world_api, world)
    contact_path = f"/c/invoices/{invoice_id}/pay-application.pdf"
    admin_path = f"/admin/invoices/{invoice_id}/pay-application.pdf"
    # The contact of another commitment of the same project.
    await signed_in(world, world_api, "SC-004")
    assert (await world_api.get(contact_path)).status == 404
    # The use case itself refuses a person who is not a contact of the commitment.
    service = world.container.pay_applications
    assert service is not None
    with pytest.raises(NotFound):
        await service.pdf_for_contact(world.admin.person_id, invoice_id)
    # The rival's administrator, signed in: 404 on the page route.
    page = await world_api.get("/sign-in")
    response = await world_api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await page.text()), "next": "/admin",
        "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
    assert response.status == 303
    assert (await world_api.get(admin_path)).status == 404
    # A stranger: sent to sign in, no PDF.
    world_api.session.cookie_jar.clear()
    for path in (contact_path, admin_path):
        stranger = await world_api.get(path, allow_redirects=False)
        assert stranger.status == 303 and stranger.content_type != "application/pdf"
