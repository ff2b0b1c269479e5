"""The project's state on the edit page, on both databases: saved in capitals, shown again,
a wrong code refused next to its field with nothing written, another company refused."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.pages import sign_in
from tests.support.period_pages import field_error, field_value, post_form, sign_in_rival
from tests.support.world import World

FIELDS = {"name": "Riverside MOB", "number": "RMOB-2026", "time_zone": "America/Detroit",
          "locale": "en-US", "accounting_method": "amount", "invitation_message": "",
          "start_day": "1", "end_day": "last", "due_day": "25", "automatic": "never",
          "week_start": "monday", "days_before": "3, 1", "hour": "8",
          "daily_after_due": "on", "max_after_due": "14", "every_days_before": "0"}


async def project_row(world: World) -> t.Project:
    async with world.container.ctx.sessions() as session:
        found = await session.get(t.Project, world.demo.project_id)
    assert found is not None
    return found


async def test_the_state_on_the_project_page(world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    assert field_value(await (await world_api.get(edit)).text(), "state") == ""
    saved = await post_form(world_api, edit, edit, {**FIELDS, "state": " mi "})
    assert saved.status == 303, await saved.text()
    row = await project_row(world)
    assert row.state == "MI"
    assert field_value(await (await world_api.get(edit)).text(), "state") == "MI"
    refused = await post_form(world_api, edit, edit, {**FIELDS, "state": "ZZ",
                                                      "name": "Renamed"})
    html = await refused.text()
    assert refused.status == 422
    assert "not a US state's two-letter code" in (field_error(html, "state") or "")
    assert field_value(html, "state") == "ZZ"  # what was typed stays
    row = await project_row(world)
    assert (row.state, row.name) == ("MI", "Riverside MOB")


async def test_another_company_cannot_set_it(world_api: TestClient, world: World) -> None:
    await sign_in_rival(world_api)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    assert (await world_api.get(edit)).status == 404
    response = await post_form(world_api, f"/admin/projects/{world.rival.project_id}/edit",
                               edit, {**FIELDS, "state": "MI"})
    assert response.status == 404
    assert (await project_row(world)).state == ""
