"""The billing-period pages through the real application, on both databases: the periods
with their counts, opening one from the pre-filled form (closing the previous), the three
refusals next to their fields, editing dates, closing; another company's administrator and
a stranger change nothing."""

from __future__ import annotations

from datetime import date

from aiohttp.test_utils import TestClient

from domain.commands import SendInvites
from store import tables as t
from tests.support.pages import sign_in
from tests.support.period_pages import (
    count,
    field_error,
    field_value,
    periods_of,
    post_form,
    sign_in_rival,
)
from tests.support.world import World


def periods_url(world: World) -> str:
    return f"/admin/projects/{world.demo.project_id}/periods"


async def test_the_page_lists_periods_with_counts_and_proposes_the_next_range(
        world_api: TestClient, world: World) -> None:
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, tuple(world.demo.commitment_ids[:2])))
    await sign_in(world_api, world)
    response = await world_api.get(periods_url(world))
    assert response.status == 200
    html = await response.text()
    assert f'data-period="{world.demo.billing_period_id}"' in html
    assert 'data-count="invited">2<' in html and 'data-count="not_invited">5<' in html
    # The demo period is November 2026 (1 / last / 25): December is proposed.
    assert field_value(html, "start_date") == "2026-12-01"
    assert field_value(html, "end_date") == "2026-12-31"
    assert field_value(html, "due_date") == "2026-12-25"


async def test_opening_from_the_form_closes_the_previous_period(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    url = periods_url(world)
    response = await post_form(world_api, url, url, {
        "start_date": "2026-12-01", "end_date": "2026-12-31", "due_date": "2026-12-25",
        "billing_date": ""})
    assert response.status == 303
    assert response.headers["Location"].startswith(f"{url}?done=opened&period=")
    found = await periods_of(world, world.demo.project_id)
    assert [(p.start_date, p.status) for p in found] == [
        (date(2026, 11, 1), "closed"), (date(2026, 12, 1), "open")]
    page = await (await world_api.get(response.headers["Location"])).text()
    assert "The billing period is open." in page
    # The next proposal follows the new period.
    assert field_value(page, "start_date") == "2027-01-01"


async def test_bad_dates_are_explained_next_to_their_fields_and_nothing_is_written(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    url = periods_url(world)
    before = await count(world, t.BillingPeriod)
    cases = [
        ({"start_date": "2026-12-31", "end_date": "2026-12-01", "due_date": "2026-12-31"},
         422, "start_date", "The start date is after the end date."),
        ({"start_date": "2026-11-01", "end_date": "2026-11-30", "due_date": "2026-11-25"},
         409, "start_date", "A billing period with these start and end dates exists already"),
        # The clock says November 10 in Chicago: November 9 has ended there.
        ({"start_date": "2026-11-02", "end_date": "2026-11-30", "due_date": "2026-11-09"},
         422, "due_date", "This due date has already passed in the project's time zone"),
        ({"start_date": "2026-12-01", "end_date": "", "due_date": "12/25/2026"},
         422, "end_date", "The end date is required."),
    ]
    for fields, status, name, message in cases:
        response = await post_form(world_api, url, url, {**fields, "billing_date": ""})
        html = await response.text()
        assert response.status == status, html
        assert message in (field_error(html, name) or ""), html
        # What was typed stays in the boxes.
        assert field_value(html, "start_date") == fields["start_date"]
    html = await (await post_form(world_api, url, url, {
        "start_date": "2026-12-01", "end_date": "", "due_date": "12/25/2026"})).text()
    assert field_error(html, "due_date") == "The due date is not a date (YYYY-MM-DD)."
    assert await count(world, t.BillingPeriod) == before
    found = await periods_of(world, world.demo.project_id)
    assert [p.status for p in found] == ["open"]


async def test_dates_are_edited_and_the_period_closed(world_api: TestClient,
                                                      world: World) -> None:
    await sign_in(world_api, world)
    period_id = world.demo.billing_period_id
    edit = f"/admin/periods/{period_id}/edit"
    refused = await post_form(world_api, edit, edit, {
        "start_date": "2026-11-01", "end_date": "2026-11-30", "due_date": "2026-11-05",
        "billing_date": ""})
    assert refused.status == 422
    assert "already passed" in (field_error(await refused.text(), "due_date") or "")
    saved = await post_form(world_api, edit, edit, {
        "start_date": "2026-11-01", "end_date": "2026-11-28", "due_date": "2026-11-27",
        "billing_date": "2026-11-28"})
    assert saved.status == 303
    [period] = await periods_of(world, world.demo.project_id)
    assert (period.end_date, period.due_date, period.billing_date) == (
        date(2026, 11, 28), date(2026, 11, 27), date(2026, 11, 28))
    closed = await post_form(world_api, periods_url(world), f"/admin/periods/{period_id}/close",
                             {})
    assert closed.status == 303
    [period] = await periods_of(world, world.demo.project_id)
    assert period.status == "closed"
    page = await (await world_api.get(closed.headers["Location"])).text()
    assert f'href="/admin/periods/{period_id}/edit"' not in page  # a closed period stays


async def test_another_company_gets_404_and_changes_nothing(world_api: TestClient,
                                                            world: World) -> None:
    await sign_in_rival(world_api)
    own = f"/admin/projects/{world.rival.project_id}/periods"
    period_id = world.demo.billing_period_id
    for path in (periods_url(world), f"/admin/periods/{period_id}/edit"):
        assert (await world_api.get(path)).status == 404, path
    dates = {"start_date": "2026-12-01", "end_date": "2026-12-31", "due_date": "2026-12-25"}
    for action, fields in ((periods_url(world), dates),
                           (f"/admin/periods/{period_id}/edit", dates),
                           (f"/admin/periods/{period_id}/close", {})):
        response = await post_form(world_api, own, action, fields)
        assert response.status == 404, action
    found = await periods_of(world, world.demo.project_id)
    assert [(p.start_date, p.end_date, p.status) for p in found] == [
        (date(2026, 11, 1), date(2026, 11, 30), "open")]


async def test_a_stranger_is_sent_to_sign_in(world_api: TestClient, world: World) -> None:
    period_id = world.demo.billing_period_id
    for path in (periods_url(world), f"/admin/periods/{period_id}/edit"):
        response = await world_api.get(path, allow_redirects=False)
        assert response.status == 303
        assert response.headers["Location"].startswith("/sign-in?next=")
    for action in (periods_url(world), f"/admin/periods/{period_id}/edit",
                   f"/admin/periods/{period_id}/close"):
        response = await world_api.post(action, allow_redirects=False, data={
            "start_date": "2026-12-01", "end_date": "2026-12-31", "due_date": "2026-12-25"})
        assert response.status == 303, action
        assert response.headers["Location"].startswith("/sign-in?next=")
    assert [p.status for p in await periods_of(world, world.demo.project_id)] == ["open"]
