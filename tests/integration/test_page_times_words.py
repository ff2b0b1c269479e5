"""Times of day on the pages in the page's language (web/page_renderer.py local_time, CLDR
through Babel), through the real application on both databases: a fr-CA project's dashboard
writes its next reminders "22 nov. 2026, 08 h 00 HNC", an en-AU one "22 Nov 2026, 8:00 am
CST", an en-US one stays "Nov 22, 2026, 8:00 AM CST"; an administrator reading in French sees
the sign-in history's times in French. The rival's administrator gets 404 for the French
dashboard, and a stranger is sent to sign in."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from tests.support.page_words import set_language, set_project_words, visible
from tests.support.pages import dashboard_url, sign_in
from tests.support.period_pages import sign_in_rival
from tests.support.reminding import send_all
from tests.support.world import World

NEXT = re.compile(r'<td class="nowrap">(\w\w-\d{3})</td>.*?<td class="nowrap" '
                  r'data-next-reminder>(.*?)</td>', re.S)


async def next_reminder_cells(client: TestClient, world: World) -> dict[str, str]:
    response = await client.get(dashboard_url(world))
    assert response.status == 200
    return dict(NEXT.findall(await response.text()))


async def test_the_dashboards_times_are_written_in_the_projects_language(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    await send_all(world)
    assert (await next_reminder_cells(world_api, world))["SC-001"] == \
        "Nov 22, 2026, 8:00 AM CST"
    await set_project_words(world.container, world.demo.project_id, "fr-CA")
    assert (await next_reminder_cells(world_api, world))["SC-001"] == \
        "22 nov. 2026, 08 h 00 HNC"
    await set_project_words(world.container, world.demo.project_id, "en-AU")
    assert (await next_reminder_cells(world_api, world))["SC-001"] == \
        "22 Nov 2026, 8:00\u202fam CST"


async def test_a_french_administrators_sign_in_times_are_french_and_nobody_else_reads_them(
        world_api: TestClient, world: World) -> None:
    await set_language(world.container, world.demo.admin_email, "fr-CA")
    await sign_in(world_api, world)
    page = await (await world_api.get("/admin/team")).text()
    text = visible(page)
    assert re.search(r"\d{1,2} [a-zéû]+\.? 2026, \d\d h \d\d UTC", text), text[-800:]
    assert not re.search(r"\b(AM|PM) UTC\b", text)

    await set_project_words(world.container, world.demo.project_id, "fr-CA")
    world_api.session.cookie_jar.clear()
    stranger = await world_api.get(dashboard_url(world), allow_redirects=False)
    assert stranger.status in (302, 303) and "/sign-in" in stranger.headers["Location"]
    await sign_in_rival(world_api)
    rival = await world_api.get(dashboard_url(world))
    assert rival.status == 404
    assert "HNC" not in await rival.text()
