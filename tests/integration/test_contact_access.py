"""Contacts' access: one-time sign-in links by mail (same answer for any address, rate
limits kept in the database), and a contact seeing only their own commitments."""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from app.use_cases.demo import ADMIN_EMAIL
from store import tables as t
from tests.support.answering import answer, form_token, invitation
from tests.support.pages import app_with_keys, csrf_token
from tests.support.world import TEST_KEY, World

PRIYA = "priya@brightwire.example"
SENT = "belongs to an invoice contact, a sign-in link is on its way."
LINK = re.compile(r"http://testserver\.local(/c/sign-in/[A-Za-z0-9_-]+)")


async def ask_for_link(client: TestClient, email: str):  # type: ignore[no-untyped-def]
    form = await client.get("/c/sign-in")
    return await client.post("/c/sign-in", data={"csrf_token": form_token(await form.text()),
                                                  "email": email})


async def mailed_link(world: World, email: str) -> str:
    await world.container.delivery.deliver_due()
    mails = [r.message for r in world.sink.handler.received if r.rcpt_tos == [email]]
    assert mails, f"no mail to {email}"
    assert mails[-1]["Subject"] == "Your sign-in link for Invite to Bill"
    found = LINK.search(mails[-1].get_body(("plain",)).get_content())
    assert found
    return found.group(1)


async def sign_in_links(world: World) -> int:
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(t.SignInLink)) or 0)


async def test_a_contact_signs_in_with_a_mailed_link_that_works_once(world_api: TestClient,
                                                                     world: World) -> None:
    asked = await ask_for_link(world_api, "  Priya@Brightwire.example ")
    assert asked.status == 200 and SENT in await asked.text()
    path = await mailed_link(world, PRIYA)
    async with world.container.ctx.sessions() as session:
        stored = (await session.execute(select(t.SignInLink))).scalars().one()
    assert path.rsplit("/", 1)[1] not in (stored.token_hash, stored.nonce)  # only derived

    for _ in range(2):  # opening the link (a mail scanner, then the contact) spends nothing
        page = await world_api.get(path)
        assert page.status == 200 and "Press the button to sign in." in await page.text()
    token = form_token(await page.text())
    signed_in = await world_api.post(path, data={"csrf_token": token}, allow_redirects=False)
    assert signed_in.status == 303 and signed_in.headers["Location"] == "/c/commitments"
    cookie = signed_in.cookies["itb_contact"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    listing = await (await world_api.get("/c/commitments")).text()
    assert "SC-003 Electrical" in listing and "Priya Shah" in listing

    world_api.session.cookie_jar.clear()
    page = await world_api.get(path)
    assert page.status == 410 and "no longer works" in await page.text()
    again = await world_api.post(path, data={"csrf_token": form_token(
        await (await world_api.get("/c/sign-in")).text())})
    assert again.status == 410
    assert (await world_api.get("/c/commitments", allow_redirects=False)).status == 303


async def test_the_page_answers_the_same_for_any_address(world_api: TestClient,
                                                         world: World) -> None:
    for email in ("nobody@unknown.example", ADMIN_EMAIL):  # an administrator is no contact
        response = await ask_for_link(world_api, email)
        assert response.status == 200
        assert f"If {email} {SENT}" in await response.text()
    assert await sign_in_links(world) == 0
    await world.container.delivery.deliver_due()
    assert world.sink.handler.received == []
    bad = await ask_for_link(world_api, "not an address")
    assert bad.status == 422


async def test_links_expire_after_15_minutes(world_api: TestClient, world: World) -> None:
    await ask_for_link(world_api, PRIYA)
    path = await mailed_link(world, PRIYA)
    token = form_token(await (await world_api.get(path)).text())
    world.clock.advance(minutes=15)
    assert (await world_api.get(path)).status == 410
    assert (await world_api.post(path, data={"csrf_token": token})).status == 410
    assert (await world_api.get("/c/commitments", allow_redirects=False)).status == 303


async def test_asking_is_rate_limited_per_address_and_per_ip_across_processes(
        world_api: TestClient, world: World, tmp_path: Path, db_url: str) -> None:
    for _ in range(5):
        assert (await ask_for_link(world_api, PRIYA)).status == 200
    limited = await ask_for_link(world_api, PRIYA)
    assert limited.status == 429
    assert "Too many sign-in links were asked for. Try again in" in await limited.text()
    assert 0 < int(limited.headers["Retry-After"]) <= 15 * 60
    assert await sign_in_links(world) == 5
    # Another web process counts in the same database.
    async with app_with_keys(world, tmp_path, db_url, [TEST_KEY]) as other:
        assert (await ask_for_link(other, PRIYA)).status == 429
        for i in range(13):  # 20 requests from this IP in all
            assert (await ask_for_link(other, f"someone{i}@elsewhere.example")).status == 200
        assert (await ask_for_link(other, "first-time@elsewhere.example")).status == 429
    world.clock.advance(minutes=15)
    assert (await ask_for_link(world_api, PRIYA)).status == 200
    assert await sign_in_links(world) == 6


async def test_a_contact_sees_only_commitments_they_are_a_contact_of(world_api: TestClient,
                                                                     world: World) -> None:
    page = await world_api.get("/c/commitments/1/invoices/new", allow_redirects=False)
    assert (page.status, page.headers["Location"]) == (303, "/c/sign-in")
    priya = await invitation(world)  # SC-003
    steel = await invitation(world, "SC-002", send=False)
    assert (await answer(world_api, priya, "yes")).status == 303
    own = await world_api.get(f"/c/commitments/{priya.commitment_id}/invoices/new")
    assert own.status == 200
    for other in (steel.commitment_id, 999_999, 99_999_999_999):
        response = await world_api.get(f"/c/commitments/{other}/invoices/new")
        assert response.status == 404
        assert "Structural Steel" not in await response.text()
    listing = await (await world_api.get("/c/commitments")).text()
    assert "SC-003" in listing and "SC-002" not in listing and "SC-001" not in listing

    # An administrator's session is not a contact's, nor the other way round.
    assert (await world_api.get("/admin", allow_redirects=False)).status == 303
    signed_out = await world_api.post("/c/sign-out", allow_redirects=False,
                                      data={"csrf_token": csrf_token(listing)})
    assert signed_out.status == 303
    after = await world_api.get(f"/c/commitments/{priya.commitment_id}/invoices/new",
                                allow_redirects=False)
    assert after.status == 303
