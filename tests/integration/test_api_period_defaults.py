"""The API's new project fields on both databases: period defaults and automatic periods
on POST and PATCH /api/projects, every detail changed by PATCH, the refusals (a locked
accounting method, a taken number, days out of range), and a billing period whose due
date has passed in the project's zone; another company and a stranger change nothing."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.api import PROJECT, assert_error
from tests.support.world import World

DEFAULTS = {"start_day": 1, "end_day": "last", "due_day": 25, "week_start": "monday",
            "automatic": "never", "send_invites": False}


async def json_of(response: Any, status: int = 200) -> Any:
    assert response.status == status, await response.text()
    return await response.json()


def project_url(world: World) -> str:
    return f"/api/projects/{world.demo.project_id}"


async def test_a_new_project_takes_period_defaults(world_api: TestClient,
                                                   world_headers: dict[str, str]) -> None:
    plain = await json_of(await world_api.post("/api/projects", json=PROJECT,
                                               headers=world_headers), 201)
    assert plain["period_defaults"] == DEFAULTS
    weekly = {"start_day": 26, "end_day": 25, "due_day": "last", "week_start": "friday",
              "automatic": "weekly", "send_invites": True}
    made = await json_of(await world_api.post("/api/projects", json={
        **PROJECT, "number": "P-2", "period_defaults": weekly}, headers=world_headers), 201)
    assert made["period_defaults"] == weekly
    again = await json_of(await world_api.get(f"/api/projects/{made['id']}",
                                              headers=world_headers))
    assert again["period_defaults"] == weekly


async def test_patch_changes_only_what_it_names(world_api: TestClient, world: World,
                                                world_headers: dict[str, str]) -> None:
    changed = await json_of(await world_api.patch(project_url(world), json={
        "name": "Riverside MOB", "time_zone": "America/Denver", "locale": "fr-CA",
        "period_defaults": {"automatic": "monthly", "due_day": "last"}},
        headers=world_headers))
    assert (changed["name"], changed["number"], changed["time_zone"], changed["locale"]) == (
        "Riverside MOB", "RMOB-2026", "America/Denver", "fr-CA")
    assert changed["period_defaults"] == {**DEFAULTS, "automatic": "monthly",
                                          "due_day": "last"}
    assert changed["reminders"]["days_before"] == [3, 1]


async def test_refusals_change_nothing(world_api: TestClient, world: World,
                                       world_headers: dict[str, str]) -> None:
    before = await json_of(await world_api.get(project_url(world), headers=world_headers))
    other = await json_of(await world_api.post("/api/projects", json=PROJECT,
                                               headers=world_headers), 201)
    cases = [({"accounting_method": "unit"}, 409, "accounting_method_locked"),
             ({"number": other["number"]}, 409, "duplicate_project"),
             ({"period_defaults": {"start_day": 29}}, 422, "invalid_input"),
             ({"period_defaults": {"end_day": "first"}}, 422, "invalid_input"),
             ({"period_defaults": {"due_day": 0}}, 422, "invalid_input"),
             ({"period_defaults": {"automatic": "daily"}}, 422, "invalid_input"),
             ({"period_defaults": {"start_day": "1"}}, 422, "invalid_input"),
             ({"time_zone": "Mars/Olympus"}, 422, "invalid_input"),
             ({"name": "x", "period_defaults": {"cadence": "monthly"}}, 422, "invalid_input")]
    for body, status, code in cases:
        response = await world_api.patch(project_url(world), json=body, headers=world_headers)
        await assert_error(response, status, code)
    after = await json_of(await world_api.get(project_url(world), headers=world_headers))
    assert after == before


async def test_a_due_date_already_passed_is_refused(world_api: TestClient, world: World,
                                                    world_headers: dict[str, str]) -> None:
    """The clock says November 10, 2026 in Chicago."""
    url = f"{project_url(world)}/billing-periods"
    passed = await world_api.post(url, json={"start_date": "2026-11-02",
                                             "end_date": "2026-11-30",
                                             "due_date": "2026-11-09"}, headers=world_headers)
    error = await assert_error(passed, 422, "due_date_passed")
    assert "2026-11-09" in error["message"] and "America/Chicago" in error["message"]
    period = f"/api/billing-periods/{world.demo.billing_period_id}"
    await assert_error(await world_api.patch(period, json={"due_date": "2026-11-09"},
                                             headers=world_headers), 422, "due_date_passed")
    today = await json_of(await world_api.patch(period, json={"due_date": "2026-11-10"},
                                                headers=world_headers))
    assert today["due_date"] == "2026-11-10"  # the due date ends tonight there
    listed = await json_of(await world_api.get(url, headers=world_headers))
    assert len(listed["items"]) == 1


async def test_another_company_and_a_stranger_change_nothing(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    before = await json_of(await world_api.get(project_url(world), headers=world_headers))
    body = {"name": "Taken", "period_defaults": {"automatic": "monthly"}}
    await assert_error(await world_api.patch(project_url(world), json=body,
                                             headers=world.rival_headers), 404, "not_found")
    await assert_error(await world_api.patch(project_url(world), json=body), 401)
    await assert_error(await world_api.post("/api/projects", json=PROJECT), 401)
    after = await json_of(await world_api.get(project_url(world), headers=world_headers))
    assert after == before
