"""Password resets by mail, attacked through the real application on both databases: the
request page answers the same for any address (no enumeration, no mail but to an
administrator), it is rate-limited, the link works once and for an hour, only for its own
purpose, and a reset ends every session."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.pages import csrf_token, sign_in
from tests.support.rival import SHARED_EMAIL
from tests.support.team import (
    COLLEAGUE,
    another_browser,
    count,
    invite,
    mailed_link,
    mails_to,
    set_password,
    sign_in_as,
)
from tests.support.world import World

SENT = "belongs to an administrator, a link to set a new password is on its way."
NEW = "a brand new long password"


async def ask_for_reset(client: TestClient, email: str, **headers: str) -> Any:
    form = await client.get("/sign-in/forgot")
    return await client.post("/sign-in/forgot", headers=headers, data={
        "csrf_token": csrf_token(await form.text()), "email": email})


async def test_a_reset_sets_a_new_password_once_and_ends_every_session(
        world_api: TestClient, world: World) -> None:
    sign_in_page = await (await world_api.get("/sign-in")).text()
    assert 'href="/sign-in/forgot">Forgot your password?' in sign_in_page
    await sign_in(world_api, world)  # a session from before the reset
    async with another_browser(world) as browser:
        asked = await ask_for_reset(browser, world.demo.admin_email.upper())
        assert asked.status == 200 and SENT in await asked.text()
        path = await mailed_link(world, world.demo.admin_email, "Set a new password")
        assert path.startswith("/sign-in/reset/")
        for _ in range(2):  # a mail scanner opens it, then the administrator: nothing spent
            page = await browser.get(path)
            assert page.status == 200 and world.demo.admin_email in await page.text()
        done = await set_password(browser, path, NEW)
        assert (done.status, done.headers["Location"]) == (303, "/sign-in?done=password")

        again = await set_password(browser, path, "yet another long password")
        assert again.status == 410
        assert (await sign_in_as(browser, world.demo.admin_email,
                                 world.demo.admin_password)).status == 401
        assert (await sign_in_as(browser, world.demo.admin_email, NEW)).status == 303
    # The session opened before the reset has ended.
    assert (await world_api.get("/admin", allow_redirects=False)).status == 303


async def test_the_page_answers_the_same_whether_or_not_the_address_has_an_account(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    assert (await invite(world_api)).status == 303  # invited, not yet an administrator
    world_api.session.cookie_jar.clear()
    answers = []
    for email in (world.demo.admin_email, "nobody@unknown.example", SHARED_EMAIL, COLLEAGUE):
        response = await ask_for_reset(world_api, email)
        answers.append((response.status, (await response.text()).replace(email, "ADDRESS")))
    assert len(set(answers)) == 1 and answers[0][0] == 200
    await world.container.delivery.deliver_due()
    assert mails_to(world, world.demo.admin_email) == 1
    assert mails_to(world, "nobody@unknown.example") == mails_to(world, SHARED_EMAIL) == 0
    assert await count(world, t.SignInLink, purpose="password-reset") == 1
    bad = await ask_for_reset(world_api, "not an address")
    assert bad.status == 422 and "Enter the email address you sign in with." in await bad.text()


async def test_asking_is_rate_limited_per_address_and_per_client_address(
        world_api: TestClient, world: World) -> None:
    for email in (world.demo.admin_email, "nobody@unknown.example"):  # the same for both
        for _ in range(5):
            assert (await ask_for_reset(world_api, email)).status == 200
        limited = await ask_for_reset(world_api, email)
        assert limited.status == 429 and 0 < int(limited.headers["Retry-After"]) <= 15 * 60
        assert "Too many links were asked for." in await limited.text()
    for number in range(8):  # 20 from this client address in all
        assert (await ask_for_reset(world_api, f"n{number}@elsewhere.example")).status == 200
    assert (await ask_for_reset(world_api, "first@elsewhere.example")).status == 429
    await world.container.delivery.deliver_due()
    # Five links, each replacing the one before: only the one that works goes out.
    assert mails_to(world, world.demo.admin_email) == 1
    assert await count(world, t.SignInLink, purpose="password-reset") == 5
    world.clock.advance(minutes=15)
    assert (await ask_for_reset(world_api, world.demo.admin_email)).status == 200


async def test_an_older_or_expired_link_does_nothing(world_api: TestClient,
                                                     world: World) -> None:
    await ask_for_reset(world_api, world.demo.admin_email)
    older = await mailed_link(world, world.demo.admin_email, "Set a new password")
    await ask_for_reset(world_api, world.demo.admin_email)
    newer = await mailed_link(world, world.demo.admin_email, "Set a new password")
    assert (await world_api.get(older)).status == 410
    assert (await set_password(world_api, older, NEW)).status == 410
    world.clock.advance(hours=1)
    assert (await world_api.get(newer)).status == 410
    assert (await set_password(world_api, newer, NEW)).status == 410
    assert (await sign_in_as(world_api, world.demo.admin_email,
                             world.demo.admin_password)).status == 303


async def test_a_link_works_only_for_its_own_purpose(world_api: TestClient,
                                                     world: World) -> None:
    await ask_for_reset(world_api, world.demo.admin_email)
    reset = await mailed_link(world, world.demo.admin_email, "Set a new password")
    token = reset.rsplit("/", 1)[1]
    # Not an invitation, nor a contact's sign-in link; nothing is spent by trying.
    assert (await world_api.get(f"/sign-in/welcome/{token}")).status == 410
    assert (await set_password(world_api, f"/sign-in/welcome/{token}", NEW)).status == 410
    assert (await world_api.get(f"/c/sign-in/{token}")).status == 410
    contact = await world_api.post(f"/c/sign-in/{token}", data={"csrf_token": csrf_token(
        await (await world_api.get("/c/sign-in")).text())})
    assert contact.status == 410
    assert (await set_password(world_api, reset, NEW)).status == 303


async def test_every_post_needs_the_form_token(world_api: TestClient, world: World) -> None:
    await ask_for_reset(world_api, world.demo.admin_email)
    reset = await mailed_link(world, world.demo.admin_email, "Set a new password")
    for path, fields in (("/sign-in/forgot", {"email": world.demo.admin_email}),
                         (reset, {"password": NEW, "repeat": NEW})):
        for data in (fields, {"csrf_token": "forged", **fields}):
            assert (await world_api.post(path, data=data)).status == 403
    assert await count(world, t.SignInLink, purpose="password-reset") == 1
    assert (await world_api.get(reset)).status == 200  # still unspent
    assert (await sign_in_as(world_api, world.demo.admin_email,
                             world.demo.admin_password)).status == 303
