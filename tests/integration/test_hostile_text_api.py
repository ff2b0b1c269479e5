"""Control characters sent to the JSON API and to inbound webhooks, as an outsider would:
NUL (which PostgreSQL cannot store) and CR/LF (which would split mail headers) are refused
with a 4xx naming the field, and nothing is written, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from app.bootstrap import Container
from tests.support.api import COMMITMENT, PROJECT, create_project
from tests.support.hostile_input import refusal, table_counts
from tests.support.webhooking import event_body, received, signed_headers
from tests.support.world import World

CR_LF_NAME = "Gina\r\nReply-To: evil@attacker.example\r\n\r\nPay to IBAN XX00"


def commitment_with(path: tuple[Any, ...], value: str) -> dict[str, Any]:
    body = copy.deepcopy(COMMITMENT)
    target: Any = body
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return body


@pytest.mark.parametrize(("path", "value", "field"), [
    (("number",), "SC-\x00001", "number"),
    (("contract_company", "name"), "Granite\x00Concrete", "contract_company.name"),
    (("invoice_contacts", 0, "name"), "Gina\x00", "invoice_contacts[0].name"),
    (("invoice_contacts", 1, "email"), "ap\x00@granite.example", "invoice_contacts[1].email"),
    (("sov_lines", 1, "description"), "Slab\x00on grade", "sov_lines[1].description"),
])
async def test_nul_in_a_json_field_is_400_naming_it_and_writes_nothing(
        api: TestClient, admin_headers: dict[str, str], container: Container,
        path: tuple[Any, ...], value: str, field: str) -> None:
    project = await create_project(api, admin_headers)
    before = await table_counts(container)
    response = await api.post(f"/api/projects/{project['id']}/commitments",
                              json=commitment_with(path, value), headers=admin_headers)
    message = await refusal(response, 400, "control_character")
    assert message.startswith(f"{field}: ") and "NUL" in message
    assert (await response.json())["error"]["fields"] == [
        {"field": field, "message": "contains a NUL character (U+0000)"}]
    assert await table_counts(container) == before


@pytest.mark.parametrize(("path", "value", "field", "found"), [
    (("invoice_contacts", 0, "name"), CR_LF_NAME, "invoice_contacts[0].name", "U+000D (CR)"),
    (("contract_company", "name"), "=Acme\nLtd", "contract_company.name", "U+000A (LF)"),
    (("title",), "Concrete\tand formwork", "title", "U+0009 (TAB)"),
    (("sov_lines", 0, "item_number"), "1\x1b[31m", "sov_lines[0].item_number", "U+001B (ESC)"),
    (("sov_lines", 0, "description"), "Foun\x85dations", "sov_lines[0].description", "U+0085"),
    (("sov_lines", 0, "cost_code"), "03\x7f300", "sov_lines[0].cost_code", "U+007F (DEL)"),
])
async def test_other_control_characters_are_422_naming_the_field(
        api: TestClient, admin_headers: dict[str, str], container: Container,
        path: tuple[Any, ...], value: str, field: str, found: str) -> None:
    project = await create_project(api, admin_headers)
    before = await table_counts(container)
    response = await api.post(f"/api/projects/{project['id']}/commitments",
                              json=commitment_with(path, value), headers=admin_headers)
    message = await refusal(response, 422, "invalid_input")
    assert f"{field}: must not contain control characters (found {found}" in message
    assert await table_counts(container) == before


async def test_a_multi_line_field_keeps_its_line_breaks_but_not_other_controls(
        api: TestClient, admin_headers: dict[str, str], container: Container) -> None:
    message = "Please include:\r\n\t- lien waivers\n\t- certified payroll"
    created = await api.post("/api/projects", headers=admin_headers,
                             json={**PROJECT, "invitation_message": message})
    assert created.status == 201, await created.text()
    project = await created.json()
    assert project["invitation_message"] == message.strip()
    before = await table_counts(container)
    for text, status, code in (("Bell\x07", 422, "invalid_input"),
                               ("NUL\x00", 400, "control_character")):
        response = await api.patch(f"/api/projects/{project['id']}", headers=admin_headers,
                                   json={"invitation_message": text})
        assert "invitation_message" in await refusal(response, status, code)
    fetched = await (await api.get(f"/api/projects/{project['id']}",
                                   headers=admin_headers)).json()
    assert fetched["invitation_message"] == message.strip()
    assert await table_counts(container) == before


async def test_nul_in_a_path_or_query_parameter_is_400_naming_it(
        api: TestClient, admin_headers: dict[str, str], container: Container) -> None:
    before = await table_counts(container)
    query = await api.get("/api/invoices?billing_period_id=1%00", headers=admin_headers)
    assert "query parameter billing_period_id" in await refusal(query, 400,
                                                                "control_character")
    path = await api.get("/api/projects/1%00", headers=admin_headers)
    assert (await refusal(path, 400, "control_character")).startswith("path: ")
    escape = await api.get("/api/invoices?billing_period_id=1%1b", headers=admin_headers)
    assert "U+001B (ESC)" in await refusal(escape, 400, "control_character")
    assert await table_counts(container) == before


async def test_a_nul_in_a_json_body_sent_as_text_plain_is_still_refused(
        api: TestClient, admin_headers: dict[str, str], container: Container) -> None:
    before = await table_counts(container)
    response = await api.post("/api/projects", headers={**admin_headers,
                                                        "Content-Type": "text/plain"},
                              data=b'{"name": "Depot\\u0000", "number": "P-9", '
                                   b'"time_zone": "UTC"}')
    assert (await refusal(response, 400, "control_character")).startswith("name: ")
    assert await table_counts(container) == before


async def test_another_company_gets_the_same_refusal_and_changes_nothing(
        api: TestClient, admin_headers: dict[str, str], other_admin_headers: dict[str, str],
        container: Container) -> None:
    project = await create_project(api, admin_headers)
    before = await table_counts(container)
    response = await api.post(f"/api/projects/{project['id']}/commitments",
                              json=commitment_with(("invoice_contacts", 0, "name"),
                                                   CR_LF_NAME),
                              headers=other_admin_headers)
    assert response.status == 422  # refused before anything is looked up
    valid = await api.post(f"/api/projects/{project['id']}/commitments", json=COMMITMENT,
                           headers=other_admin_headers)
    assert valid.status == 404  # and a clean body still finds no other company's project
    assert await table_counts(container) == before


UPSERT = {"project": {"number": "RMOB-2026"}, "external_id": "erp-77", "number": "SC-777",
          "title": "Glazing", "kind": "subcontract",
          "contract_company": {"name": "Clearview Glass"},
          "retainage_percent_work": "10", "retainage_percent_stored": "5",
          "sov_lines": [{"item_number": "1", "description": "Curtain wall",
                         "scheduled_value": "1000.00"}],
          "invoice_contacts": [{"name": "Cleo Clear", "email": "cleo@clearview.example"}]}


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("contract_company.name", "Clear\x00view", "data.contract_company.name: contains a NUL"),
    ("invoice_contacts.0.name", CR_LF_NAME,
     "data.invoice_contacts.0.name: must not contain control characters (found U+000D"),
])
async def test_an_inbound_webhook_field_with_control_characters_is_422_and_not_applied(
        world: World, world_api: TestClient, field: str, value: str, reason: str) -> None:
    data = copy.deepcopy(UPSERT)
    target: Any = data
    parts = [int(part) if part.isdigit() else part for part in field.split(".")]
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = value
    body = event_body("commitment.upserted", data)
    headers = signed_headers(body)
    before = await table_counts(world.container)
    response = await world_api.post("/webhooks/erp", data=body, headers=headers)
    assert reason in await refusal(response, 422, "invalid_event")
    row = await received(world, headers["webhook-id"])
    assert row.status == "rejected" and row.reason is not None and reason in row.reason
    after = await table_counts(world.container)
    assert after.pop("received_webhook") == before.pop("received_webhook") + 1
    assert after == before  # only the rejection is kept: no commitment, company or person
