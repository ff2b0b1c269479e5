"""`invoice.paid` from an ERP's webhook source: recorded for the source's own company's
invoice, once per external id; another company's source, an overpayment and an invoice
that is not approved are refused and change nothing."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.api import rival_headers
from tests.support.invoicing import line, ok, post_invoice, setup_commitment
from tests.support.webhooking import event_body, new_id, received, signed_headers
from tests.support.world import World


async def _source(client: TestClient, headers: dict[str, str], name: str) -> str:
    made = await ok(await client.post("/api/webhook-sources", headers=headers,
                                      json={"name": name}), 201)
    return str(made["secret"])


async def _paid(world: World, client: TestClient, name: str, secret: str,
                data: dict[str, Any]) -> t.ReceivedWebhook:
    body, webhook_id = event_body("invoice.paid", data), new_id()
    response = await client.post(f"/webhooks/{name}", data=body, headers=signed_headers(
        body, secret=secret, webhook_id=webhook_id))
    assert response.status == 202, await response.text()
    await world.container.webhooks.work.run_due()
    return await received(world, webhook_id)


async def test_an_erp_records_payments_of_its_own_company_only(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    api, headers = world_api, world_headers
    ids = await setup_commitment(api, headers)
    invoice = await ok(await post_invoice(api, headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(ids["lines"]["1"], "1000")]}), 201)  # 900.00 due
    ours = await _source(api, headers, "erp-ours")
    payment = {"invoice_id": invoice["id"], "amount": "500.00", "paid_on": "2026-11-20",
               "method": "ach", "external_id": "PAY-1"}
    early = await _paid(world, api, "erp-ours", ours, payment)
    assert early.status == "failed" and "approved invoice" in (early.reason or "")
    await ok(await api.post(f"/api/invoices/{invoice['id']}/status",
                            json={"status": "approved"}, headers=headers))

    rival = await _source(api, await rival_headers(world), "erp-rival")
    foreign = await _paid(world, api, "erp-rival", rival, payment)
    assert foreign.status == "failed" and f"invoice {invoice['id']} not found" in (
        foreign.reason or "")

    done = await _paid(world, api, "erp-ours", ours, payment)
    assert done.status == "processed", done.reason
    repeat = await _paid(world, api, "erp-ours", ours, payment)  # same external id
    assert repeat.status == "processed"
    too_much = await _paid(world, api, "erp-ours", ours,
                           {**payment, "amount": "400.01", "external_id": "PAY-2"})
    assert too_much.status == "failed" and "more than the 400.00 still due" in (
        too_much.reason or "")
    rest = await _paid(world, api, "erp-ours", ours,
                       {**payment, "amount": "400.00", "external_id": "PAY-3"})
    assert rest.status == "processed"
    paid = await ok(await api.get(f"/api/invoices/{invoice['id']}/payments", headers=headers))
    assert (paid["status"], paid["paid"]) == ("paid", "900.00")
    assert [(p["amount"], p["source"]) for p in paid["payments"]] == [
        ("500.00", "webhook"), ("400.00", "webhook")]
