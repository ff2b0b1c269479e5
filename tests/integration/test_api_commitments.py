"""The commitments API: SOV lines and invoice contacts round-trip with exact money."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.support.api import COMMITMENT, assert_error, create_project


async def create_commitment(api: TestClient, headers: dict[str, str], project_id: int,
                            body: dict[str, Any]) -> Any:
    return await api.post(f"/api/projects/{project_id}/commitments", json=body, headers=headers)


@pytest.fixture
async def project(api: TestClient, admin_headers: dict[str, str]) -> dict[str, Any]:
    return await create_project(api, admin_headers)


async def test_a_commitment_round_trips_with_money_strings(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    response = await create_commitment(api, admin_headers, project["id"], COMMITMENT)
    assert response.status == 201, await response.text()
    created = await response.json()
    assert response.headers["Location"] == f"/api/commitments/{created['id']}"

    fetched = await (await api.get(response.headers["Location"], headers=admin_headers)).json()
    assert fetched == created
    assert fetched["project_id"] == project["id"]
    assert (fetched["retainage_percent_work"], fetched["retainage_percent_stored"]) == (
        "10.00", "5.50")
    assert [line["scheduled_value"] for line in fetched["sov_lines"]] == [
        "125000.50", "80000.00", "-1250.00"]
    assert fetched["contract_sum"] == "203750.50"
    assert [line["item_number"] for line in fetched["sov_lines"]] == ["1", "2", "CO-1"]
    assert fetched["sov_lines"][0]["cost_code"] == "03-300"
    assert fetched["sov_lines"][2]["change_order"] is True
    assert all(isinstance(line["id"], int) for line in fetched["sov_lines"])
    assert [(c["name"], c["email"], c["deliverable"]) for c in fetched["invoice_contacts"]] == [
        ("Gina Granite", "gina@granite.example", True), ("Bo Books", "ap@granite.example", True)]
    assert all(isinstance(contact["id"], int) for contact in fetched["invoice_contacts"])
    assert fetched["contract_company"] == {"name": "Granite Concrete LLC"}


async def test_commitments_are_listed_per_project(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    first = await (await create_commitment(api, admin_headers, project["id"], COMMITMENT)).json()
    second_body = {**COMMITMENT, "number": "PO-7", "kind": "purchase_order"}
    second = await (await create_commitment(api, admin_headers, project["id"],
                                            second_body)).json()
    response = await api.get(f"/api/projects/{project['id']}/commitments",
                             headers=admin_headers)
    assert response.status == 200
    items = (await response.json())["items"]
    assert sorted(item["id"] for item in items) == sorted([first["id"], second["id"]])


@pytest.mark.parametrize(("path", "value"), [
    (("sov_lines", 0, "scheduled_value"), 125000.5),
    (("retainage_percent_work",), 10.0),
])
async def test_float_money_is_refused_with_422(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any],
        path: tuple[Any, ...], value: float) -> None:
    body = copy.deepcopy(COMMITMENT)
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    response = await create_commitment(api, admin_headers, project["id"], body)
    error = await assert_error(response, 422, "invalid_input")
    field = ".".join(str(part) for part in path).replace(".0.", "[0].")
    assert f"{field}: must be a decimal string" in error["message"]
    assert "float" in error["message"]


async def test_more_than_two_places_of_money_is_422(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    body = copy.deepcopy(COMMITMENT)
    body["sov_lines"][1]["scheduled_value"] = "10.005"
    response = await create_commitment(api, admin_headers, project["id"], body)
    error = await assert_error(response, 422)
    assert "sov_lines[1].scheduled_value" in error["message"]


async def test_unit_based_lines_are_valued_quantity_times_price(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    project = await create_project(api, admin_headers, number="P-UNIT",
                                   accounting_method="unit")
    body = {**COMMITMENT, "sov_lines": [
        {"item_number": "1", "description": "Rebar", "quantity": "12.5", "unit": "t",
         "unit_price": "1480.25"},
        {"item_number": "2", "description": "Mesh", "quantity": 40, "unit": "sheet",
         "unit_price": "37.10", "scheduled_value": "1484.00"},
    ]}
    response = await create_commitment(api, admin_headers, project["id"], body)
    assert response.status == 201, await response.text()
    lines = (await response.json())["sov_lines"]
    assert [line["scheduled_value"] for line in lines] == ["18503.13", "1484.00"]
    assert lines[0]["unit"] == "t"
    assert lines[0]["quantity"].startswith("12.5")

    missing_price = {**body, "number": "SC-002",
                     "sov_lines": [{"item_number": "1", "description": "Rebar",
                                    "quantity": "3", "unit": "t"}]}
    response = await create_commitment(api, admin_headers, project["id"], missing_price)
    error = await assert_error(response, 422, "invalid_input")
    assert "unit_price" in error["message"]


async def test_a_duplicate_commitment_number_is_409(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    first = await create_commitment(api, admin_headers, project["id"], COMMITMENT)
    assert first.status == 201
    second = await create_commitment(api, admin_headers, project["id"], COMMITMENT)
    await assert_error(second, 409)


async def test_invalid_kind_and_contact_are_422(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    response = await create_commitment(api, admin_headers, project["id"],
                                       {**COMMITMENT, "kind": "handshake"})
    assert "kind" in (await assert_error(response, 422))["message"]
    bad_contact = {**COMMITMENT, "invoice_contacts": [{"name": "X", "email": "not-an-address"}]}
    response = await create_commitment(api, admin_headers, project["id"], bad_contact)
    assert "not-an-address" in (await assert_error(response, 422))["message"]


async def test_another_companys_commitments_are_404(
        api: TestClient, admin_headers: dict[str, str], other_admin_headers: dict[str, str],
        project: dict[str, Any]) -> None:
    created = await (await create_commitment(api, admin_headers, project["id"],
                                             COMMITMENT)).json()
    response = await create_commitment(api, other_admin_headers, project["id"], COMMITMENT)
    await assert_error(response, 404, "not_found")
    response = await api.get(f"/api/projects/{project['id']}/commitments",
                             headers=other_admin_headers)
    await assert_error(response, 404, "not_found")
    response = await api.get(f"/api/commitments/{created['id']}", headers=other_admin_headers)
    await assert_error(response, 404, "not_found")
