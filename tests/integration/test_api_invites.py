"""The invites API through the real application: batches, progress, statuses, event logs."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.support.api import (
    assert_aware,
    assert_error,
    get_json,
    invites_path,
    rival_headers,
    send,
)
from tests.support.mail import outbox_count
from tests.support.world import World

NOW = "2026-11-10T15:00:00+00:00"  # the world's clock
NO_CONTACT = {"reason": "no_invoice_contact", "message": "The commitment has no invoice contact."}


async def test_sending_to_all_answers_202_and_the_batch_shows_the_delivery(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    response = await send(world_api, world_headers, world, {"all": True})
    assert response.status == 202, await response.text()
    batch = await response.json()
    assert response.headers["Location"] == f"/api/batches/{batch['batch_id']}"
    assert (batch["invited"], batch["resent"], batch["messages"]) == (6, 0, 10)
    assert batch["skipped"] == [{"commitment_id": world.demo.commitment_ids[5], **NO_CONTACT}]

    queued = await get_json(world_api, world_headers, response.headers["Location"])
    assert queued["messages"] == {"queued": 10, "sent": 0, "failed": 0}
    assert queued["done"] is False

    await world.container.delivery.deliver_due()
    assert len(world.sink.handler.received) == 10
    progress = await get_json(world_api, world_headers, response.headers["Location"])
    assert progress["messages"] == {"queued": 0, "sent": 10, "failed": 0}
    assert progress["done"] is True
    assert (progress["id"], progress["billing_period_id"], progress["invited"]) == (
        batch["batch_id"], world.demo.billing_period_id, 6)
    assert progress["skipped"] == batch["skipped"]
    assert_aware(progress["created_at"])


async def test_a_second_batch_resends_to_those_already_invited(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    assert (await send(world_api, world_headers, world, {"all": True})).status == 202
    again = await (await send(world_api, world_headers, world,
                              {"all": True, "resend_answered": True})).json()
    assert (again["invited"], again["resent"], again["messages"]) == (0, 6, 10)


async def test_the_period_lists_every_commitment_with_counts(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await get_json(world_api, world_headers, invites_path(world))
    assert before["counts"] == {"not_invited": 7, "invited": 0, "accepted": 0, "declined": 0,
                                "submitted": 0}
    assert {item["invite_id"] for item in before["items"]} == {None}

    concrete, _, electrical, *_ = world.demo.commitment_ids
    response = await send(world_api, world_headers, world,
                          {"commitment_ids": [concrete, electrical]})
    assert response.status == 202, await response.text()
    view = await get_json(world_api, world_headers, invites_path(world))
    period = await get_json(world_api, world_headers,
                            f"/api/billing-periods/{world.demo.billing_period_id}")
    assert view["billing_period"] == period
    assert view["counts"] == {"not_invited": 5, "invited": 2, "accepted": 0, "declined": 0,
                              "submitted": 0}
    assert [item["commitment_id"] for item in view["items"]] == world.demo.commitment_ids
    item = view["items"][0]
    assert isinstance(item["invite_id"], int)
    assert {key: item[key] for key in ("status", "commitment_number", "commitment_title",
                                       "contract_company", "invoice_submitted", "invited_at",
                                       "answered_at")} == {
        "status": "invited", "commitment_number": "SC-001",
        "commitment_title": "Concrete and Foundations",
        "contract_company": "Granite Ridge Concrete", "invoice_submitted": False,
        "invited_at": NOW, "answered_at": None}
    assert [(c["name"], c["email"], c["deliverable"]) for c in item["contacts"]] == [
        ("Maria Lopez", "maria@graniteridge.example", True),
        ("Dan Whitaker", "dan@graniteridge.example", True)]
    not_invited = view["items"][1]
    assert (not_invited["status"], not_invited["invite_id"], not_invited["invited_at"]) == (
        "not_invited", None, None)


async def test_an_unknown_commitment_is_skipped_as_not_found(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    response = await send(world_api, world_headers, world,
                          {"commitment_ids": [world.demo.commitment_ids[1], 999_999]})
    assert response.status == 202, await response.text()
    batch = await response.json()
    assert (batch["invited"], batch["messages"]) == (1, 1)
    assert batch["skipped"] == [{"commitment_id": 999_999, "reason": "not_found",
                                 "message": "No such commitment in this project."}]


@pytest.mark.parametrize(("body", "mentions"), [
    ({"commitment_ids": []}, "commitment_ids"),
    ({"commitment_ids": [1], "all": True}, "not both"),
    ({}, "\"all\": true"),
    ({"resend_answered": True}, "\"all\": true"),
    ({"all": False}, "all"),
    ({"commitment_ids": ["1"]}, "commitment_ids[0]"),
    ({"commitment_ids": [0]}, "commitment_ids[0]"),
    ({"all": True, "resend_answered": "yes"}, "resend_answered"),
    ({"all": True, "everyone": True}, "everyone: is not a known field"),
])
async def test_a_body_without_exactly_one_selection_is_422(
        world: World, world_api: TestClient, world_headers: dict[str, str],
        body: dict[str, Any], mentions: str) -> None:
    error = await assert_error(await send(world_api, world_headers, world, body), 422,
                               "invalid_input")
    assert mentions in error["message"]
    assert await outbox_count(world) == 0


async def test_a_body_that_is_not_json_is_400(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    response = await world_api.post(invites_path(world), data=b"all", headers=world_headers)
    await assert_error(response, 400, "malformed_json")


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/api/billing-periods/1/invites"), ("GET", "/api/billing-periods/1/invites"),
    ("GET", "/api/batches/1"), ("GET", "/api/invites/1"),
])
async def test_every_route_needs_a_token(world_api: TestClient, method: str, path: str) -> None:
    response = await world_api.request(method, path, json={"all": True})
    await assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_another_company_sees_nothing_and_sends_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    batch = await (await send(world_api, world_headers, world, {"all": True})).json()
    invite_id = (await get_json(world_api, world_headers,
                                invites_path(world)))["items"][0]["invite_id"]
    rival = await rival_headers(world)
    for path in (invites_path(world), f"/api/batches/{batch['batch_id']}",
                 f"/api/invites/{invite_id}"):
        await assert_error(await world_api.get(path, headers=rival), 404, "not_found")
    await assert_error(await send(world_api, rival, world, {"all": True}), 404, "not_found")
    assert await outbox_count(world, kind="email") == batch["messages"]


@pytest.mark.parametrize("path", ["/api/billing-periods/999999/invites", "/api/batches/999999",
                                  "/api/invites/999999", "/api/invites/99999999999"])
async def test_unknown_ids_are_404(world_api: TestClient, world_headers: dict[str, str],
                                   path: str) -> None:
    await assert_error(await world_api.get(path, headers=world_headers), 404, "not_found")


async def test_after_the_due_date_nothing_is_sent_410(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    world.clock.advance(days=16)  # the 25th has ended in Chicago
    await assert_error(await send(world_api, world_headers, world, {"all": True}), 410,
                       "past_due")
    assert await outbox_count(world) == 0
    view = await get_json(world_api, world_headers, invites_path(world))
    assert view["counts"]["not_invited"] == 7


async def test_a_closed_period_is_409(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    closed = await world_api.patch(f"/api/billing-periods/{world.demo.billing_period_id}",
                                   json={"status": "closed"}, headers=world_headers)
    assert closed.status == 200, await closed.text()
    await assert_error(await send(world_api, world_headers, world, {"all": True}), 409)
    assert await outbox_count(world) == 0


async def test_an_invite_carries_its_event_log(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    concrete = world.demo.commitment_ids[0]
    first = await (await send(world_api, world_headers, world,
                              {"commitment_ids": [concrete]})).json()
    second = await (await send(world_api, world_headers, world,
                               {"commitment_ids": [concrete]})).json()
    listed = (await get_json(world_api, world_headers, invites_path(world)))["items"][0]
    invite = await get_json(world_api, world_headers, f"/api/invites/{listed['invite_id']}")

    assert {key: invite[key] for key in listed} == listed
    assert invite["billing_period_id"] == world.demo.billing_period_id
    assert [(e["kind"], e["person_name"], e["channel"], e["at"], e["detail"])
            for e in invite["events"]] == [
        ("invited", "Jordan Avery", "api", NOW, {"batch_id": first["batch_id"],
                                                 "invoice_type": "work_and_materials"}),
        ("resent", "Jordan Avery", "api", NOW, {"batch_id": second["batch_id"],
                                                "invoice_type": "work_and_materials"})]
    assert invite["events"][0]["person_id"] == world.admin.person_id
    assert (invite["events"][0]["ip_address"], invite["events"][0]["user_agent"]) == (None, None)
