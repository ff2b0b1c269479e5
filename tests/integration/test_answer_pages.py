"""The answer pages through the real application: opening a link changes nothing, the
button records the answer, and every refusal (forged form, bad link, replaced link,
removed contact, after the cutoff) answers with its status and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient
from sqlalchemy import delete, update

from app.links import InviteLink, LinkPurpose, LinkSigner
from app.use_cases.demo import ADMIN_EMAIL
from store import tables as t
from tests.support.answering import (
    answer,
    answer_events,
    connection_checkouts,
    form_token,
    invitation,
    invite_row,
    outbox_count,
    outbox_rows,
)
from tests.support.world import World

UA = "Mozilla/5.0 (X11; Linux x86_64) ITB-test"
CUTOFF = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # November 25 ends in Chicago (CST)


async def test_opening_a_link_shows_the_invite_and_changes_nothing(world_api: TestClient,
                                                                   world: World) -> None:
    link = await invitation(world)
    before = await outbox_count(world)
    for which in ("yes", "no"):
        page = await world_api.get(link.url(which))
        assert page.status == 200
        html = await page.text()
        for fact in ("Riverside Medical Office Building", "SC-003 \u2013 Electrical",
                     "Brightwire Electric", "November 1, 2026 \u2013 November 30, 2026",
                     "Jordan Avery", ADMIN_EMAIL, "November 25, 2026",
                     "15 days and 15 hours left", "Hello Priya Shah"):
            assert fact in html
        label = "Yes, I will bill this period" if which == "yes" else \
            "No, I will not bill this period"
        assert label in html and html.count('type="submit"') == 1
        assert "<script" not in html  # nothing submits the form by itself
        assert page.headers["Cache-Control"] == "no-store"
        assert page.headers["X-Frame-Options"] == "DENY"
        head = await world_api.head(link.url(which))
        assert head.status == 200 and await head.read() == b""
    row = await invite_row(world, link.invite_id)
    assert (row.status, row.answered_at, row.answered_by_id) == ("invited", None, None)
    assert await answer_events(world, link.invite_id) == []
    assert await outbox_count(world) == before


async def test_yes_signs_the_contact_in_and_leads_to_the_invoice_page(world_api: TestClient,
                                                                      world: World) -> None:
    link = await invitation(world)
    response = await answer(world_api, link, "yes", **{"User-Agent": UA})
    assert response.status == 303
    assert response.headers["Location"] == (
        f"/c/commitments/{link.commitment_id}/invoices/new?answer=yes")
    cookie = response.cookies["itb_contact"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]

    invoice = await world_api.get(response.headers["Location"])
    assert invoice.status == 200
    html = await invoice.text()
    assert "New invoice for SC-003 Electrical" in html
    assert "Your answer is recorded: you will bill this period." in html
    assert "Priya Shah" in html  # signed in: the header names the contact

    row = await invite_row(world, link.invite_id)
    assert (row.status, row.answered_by_id) == ("accepted", link.contact_id)
    assert row.answered_at == world.clock.now
    [event] = await answer_events(world, link.invite_id)
    assert (event.kind, event.person_id, event.channel, event.ip_address, event.user_agent,
            event.at) == ("accepted", link.contact_id, "link", "127.0.0.1", UA,
                          world.clock.now)
    [webhook] = await outbox_rows(world, kind="event")
    assert webhook.idempotency_key == f"event:invite.accepted:{link.invite_id}:{event.id}"
    assert webhook.payload["type"] == "invite.accepted"
    assert webhook.payload["data"] == {
        "invite_id": link.invite_id, "billing_period_id": world.demo.billing_period_id,
        "commitment_id": link.commitment_id, "contact_id": link.contact_id,
        "status": "accepted", "previous_status": "invited", "channel": "link",
        "at": world.clock.now.isoformat()}
    assert await outbox_rows(world, template="declined_notice") == []

    # Mail delivery only takes mail: the event waits for the webhook sender.
    await world.container.delivery.deliver_due()
    [webhook] = await outbox_rows(world, kind="event")
    assert (webhook.status, webhook.attempts) == ("pending", 0)


async def test_a_yes_takes_one_connection_for_its_checks_writes_and_session(
        world_api: TestClient, world: World) -> None:
    """The rules, the answer's writes and the contact's session version are read and
    written over one connection in one transaction (the hot path of the answer pages)."""
    link = await invitation(world)
    page = await world_api.get(link.url("yes"))
    with connection_checkouts(world) as taken:
        response = await world_api.post(link.url("yes"), allow_redirects=False,
                                        data={"csrf_token": form_token(await page.text())})
    assert response.status == 303 and "itb_contact" in response.cookies
    assert len(taken) == 1
    assert (await invite_row(world, link.invite_id)).status == "accepted"


async def test_no_thanks_the_contact_tells_the_administrator_and_can_change(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    response = await answer(world_api, link, "no", **{"User-Agent": UA})
    assert response.status == 200
    html = await response.text()
    assert "Your answer is recorded: you will not bill this period." in html
    assert "Change my answer to Yes" in html
    assert (await invite_row(world, link.invite_id)).status == "declined"

    await world.container.delivery.deliver_due()
    notices = [r for r in world.sink.handler.received if r.rcpt_tos == [ADMIN_EMAIL]]
    assert len(notices) == 1
    notice = notices[0].message
    assert notice["Subject"] == ("Riverside Medical Office Building: Priya Shah will not "
                                 "bill SC-003 this period")
    assert notice["Reply-To"] == "priya@brightwire.example"
    text = notice.get_body(("plain",)).get_content()
    assert "answered No" in text and "November 10, 2026, 9:00 AM CST" in text
    assert f"http://testserver.local/admin/invites/{link.invite_id}" in text

    world.clock.advance(hours=2)
    change = await world_api.post(link.url("yes"), allow_redirects=False,
                                  data={"csrf_token": form_token(html)})
    assert change.status == 303
    assert (await invite_row(world, link.invite_id)).status == "accepted"
    assert [e.kind for e in await answer_events(world, link.invite_id)] == [
        "declined", "accepted"]
    assert [r.payload["type"] for r in await outbox_rows(world, kind="event")] == [
        "invite.declined", "invite.accepted"]


async def test_repeating_an_answer_is_harmless_and_says_so(world_api: TestClient,
                                                           world: World) -> None:
    link = await invitation(world)
    assert (await answer(world_api, link, "yes")).status == 303
    page = await world_api.get(link.url("yes"))
    html = await page.text()
    assert "You already answered Yes" in html and "Continue to the invoice" in html
    again = await world_api.post(link.url("yes"), allow_redirects=False,
                                 data={"csrf_token": form_token(html)})
    assert again.headers["Location"].endswith("?answer=repeat")
    follow = await world_api.get(again.headers["Location"])
    assert "You had already answered Yes, so nothing changed." in await follow.text()

    other = await invitation(world, "SC-002", send=False)
    # A double click: the same No button pressed twice.
    token = form_token(await (await world_api.get(other.url("no"))).text())
    first = await world_api.post(other.url("no"), data={"csrf_token": token})
    assert "Your answer is recorded" in await first.text()
    repeated = await world_api.post(other.url("no"), data={"csrf_token": token})
    assert "You had already answered No, so nothing changed." in await repeated.text()
    shown = await world_api.get(other.url("no"))
    assert "You already answered No" in await shown.text()
    assert len(await answer_events(world, link.invite_id)) == 1
    assert len(await answer_events(world, other.invite_id)) == 1
    assert len(await outbox_rows(world, kind="event")) == 2
    assert len(await outbox_rows(world, template="declined_notice")) == 1


async def test_a_post_without_this_pages_form_token_is_refused(world_api: TestClient,
                                                                world: World) -> None:
    link = await invitation(world)
    yes_page = await world_api.get(link.url("yes"))
    yes_token = form_token(await yes_page.text())
    refusals = [
        await world_api.post(link.url("yes"), data={}),
        await world_api.post(link.url("yes"), data={"csrf_token": "forged"}),
        # A token for the Yes button does not answer No.
        await world_api.post(link.url("no"), data={"csrf_token": yes_token}),
        await world_api.post(link.url("yes"), data={"csrf_token": yes_token},
                             headers={"Origin": "https://evil.example"}),
        await world_api.post(link.url("yes"), data={"csrf_token": yes_token},
                             headers={"Sec-Fetch-Site": "cross-site"}),
    ]
    for refused in refusals:
        assert refused.status == 403
        html = await refused.text()
        assert "Nothing was recorded; press the button again." in html
        assert form_token(html)  # a fresh button that works
    # Another browser (its own cookies) cannot use this browser's token.
    world_api.session.cookie_jar.clear()
    stolen = await world_api.post(link.url("yes"), data={"csrf_token": yes_token})
    assert stolen.status == 403
    assert (await invite_row(world, link.invite_id)).status == "invited"
    assert await answer_events(world, link.invite_id) == []


async def test_tampered_truncated_and_foreign_links_get_400(world_api: TestClient,
                                                            world: World) -> None:
    link = await invitation(world)
    good = link.token
    flipped = good[:-3] + ("A" if good[-3] != "A" else "B") + good[-2:]
    foreign = LinkSigner(["another-installation-key-0123456789abcdef"]).invite_token(
        InviteLink(link.invite_id, link.contact_id, 1))
    # Our key, but a token made for another purpose.
    other_purpose = world.container.signer.sign(LinkPurpose.FORM, [link.invite_id,
                                                                   link.contact_id, 1])
    for token in (flipped, good[:-5], good.split(".")[0], foreign, other_purpose, "x"):
        for method in ("GET", "POST"):
            response = await world_api.request(method, f"/a/{token}/yes",
                                               data={"csrf_token": "x"})
            assert response.status == 400, (token, method)
            assert "This link is not valid" in await response.text()
    assert (await invite_row(world, link.invite_id)).status == "invited"


async def test_a_replaced_link_or_a_removed_contact_gets_403_with_the_reason(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    page = await world_api.get(link.url("yes"))
    token = form_token(await page.text())
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.Invite).where(t.Invite.id == link.invite_id)
                              .values(token_version=2))
    for response in (await world_api.get(link.url("yes")),
                     await world_api.post(link.url("yes"), data={"csrf_token": token})):
        assert response.status == 403
        assert "replaced by a newer invite" in await response.text()

    other = await invitation(world, "SC-001", send=False)
    page = await world_api.get(other.url("no"))
    token = form_token(await page.text())
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(delete(t.InvoiceContact).where(
            t.InvoiceContact.person_id == other.contact_id))
    for response in (await world_api.get(other.url("no")),
                     await world_api.post(other.url("no"), data={"csrf_token": token})):
        assert response.status == 403
        assert "no longer an invoice contact of SC-001" in await response.text()
    for invite_id in (link.invite_id, other.invite_id):
        assert (await invite_row(world, invite_id)).status == "invited"
        assert await answer_events(world, invite_id) == []


async def test_after_the_cutoff_the_page_says_whom_to_ask_and_a_post_gets_410(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    page = await world_api.get(link.url("yes"))
    token = form_token(await page.text())
    world.clock.now = CUTOFF - timedelta(seconds=1)  # 11:59:59 PM on the due date
    assert "less than a minute left" in await (await world_api.get(link.url("yes"))).text()
    world.clock.now = CUTOFF
    late = await world_api.get(link.url("yes"))
    assert late.status == 410
    html = await late.text()
    assert "The due date, November 25, 2026, has passed" in html
    assert f"ask Jordan Avery (<a href=\"mailto:{ADMIN_EMAIL}\">{ADMIN_EMAIL}</a>)" in html
    assert 'type="submit"' not in html
    post = await world_api.post(link.url("yes"), data={"csrf_token": token})
    assert post.status == 410
    assert "on your behalf" in await post.text()
    assert (await invite_row(world, link.invite_id)).status == "invited"
    assert await answer_events(world, link.invite_id) == []

    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.BillingPeriod).values(status="closed"))
    world.clock.now = CUTOFF - timedelta(days=2)
    closed = await world_api.post(link.url("yes"), data={"csrf_token": token})
    assert closed.status == 410
    assert "This billing period is closed" in await closed.text()


async def test_no_is_refused_once_an_invoice_was_sent(world_api: TestClient,
                                                      world: World) -> None:
    link = await invitation(world)
    assert (await answer(world_api, link, "yes")).status == 303
    page = await world_api.get(link.url("no"))
    token = form_token(await page.text())
    async with world.container.ctx.sessions.begin() as session:
        session.add(t.Invoice(commitment_id=link.commitment_id, number="INV-1",
                              billing_period_id=world.demo.billing_period_id,
                              status="under_review"))
    shown = await world_api.get(link.url("no"))
    assert "An invoice has already been sent" in await shown.text()
    refused = await world_api.post(link.url("no"), data={"csrf_token": token})
    assert refused.status == 409
    assert (await invite_row(world, link.invite_id)).status == "accepted"
