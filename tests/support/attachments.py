"""Attaching files to the contact's invoice over HTTP (a multipart form with the page's
form token)."""

from __future__ import annotations

from aiohttp import FormData
from aiohttp.test_utils import TestClient

from tests.support.answering import form_token


def files_form(token: str, *files: tuple[str, bytes]) -> FormData:
    form = FormData()
    form.add_field("csrf_token", token)
    for name, data in files:
        form.add_field("files", data, filename=name, content_type="application/octet-stream")
    return form


async def upload(api: TestClient, commitment_id: int, *files: tuple[str, bytes]):  # type: ignore[no-untyped-def]
    page = await api.get(f"/c/commitments/{commitment_id}/invoices/new")
    return await api.post(f"/c/commitments/{commitment_id}/invoices/attachments",
                          data=files_form(form_token(await page.text()), *files),
                          allow_redirects=False)
