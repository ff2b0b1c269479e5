"""The project pages through the real application, on both databases: a new project from
the form (refusals next to the fields, nothing written), editing every field, the old
settings form still working; another company's administrator and a stranger change
nothing."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.pages import sign_in
from tests.support.period_pages import count, field_error, field_value, post_form, sign_in_rival
from tests.support.world import World

NEW = {"name": "Harbor Lofts", "number": "HL-2027", "time_zone": "America/Denver",
       "locale": "en-US", "accounting_method": "amount", "invitation_message": "",
       "start_day": "26", "end_day": "25", "due_day": "last", "automatic": "monthly",
       "week_start": "monday", "send_invites": "on"}


async def project_row(world: World, number: str) -> t.Project | None:
    async with world.container.ctx.sessions() as session:
        return (await session.execute(select(t.Project).where(
            t.Project.number == number))).scalars().first()


async def test_a_new_project_from_the_page(world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    listing = await (await world_api.get("/admin")).text()
    assert 'href="/admin/projects/new"' in listing
    response = await post_form(world_api, "/admin/projects/new", "/admin/projects/new", NEW)
    assert response.status == 303, await response.text()
    row = await project_row(world, "HL-2027")
    assert row is not None and row.company_id == world.admin.company_id
    assert response.headers["Location"] == f"/admin/projects/{row.id}/periods?created=1"
    assert (row.time_zone, row.period_start_day, row.period_end_day, row.period_due_day,
            row.period_cadence, row.period_send_invites) == (
        "America/Denver", 26, "25", "last", "monthly", True)
    page = await (await world_api.get(response.headers["Location"])).text()
    assert "The project is created." in page
    # 26 / 25 / last on November 10: the current period (October 26 to November 25) was due
    # on October 31, so the next one is proposed, due on the first last-day after its start.
    assert (field_value(page, "start_date"), field_value(page, "end_date"),
            field_value(page, "due_date")) == ("2026-11-26", "2026-12-25", "2026-11-30")


async def test_refusals_are_shown_next_to_their_fields(world_api: TestClient,
                                                       world: World) -> None:
    await sign_in(world_api, world)
    before = await count(world, t.Project)
    cases = [({"name": ""}, 422, "name", "Name is required"),
             ({"number": "RMOB-2026"}, 409, "number", "already exists"),
             ({"time_zone": "Mars/Olympus"}, 422, "time_zone", "Unknown time zone"),
             ({"start_day": "31"}, 422, "start_day", "Choose a day from 1 to 28."),
             ({"due_day": "32"}, 422, "due_day", "from 1 to 31"),
             ({"name": "Bad\x07name"}, 422, "name", "control characters")]
    for change, status, name, message in cases:
        response = await post_form(world_api, "/admin/projects/new", "/admin/projects/new",
                                   {**NEW, **change})
        html = await response.text()
        assert response.status == status, (change, html[:500])
        assert message in (field_error(html, name) or ""), (change, field_error(html, name))
        if name != "number":
            assert field_value(html, "number") == "HL-2027"  # what was typed stays
    assert await count(world, t.Project) == before


async def test_editing_every_field(world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    page = await (await world_api.get(edit)).text()
    assert field_value(page, "name") == "Riverside Medical Office Building"
    fields = {**NEW, "name": "Riverside MOB", "number": "RMOB-2026",
              "time_zone": "America/Chicago",
              "accounting_method": "amount", "invitation_message": "Bill by the 25th.",
              "automatic": "weekly", "week_start": "tuesday", "send_invites": "",
              "days_before": "5, 2", "hour": "9", "daily_after_due": "on", "max_after_due": "7",
              "every_days_before": "2"}
    response = await post_form(world_api, edit, edit, fields)
    assert response.status == 303, await response.text()
    row = await project_row(world, "RMOB-2026")
    assert row is not None
    assert (row.name, row.invitation_message, row.period_cadence, row.period_week_start,
            row.period_send_invites, row.reminder_days_before, row.reminder_hour,
            row.reminder_max_after_due, row.reminder_every_days_before) == (
        "Riverside MOB", "Bill by the 25th.", "weekly", 2, False, "5,2", 9, 7, 2)
    page = await (await world_api.get(edit)).text()
    assert '<option value="2" selected>every 2 days from the invite</option>' in page
    # The demo project has commitments: its accounting method stays.
    locked = await post_form(world_api, edit, edit, {**fields, "accounting_method": "unit"})
    assert locked.status == 409
    assert "cannot change" in (field_error(await locked.text(), "accounting_method") or "")
    bad_days = await post_form(world_api, edit, edit, {**fields, "days_before": "three"})
    assert bad_days.status == 422
    assert "whole numbers" in (field_error(await bad_days.text(), "reminders") or "")
    row = await project_row(world, "RMOB-2026")
    assert row is not None and row.accounting_method == "amount" and row.reminder_hour == 9


async def test_another_company_gets_404_and_changes_nothing(world_api: TestClient,
                                                            world: World) -> None:
    await sign_in_rival(world_api)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    assert (await world_api.get(edit)).status == 404
    own = f"/admin/projects/{world.rival.project_id}/edit"
    response = await post_form(world_api, own, edit, {**NEW, "number": "RMOB-2026",
                                                      "name": "Taken over"})
    assert response.status == 404
    row = await project_row(world, "RMOB-2026")
    assert row is not None and row.name == "Riverside Medical Office Building"


async def test_a_stranger_is_sent_to_sign_in(world_api: TestClient, world: World) -> None:
    before = await count(world, t.Project)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    for path in ("/admin/projects/new", edit):
        got = await world_api.get(path, allow_redirects=False)
        posted = await world_api.post(path, data=NEW, allow_redirects=False)
        for response in (got, posted):
            assert response.status == 303
            assert response.headers["Location"].startswith("/sign-in?next=")
    assert await count(world, t.Project) == before
