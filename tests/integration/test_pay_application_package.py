"""The pay-application package over HTTP: one PDF (cover, G702/G703, attachments: PDF pages
appended, an image on a page, a broken PDF listed as skipped) with bookmarks, the ZIP of
the same files, and the period's ZIP of every approved invoice, streamed; other companies
and strangers refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from aiohttp import FormData
from aiohttp.test_utils import TestClient
from pypdf import PdfReader

from tests.support import rival
from tests.support.answering import form_token
from tests.support.invoicing import form_url, signed_in, submit
from tests.support.pages import csrf_token, sign_in
from tests.support.pay_applications import small_pdf, small_png
from tests.support.pdf_reading import pages_text
from tests.support.world import World

BROKEN = b"%PDF-1.7\nnot really a PDF\n"


async def sent_invoice_with_files(api: TestClient, world: World) -> int:
    link = await signed_in(world, api)
    world_api = api
    assert (await submit(world_api, link, {"number": "BW-7"}, "draft")).status == 303
    page = await world_api.get(form_url(link))
    form = FormData()
    form.add_field("csrf_token", form_token(await page.text()))
    for name, data in (("backup.pdf", small_pdf("Backup one", "Backup two")),
                       ("stored-materials.png", small_png()), ("broken.pdf", BROKEN)):
        form.add_field("files", data, filename=name, content_type="application/octet-stream")
    uploaded = await world_api.post(
        f"/c/commitments/{link.commitment_id}/invoices/attachments", data=form,
        allow_redirects=False)
    assert uploaded.status == 303, await uploaded.text()
    assert (await submit(world_api, link, {"number": "BW-7"}, "send")).status == 303
    html = await (await world_api.get(form_url(link))).text()
    return int(html.split('href="/c/invoices/', 1)[1].split("/", 1)[0])


def outline_titles(reader: PdfReader) -> list[object]:
    def titles(items: list[object]) -> list[object]:
        return [titles(item) if isinstance(item, list) else item.title  # type: ignore[attr-defined]
                for item in items]
    return titles(reader.outline)


async def test_the_package_pdf_zip_and_period_zip(world_api: TestClient, world: World,
                                                  tmp_path: Path) -> None:
    invoice_id = await sent_invoice_with_files(world_api, world)
    await sign_in(world_api, world)
    review = await (await world_api.get(f"/admin/invoices/{invoice_id}")).text()
    assert f'href="/admin/invoices/{invoice_id}/package.pdf"' in review

    response = await world_api.get(f"/admin/invoices/{invoice_id}/package.pdf")
    assert response.status == 200 and response.content_type == "application/pdf"
    data = await response.read()
    reader = PdfReader(io.BytesIO(data))
    # Cover, G702 + one G703 page, two backup pages, one page for the photo.
    assert len(reader.pages) == 1 + 2 + 2 + 1
    assert outline_titles(reader) == [
        "Cover sheet",
        "Application and certificate for payment (G702) and continuation sheet (G703)",
        ["G702 summary", "G703 continuation sheet"],
        "Attachment: backup.pdf", "Attachment: stored-materials.png"]
    pages = pages_text(data, tmp_path)
    assert "Skipped attachments" in pages[0] and "broken.pdf: not a readable PDF" in pages[0]
    assert "APPLICATION AND CERTIFICATE FOR PAYMENT" in pages[1]
    assert "Backup one" in pages[3] and "Backup two" in pages[4]
    assert "stored-materials.png" in pages[5]

    packed = await world_api.get(f"/admin/invoices/{invoice_id}/package.zip")
    assert packed.status == 200 and packed.content_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(await packed.read())) as archive:
        assert sorted(archive.namelist()) == [
            "attachments/backup.pdf", "attachments/broken.pdf",
            "attachments/stored-materials.png", "package.pdf", "pay-application.pdf"]
        assert archive.read("attachments/broken.pdf") == BROKEN

    # Not approved yet: the period's ZIP has no folder for it.
    period = world.demo.billing_period_id
    empty = await world_api.get(f"/admin/periods/{period}/pay-applications.zip")
    assert empty.status == 200
    with zipfile.ZipFile(io.BytesIO(await empty.read())) as archive:
        assert archive.namelist() == []
    form = await (await world_api.get(f"/admin/invoices/{invoice_id}")).text()
    approved = await world_api.post(f"/admin/invoices/{invoice_id}/status", data={
        "csrf_token": csrf_token(form), "status": "approved", "note": ""},
        allow_redirects=False)
    assert approved.status == 303
    streamed = await world_api.get(f"/admin/periods/{period}/pay-applications.zip")
    assert streamed.status == 200 and "Content-Length" not in streamed.headers
    with zipfile.ZipFile(io.BytesIO(await streamed.read())) as archive:
        names = archive.namelist()
        assert len([name for name in names if name.endswith("/package.pdf")]) == 1
        assert all(name.startswith(f"{invoice_id}-SC-003-BW-7/") for name in names)
        assert archive.testzip() is None


async def test_other_companies_and_strangers_get_no_package(world_api: TestClient,
                                                            world: World) -> None:
    invoice_id = await sent_invoice_with_files(world_api, world)
    paths = [f"/admin/invoices/{invoice_id}/package.pdf",
             f"/admin/invoices/{invoice_id}/package.zip",
             f"/admin/periods/{world.demo.billing_period_id}/pay-applications.zip"]
    world_api.session.cookie_jar.clear()
    for path in paths:
        stranger = await world_api.get(path, allow_redirects=False)
        assert stranger.status == 303 and stranger.headers["Location"].startswith("/sign-in")
    page = await world_api.get("/sign-in")
    signed = await world_api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await page.text()), "next": "/admin",
        "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
    assert signed.status == 303
    for path in paths:
        assert (await world_api.get(path)).status == 404, path
