"""Attachments over HTTP: several files at once, stored by checksum outside the database,
the size limit (413) and the accepted types (415), downloads only for who may see them."""

from __future__ import annotations

import hashlib

from aiohttp import FormData
from aiohttp.test_utils import TestClient

from tests.support.attachments import upload
from tests.support.invoicing import form_url, signed_in, submit
from tests.support.pages import sign_in
from tests.support.world import World

PDF = b"%PDF-1.7\n" + b"lien waiver " * 100


async def test_files_attach_and_download_for_who_may_see_them(world_api: TestClient,
                                                              world: World) -> None:
    link = await signed_in(world, world_api)
    before = await upload(world_api, link.commitment_id, ("waiver.pdf", PDF))
    assert before.status == 409 or "Save the invoice as a draft first" in await before.text()
    assert (await submit(world_api, link, {"number": "BW-5"}, "draft")).status == 303

    sent = await upload(world_api, link.commitment_id, ("waiver.pdf", PDF),
                        ("site-photo.PNG", b"\x89PNG\r\n" + b"x" * 500))
    assert sent.status == 303, await sent.text()
    html = await (await world_api.get(form_url(link))).text()
    assert "waiver.pdf" in html and "site-photo.PNG" in html
    stored = world.container.settings.var_dir / "attachments" / hashlib.sha256(PDF).hexdigest()
    assert stored.read_bytes() == PDF

    first = html.split('href="/c/attachments/', 1)[1].split('"', 1)[0]
    download = await world_api.get(f"/c/attachments/{first}")
    assert download.status == 200 and await download.read() == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == "attachment; filename*=UTF-8''waiver.pdf"

    other = await signed_in(world, world_api, "SC-004")  # now signed in as another contact
    assert (await world_api.get(f"/c/attachments/{first}")).status == 404
    assert other.commitment_id != link.commitment_id
    await sign_in(world_api, world)
    admin = await world_api.get(f"/admin/attachments/{first}")
    assert admin.status == 200 and await admin.read() == PDF


async def test_too_big_is_413_and_other_types_are_415(world_api: TestClient,
                                                      world: World) -> None:
    link = await signed_in(world, world_api)
    assert (await submit(world_api, link, {"number": "BW-6"}, "draft")).status == 303
    limit = world.container.settings.attachment_max_bytes
    big = await upload(world_api, link.commitment_id, ("scan.pdf", b"%" * (limit + 1)))
    assert big.status == 413
    assert "scan.pdf is larger than the limit of 10.0 MB" in await big.text()
    program = await upload(world_api, link.commitment_id, ("setup.exe", b"MZ" * 10))
    assert program.status == 415
    assert "setup.exe cannot be attached: accepted files are CSV, DOCX" in await program.text()
    html = await (await world_api.get(form_url(link))).text()
    assert "No files attached yet." in html


async def test_an_upload_without_the_form_token_is_refused(world_api: TestClient,
                                                           world: World) -> None:
    link = await signed_in(world, world_api)
    assert (await submit(world_api, link, {"number": "BW-7"}, "draft")).status == 303
    form = FormData()
    form.add_field("files", PDF, filename="waiver.pdf")
    refused = await world_api.post(f"/c/commitments/{link.commitment_id}/invoices/attachments",
                                   data=form)
    assert refused.status == 403
