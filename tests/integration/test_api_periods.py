"""The billing periods API: one open period per project, dates, closing."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.support.api import assert_error, create_project

MARCH = {"start_date": "2030-03-01", "end_date": "2030-03-31", "due_date": "2030-03-25"}
APRIL = {"start_date": "2030-04-01", "end_date": "2030-04-30", "due_date": "2030-04-25",
         "billing_date": "2030-04-30"}


@pytest.fixture
async def project(api: TestClient, admin_headers: dict[str, str]) -> dict[str, Any]:
    return await create_project(api, admin_headers)


async def open_period(api: TestClient, headers: dict[str, str], project_id: int,
                      body: dict[str, Any]) -> Any:
    return await api.post(f"/api/projects/{project_id}/billing-periods", json=body,
                          headers=headers)


async def test_opening_a_period_answers_201_with_it(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    response = await open_period(api, admin_headers, project["id"], MARCH)
    assert response.status == 201, await response.text()
    period = await response.json()
    assert response.headers["Location"] == f"/api/billing-periods/{period['id']}"
    assert {key: period[key] for key in MARCH} == MARCH
    assert (period["status"], period["billing_date"]) == ("open", None)
    assert period["project_id"] == project["id"]
    fetched = await api.get(response.headers["Location"], headers=admin_headers)
    assert await fetched.json() == period


async def test_opening_a_second_period_closes_the_first(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    march = await (await open_period(api, admin_headers, project["id"], MARCH)).json()
    april = await (await open_period(api, admin_headers, project["id"], APRIL)).json()
    assert (april["status"], april["billing_date"]) == ("open", "2030-04-30")
    march_now = await (await api.get(f"/api/billing-periods/{march['id']}",
                                     headers=admin_headers)).json()
    assert march_now["status"] == "closed"
    listed = await api.get(f"/api/projects/{project['id']}/billing-periods",
                           headers=admin_headers)
    assert listed.status == 200
    statuses = {item["id"]: item["status"] for item in (await listed.json())["items"]}
    assert statuses == {march["id"]: "closed", april["id"]: "open"}


async def test_the_same_range_twice_is_409(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    assert (await open_period(api, admin_headers, project["id"], MARCH)).status == 201
    response = await open_period(api, admin_headers, project["id"],
                                 {**MARCH, "due_date": "2030-03-28"})
    await assert_error(response, 409, "duplicate_period")


async def test_a_start_after_the_end_is_422(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    body = {**MARCH, "start_date": "2030-04-02"}
    response = await open_period(api, admin_headers, project["id"], body)
    error = await assert_error(response, 422, "invalid_input")
    assert "start_date" in error["message"]


async def test_dates_must_be_iso_8601(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    for value in ("03/25/2025", 20250325, "2030-02-30"):
        response = await open_period(api, admin_headers, project["id"],
                                     {**MARCH, "due_date": value})
        error = await assert_error(response, 422, "invalid_input")
        assert "due_date: must be an ISO 8601 date" in error["message"]


async def test_patch_changes_dates_then_closes(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    period = await (await open_period(api, admin_headers, project["id"], MARCH)).json()
    url = f"/api/billing-periods/{period['id']}"
    response = await api.patch(url, json={"due_date": "2030-03-27",
                                          "billing_date": "2030-03-31"}, headers=admin_headers)
    assert response.status == 200, await response.text()
    changed = await response.json()
    assert (changed["due_date"], changed["billing_date"]) == ("2030-03-27", "2030-03-31")
    assert changed["start_date"] == MARCH["start_date"]
    assert changed["status"] == "open"

    response = await api.patch(url, json={"status": "closed"}, headers=admin_headers)
    assert (await response.json())["status"] == "closed"
    assert (await (await api.get(url, headers=admin_headers)).json())["status"] == "closed"


async def test_patch_refuses_bad_changes(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    period = await (await open_period(api, admin_headers, project["id"], MARCH)).json()
    url = f"/api/billing-periods/{period['id']}"
    response = await api.patch(url, json={"end_date": "2030-02-01"}, headers=admin_headers)
    await assert_error(response, 422)
    response = await api.patch(url, json={"status": "open"}, headers=admin_headers)
    assert "status" in (await assert_error(response, 422))["message"]
    response = await api.patch(url, json={"colour": "red"}, headers=admin_headers)
    await assert_error(response, 422)


async def test_another_companys_periods_are_404(
        api: TestClient, admin_headers: dict[str, str], other_admin_headers: dict[str, str],
        project: dict[str, Any]) -> None:
    period = await (await open_period(api, admin_headers, project["id"], MARCH)).json()
    url = f"/api/billing-periods/{period['id']}"
    await assert_error(await api.get(url, headers=other_admin_headers), 404)
    await assert_error(await api.patch(url, json={"status": "closed"},
                                       headers=other_admin_headers), 404)
    await assert_error(await open_period(api, other_admin_headers, project["id"], APRIL), 404)
    response = await api.get(f"/api/projects/{project['id']}/billing-periods",
                             headers=other_admin_headers)
    await assert_error(response, 404)


async def test_a_closed_period_cannot_change_its_dates(
        api: TestClient, admin_headers: dict[str, str], project: dict[str, Any]) -> None:
    period = await (await open_period(api, admin_headers, project["id"], MARCH)).json()
    url = f"/api/billing-periods/{period['id']}"
    assert (await api.patch(url, json={"status": "closed"}, headers=admin_headers)).status == 200
    response = await api.patch(url, json={"due_date": "2030-03-30"}, headers=admin_headers)
    await assert_error(response, 409)
