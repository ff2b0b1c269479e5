"""Invite types end to end (issue 15, items 1 and 5): chosen at Send Invites (API, dashboard,
inbound webhook), stored on the invite and in its log, mailed over SMTP beside the
commitment, shown on the answer page; a bad type, a rival and a stranger write nothing."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from store import tables as t
from tests.support.answering import invitation
from tests.support.api import assert_error, get_json, invites_path
from tests.support.invite_types import MAIL_WORDS, PAGE_WORDS, invite_typed
from tests.support.mail import text_and_html
from tests.support.pages import post_send, send_form, sign_in
from tests.support.reminding import NOV_22_8AM
from tests.support.webhooking import counts, new_id, post_event, received, rows
from tests.support.world import World


async def test_each_type_is_stored_logged_mailed_and_shown_on_the_answer_page(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    period = world.demo.billing_period_id
    kinds = dict(zip(world.demo.commitment_ids[:4], MAIL_WORDS, strict=True))
    for commitment_id, kind in kinds.items():
        response = await invite_typed(world_api, world_headers, period, [commitment_id], kind)
        assert response.status == 202, await response.text()
    await world.container.delivery.deliver_due()
    listed = {item["commitment_id"]: item
              for item in (await get_json(world_api, world_headers, invites_path(world)))["items"]}
    for commitment_id, kind in kinds.items():
        item = listed[commitment_id]
        assert item["invoice_type"] == kind
        invite = await get_json(world_api, world_headers, f"/api/invites/{item['invite_id']}")
        assert invite["invoice_type"] == kind
        assert [(e["kind"], e["detail"]["invoice_type"]) for e in invite["events"]] == [
            ("invited", kind)]
        number = item["commitment_number"]
        mails = [text_and_html(r.message) for r in world.sink.handler.received
                 if f"{number} \u2013 " in text_and_html(r.message)[0]]
        assert mails, f"no invite mail for {number}"
        for text, html in mails:
            assert f"Invoice type: {MAIL_WORDS[kind][0]}" in text
            assert f">{MAIL_WORDS[kind][0]}</td>" in html
        link = await invitation(world, number, send=False)
        page = await world_api.get(link.url("yes"))
        assert page.status == 200
        assert f'data-invoice-type="{kind}">{PAGE_WORDS[kind]}</dd>' in await page.text()
    not_invited = listed[world.demo.commitment_ids[4]]
    assert not_invited["invoice_type"] is None


async def test_a_resend_may_change_the_type_and_the_log_says_so(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    period, commitment_id = world.demo.billing_period_id, world.demo.commitment_ids[2]
    first = await invite_typed(world_api, world_headers, period, [commitment_id],
                               "work_and_materials")
    assert first.status == 202
    await world.container.delivery.deliver_due()
    first_mails = len(world.sink.handler.received)
    again = await invite_typed(world_api, world_headers, period, [commitment_id], "final")
    assert (await again.json())["resent"] == 1
    listed = (await get_json(world_api, world_headers, invites_path(world)))["items"]
    [item] = [i for i in listed if i["commitment_id"] == commitment_id]
    invite = await get_json(world_api, world_headers, f"/api/invites/{item['invite_id']}")
    assert invite["invoice_type"] == "final"
    assert [(e["kind"], e["detail"]["invoice_type"]) for e in invite["events"]] == [
        ("invited", "work_and_materials"), ("resent", "final")]
    await world.container.delivery.deliver_due()
    texts = [text_and_html(r.message)[0] for r in world.sink.handler.received]
    assert len(texts) == 2 * first_mails
    assert all("Invoice type: Work and materials" in text for text in texts[:first_mails])
    assert all("Invoice type: Final invoice" in text for text in texts[first_mails:])


async def test_french_projects_mail_the_type_in_french(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    async with world.container.ctx.sessions.begin() as session:
        project = await session.get(t.Project, world.demo.project_id)
        assert project is not None
        project.locale = "fr-CA"
    response = await invite_typed(world_api, world_headers, world.demo.billing_period_id,
                                  [world.demo.commitment_ids[0]], "retainage_release")
    assert response.status == 202
    await world.container.delivery.deliver_due()
    [text] = {text_and_html(r.message)[0] for r in world.sink.handler.received[:1]}
    assert "Type de facture : Libération de la retenue de garantie" in text


async def test_the_api_refuses_a_bad_type_and_a_rival_or_stranger_writes_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await counts(world)
    bad = await world_api.post(invites_path(world), headers=world_headers,
                               json={"all": True, "invoice_type": "partial"})
    error = await assert_error(bad, 422)
    assert "invoice_type" in error["message"]
    rival = await world_api.post(invites_path(world), headers=world.rival_headers,
                                 json={"all": True, "invoice_type": "final"})
    await assert_error(rival, 404)
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        stranger = await world_api.post(invites_path(world), headers=headers,
                                        json={"all": True, "invoice_type": "final"})
        assert stranger.status == 401
    assert await counts(world) == before


async def test_the_webhook_command_takes_the_type_and_refuses_a_bad_one(
        world: World, world_api: TestClient) -> None:
    before = await counts(world)
    webhook_id = new_id()
    bad = await post_event(world_api, "invites.requested", {
        "billing_period_id": world.demo.billing_period_id, "all": True,
        "invoice_type": "partial"}, webhook_id=webhook_id)
    assert bad.status == 422
    assert "invoice_type" in (await bad.json())["error"]["message"]
    assert (await received(world, webhook_id)).status == "rejected"
    after = await counts(world)
    assert after == {**before, "received_webhook": before["received_webhook"] + 1}

    webhook_id = new_id()
    good = await post_event(world_api, "invites.requested", {
        "billing_period_id": world.demo.billing_period_id,
        "commitments": [{"id": world.demo.commitment_ids[0]}],
        "invoice_type": "final"}, webhook_id=webhook_id)
    assert good.status == 202, await good.text()
    await world.container.webhooks.work.run_due()
    assert (await received(world, webhook_id)).status == "processed"
    [invite] = await rows(world, t.Invite, t.Invite.commitment_id == world.demo.commitment_ids[0])
    assert invite.invoice_type == "final"


async def test_the_dashboard_sends_the_chosen_type_and_keeps_it_when_refused(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    page = await (await world_api.get(f"/admin/projects/{world.demo.project_id}")).text()
    assert '<select id="invoice_type" name="invoice_type">' in page
    assert '<option value="work_and_materials" selected>Work and materials</option>' in page
    before = await counts(world)
    bad = await post_send(world_api, world, await send_form(
        world_api, world, [world.demo.commitment_ids[0]], invoice_type="partial"))
    assert bad.status == 422
    assert "Unknown invoice type &#39;partial&#39;" in await bad.text()
    assert await counts(world) == before

    sent = await post_send(world_api, world, await send_form(
        world_api, world, [world.demo.commitment_ids[0]], invoice_type="retainage_release"))
    assert sent.status == 303, await sent.text()
    [invite] = await rows(world, t.Invite, t.Invite.commitment_id == world.demo.commitment_ids[0])
    assert invite.invoice_type == "retainage_release"
    [event] = await rows(world, t.InviteEvent, t.InviteEvent.invite_id == invite.id)
    assert (event.channel, event.detail["invoice_type"]) == ("dashboard", "retainage_release")


async def test_reminders_say_the_invite_type(world: World, world_api: TestClient,
                                             world_headers: dict[str, str]) -> None:
    sc003 = world.demo.commitment_ids[2]  # Priya Shah of Brightwire Electric
    response = await invite_typed(world_api, world_headers, world.demo.billing_period_id,
                                  [sc003], "work_materials_and_retainage")
    assert response.status == 202
    await world.container.delivery.deliver_due()
    invites = len(world.sink.handler.received)
    world.clock.now = NOV_22_8AM
    await world.container.reminders.scan()
    await world.container.delivery.deliver_due()
    reminders = [r.message for r in world.sink.handler.received[invites:]]
    assert reminders and all(m["Subject"].startswith("Reminder: ") for m in reminders)
    for message in reminders:
        text, html = text_and_html(message)
        assert "SC-003 \u2013 Electrical\r\nInvoice type: Work, materials and retainage" in text
        assert ">Work, materials and retainage</td>" in html


async def test_the_administrators_invite_page_shows_the_type_and_hides_it_from_a_rival(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    response = await invite_typed(world_api, world_headers, world.demo.billing_period_id,
                                  [world.demo.commitment_ids[0]], "final")
    assert response.status == 202
    [invite] = await rows(world, t.Invite, t.Invite.commitment_id == world.demo.commitment_ids[0])
    await sign_in(world_api, world)
    page = await world_api.get(f"/admin/invites/{invite.id}")
    assert page.status == 200
    assert '<dt>Invoice type</dt><dd data-invoice-type="final">Final</dd>' in await page.text()
    rival = await world_api.get(f"/api/invites/{invite.id}", headers=world.rival_headers)
    await assert_error(rival, 404)
