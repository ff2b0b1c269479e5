"""Numbers in headers, paths and query strings are 1 to 12 ASCII digits. `int()` reads
other scripts' digits and `str.isdigit()` passes "²", which answered 500; now every such
number that is not plain ASCII digits is a 400 saying so, and nothing is written."""

from __future__ import annotations

import time

import pytest
from aiohttp.test_utils import TestClient

from app.bootstrap import Container
from tests.support.answering import form_token
from tests.support.api import create_project
from tests.support.hostile_input import refusal, table_counts
from tests.support.pages import dashboard_url, post_send, send_form, sign_in
from tests.support.webhooking import event_body, signed_headers
from tests.support.world import World

MALFORMED = ["²", "\u0661\u0662", "+1", "-1", " 1", "1_0", "1.0", "0x1", "1234567890123", "\u0661"]


ARABIC_INDIC_STAMP = "1795000000".translate({ord(d): 0x660 + int(d) for d in "0123456789"})


@pytest.mark.parametrize("stamp", ["²", ARABIC_INDIC_STAMP, "+1795000000", "1795000000.5",
                                   "17950000000000", "1_795_000_000"])
async def test_a_malformed_webhook_timestamp_is_400(world: World, world_api: TestClient,
                                                    stamp: str) -> None:
    body = event_body("email.delivery", {"message_id": "<a@b>", "status": "delivered"})
    headers = {**signed_headers(body), "webhook-timestamp": stamp}
    before = await table_counts(world.container)
    response = await world_api.post("/webhooks/erp", data=body, headers=headers)
    message = await refusal(response, 400, "invalid_header")
    assert message.startswith("webhook-timestamp must be whole seconds since the epoch")
    assert "1 to 12 ASCII digits" in message
    assert await table_counts(world.container) == before


async def test_a_well_formed_timestamp_is_still_checked_against_the_clock(
        world: World, world_api: TestClient) -> None:
    body = event_body("email.delivery", {"message_id": "<a@b>", "status": "delivered"})
    headers = {**signed_headers(body), "webhook-timestamp": str(int(time.time()) - 3600)}
    response = await world_api.post("/webhooks/erp", data=body, headers=headers)
    assert "5 minutes" in await refusal(response, 401, "invalid_signature")


@pytest.mark.parametrize("raw", MALFORMED)
async def test_a_malformed_id_in_the_path_is_400_never_another_object(
        api: TestClient, admin_headers: dict[str, str], container: Container,
        raw: str) -> None:
    project = await create_project(api, admin_headers)
    assert project["id"] == 1  # so "\u0661" (Arabic-Indic one) would have aliased it
    before = await table_counts(container)
    for method, path in (("GET", f"/api/projects/{raw}"),
                         ("PATCH", f"/api/projects/{raw}"),
                         ("GET", f"/api/invoices/{raw}/export.csv")):
        response = await api.request(method, path, headers=admin_headers, json={})
        message = await refusal(response, 400, "invalid_number")
        assert "id in the path must be 1 to 12 ASCII digits (0-9)" in message
    assert await table_counts(container) == before


async def test_ids_beyond_what_a_table_holds_are_still_404(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    for path in ("/api/projects/0", "/api/projects/99999999999", "/api/projects/999999999999"):
        await refusal(await api.get(path, headers=admin_headers), 404, "not_found")


@pytest.mark.parametrize("raw", MALFORMED)
async def test_a_malformed_id_in_the_query_is_400(api: TestClient,
                                                  admin_headers: dict[str, str],
                                                  raw: str) -> None:
    response = await api.get("/api/invoices", params={"billing_period_id": raw},
                             headers=admin_headers)
    message = await refusal(response, 400, "invalid_number")
    assert message == "the query parameter billing_period_id must be 1 to 12 ASCII digits (0-9)"


@pytest.mark.parametrize("query", ["batch=²", "batch=%2B1", "batch=1234567890123"])
async def test_a_page_with_a_malformed_number_answers_a_400_page(
        world: World, world_api: TestClient, query: str) -> None:
    await sign_in(world_api, world)
    response = await world_api.get(f"{dashboard_url(world)}?{query}")
    assert response.status == 400
    html = await response.text()
    assert "the query parameter batch must be 1 to 12 ASCII digits" in html
    malformed_path = await world_api.get("/admin/projects/%C2%B2")  # "²"
    assert malformed_path.status == 400
    assert "project id in the path must be" in await malformed_path.text()


async def test_the_settings_form_reads_only_ascii_digits(world: World,
                                                         world_api: TestClient) -> None:
    await sign_in(world_api, world)
    page = await (await world_api.get(dashboard_url(world))).text()
    before = await table_counts(world.container)
    for fields in ({"days_before": "\u0663", "hour": "9", "max_after_due": "3"},
                   {"days_before": "3", "hour": "²", "max_after_due": "3"},
                   {"days_before": "3", "hour": "9", "max_after_due": "+3"}):
        response = await world_api.post(
            f"/admin/projects/{world.demo.project_id}/settings", allow_redirects=False,
            data={"csrf_token": form_token(page), "invitation_message": "", **fields})
        assert response.status == 422, fields
        assert "whole numbers" in await response.text()
    assert await table_counts(world.container) == before


@pytest.mark.parametrize("raw", ["²", "\u0661", "+1", "1234567890123"])
async def test_a_ticked_commitment_that_is_not_ascii_digits_sends_nothing(
        world: World, world_api: TestClient, raw: str) -> None:
    await sign_in(world_api, world)
    data = await send_form(world_api, world, [])
    data["commitment"] = [raw]
    before = await table_counts(world.container)
    response = await post_send(world_api, world, data)
    assert response.status == 422
    assert "The selection could not be read." in await response.text()
    assert await table_counts(world.container) == before
