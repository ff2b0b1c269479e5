"""Inbound webhook sources managed through the API, through the real application: created
sources receive events signed with the `standardwebhooks` library, rotation keeps the
previous secret for a day, revoking makes the receiver answer 404, every route is scoped to
the administrator's company, and a source's events may not touch another company's
projects."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.api import rival_headers
from tests.support.webhooking import PROJECT, event_body, new_id, received, rows, signed_headers
from tests.support.world import WEBHOOK_SECRETS, World

BASE = "/api/webhook-sources"
REPORT = {"message_id": "<nobody@example.com>", "status": "delivered"}


async def _create(client: TestClient, headers: dict[str, str], name: str) -> dict[str, Any]:
    response = await client.post(BASE, headers=headers, json={"name": name})
    assert response.status == 201, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def _send(client: TestClient, name: str, secret: str) -> int:
    body = event_body("email.delivery", REPORT)
    response = await client.post(f"/webhooks/{name}", data=body,
                                 headers=signed_headers(body, secret=secret))
    return response.status


async def test_a_created_source_receives_signed_events(world: World, world_api: TestClient,
                                                        world_headers: dict[str, str]) -> None:
    created = await _create(world_api, world_headers, "billing-erp")
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert set(created) == {"id", "name", "secret", "created_at"}
    assert await _send(world_api, "billing-erp", created["secret"]) == 202
    assert await _send(world_api, "billing-erp", WEBHOOK_SECRETS["erp"]) == 401

    listed = await (await world_api.get(BASE, headers=world_headers)).json()
    assert listed == {"items": [{"id": created["id"], "name": "billing-erp",
                                 "created_at": created["created_at"]}], "next": None}


async def test_names_are_unique_and_well_formed(world: World, world_api: TestClient,
                                                world_headers: dict[str, str]) -> None:
    await _create(world_api, world_headers, "ledger")
    for name in ("ledger", "erp"):  # in the database; in the settings
        response = await world_api.post(BASE, headers=world_headers, json={"name": name})
        assert response.status == 409, name
    for name in ("Upper", "", "a/b", "x" * 51):
        response = await world_api.post(BASE, headers=world_headers, json={"name": name})
        assert response.status == 422, name


async def test_rotation_keeps_the_previous_secret_for_a_day(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    created = await _create(world_api, world_headers, "ledger")
    response = await world_api.post(f"{BASE}/{created['id']}/rotate", headers=world_headers)
    assert response.status == 200
    rotated = await response.json()
    assert rotated["secret"] != created["secret"] and rotated["id"] == created["id"]
    assert await _send(world_api, "ledger", rotated["secret"]) == 202
    assert await _send(world_api, "ledger", created["secret"]) == 202

    world.clock.advance(hours=24, seconds=1)
    assert await _send(world_api, "ledger", created["secret"]) == 401
    assert await _send(world_api, "ledger", rotated["secret"]) == 202


async def test_a_revoked_source_is_unknown(world: World, world_api: TestClient,
                                           world_headers: dict[str, str]) -> None:
    created = await _create(world_api, world_headers, "ledger")
    response = await world_api.delete(f"{BASE}/{created['id']}", headers=world_headers)
    assert response.status == 204
    assert await _send(world_api, "ledger", created["secret"]) == 404
    assert (await (await world_api.get(BASE, headers=world_headers)).json()) == {"items": [],
                                                                                 "next": None}
    again = await world_api.delete(f"{BASE}/{created['id']}", headers=world_headers)
    assert again.status == 404
    # A revoked source keeps its name: events were recorded by it.
    taken = await world_api.post(BASE, headers=world_headers, json={"name": "ledger"})
    assert taken.status == 409


async def test_another_companys_source_is_not_found(world: World, world_api: TestClient,
                                                    world_headers: dict[str, str]) -> None:
    created = await _create(world_api, world_headers, "ledger")
    rival = await rival_headers(world)
    for method, path in (("POST", f"{BASE}/{created['id']}/rotate"),
                         ("DELETE", f"{BASE}/{created['id']}")):
        response = await world_api.request(method, path, headers=rival)
        assert response.status == 404, (method, path)
    assert (await (await world_api.get(BASE, headers=rival)).json()) == {"items": [], "next": None}
    assert await _send(world_api, "ledger", created["secret"]) == 202


async def test_a_token_is_required(world: World, world_api: TestClient) -> None:
    for method, path in (("GET", BASE), ("POST", BASE), ("POST", f"{BASE}/1/rotate"),
                         ("DELETE", f"{BASE}/1")):
        response = await world_api.request(method, path, json={"name": "ledger"})
        assert response.status == 401, (method, path)


async def _deliver(world: World, client: TestClient, name: str, secret: str,
                   event_type: str, data: dict[str, Any]) -> t.ReceivedWebhook:
    body = event_body(event_type, data)
    webhook_id = new_id()
    response = await client.post(f"/webhooks/{name}", data=body, headers=signed_headers(
        body, secret=secret, webhook_id=webhook_id))
    assert response.status == 202, await response.text()
    await world.container.webhooks.work.run_due()
    return await received(world, webhook_id)


async def test_a_source_acts_only_on_its_companys_projects(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    period = {"project": PROJECT, "start_date": "2026-12-01", "end_date": "2026-12-31",
              "due_date": "2026-12-26"}
    rival = await _create(world_api, await rival_headers(world), "rival-erp")
    refused = await _deliver(world, world_api, "rival-erp", rival["secret"],
                             "billing_period.opened", period)
    # As for a project that does not exist: the answer does not reveal that we have one.
    assert (refused.status, refused.reason) == ("failed", "no project numbered 'RMOB-2026'")
    assert await rows(world, t.BillingPeriod,
                      t.BillingPeriod.start_date == date(2026, 12, 1)) == []
    by_id = await _deliver(world, world_api, "rival-erp", rival["secret"],
                           "billing_period.opened", {**period, "project": {
                               "id": world.demo.project_id}})
    assert (by_id.status, by_id.reason) == (
        "failed", f"project {world.demo.project_id} not found")

    ours = await _create(world_api, world_headers, "ledger")
    done = await _deliver(world, world_api, "ledger", ours["secret"],
                          "billing_period.opened", period)
    assert done.status == "processed", done.reason
