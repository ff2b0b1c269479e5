"""The terminology select of the project form and the language select of the directory's
person page, through the real application on both databases: saving, a refused value shown
next to its field with nothing written, the rival company's 404 and a stranger sent to sign
in, neither changing anything."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.directory import person_by_email
from tests.support.pages import sign_in
from tests.support.period_pages import field_error, post_form, sign_in_rival
from tests.support.world import World

PRIYA = "priya@brightwire.example"
PROJECT = {"name": "Riverside Medical Office Building", "number": "RMOB-2026",
           "time_zone": "America/Chicago", "locale": "en-AU", "accounting_method": "amount",
           "invitation_message": "", "start_day": "1", "end_day": "last", "due_day": "25",
           "automatic": "never", "week_start": "monday", "send_invites": "",
           "days_before": "3, 1", "hour": "8", "daily_after_due": "on", "max_after_due": "14"}


async def demo_project(world: World) -> t.Project:
    async with world.container.ctx.sessions() as session:
        return (await session.execute(select(t.Project).where(
            t.Project.id == world.demo.project_id))).scalars().one()


def selected(html: str, name: str) -> str | None:
    select_html = re.search(rf'<select id="(?:f-)?{name}" name="{name}"[^>]*>(.*?)</select>',
                            html, re.S)
    assert select_html is not None
    found = re.search(r'<option value="([^"]*)" selected>', select_html.group(1))
    return None if found is None else found.group(1)


async def test_the_project_form_saves_the_terminology(world_api: TestClient,
                                                      world: World) -> None:
    await sign_in(world_api, world)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    page = await (await world_api.get(edit)).text()
    assert selected(page, "terminology") == "general_contractor"
    response = await post_form(world_api, edit, edit, {**PROJECT, "terminology": "owner"})
    assert response.status == 303, await response.text()
    project = await demo_project(world)
    assert (project.terminology, project.locale) == ("owner", "en-AU")
    assert selected(await (await world_api.get(edit)).text(), "terminology") == "owner"


async def test_an_unknown_terminology_is_refused_next_to_the_field(world_api: TestClient,
                                                                   world: World) -> None:
    await sign_in(world_api, world)
    edit = f"/admin/projects/{world.demo.project_id}/edit"
    response = await post_form(world_api, edit, edit,
                               {**PROJECT, "name": "Renamed", "terminology": "lawyer"})
    assert response.status == 422
    assert "lawyer" in (field_error(await response.text(), "terminology") or "")
    project = await demo_project(world)
    assert (project.terminology, project.name, project.locale) == (
        "general_contractor", "Riverside Medical Office Building", "en-US")


async def test_the_person_page_saves_and_clears_the_language(world_api: TestClient,
                                                             world: World) -> None:
    await sign_in(world_api, world)
    priya = await person_by_email(world, PRIYA)
    url = f"/admin/directory/people/{priya.id}"
    assert selected(await (await world_api.get(url)).text(), "language") == ""
    form = {"name": priya.name, "email": priya.email, "language": "fr-CA"}
    response = await post_form(world_api, url, url, form)
    assert response.status == 303, await response.text()
    assert (await person_by_email(world, PRIYA)).language == "fr-CA"
    assert selected(await (await world_api.get(url)).text(), "language") == "fr-CA"

    response = await post_form(world_api, url, url, {**form, "language": ""})
    assert response.status == 303
    assert (await person_by_email(world, PRIYA)).language is None


async def test_an_unknown_language_is_refused_next_to_the_field(world_api: TestClient,
                                                                world: World) -> None:
    await sign_in(world_api, world)
    priya = await person_by_email(world, PRIYA)
    url = f"/admin/directory/people/{priya.id}"
    response = await post_form(world_api, url, url, {"name": "Renamed", "email": priya.email,
                                                     "language": "tlh"})
    assert response.status == 422
    html = await response.text()
    assert 'id="f-language-error">The language is not one we write mail in.' in html
    assert selected(html, "language") is None  # what was typed is no option: none selected
    after = await person_by_email(world, PRIYA)
    assert (after.name, after.language) == (priya.name, None)


async def test_the_rival_and_a_stranger_change_neither(world_api: TestClient,
                                                       world: World) -> None:
    priya = await person_by_email(world, PRIYA)
    person_url = f"/admin/directory/people/{priya.id}"
    project_url = f"/admin/projects/{world.demo.project_id}/edit"
    for path, data in ((person_url, {"name": "X", "email": PRIYA, "language": "fr-CA"}),
                       (project_url, {**PROJECT, "terminology": "owner"})):
        posted = await world_api.post(path, data=data, allow_redirects=False)
        assert posted.status == 303 and posted.headers["Location"].startswith("/sign-in")
    await sign_in_rival(world_api)
    assert (await world_api.get(person_url)).status == 404
    own_project = f"/admin/projects/{world.rival.project_id}/edit"
    assert (await post_form(world_api, own_project, project_url,
                            {**PROJECT, "terminology": "owner"})).status == 404
    assert (await post_form(world_api, own_project, person_url,
                            {"name": "X", "email": PRIYA, "language": "fr-CA"})).status == 404
    assert (await demo_project(world)).terminology == "general_contractor"
    after = await person_by_email(world, PRIYA)
    assert (after.name, after.language) == (priya.name, None)
