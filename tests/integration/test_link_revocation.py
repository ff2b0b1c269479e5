"""Revoking an invite's links, as an outsider holding an old mail would try them: a resend
or the administrator's revocation makes every earlier Yes/No link answer 403 with a page
saying a newer invitation was sent, on GET and on POST, and nothing is recorded. Another
company cannot revoke (404), through the API or its pages, nor can a stranger."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.support import rival
from tests.support.answering import (
    Invitation,
    answer,
    answer_events,
    form_token,
    invitation,
    invite_row,
)
from tests.support.mail import text_and_html
from tests.support.pages import csrf_token, sign_in
from tests.support.world import World

PRIYA = "priya@brightwire.example"
NEWER = "a newer invitation was sent for this billing period"


def yes_links_to(world: World, address: str) -> list[str]:
    """The Yes link of every mail `address` received, oldest first (as a path)."""
    found = []
    for received in world.sink.handler.received:
        if received.rcpt_tos == [address]:
            text, _ = text_and_html(received.message)
            found += [word.removeprefix("http://testserver.local") for word in text.split()
                      if word.startswith("http://testserver.local/a/")
                      and word.endswith("/yes")]
    return found


async def resend(client: TestClient, world: World, link: Invitation) -> None:
    response = await client.post(
        f"/api/billing-periods/{world.demo.billing_period_id}/invites",
        json={"commitment_ids": [link.commitment_id]},
        headers={"Authorization": f"Bearer {world.demo.api_token}"})
    assert response.status == 202, await response.text()
    assert (await response.json())["resent"] == 1


async def assert_refused_and_unchanged(client: TestClient, world: World, path: str,
                                       invite_id: int, form: str) -> None:
    """GET and POST of a replaced link: 403 naming the newer invitation, nothing recorded."""
    before = await invite_row(world, invite_id)
    for response in (await client.get(path),
                     await client.post(path, data={"csrf_token": form},
                                       allow_redirects=False)):
        assert response.status == 403
        html = await response.text()
        assert NEWER in html and "replaced by a newer invite" in html
        assert "itb_contact" not in response.cookies  # no contact session either
    after = await invite_row(world, invite_id)
    assert (after.status, after.answered_at, after.token_version) == (
        before.status, before.answered_at, before.token_version)
    assert await answer_events(world, invite_id) == []


async def test_a_resend_makes_the_links_of_the_earlier_mail_stop_working(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    await world.container.delivery.deliver_due()
    [old_yes] = yes_links_to(world, PRIYA)
    page = await world_api.get(old_yes)
    assert page.status == 200  # the first mail's link works until the resend
    old_form = form_token(await page.text())

    await resend(world_api, world, link)
    assert (await invite_row(world, link.invite_id)).token_version == 2
    await assert_refused_and_unchanged(world_api, world, old_yes, link.invite_id, old_form)

    await world.container.delivery.deliver_due()
    old, new_yes = yes_links_to(world, PRIYA)
    assert old == old_yes and new_yes != old_yes
    response = await answer(world_api, await invitation(world, send=False), "yes")
    assert response.status == 303  # the newest mail's link answers
    assert (await world_api.get(new_yes)).status == 200
    assert (await invite_row(world, link.invite_id)).status == "accepted"


async def test_the_administrator_revokes_the_links_through_the_api(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    page = await world_api.get(link.url("no"))
    form = form_token(await page.text())
    response = await world_api.post(f"/api/invites/{link.invite_id}/revoke-links",
                                    headers={"Authorization": f"Bearer {world.demo.api_token}"})
    assert response.status == 200, await response.text()
    body = await response.json()
    assert (body["invite_id"], body["status"]) == (link.invite_id, "invited")
    assert body["events"][-1]["kind"] == "links_revoked"
    assert body["events"][-1]["channel"] == "api"
    await assert_refused_and_unchanged(world_api, world, link.url("no"), link.invite_id, form)

    # Mail sent afterwards (here a reminder would do the same) carries working links.
    fresh = await invitation(world, send=False)
    assert fresh.token != link.token
    assert (await world_api.get(fresh.url("no"))).status == 200


async def test_another_company_cannot_revoke_an_invites_links(world_api: TestClient,
                                                               world: World) -> None:
    link = await invitation(world)
    headers = world.rival_headers
    for invite_id in (link.invite_id, 999999):
        response = await world_api.post(f"/api/invites/{invite_id}/revoke-links",
                                        headers=headers)
        assert response.status == 404
        error = (await response.json())["error"]
        assert error["code"] == "not_found" and f"invite {invite_id}" in error["message"]
    assert (await world_api.post(f"/api/invites/{link.invite_id}/revoke-links")).status == 401
    row = await invite_row(world, link.invite_id)
    assert row.token_version == 1
    assert (await world_api.get(link.url("yes"))).status == 200  # still the valid link


async def test_the_invite_page_has_a_revoke_button_behind_a_form_token(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    page = await world_api.get(link.url("yes"))
    answer_form = form_token(await page.text())
    await sign_in(world_api, world)
    invite_page = await world_api.get(f"/admin/invites/{link.invite_id}")
    html = await invite_page.text()
    assert f'action="/admin/invites/{link.invite_id}/revoke-links"' in html

    forged = await world_api.post(f"/admin/invites/{link.invite_id}/revoke-links",
                                  data={"csrf_token": "forged"}, allow_redirects=False)
    assert forged.status == 403
    assert (await invite_row(world, link.invite_id)).token_version == 1

    response = await world_api.post(f"/admin/invites/{link.invite_id}/revoke-links",
                                    data={"csrf_token": csrf_token(html)},
                                    allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (
        303, f"/admin/invites/{link.invite_id}?revoked=1")
    shown = await (await world_api.get(response.headers["Location"])).text()
    assert "The links mailed so far no longer work." in shown
    assert "Links revoked" in shown
    world_api.session.cookie_jar.clear()  # the contact's browser, not the administrator's
    await assert_refused_and_unchanged(world_api, world, link.url("yes"), link.invite_id,
                                       answer_form)


async def test_the_revoke_page_route_refuses_another_company_and_a_stranger(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    path = f"/admin/invites/{link.invite_id}/revoke-links"
    # A stranger with no session: sent to sign in, nothing revoked.
    form = await world_api.get("/sign-in")
    stranger = await world_api.post(path, data={"csrf_token": csrf_token(await form.text())},
                                    allow_redirects=False)
    assert (stranger.status, stranger.headers.get("Location", "")[:8]) == (303, "/sign-in")
    # The rival's administrator, signed in with a valid form token: our invite is 404.
    page = await world_api.get("/sign-in")
    signed_in = await world_api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await page.text()), "next": "/admin",
        "email": rival.ADMIN_EMAIL, "password": rival.ADMIN_PASSWORD})
    assert signed_in.status == 303, await signed_in.text()
    own_page = await (await world_api.get("/admin")).text()
    response = await world_api.post(path, data={"csrf_token": csrf_token(own_page)},
                                    allow_redirects=False)
    assert response.status == 404
    assert (await world_api.get(f"/admin/invites/{link.invite_id}")).status == 404
    row = await invite_row(world, link.invite_id)
    assert row.token_version == 1
    assert (await world_api.get(link.url("yes"))).status == 200  # the link still works
