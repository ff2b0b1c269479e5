"""Helpers for lien waiver tests: the waiver policy, the signing link read from the mail
the signer received over SMTP, the signing form, and a PDF's text."""

from __future__ import annotations

import io
import re
from typing import Any

from aiohttp.test_utils import TestClient
from pypdf import PdfReader

from tests.support.answering import form_token
from tests.support.invoicing import ok
from tests.support.mail import text_and_html
from tests.support.world import World

SIGNING_LINK = re.compile(r"https?://[^\s/]+(/w/[A-Za-z0-9_.\-]{20,500})")


async def require_waivers(api: TestClient, headers: dict[str, str], project_id: int) -> None:
    """Every kind requested with the invoices of its billing type."""
    for billing_type, kinds in (("progress", ("conditional_progress", "unconditional_progress")),
                                ("final", ("conditional_final", "unconditional_final",
                                           "unconditional_progress"))):
        for kind in kinds:
            await ok(await api.post(f"/api/projects/{project_id}/waiver-policy", json={
                "billing_type": billing_type, "kind": kind, "requirement": "requested"},
                headers=headers))


async def signing_links(world: World, to: str) -> list[str]:
    """The paths of the signing links mailed to `to` so far, oldest first (delivers the
    outbox first)."""
    await world.container.delivery.deliver_due()
    paths = []
    for received in world.sink.handler.received:
        if received.rcpt_tos == [to] and "lien waiver" in str(received.message["Subject"]):
            text, _ = text_and_html(received.message)
            found = SIGNING_LINK.search(text)
            assert found, text
            paths.append(found.group(1))
    return paths


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


async def post_signing(api: TestClient, path: str, fields: dict[str, str],
                       action: str = "sign") -> Any:
    page = await api.get(path)
    assert page.status == 200, await page.text()
    return await api.post(f"{path}/{action}", allow_redirects=False,
                          data={"csrf_token": form_token(await page.text()), **fields})


async def waivers_of(api: TestClient, headers: dict[str, str], invoice_id: int) -> list[Any]:
    return (await ok(await api.get(f"/api/invoices/{invoice_id}/lien-waivers",
                                   headers=headers)))["items"]
