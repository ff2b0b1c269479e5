"""Editing commitments through the API, on both databases: fields and the contract company
from the directory, invoice contacts (removal revokes the open invite's links), the SOV
editor until the first invoice (then only change orders), closing (no more invites); and
each route tried by the rival company and a stranger."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support import rival
from tests.support.api import assert_error
from tests.support.directory import (
    LUIS,
    commitment_by_number,
    directory_snapshot,
    invite_everyone_and_deliver,
    invite_of,
    person_by_email,
)
from tests.support.invoicing import COMMITMENT, line, ok, post_invoice, setup_commitment
from tests.support.world import World

SOV = [{"item_number": "2", "description": "Framing, revised", "scheduled_value": "55000.00"},
       {"item_number": "1", "description": "Foundations", "scheduled_value": "100000.00"},
       {"item_number": "3", "description": "Roofing", "scheduled_value": "20000"}]


async def test_a_commitment_is_changed_field_by_field(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    sc004 = await commitment_by_number(world, "SC-004")
    path = f"/api/commitments/{sc004.id}"
    changed = await ok(await world_api.patch(path, json={
        "title": "Plumbing and medical gas", "kind": "purchase_order",
        "retainage_percent_work": "7.5", "retainage_percent_stored": "0",
        "stored_materials_billed_separately": False,
        "contract_company": {"name": "Aqua Pipe Co"}}, headers=world_headers))
    assert (changed["title"], changed["kind"], changed["retainage_percent_work"],
            changed["retainage_percent_stored"], changed["stored_materials_billed_separately"],
            changed["contract_company"]["name"], changed["number"]) == (
        "Plumbing and medical gas", "purchase_order", "7.50", "0.00", False, "Aqua Pipe Co",
        "SC-004")
    companies = await ok(await world_api.get("/api/companies?search=aqua",
                                             headers=world_headers))
    assert [c["id"] for c in companies["items"]] == [changed["contract_company_id"]]
    for body, status in (({"retainage_percent_work": "101"}, 422),
                         ({"retainage_percent_work": 5.5}, 422),
                         ({"number": "SC-001"}, 409),
                         ({"title": ""}, 422),
                         ({"title": "a\u0000b"}, 400),
                         ({"contract_company_id": 2**31 - 2}, 404),
                         ({"colour": "red"}, 422)):
        await assert_error(await world_api.patch(path, json=body, headers=world_headers),
                           status)
    after = await ok(await world_api.get(path, headers=world_headers))
    assert after == changed


async def test_contacts_are_added_and_removal_revokes_the_open_invites_links(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    await invite_everyone_and_deliver(world)
    sc004 = await commitment_by_number(world, "SC-004")
    path = f"/api/commitments/{sc004.id}/contacts"
    added = await ok(await world_api.post(path, json={
        "name": "Rosa Romero", "email": "ROSA@clearflow.example"}, headers=world_headers))
    assert [c["email"] for c in added["invoice_contacts"]] == [LUIS, "rosa@clearflow.example"]
    # An address the directory has already is that person, whatever name is typed.
    maria = await person_by_email(world, rival.SHARED_EMAIL)
    again = await ok(await world_api.post(path, json={
        "name": "Someone Else", "email": rival.SHARED_EMAIL}, headers=world_headers))
    assert again["invoice_contacts"][-1] == {"id": maria.id, "name": "Maria Lopez",
                                             "email": rival.SHARED_EMAIL, "deliverable": True}
    await assert_error(await world_api.post(path, json={"email": "x@y.example",
                                                        "person_id": maria.id},
                                            headers=world_headers), 422)
    version = (await invite_of(world, sc004.id)).token_version
    luis = await person_by_email(world, LUIS)
    removed = await ok(await world_api.delete(f"{path}/{luis.id}", headers=world_headers))
    assert LUIS not in [c["email"] for c in removed["invoice_contacts"]]
    invite = await invite_of(world, sc004.id)
    assert invite.token_version == version + 1
    async with world.container.ctx.sessions() as session:
        kinds = (await session.execute(select(t.InviteEvent.kind, t.InviteEvent.detail).where(
            t.InviteEvent.invite_id == invite.id).order_by(t.InviteEvent.id))).all()
    assert kinds[-1] == ("links_revoked", {"token_version": version + 1,
                                           "reason": "contact_removed"})
    await assert_error(await world_api.delete(f"{path}/{luis.id}", headers=world_headers), 404)


async def test_the_sov_is_edited_until_the_first_invoice_then_only_change_orders(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    path = f"/api/commitments/{ids['commitment']}/sov-lines"
    edited = await ok(await api.put(path, json={"sov_lines": SOV}, headers=admin_headers))
    assert [(x["item_number"], x["description"], x["scheduled_value"])
            for x in edited["sov_lines"]] == [("2", "Framing, revised", "55000.00"),
                                               ("1", "Foundations", "100000.00"),
                                               ("3", "Roofing", "20000.00")]
    assert edited["contract_sum"] == "175000.00"
    await assert_error(await api.put(path, json={"sov_lines": [SOV[0], SOV[0]]},
                                     headers=admin_headers), 422)
    await assert_error(await api.put(path, json={"sov_lines": [
        {"item_number": "9", "description": "Negative", "scheduled_value": "-5"}]},
        headers=admin_headers), 422)
    lines = {x["item_number"]: x["id"] for x in edited["sov_lines"]}
    await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(lines["1"], work="1000")]}), 201)
    refused = await assert_error(await api.put(path, json={"sov_lines": SOV[:1]},
                                               headers=admin_headers), 409, "sov_locked")
    assert "only change-order lines may be added" in refused["message"]
    unchanged = await ok(await api.get(f"/api/commitments/{ids['commitment']}",
                                       headers=admin_headers))
    assert len(unchanged["sov_lines"]) == 3
    await ok(await api.post(path, json={"sov_lines": [
        {"item_number": "CO-1", "description": "Extra", "scheduled_value": "500",
         "change_order": True}]}, headers=admin_headers), 201)


async def test_closing_stops_the_reminders_of_the_invite_sent_already(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    await invite_everyone_and_deliver(world)
    sc004, sc005 = (await commitment_by_number(world, "SC-004"),
                    await commitment_by_number(world, "SC-005"))
    assert (await invite_of(world, sc004.id)).next_reminder_at is not None
    await ok(await world_api.post(f"/api/commitments/{sc004.id}/close", headers=world_headers))
    assert (await invite_of(world, sc004.id)).next_reminder_at is None
    # A new reminder policy reschedules the project's invites, but not the closed one's.
    await ok(await world_api.patch(f"/api/projects/{world.demo.project_id}", json={
        "reminders": {"days_before": [2]}}, headers=world_headers))
    assert (await invite_of(world, sc004.id)).next_reminder_at is None
    assert (await invite_of(world, sc005.id)).next_reminder_at is not None


async def test_a_closed_commitment_gets_no_invites(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    sc004 = await commitment_by_number(world, "SC-004")
    closed = await ok(await world_api.post(f"/api/commitments/{sc004.id}/close",
                                           headers=world_headers))
    assert closed["closed"] is True
    sent = await ok(await world_api.post(
        f"/api/billing-periods/{world.demo.billing_period_id}/invites",
        json={"commitment_ids": [sc004.id]}, headers=world_headers), 202)
    assert sent["invited"] == 0
    assert [s["reason"] for s in sent["skipped"]] == ["commitment_closed"]
    await assert_error(await world_api.patch(f"/api/commitments/{sc004.id}", json={
        "title": "Reopened?"}, headers=world_headers), 409, "commitment_closed")


async def test_another_company_and_a_stranger_change_no_commitment(
        world: World, world_api: TestClient) -> None:
    sc004 = await commitment_by_number(world, "SC-004")
    luis = await person_by_email(world, LUIS)
    theirs = world.rival.commitment_id
    calls: list[tuple[str, str, Any]] = [
        ("PATCH", f"/api/commitments/{sc004.id}", {"title": "Mine now"}),
        ("POST", f"/api/commitments/{sc004.id}/contacts", {"name": "Mole",
                                                            "email": "mole@evil.example"}),
        ("DELETE", f"/api/commitments/{sc004.id}/contacts/{luis.id}", None),
        ("PUT", f"/api/commitments/{sc004.id}/sov-lines", {"sov_lines": SOV}),
        ("POST", f"/api/commitments/{sc004.id}/close", None),
    ]
    before = await directory_snapshot(world)
    for headers, status in ((world.rival_headers, 404), ({}, 401)):
        for method, path, body in calls:
            await assert_error(await world_api.request(method, path, json=body,
                                                       headers=headers), status)
    # The rival adding our contact to its own commitment by id: not found either.
    await assert_error(await world_api.post(f"/api/commitments/{theirs}/contacts", json={
        "person_id": luis.id}, headers=world.rival_headers), 404)
    # ...nor may it give its commitment our contract company.
    await assert_error(await world_api.patch(f"/api/commitments/{theirs}", json={
        "contract_company_id": sc004.contract_company_id}, headers=world.rival_headers), 404)
    assert await directory_snapshot(world) == before


def test_the_commitment_body_of_the_invoice_helpers_is_unchanged() -> None:
    # The SOV editor's fixtures start from the invoice helpers' two lines.
    assert [x["item_number"] for x in COMMITMENT["sov_lines"]] == ["1", "2"]
