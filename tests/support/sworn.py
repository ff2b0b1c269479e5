"""Helpers for the sworn statement tests: a project in Michigan, sub-tiers billed on an
invoice through the API, the statement's signing links read from the mail over SMTP, and
the rows of the statement's PDF as poppler prints them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.answering import Invitation
from tests.support.invoicing import commitment_of, form_url, ok, signed_in, submit
from tests.support.pdf_reading import figures, line_with, pages_text
from tests.support.waivering import signing_links
from tests.support.world import World

ELECTRIC: dict[str, Any] = {
    "company_name": "Great Lakes Electric", "tier_type": "subcontractor",
    "kind_of_work": "Wiring", "city": "Detroit", "state": "MI", "zip_code": "48201",
    "country": "USA", "estimated_contract_amount": "25000.00"}
# No estimated contract amount: the statement counts 0.00 and marks it.
SUPPLY: dict[str, Any] = {
    "company_name": "Huron Conduit Supply", "tier_type": "supplier", "city": "Flint",
    "state": "MI", "zip_code": "48502", "country": "USA"}
SIGNATURE = {"full_name": "Dana Watts", "title": "President", "consent": "yes"}


async def in_michigan(api: TestClient, headers: dict[str, str], project_id: int) -> None:
    project = await ok(await api.patch(f"/api/projects/{project_id}", json={"state": "mi"},
                                       headers=headers))
    assert project["state"] == "MI"


async def add_sub_tiers(api: TestClient, headers: dict[str, str],
                        commitment_id: int) -> tuple[int, int]:
    base = f"/api/commitments/{commitment_id}/sub-tiers"
    electric = await ok(await api.post(base, json=ELECTRIC, headers=headers), 201)
    supply = await ok(await api.post(base, json=SUPPLY, headers=headers), 201)
    return electric["id"], supply["id"]


async def bill(api: TestClient, headers: dict[str, str], invoice_id: int,
               amounts: dict[int, str]) -> Any:
    return await ok(await api.put(f"/api/invoices/{invoice_id}/sub-tiers", headers=headers,
                                  json={"lines": [{"sub_tier_id": tier, "amount_billed": amount}
                                                  for tier, amount in amounts.items()]}))


async def statement_links(world: World, to: str) -> list[str]:
    """The signing links of the sworn statements mailed to `to`, oldest first."""
    return await signing_links(world, to, "sworn statement")


async def statements_of(api: TestClient, headers: dict[str, str], invoice_id: int) -> list[Any]:
    items = (await ok(await api.get(f"/api/invoices/{invoice_id}/lien-waivers",
                                    headers=headers)))["items"]
    return [item for item in items if item["kind"] == "sworn_statement"]


def rows(data: bytes, tmp_path: Path, *companies: str) -> list[list[str]]:
    """The figures of each company's row, then of the totals row, from the first page."""
    page = pages_text(data, tmp_path)[0]
    return [figures(line_with(page, *company.split()[:2])) for company in companies] + [
        figures(line_with(page, "Totals"))]


async def draft_with_sub_tiers(world_api: TestClient, world: World, headers: dict[str, str],
                                ) -> tuple[int, Invitation, dict[str, str]]:
    """The demo contact's draft BW-7 of SC-003 with two sub-tiers billed on it."""
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    fields = {"number": "BW-7", f"work_{first.id}": "1000"}
    assert (await submit(world_api, link, fields, "draft")).status == 303
    html = await (await world_api.get(form_url(link))).text()
    invoice_id = int(html.split('href="/c/invoices/', 1)[1].split("/", 1)[0])
    electric, supply = await add_sub_tiers(world_api, headers, link.commitment_id)
    await bill(world_api, headers, invoice_id, {electric: "4000.00", supply: "250.00"})
    return invoice_id, link, fields
