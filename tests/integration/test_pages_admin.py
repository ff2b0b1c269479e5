"""The administrator's pages through the real application: sign-in, the dashboard, sending
invites from it (CSRF-protected), the batch's progress, and company scoping."""

from __future__ import annotations

import re
from decimal import Decimal

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from domain.commands import NewCommitment, NewContact, NewSovLine
from domain.model import CommitmentKind
from store import tables as t
from tests.support.pages import csrf_token, dashboard_url, post_send, send_form, sign_in
from tests.support.world import World


async def outbox_rows(world: World) -> int:
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(t.OutboxMessage)) or 0)


async def test_pages_need_a_session_and_sign_in_leads_back(world_api: TestClient,
                                                           world: World) -> None:
    home = await world_api.get("/", allow_redirects=False)
    assert (home.status, home.headers["Location"]) == (302, "/admin")
    response = await world_api.get(dashboard_url(world), allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == f"/sign-in?next={dashboard_url(world)}"
    assert await sign_in(world_api, world, dashboard_url(world)) == dashboard_url(world)


async def test_a_wrong_password_shows_the_form_again_with_401(world_api: TestClient,
                                                              world: World) -> None:
    form = await world_api.get("/sign-in")
    assert form.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in form.headers["Content-Security-Policy"]
    response = await world_api.post("/sign-in", data={
        "csrf_token": csrf_token(await form.text()), "email": world.demo.admin_email,
        "password": "not the password", "next": "/admin"})
    assert response.status == 401
    html = await response.text()
    assert "The email address or the password is not correct." in html
    assert f'value="{world.demo.admin_email}"' in html
    again = await world_api.get("/admin", allow_redirects=False)
    assert again.status == 303


async def test_only_same_site_paths_are_followed_after_sign_in(world_api: TestClient,
                                                               world: World) -> None:
    for outside in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        world_api.session.cookie_jar.clear()
        assert await sign_in(world_api, world, outside) == "/admin"


async def test_the_session_cookie_is_http_only_and_lax(world_api: TestClient,
                                                       world: World) -> None:
    form = await world_api.get("/sign-in")
    response = await world_api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "email": world.demo.admin_email,
        "password": world.demo.admin_password})
    cookie = response.cookies["itb_session"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # an http:// base URL; https gets Secure and __Host-
    assert int(cookie["max-age"]) == 12 * 3600


async def test_the_dashboard_lists_the_commitments_and_counts(world_api: TestClient,
                                                              world: World) -> None:
    await sign_in(world_api, world)
    projects = await world_api.get("/admin")
    assert "Riverside Medical Office Building" in await projects.text()
    response = await world_api.get(dashboard_url(world))
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = await response.text()
    assert html.count('name="commitment"') == 7
    for number in ("SC-001", "SC-005", "SC-006", "PO-001"):
        assert number in html
    assert 'data-count="not_invited">7<' in html and 'data-count="invited">0<' in html
    assert "November 25, 2026" in html and "No invoice contact" in html
    assert "<script>" not in html and 'src="/static/dashboard.js?v=' in html


async def test_sending_without_the_form_token_is_403_and_sends_nothing(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    data = await send_form(world_api, world, world.demo.commitment_ids)
    missing = await post_send(world_api, world, {**data, "csrf_token": ""})
    forged = await post_send(world_api, world, {**data, "csrf_token": f"x{data['csrf_token']}"})
    assert (missing.status, forged.status) == (403, 403)
    assert "This form has expired" in await missing.text()
    other_site = await world_api.post(
        f"/admin/periods/{world.demo.billing_period_id}/invites", data=data,
        headers={"Origin": "https://evil.example"}, allow_redirects=False)
    assert other_site.status == 403
    assert await outbox_rows(world) == 0


async def test_a_form_token_of_another_session_is_refused(world_api: TestClient,
                                                          world: World) -> None:
    await world.container.access.create_admin(
        email="casey@summit-builders.example", name="Casey Colleague",
        password="correct horse battery", company_name="Summit Builders")
    await sign_in(world_api, world)
    data = await send_form(world_api, world, world.demo.commitment_ids)
    world_api.session.cookie_jar.clear()
    form = await world_api.get("/sign-in")
    await world_api.post("/sign-in", data={
        "csrf_token": csrf_token(await form.text()), "email": "casey@summit-builders.example",
        "password": "correct horse battery"})
    # A colleague's session (same company): the first session's page token is void here.
    assert "Casey Colleague" in await (await world_api.get("/admin")).text()
    assert (await post_send(world_api, world, data)).status == 403
    assert await outbox_rows(world) == 0


async def test_sending_shows_the_banner_the_skips_and_the_progress(world_api: TestClient,
                                                                   world: World) -> None:
    await sign_in(world_api, world)
    data = await send_form(world_api, world, world.demo.commitment_ids)
    response = await post_send(world_api, world, data)
    assert response.status == 303
    location = response.headers["Location"]
    assert re.fullmatch(rf"{dashboard_url(world)}\?batch=\d+", location)
    html = await (await world_api.get(location)).text()
    assert "Invited 6 commitments." in html
    assert "Skipped SC-006: The commitment has no invoice contact." in html
    assert 'data-count="invited">6<' in html and 'data-count="not_invited">1<' in html
    assert 'data-field="queued">10<' in html and "Refresh</a>" in html

    batch_id = location.rsplit("=", 1)[1]
    report = await world.container.delivery.deliver_due()
    assert report.sent == 10
    progress = await (await world_api.get(f"/admin/batches/{batch_id}.json")).json()
    assert progress == {"batch_id": int(batch_id), "invited": 6, "queued": 0, "sent": 10,
                        "failed": 0, "done": True}
    assert len(world.sink.handler.received) == 10
    html = await (await world_api.get(location)).text()
    assert "All mail has been delivered." in html

    invite_link = re.search(r'href="(/admin/invites/\d+)"', html)
    assert invite_link
    log = await (await world_api.get(invite_link.group(1))).text()
    assert "Jordan Avery" in log and "<td>Dashboard</td>" in log and "Invited" in log


async def test_nothing_ticked_or_past_due_shows_the_dashboard_with_an_error(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    response = await post_send(world_api, world, await send_form(world_api, world, []))
    assert response.status == 422
    assert "No commitment was selected." in await response.text()

    data = await send_form(world_api, world, world.demo.commitment_ids[:2])
    world.clock.advance(days=16)  # the 25th has ended in Chicago
    late = await post_send(world_api, world, data)
    assert late.status == 410
    html = await late.text()
    assert "No invites were sent." in html
    assert "The due date of this billing period (November 25, 2026) has passed." in html
    assert html.count(" checked>") >= 2  # the ticks survive the error
    assert await outbox_rows(world) == 0


async def test_names_are_escaped(world_api: TestClient, world: World) -> None:
    await world.container.projects.create_commitment(world.admin, world.demo.project_id,
                                                     NewCommitment(
        number="SC-<b>9</b>", title="<script>alert('x')</script>",
        kind=CommitmentKind.SUBCONTRACT, contract_company="Evil & Sons \"Ltd\"",
        retainage_percent_work=Decimal("10"), retainage_percent_stored=Decimal("10"),
        sov_lines=(NewSovLine("001", "Work", Decimal("100.00")),),
        invoice_contacts=(NewContact("<img src=x onerror=alert(1)>", "e@evil.example"),)))
    await sign_in(world_api, world)
    html = await (await world_api.get(dashboard_url(world))).text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>9" not in html
    assert "Evil &amp; Sons &#34;Ltd&#34;" in html


async def test_another_companys_objects_are_not_found(world_api: TestClient,
                                                      world: World) -> None:
    await world.container.access.create_admin(email="otto@rival.example", name="Otto Rival",
                                              password="correct horse battery",
                                              company_name="Rival Construction")
    form = await world_api.get("/sign-in")
    await world_api.post("/sign-in", data={
        "csrf_token": csrf_token(await form.text()), "email": "otto@rival.example",
        "password": "correct horse battery"})
    projects = await (await world_api.get("/admin")).text()
    assert "Riverside" not in projects and "Otto Rival" in projects
    page = await world_api.get(dashboard_url(world))
    assert page.status == 404 and "Not found" in await page.text()
    data = {"csrf_token": csrf_token(projects), "commitment": [str(world.demo.commitment_ids[0])]}
    assert (await post_send(world_api, world, data)).status == 404
    assert (await world_api.get("/admin/invites/1")).status == 404
    assert (await world_api.get("/admin/batches/1.json")).status == 404
    assert await outbox_rows(world) == 0


async def test_sign_out_ends_the_session(world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    page = await (await world_api.get("/admin")).text()
    response = await world_api.post("/sign-out", data={"csrf_token": csrf_token(page)},
                                    allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/sign-in")
    assert (await world_api.get("/admin", allow_redirects=False)).status == 303
    assert (await world_api.get("/admin/batches/1.json")).status == 401
