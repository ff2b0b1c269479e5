"""Helpers for sub-tier waiver tests: a project asking for them, a commitment with two
sub-tiers, the invoice sent with their lines, and the signing links a sub-tier's signer
received over SMTP."""

from __future__ import annotations

import re
from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.answering import form_token
from tests.support.invoicing import line, ok, post_invoice, setup_commitment
from tests.support.mail import text_and_html
from tests.support.waivering import SIGNING_LINK
from tests.support.world import World

VOLT = "signer@etincelle.example"
COPPER = "waivers@copper.example"
ELECTRIC: dict[str, Any] = {
    "company_name": "Étincelle Électrique", "tier_type": "subcontractor",
    "kind_of_work": "Low voltage", "city": "Montréal", "state": "QC", "zip_code": "H2X 1Y4",
    "country": "Canada", "waiver_email": "Signer@Etincelle.example"}
SUPPLY: dict[str, Any] = {
    "company_name": "Copper Supply Co", "tier_type": "supplier", "city": "Reno",
    "state": "NV", "zip_code": "89501", "country": "USA", "waiver_email": COPPER}
SIGNATURE = {"full_name": "Jean Volt", "title": "Président", "consent": "yes"}


async def set_policy(api: TestClient, headers: dict[str, str], project_id: int, rule: str,
                     threshold: str = "0.00") -> Any:
    return await ok(await api.patch(f"/api/projects/{project_id}", json={
        "sub_tier_waivers": {"rule": rule, "threshold": threshold}}, headers=headers))


async def commitment_with_sub_tiers(api: TestClient, headers: dict[str, str], rule: str,
                                    threshold: str = "0.00") -> dict[str, Any]:
    """The October commitment of a project asking `rule` of its sub-tiers, with Étincelle
    Électrique and Copper Supply Co listed; ids, and the two sub-tiers' ids."""
    ids = await setup_commitment(api, headers)
    await set_policy(api, headers, ids["project"], rule, threshold)
    base = f"/api/commitments/{ids['commitment']}/sub-tiers"
    electric = await ok(await api.post(base, json=ELECTRIC, headers=headers), 201)
    supply = await ok(await api.post(base, json=SUPPLY, headers=headers), 201)
    return {**ids, "electric": electric["id"], "supply": supply["id"]}


def bills(ids: dict[str, Any], electric: str, supply: str,
          electric_billing: str = "progress") -> dict[str, Any]:
    return {"lines": [
        {"sub_tier_id": ids["electric"], "amount_billed": electric, "billing": electric_billing},
        {"sub_tier_id": ids["supply"], "amount_billed": supply, "billing": "progress"}]}


async def send_invoice(api: TestClient, headers: dict[str, str], ids: dict[str, Any],
                       period: str = "october", number: str = "INV-1", work: str = "30000",
                       sub_tiers: dict[str, Any] | None = None,
                       billing_type: str = "progress") -> Any:
    """The invoice entered on the contact's behalf (sent at once) with its sub-tier lines."""
    body: dict[str, Any] = {"billing_period_id": ids[period], "number": number,
                            "billing_type": billing_type,
                            "lines": [line(ids["lines"]["1"], work)]}
    if sub_tiers is not None:
        body["sub_tiers"] = sub_tiers
    return await post_invoice(api, headers, ids["commitment"], body)


async def sub_tier_mails(world: World, to: str) -> list[tuple[str, str, str]]:
    """(subject, text, signing path) of each mail `to` received (delivers the outbox)."""
    await world.container.delivery.deliver_due()
    found = []
    for received in world.sink.handler.received:
        if received.rcpt_tos == [to]:
            text, _ = text_and_html(received.message)
            link = SIGNING_LINK.search(text)
            assert link, text
            found.append((str(received.message["Subject"]), text, link.group(1)))
    return found


async def statuses(api: TestClient, headers: dict[str, str], invoice_id: int) -> dict[str, Any]:
    """The invoice's sub-tier waiver statuses by company name."""
    found = await ok(await api.get(f"/api/invoices/{invoice_id}/sub-tier-waivers",
                                   headers=headers))
    return {item["company_name"]: item for item in found["items"]}


TIER_FIELDS = {"company_name": "Étincelle Électrique", "tier_type": "subcontractor",
               "hired_by_id": "", "city": "Montréal", "state": "QC", "zip_code": "H2X",
               "country": "Canada", "estimated_contract_amount": "", "waiver_email": VOLT}


async def post_on_sub_tier_page(api: TestClient, base: str, path: str,
                                fields: dict[str, str]) -> Any:
    """POST `fields` to `path` with the form token of the contact's sub-tier page `base`."""
    page = await api.get(base)
    return await api.post(path, data={"csrf_token": form_token(await page.text()), **fields},
                          allow_redirects=False)


def tier_rows(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'id="tier-row-(\d+)"', page)]
