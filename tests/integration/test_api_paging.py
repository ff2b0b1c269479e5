"""Every API list pages by cursor: walks of more than two pages get each row exactly once,
also while rows are added; bad limits and tampered, foreign or borrowed cursors answer
400; another company's cursor reads nothing of ours (both databases)."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.support.api import assert_error, get_json
from tests.support.invoicing import line, ok, post_invoice
from tests.support.paging import big_project, walk
from tests.support.world import World

NEW_COMMITMENT: dict[str, Any] = {
    "number": "LATE-1", "title": "Added while paging", "kind": "subcontract",
    "contract_company": {"name": "Latecomer Electric"},
    "retainage_percent_work": "10", "retainage_percent_stored": "0",
    "sov_lines": [{"item_number": "1", "description": "Work", "scheduled_value": "100.00"}],
    "invoice_contacts": [{"name": "Lea Late", "email": "lea@late.example"}],
}


def ids_of(pages: list[dict[str, Any]], key: str = "id") -> list[int]:
    return [item[key] for page in pages for item in page["items"]]


async def test_a_projects_commitments_walk_gets_every_row_once_while_rows_are_added(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    big = await big_project(world, 120)
    path = f"/api/projects/{big.project_id}/commitments"
    added: list[int] = []

    async def add_one(after_page: int) -> None:
        if after_page == 1:
            created = await ok(await world_api.post(path, json=NEW_COMMITMENT,
                                                    headers=world_headers), 201)
            added.append(created["id"])

    pages = await walk(world_api, world_headers, path, limit=50, between_pages=add_one)
    ids = ids_of(pages)
    assert [len(page["items"]) for page in pages] == [50, 50, 21]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert set(ids) == set(big.commitment_ids) | set(added)
    # Each item is the whole commitment, as GET /api/commitments/{id} answers it.
    one = await get_json(world_api, world_headers, f"/api/commitments/{ids[60]}")
    assert pages[1]["items"][10] == one


async def test_a_periods_invites_walk_keeps_the_whole_periods_counts_on_every_page(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    big = await big_project(world, 130)
    path = f"/api/billing-periods/{big.billing_period_id}/invites"
    sent = await world_api.post(path, json={"commitment_ids": big.commitment_ids[:7]},
                                headers=world_headers)
    assert sent.status == 202, await sent.text()
    pages = await walk(world_api, world_headers, path, limit=60)
    assert [len(page["items"]) for page in pages] == [60, 60, 10]
    assert ids_of(pages, "commitment_id") == big.commitment_ids
    for page in pages:
        assert page["counts"] == {"not_invited": 123, "invited": 7, "accepted": 0,
                                  "declined": 0, "submitted": 0}
        assert page["billing_period"]["id"] == big.billing_period_id
    invited = [item["commitment_id"] for page in pages for item in page["items"]
               if item["status"] == "invited"]
    assert invited == big.commitment_ids[:7]


async def test_a_periods_invoices_page_in_id_order(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    big = await big_project(world, 5)
    made = []
    for commitment_id in big.commitment_ids:
        commitment = await get_json(world_api, world_headers, f"/api/commitments/{commitment_id}")
        invoice = await ok(await post_invoice(world_api, world_headers, commitment_id, {
            "billing_period_id": big.billing_period_id, "number": f"INV-{commitment_id}",
            "billing_type": "progress",
            "lines": [line(commitment["sov_lines"][0]["id"], "1000")]}), 201)
        made.append(invoice["id"])
    pages = await walk(world_api, world_headers,
                       f"/api/invoices?billing_period_id={big.billing_period_id}", limit=2)
    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert ids_of(pages) == sorted(made)
    assert pages[0]["items"][0]["total_completed_and_stored_to_date"] == "1000.00"


LISTS = ["/api/projects", "/api/projects/{project}/commitments",
         "/api/projects/{project}/billing-periods", "/api/billing-periods/{period}/invites",
         "/api/invoices?billing_period_id={period}", "/api/outbox/undelivered",
         "/api/inbound-messages", "/api/webhook-subscriptions", "/api/webhook-sources"]


def list_path(template: str, world: World) -> str:
    return template.format(project=world.demo.project_id,
                           period=world.demo.billing_period_id)


@pytest.mark.parametrize("template", LISTS)
async def test_every_list_takes_a_limit_and_answers_next(
        world_api: TestClient, world: World, world_headers: dict[str, str],
        template: str) -> None:
    path = list_path(template, world)
    separator = "&" if "?" in path else "?"
    body = await get_json(world_api, world_headers, f"{path}{separator}limit=1")
    assert "next" in body and isinstance(body["items"], list)
    assert len(body["items"]) <= 1
    for bad in ("0", "501", "-1", "abc", "1.5", "²", "1e2", " 5"):
        response = await world_api.get(f"{path}{separator}limit={bad}",
                                       headers=world_headers)
        error = await assert_error(response, 400, "invalid_limit")
        assert "500" in error["message"]
    for bad in ("x", "a" * 300, "W10.abc"):
        response = await world_api.get(f"{path}{separator}cursor={bad}",
                                       headers=world_headers)
        await assert_error(response, 400, "invalid_cursor")


async def first_cursor(api: TestClient, headers: dict[str, str], path: str) -> str:
    body = await get_json(api, headers, f"{path}?limit=1")
    assert body["next"] is not None
    return str(body["next"])


async def test_tampered_and_borrowed_cursors_answer_400(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    commitments = f"/api/projects/{world.demo.project_id}/commitments"
    invites = f"/api/billing-periods/{world.demo.billing_period_id}/invites"
    cursor = await first_cursor(world_api, world_headers, commitments)
    # Any changed character breaks the signature.
    for position in (0, len(cursor) // 2, len(cursor) - 1):
        changed = "A" if cursor[position] != "A" else "B"
        tampered = cursor[:position] + changed + cursor[position + 1:]
        response = await world_api.get(f"{commitments}?cursor={tampered}",
                                       headers=world_headers)
        await assert_error(response, 400, "invalid_cursor")
    # A cursor is valid only for the list it came from.
    response = await world_api.get(f"{invites}?cursor={cursor}", headers=world_headers)
    await assert_error(response, 400, "invalid_cursor")
    other_project = await big_project(world, 3)
    response = await world_api.get(
        f"/api/projects/{other_project.project_id}/commitments?cursor={cursor}",
        headers=world_headers)
    await assert_error(response, 400, "invalid_cursor")
    # And it works where it belongs.
    assert (await world_api.get(f"{commitments}?cursor={cursor}",
                                headers=world_headers)).status == 200


async def test_another_companys_cursor_reads_nothing_of_theirs(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    ours = f"/api/projects/{world.demo.project_id}/commitments"
    our_cursor = await first_cursor(world_api, world_headers, ours)
    # The rival with our cursor, on our list and on its own: 400, nothing listed.
    response = await world_api.get(f"{ours}?cursor={our_cursor}",
                                   headers=world.rival_headers)
    body = await assert_error(response, 400, "invalid_cursor")
    assert "SC-00" not in str(body)
    rival_projects = await get_json(world_api, world.rival_headers, "/api/projects")
    rival_list = f"/api/projects/{rival_projects['items'][0]['id']}/commitments"
    response = await world_api.get(f"{rival_list}?cursor={our_cursor}",
                                   headers=world.rival_headers)
    await assert_error(response, 400, "invalid_cursor")
    # Our list read by the rival, with or without a cursor, is not found.
    response = await world_api.get(f"{ours}?limit=2", headers=world.rival_headers)
    await assert_error(response, 404)
    # A stranger is not let in at all.
    response = await world_api.get(f"{ours}?cursor={our_cursor}")
    assert response.status == 401
    response = await world_api.get(f"{ours}?cursor={our_cursor}",
                                   headers={"Authorization": "Bearer not-a-token"})
    assert response.status == 401


async def test_a_cursor_is_bound_to_the_query_it_came_from(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    big = await big_project(world, 3)
    for commitment_id in big.commitment_ids[:2]:
        commitment = await get_json(world_api, world_headers, f"/api/commitments/{commitment_id}")
        await ok(await post_invoice(world_api, world_headers, commitment_id, {
            "billing_period_id": big.billing_period_id, "number": f"INV-{commitment_id}",
            "billing_type": "progress",
            "lines": [line(commitment["sov_lines"][0]["id"], "10")]}), 201)
    path = f"/api/invoices?billing_period_id={big.billing_period_id}"
    body = await get_json(world_api, world_headers, f"{path}&limit=1")
    cursor = body["next"]
    assert cursor is not None
    other = f"/api/invoices?billing_period_id={world.demo.billing_period_id}&cursor={cursor}"
    await assert_error(await world_api.get(other, headers=world_headers), 400,
                       "invalid_cursor")
    rest = await get_json(world_api, world_headers, f"{path}&cursor={cursor}")
    assert [item["id"] for item in rest["items"]] > [body["items"][0]["id"]]
    assert rest["next"] is None
