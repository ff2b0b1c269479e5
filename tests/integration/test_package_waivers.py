"""The pay-application package carries the invoice's lien waivers once they are signed
(and never a waiver still waiting for its signature), on SQLite and PostgreSQL."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support.waivering import (
    invoice_asking_for_waivers,
    pdf_text,
    post_signing,
    signing_links,
    waivers_of,
)
from tests.support.world import World

GINA = "gina@granite.example"


async def package_text(api: TestClient, headers: dict[str, str], invoice_id: int) -> str:
    response = await api.get(f"/api/invoices/{invoice_id}/package.pdf", headers=headers)
    assert response.status == 200 and response.content_type == "application/pdf"
    return pdf_text(await response.read())


async def test_a_signed_waiver_is_in_the_package_an_unsigned_one_is_not(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    _, invoice = await invoice_asking_for_waivers(api, headers)
    [waiver] = await waivers_of(api, headers, invoice["id"])
    before = await package_text(api, headers, invoice["id"])
    assert waiver["code"] not in before and "Gina Granite" not in before

    [path] = await signing_links(world, GINA)
    signed = await post_signing(api, path, {"full_name": "Gina Granite", "title": "Owner",
                                            "consent": "yes"})
    assert signed.status == 303
    after = await package_text(api, headers, invoice["id"])
    assert "/s/ Gina Granite" in after and waiver["code"] in after
    assert "$27,000.00" in after
    # The rival's administrator gets no package of ours.
    hidden = await api.get(f"/api/invoices/{invoice['id']}/package.pdf",
                           headers=world.rival_headers)
    assert hidden.status == 404
