"""The sign-in history: every attempt at the administrators' form is recorded (time, the
address tried, the outcome, client address, user agent; never a password), and the team
page shows a company only its own administrators' attempts, newest first, a page at a time."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from tests.support.rival import ADMIN_EMAIL as RIVAL_EMAIL
from tests.support.rival import ADMIN_PASSWORD as RIVAL_PASSWORD
from tests.support.team import another_browser, attempts, sign_in_as
from tests.support.world import World

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"
SECRET = "hunter2 is my password"


def history_rows(page: str) -> list[str]:
    section = page.split('id="history"', 1)[1]
    return re.findall(r"<tr>\s*<td class=\"nowrap\">.*?</tr>", section, re.S)


async def test_each_attempt_is_recorded_without_passwords_and_shown_to_its_company_only(
        world_api: TestClient, world: World) -> None:
    email = world.demo.admin_email
    wrong = await sign_in_as(world_api, email, SECRET, **{"User-Agent": BROWSER})
    assert wrong.status == 401
    # Somebody types the password into the address field: that is not kept.
    assert (await sign_in_as(world_api, SECRET, SECRET)).status == 401
    assert (await sign_in_as(world_api, "nobody@unknown.example", SECRET)).status == 401
    assert (await sign_in_as(world_api, RIVAL_EMAIL, RIVAL_PASSWORD)).status == 303
    world_api.session.cookie_jar.clear()
    assert (await sign_in_as(world_api, email.upper(), world.demo.admin_password,
                             **{"User-Agent": BROWSER})).status == 303

    recorded = await attempts(world)
    assert [(row.email_tried, row.outcome) for row in recorded] == [
        (email, "wrong_password"), ("(not an email address)", "wrong_password"),
        ("nobody@unknown.example", "wrong_password"), (RIVAL_EMAIL, "signed_in"),
        (email, "signed_in")]
    assert [row.company_id for row in recorded] == [
        world.admin.company_id, None, None, world.rival.admin.company_id,
        world.admin.company_id]
    assert recorded[0].user_agent == BROWSER and recorded[0].client_address == "127.0.0.1"
    for row in recorded:
        assert SECRET not in repr(row.model_dump())
        assert world.demo.admin_password not in repr(row.model_dump())

    ours = await (await world_api.get("/admin/team")).text()
    rows = history_rows(ours)
    assert len(rows) == 2  # our administrator's two attempts, newest first
    assert "signed in" in rows[0] and "wrong password" in rows[1] and BROWSER in rows[0]
    assert RIVAL_EMAIL not in ours and "nobody@unknown.example" not in ours
    assert "not an email address" not in ours
    async with another_browser(world) as rival:
        assert (await sign_in_as(rival, RIVAL_EMAIL, RIVAL_PASSWORD)).status == 303
        theirs = await (await rival.get("/admin/team")).text()
        assert email not in theirs and len(history_rows(theirs)) == 2


async def test_throttled_attempts_are_recorded_and_the_history_pages(
        world_api: TestClient, world: World) -> None:
    for attempt in range(30):  # ten hashed, then twenty refused before hashing
        response = await sign_in_as(world_api, world.demo.admin_email, f"guess {attempt}")
        assert response.status == (401 if attempt < 10 else 429)
    world.clock.advance(minutes=15)
    assert (await sign_in_as(world_api, world.demo.admin_email,
                             world.demo.admin_password)).status == 303
    outcomes = [row.outcome for row in await attempts(world)]
    assert outcomes == ["wrong_password"] * 10 + ["throttled"] * 20 + ["signed_in"]

    first = await (await world_api.get("/admin/team")).text()
    rows = history_rows(first)
    assert len(rows) == 25 and "signed in" in rows[0]
    assert "too many attempts" in rows[1]
    older = re.search(r'href="(/admin/team\?before=\d+)#history">Older attempts', first)
    assert older
    second = await (await world_api.get(older.group(1))).text()
    rest = history_rows(second)
    assert len(rest) == 6 and all("wrong password" in row for row in rest)
    assert "Older attempts" not in second and "Newest attempts" in second
    assert (await world_api.get("/admin/team?before=x1")).status == 400
