"""The two-period worked example of tests/integration/test_api_invoices.py, built through
the API, for the tests of what is made from an invoice (its PDF, its package).

October: line 1 bills 30,000; line 2 bills 10,000 and stores 8,000 (approved). November:
CO-1 (+12,000) is added; line 1 bills 50,000, line 2 13,000, CO-1 6,000 (under review).
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp.test_utils import TestClient

from tests.support.invoicing import NOVEMBER, line, ok, post_invoice, setup_commitment


@dataclass(frozen=True)
class WorkedExample:
    project_id: int
    commitment_id: int
    october_invoice: int
    november_invoice: int
    november_period: int


async def worked_example(api: TestClient, headers: dict[str, str]) -> WorkedExample:
    ids = await setup_commitment(api, headers)
    one, two = ids["lines"]["1"], ids["lines"]["2"]
    october = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(one, "30000"), line(two, "10000", stored="8000")]}), 201)
    await ok(await api.post(f"/api/invoices/{october['id']}/status",
                            json={"status": "approved", "note": None}, headers=headers))
    commitment = await ok(await api.post(
        f"/api/commitments/{ids['commitment']}/sov-lines", headers=headers, json={
            "sov_lines": [{"item_number": "CO-1", "description": "Added canopy",
                           "scheduled_value": "12000.00", "change_order": True}]}), 201)
    change = commitment["sov_lines"][-1]["id"]
    period = await ok(await api.post(f"/api/projects/{ids['project']}/billing-periods",
                                     json=NOVEMBER, headers=headers), 201)
    november = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": period["id"], "number": "INV-2", "billing_type": "progress",
        "lines": [line(one, "50000"), line(two, "13000"), line(change, "6000")]}), 201)
    return WorkedExample(ids["project"], ids["commitment"], october["id"], november["id"],
                         period["id"])
