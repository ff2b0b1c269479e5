"""The rival general contractor's tools for the directory attacks: its API calls and its
own webhook source, signed with the `standardwebhooks` library."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support import rival as r
from tests.support.webhooking import event_body, new_id, received, signed_headers
from tests.support.world import World

OURS, HACKED, MALLORY = "Granite Ridge Concrete", "Hacked Concrete", "Mallory Renamed"
MARIA = ("Maria Lopez", r.SHARED_EMAIL)


async def json_of(response: Any, status: int = 200) -> Any:
    assert response.status == status, await response.text()
    return await response.json()


async def commitment_of(api: TestClient, headers: dict[str, str], commitment_id: int) -> Any:
    return await json_of(await api.get(f"/api/commitments/{commitment_id}", headers=headers))


def contacts_of(commitment: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["name"], c["email"]) for c in commitment["invoice_contacts"]]


async def rival_source(world: World, api: TestClient) -> str:
    created = await json_of(await api.post("/api/webhook-sources", headers=world.rival_headers,
                                           json={"name": "rival-erp"}), 201)
    secret: str = created["secret"]
    return secret


async def deliver(world: World, api: TestClient, source: str, secret: str, event_type: str,
                  data: dict[str, Any]) -> t.ReceivedWebhook:
    body, webhook_id = event_body(event_type, data), new_id()
    response = await api.post(f"/webhooks/{source}", data=body, headers=signed_headers(
        body, secret=secret, webhook_id=webhook_id))
    assert response.status == 202, await response.text()
    await world.container.webhooks.work.run_due()
    return await received(world, webhook_id)


def upsert(project: dict[str, Any], company: dict[str, str], contact: str, *,
           number: str = "RC-001", external_id: str = "RIV-1",
           email: str = r.SHARED_EMAIL) -> dict[str, Any]:
    return {"project": project, "external_id": external_id, "number": number,
            "title": "Foundations", "kind": "subcontract", "contract_company": company,
            "retainage_percent_work": "10.00", "retainage_percent_stored": "10.00",
            "sov_lines": [{"item_number": "001", "description": "Footings",
                           "scheduled_value": "50000.00"}],
            "invoice_contacts": [{"name": contact, "email": email}]}
