"""A project's reminder settings: PATCH /api/projects/{id}, the project's JSON, the
dashboard's Reminders card and form, and the next reminder of each commitment."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from aiohttp.test_utils import TestClient

from domain.periods import local_date
from tests.support.api import assert_error
from tests.support.pages import csrf_token, dashboard_url, sign_in
from tests.support.reminding import NOV_22_8AM, next_reminders, send_all, set_status, utc
from tests.support.world import World

DEFAULTS = {"days_before": [3, 1], "hour": 8, "daily_after_due": True, "max_after_due": 14,
            "every_days_before": None}


def project_url(world: World) -> str:
    return f"/api/projects/{world.demo.project_id}"


async def test_the_project_json_carries_its_reminder_settings(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    response = await world_api.get(project_url(world), headers=world_headers)
    assert (await response.json())["reminders"] == DEFAULTS


async def test_patch_changes_only_what_it_names_and_reschedules_the_open_period(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await send_all(world)
    response = await world_api.patch(project_url(world), headers=world_headers, json={
        "reminders": {"days_before": [1, 5, 5], "hour": 7}})
    assert response.status == 200, await response.text()
    project = await response.json()
    assert project["reminders"] == {**DEFAULTS, "days_before": [5, 1], "hour": 7}
    assert project["invitation_message"] == ("Please bill for work completed through the "
                                             "end of the month.")
    # 5 days before the 25th at 07:00 in Chicago.
    assert set((await next_reminders(world)).values()) == {utc(2026, 11, 20, 13)}

    response = await world_api.patch(project_url(world), headers=world_headers, json={
        "reminders": {"daily_after_due": False, "max_after_due": 3},
        "invitation_message": "  Bill by the 25th, please.  "})
    project = await response.json()
    assert project["reminders"] == {"days_before": [5, 1], "hour": 7,
                                    "daily_after_due": False, "max_after_due": 3,
                                    "every_days_before": None}
    assert project["invitation_message"] == "Bill by the 25th, please."
    response = await world_api.patch(project_url(world), headers=world_headers,
                                     json={"invitation_message": None})
    assert (await response.json())["invitation_message"] is None
    fetched = await world_api.get(project_url(world), headers=world_headers)
    assert (await fetched.json())["reminders"]["days_before"] == [5, 1]


async def test_patch_refuses_what_the_scheduler_cannot_honour(
        world_api: TestClient, world: World, world_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    for body in ({"reminders": {"hour": 24}}, {"reminders": {"days_before": [61]}},
                 {"reminders": {"max_after_due": -1}}, {"reminders": {"hour": "8"}},
                 {"reminders": {"days_before": list(range(11))}}, {"reminder": {}},
                 {"reminders": {"every_days_before": 4}},
                 {"reminders": {"every_days_before": "2"}},
                 {"invitation_message": ""}):
        response = await world_api.patch(project_url(world), headers=world_headers, json=body)
        await assert_error(response, 422, "invalid_input")
    response = await world_api.patch(project_url(world), headers=other_admin_headers,
                                     json={"reminders": {"hour": 9}})
    await assert_error(response, 404, "not_found")
    response = await world_api.get(project_url(world), headers=world_headers)
    assert (await response.json())["reminders"] == DEFAULTS


async def test_the_openapi_document_describes_the_patch(world_api: TestClient) -> None:
    document = await (await world_api.get("/api/openapi.json")).json()
    patch = document["paths"]["/api/projects/{id}"]["patch"]
    assert patch["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProjectPatchRequest"}
    schemas = document["components"]["schemas"]
    assert set(schemas["ProjectPatchRequest"]["properties"]) >= {"reminders",
                                                                 "invitation_message"}
    assert "reminders" in schemas["Project"]["required"]
    assert set(schemas["ReminderSettings"]["required"]) == set(DEFAULTS)


async def test_the_dashboard_shows_each_commitments_next_reminder(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    before = await (await world_api.get(dashboard_url(world))).text()
    assert "3 and 1 days before the due date, then every day after it for up to 14 days, " \
           "at 8:00 AM (America/Chicago)." in before
    await send_all(world)
    await set_status(world, "SC-002", "declined")
    html = await (await world_api.get(dashboard_url(world))).text()
    cells = dict(re.findall(r'<td class="nowrap">(\w\w-\d{3})</td>.*?<td class="nowrap" '
                            r'data-next-reminder>(.*?)</td>', html, re.S))
    assert cells["SC-001"] == "Nov 22, 2026, 8:00 AM CST"
    assert "—" in cells["SC-002"]  # answered No: nothing will go out
    assert "—" in cells["SC-006"]  # never invited (no invoice contact)

    world.clock.now = NOV_22_8AM
    await world.container.reminders.scan()
    html = await (await world_api.get(dashboard_url(world))).text()
    assert "Nov 24, 2026, 8:00 AM CST" in html


async def test_the_dashboard_form_saves_the_settings(world_api: TestClient,
                                                     world: World) -> None:
    await sign_in(world_api, world)
    await send_all(world)
    page = await (await world_api.get(dashboard_url(world))).text()
    form = {"csrf_token": csrf_token(page), "days_before": "2", "hour": "9",
            "max_after_due": "5", "invitation_message": "Bill by Wednesday."}
    response = await world_api.post(f"{dashboard_url(world)}/settings", data=form,
                                    allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == f"{dashboard_url(world)}?saved=settings#reminders"
    page = await (await world_api.get(response.headers["Location"])).text()
    assert "Reminder settings saved." in page
    assert "2 days before the due date, at 9:00 AM (America/Chicago)." in page
    assert "Bill by Wednesday." in page
    assert set((await next_reminders(world)).values()) == {utc(2026, 11, 23, 15)}

    bad = await world_api.post(f"{dashboard_url(world)}/settings", allow_redirects=False,
                               data={**form, "csrf_token": csrf_token(page), "hour": "25"})
    assert bad.status == 422
    assert "The reminder settings were not saved." in await bad.text()
    forged = await world_api.post(f"{dashboard_url(world)}/settings",
                                  data={**form, "csrf_token": "x" + form["csrf_token"]})
    assert forged.status == 403


async def test_the_invites_api_says_when_the_next_reminder_goes_out(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await send_all(world)
    await set_status(world, "SC-002", "declined")
    response = await world_api.get(
        f"/api/billing-periods/{world.demo.billing_period_id}/invites", headers=world_headers)
    items = {item["commitment_number"]: item for item in (await response.json())["items"]}
    assert items["SC-001"]["next_reminder_at"] == "2026-11-22T14:00:00+00:00"
    assert items["SC-002"]["next_reminder_at"] is None
    detail = await world_api.get(f"/api/invites/{items['SC-001']['invite_id']}",
                                 headers=world_headers)
    assert (await detail.json())["next_reminder_at"] == "2026-11-22T14:00:00+00:00"


async def test_a_cadence_from_the_invite_reschedules_and_goes_back_to_fixed_days(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await send_all(world)  # invited on the clock's date in Chicago
    invited_on = local_date(world.clock.now, "America/Chicago")
    response = await world_api.patch(project_url(world), headers=world_headers,
                                     json={"reminders": {"every_days_before": 2}})
    assert response.status == 200, await response.text()
    assert (await response.json())["reminders"]["every_days_before"] == 2
    first = invited_on + timedelta(days=2)
    chicago_8am = datetime.combine(first, time(8), tzinfo=ZoneInfo("America/Chicago"))
    assert set((await next_reminders(world)).values()) == {chicago_8am.astimezone(UTC)}

    response = await world_api.patch(project_url(world), headers=world_headers,
                                     json={"reminders": {"every_days_before": 0}})
    assert (await response.json())["reminders"] == DEFAULTS
    assert set((await next_reminders(world)).values()) == {NOV_22_8AM}


async def test_the_dashboard_form_sets_the_cadence(world_api: TestClient,
                                                   world: World) -> None:
    await sign_in(world_api, world)
    page = await (await world_api.get(dashboard_url(world))).text()
    assert '<option value="3">every 3 days from the invite</option>' in page
    form = {"csrf_token": csrf_token(page), "days_before": "3, 1", "hour": "8",
            "max_after_due": "14", "every_days_before": "3", "daily_after_due": "on",
            "invitation_message": ""}
    response = await world_api.post(f"{dashboard_url(world)}/settings", data=form)
    page = await response.text()
    assert "Every 3 days from the invite up to the due date, then every day after it" in page
    bad = await world_api.post(f"{dashboard_url(world)}/settings", allow_redirects=False,
                               data={**form, "csrf_token": csrf_token(page),
                                     "every_days_before": "7"})
    assert bad.status == 422
    assert "every 1, 2 or 3 days" in await bad.text()
