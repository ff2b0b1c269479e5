"""The team's pages through the real application on both databases, mail over SMTP to a
real sink: inviting a colleague (one-time link, expiry, a newer invitation replacing the
older, an address that is already an administrator's), removing an administrator (their
session and API token refused at once), changing one's password; and the same pages tried
by the rival company's administrator and by a stranger."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from app.use_cases.demo import ADMIN_EMAIL
from store import tables as t
from tests.support.pages import csrf_token, sign_in
from tests.support.rival import ADMIN_EMAIL as RIVAL_EMAIL
from tests.support.rival import ADMIN_PASSWORD as RIVAL_PASSWORD
from tests.support.team import (
    COLLEAGUE,
    COLLEAGUE_PASSWORD,
    another_browser,
    count,
    invite,
    join,
    mailed_link,
    mails_to,
    person,
    person_id,
    post_team_form,
    set_password,
    sign_in_as,
)
from tests.support.world import World


async def test_an_invited_colleague_sets_a_password_once_and_works_in_our_company(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    invited = await invite(world_api, "Casey Colleague", "  Casey@Summit.example ")
    assert invited.status == 303
    listing = await world_api.get(invited.headers["Location"])
    text = await listing.text()
    assert f"An invitation is on its way to {COLLEAGUE}." in text
    assert "Casey Colleague" in text and "invited" in text

    path = await mailed_link(world, COLLEAGUE, "Jordan Avery invited you to Summit Builders")
    async with world.container.ctx.sessions() as session:
        [link] = [row for row in (await session.execute(
            t.SignInLink.__table__.select())).all() if row.purpose == "admin-invitation"]
    assert path.rsplit("/", 1)[1] not in (link.token_hash, link.nonce)  # only derived
    async with another_browser(world) as casey:
        for _ in range(2):  # opening the link (a mail scanner, then Casey) spends nothing
            page = await casey.get(path)
            assert page.status == 200 and COLLEAGUE in await page.text()
        differ = await set_password(casey, path, COLLEAGUE_PASSWORD, repeat="something else")
        assert differ.status == 422 and "The two passwords differ" in await differ.text()
        short = await set_password(casey, path, "short")
        assert short.status == 422
        assert "The password must have at least 8 characters." in await short.text()
        done = await set_password(casey, path, COLLEAGUE_PASSWORD)
        assert (done.status, done.headers["Location"]) == (303, "/sign-in?done=welcome")
        assert "Your password is set." in await (await casey.get("/sign-in?done=welcome")).text()

        # The link is spent: a second use changes nothing (the first password stays).
        again = await set_password(casey, path, "another long password")
        assert again.status == 410 and "This link no longer works" in await again.text()
        assert (await sign_in_as(casey, COLLEAGUE, "another long password")).status == 401
        signed_in = await sign_in_as(casey, COLLEAGUE, COLLEAGUE_PASSWORD)
        assert signed_in.status == 303
        projects = await (await casey.get("/admin")).text()
        assert "Riverside Medical Office Building" in projects
        assert "Rival Clinic Annex" not in projects
        team = await (await casey.get("/admin/team")).text()
        assert "Jordan Avery" in team and "Casey Colleague" in team and "never" not in team


async def test_a_new_invitation_replaces_the_older_link_and_links_expire_after_7_days(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    assert (await invite(world_api)).status == 303
    first = await mailed_link(world, COLLEAGUE, "invited you")
    assert (await invite(world_api, "Casey C.")).status == 303
    second = await mailed_link(world, COLLEAGUE, "invited you")
    assert first != second and await count(world, t.Person, email=COLLEAGUE) == 1
    async with another_browser(world) as casey:
        assert (await casey.get(first)).status == 410
        assert (await set_password(casey, first, COLLEAGUE_PASSWORD)).status == 410
        assert (await person(world, await person_id(world, COLLEAGUE))).role == "invited_admin"
        world.clock.advance(days=7)
        assert (await casey.get(second)).status == 410
        assert (await set_password(casey, second, COLLEAGUE_PASSWORD)).status == 410
        assert (await sign_in_as(casey, COLLEAGUE, COLLEAGUE_PASSWORD)).status == 401


async def test_an_address_that_is_already_an_administrators_is_refused(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    for address in (RIVAL_EMAIL, ADMIN_EMAIL.upper()):  # another company's, and ours
        refused = await invite(world_api, "Someone", address)
        assert refused.status == 409
        page = await refused.text()
        assert f"{address.lower()} already belongs to an administrator." in page
        assert 'value="Someone"' in page  # the form keeps what was typed
    bad = await invite(world_api, "", "not an address")
    assert bad.status == 422
    text = await bad.text()
    assert "Write the colleague&#39;s name" in text and 'value="not an address"' in text
    bell = await invite(world_api, "Eve\x07", "eve@summit.example")
    assert bell.status == 422
    text = await bell.text()
    assert 'id="name-error">The name must not contain control characters' in text
    assert 'value="eve@summit.example"' in text
    assert await count(world, t.Person, role="invited_admin") == 0
    assert await count(world, t.OutboxMessage, template="admin_invitation") == 0


async def test_a_removed_administrators_session_and_api_token_are_refused_at_once(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    casey_id = await join(world_api, world)
    token = await world.container.access.issue_api_token(COLLEAGUE)
    bearer = {"Authorization": f"Bearer {token}"}
    async with another_browser(world) as casey:
        assert (await sign_in_as(casey, COLLEAGUE, COLLEAGUE_PASSWORD)).status == 303
        assert (await casey.get("/admin", allow_redirects=False)).status == 200
        assert (await casey.get("/api/projects", headers=bearer)).status == 200
        # A reset link asked for before the removal (say, by whoever took Casey's laptop).
        await world.container.access.request_password_reset(COLLEAGUE, None)
        reset = await mailed_link(world, COLLEAGUE, "Set a new password")

        removed = await post_team_form(world_api, f"/admin/team/{casey_id}/remove")
        assert (removed.status, removed.headers["Location"]) == (303, "/admin/team?done=removed")
        assert "The administrator was removed" in await (await world_api.get(
            removed.headers["Location"])).text()
        assert (await casey.get("/admin", allow_redirects=False)).status == 303
        assert (await casey.get("/api/projects", headers=bearer)).status == 401
        assert (await sign_in_as(casey, COLLEAGUE, COLLEAGUE_PASSWORD)).status == 401
        assert (await set_password(casey, reset, "taken over at last")).status == 410
        await world.container.access.request_password_reset(COLLEAGUE, None)
        await world.container.delivery.deliver_due()
        assert mails_to(world, COLLEAGUE) == 2  # the invitation and the first reset only
    team = await (await world_api.get("/admin/team")).text()
    assert COLLEAGUE not in team.split('id="history"')[0]
    assert (await person(world, casey_id)).role == "former_admin"


async def test_removing_yourself_or_the_last_administrator_is_refused(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    refused = await post_team_form(world_api, f"/admin/team/{world.admin.person_id}/remove")
    assert refused.status == 409
    assert "You are the company&#39;s last administrator" in await refused.text()
    await join(world_api, world)
    refused = await post_team_form(world_api, f"/admin/team/{world.admin.person_id}/remove")
    assert refused.status == 409 and "You cannot remove yourself" in await refused.text()
    assert (await person(world, world.admin.person_id)).role == "admin"
    assert (await world_api.get("/admin", allow_redirects=False)).status == 200


async def test_the_rival_cannot_see_or_remove_our_administrators(world_api: TestClient,
                                                                 world: World) -> None:
    await sign_in(world_api, world)
    casey_id = await join(world_api, world)
    async with another_browser(world) as rival:
        assert (await sign_in_as(rival, RIVAL_EMAIL, RIVAL_PASSWORD)).status == 303
        page = await (await rival.get("/admin/team")).text()
        assert "Otto Rival" in page
        assert ADMIN_EMAIL not in page and COLLEAGUE not in page  # neither list nor history
        for target in (casey_id, world.admin.person_id):
            response = await post_team_form(rival, f"/admin/team/{target}/remove")
            assert response.status == 404
            assert (await person(world, target)).role == "admin"
        # Inviting our colleague into the rival company: refused, ours stays as it was.
        taken = await invite(rival, "Poached", COLLEAGUE)
        assert taken.status == 409
    async with another_browser(world) as casey:
        assert (await sign_in_as(casey, COLLEAGUE, COLLEAGUE_PASSWORD)).status == 303


async def test_a_stranger_reaches_nothing_and_changes_nothing(world_api: TestClient,
                                                              world: World) -> None:
    page = await world_api.get("/admin/team", allow_redirects=False)
    assert (page.status, page.headers["Location"]) == (303, "/sign-in?next=/admin/team")
    assert (await world_api.get("/admin/team/password", allow_redirects=False)).status == 303
    token = csrf_token(await (await world_api.get("/sign-in")).text())  # a seed-bound token
    for path, fields in ((f"/admin/team/{world.admin.person_id}/remove", {}),
                         ("/admin/team/invitations", {"name": "X", "email": "x@x.example"}),
                         ("/admin/team/password", {"current": "x", "password": "y" * 9,
                                                   "repeat": "y" * 9})):
        response = await world_api.post(path, allow_redirects=False,
                                        data={"csrf_token": token, **fields})
        assert response.status == 303 and response.headers["Location"].startswith("/sign-in")
    assert (await person(world, world.admin.person_id)).role == "admin"
    assert await count(world, t.Person, email="x@x.example") == 0
    assert (await sign_in_as(world_api, world.demo.admin_email,
                             world.demo.admin_password)).status == 303


async def test_every_post_of_the_team_needs_the_form_token(world_api: TestClient,
                                                           world: World) -> None:
    await sign_in(world_api, world)
    casey_id = await join(world_api, world)
    for path, fields in ((f"/admin/team/{casey_id}/remove", {}),
                         ("/admin/team/invitations", {"name": "X", "email": "x@x.example"}),
                         ("/admin/team/password", {"current": world.demo.admin_password,
                                                   "password": "a new long password",
                                                   "repeat": "a new long password"})):
        for token in (None, "forged"):
            data = fields if token is None else {"csrf_token": token, **fields}
            response = await world_api.post(path, data=data, allow_redirects=False)
            assert response.status == 403, path
        page = await world_api.get("/admin/team")
        cross_site = await world_api.post(
            path, allow_redirects=False, headers={"Origin": "http://evil.example"},
            data={"csrf_token": csrf_token(await page.text()), **fields})
        assert cross_site.status == 403, path
    assert (await person(world, casey_id)).role == "admin"
    assert await count(world, t.Person, email="x@x.example") == 0
    assert (await sign_in_as(world_api, world.demo.admin_email,
                             world.demo.admin_password)).status == 303


async def test_changing_ones_password_ends_the_other_sessions_only(world_api: TestClient,
                                                                   world: World) -> None:
    await sign_in(world_api, world)
    async with another_browser(world) as laptop:
        assert (await sign_in_as(laptop, world.demo.admin_email,
                                 world.demo.admin_password)).status == 303
        wrong = await post_team_form(world_api, "/admin/team/password", current="not it",
                                     password="a new long password",
                                     repeat="a new long password")
        assert wrong.status == 422
        assert "The current password is not correct." in await wrong.text()
        assert (await laptop.get("/admin", allow_redirects=False)).status == 200

        changed = await post_team_form(world_api, "/admin/team/password",
                                       current=world.demo.admin_password,
                                       password="a new long password",
                                       repeat="a new long password")
        assert (changed.status, changed.headers["Location"]) == (303,
                                                                 "/admin/team?done=password")
        assert (await world_api.get("/admin", allow_redirects=False)).status == 200
        assert (await laptop.get("/admin", allow_redirects=False)).status == 303
        assert (await sign_in_as(laptop, world.demo.admin_email,
                                 world.demo.admin_password)).status == 401
        assert (await sign_in_as(laptop, world.demo.admin_email,
                                 "a new long password")).status == 303
    assert mails_to(world, world.demo.admin_email) == 0
