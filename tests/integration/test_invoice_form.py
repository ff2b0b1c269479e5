"""The contact's invoice form over HTTP: answer Yes through the real pages, then fill in,
save, send; the rules (own commitments only, the cutoff, read only once sent) and the
administrator's review pages."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from app.use_cases.demo import ADMIN_EMAIL
from domain.invoice_records import InvoiceStatus
from store import tables as t
from tests.support.answering import form_token
from tests.support.invoicing import commitment_of, form_url, signed_in, submit
from tests.support.pages import csrf_token, dashboard_url, sign_in
from tests.support.world import World


async def outbox_rows(world: World) -> list[t.OutboxMessage]:
    async with world.container.ctx.sessions() as session:
        return list((await session.execute(select(t.OutboxMessage).order_by(
            t.OutboxMessage.id))).scalars())


async def test_the_form_explains_and_marks_the_entered_cells(world_api: TestClient,
                                                             world: World) -> None:
    link = await signed_in(world, world_api)
    html = await (await world_api.get(form_url(link))).text()
    lines = (await commitment_of(world, link)).sov_lines
    assert "New invoice for SC-003 Electrical" in html
    assert "Brightwire Electric" in html  # the contract company, read only
    for line in lines:
        assert f'name="work_{line.id}"' in html and f'name="stored_{line.id}"' in html
    assert html.count('class="entered-input"') == 3 * len(lines)
    assert "Materials presently stored" in html and "not yet installed" in html
    assert "holds back until the work is finished" in html
    assert "Save as Draft" in html and 'value="send"' in html


async def test_a_draft_keeps_what_was_entered_and_errors_keep_what_was_typed(
        world_api: TestClient, world: World) -> None:
    link = await signed_in(world, world_api)
    first, second = (await commitment_of(world, link)).sov_lines[:2]
    wrong = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": "12x",
                                           f"stored_{second.id}": "2500"}, "draft")
    assert wrong.status == 422
    html = await wrong.text()
    assert f"Item {first.item_number}: work completed this period is not a number" in html
    assert 'value="12x"' in html and 'value="2500"' in html and 'value="BW-7"' in html

    too_much = str(first.scheduled_value + 1)
    past = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": too_much},
                        "draft")
    assert past.status == 422
    html = await past.text()
    assert "a line cannot be billed past 100 %" in html and f'value="{too_much}"' in html

    saved = await submit(world_api, link, {"number": "BW-7", f"work_{first.id}": "1,000.50",
                                           f"stored_{second.id}": "2500"}, "draft")
    assert saved.status == 303 and saved.headers["Location"].endswith("?saved=draft")
    html = await (await world_api.get(saved.headers["Location"])).text()
    assert "Your draft is saved" in html and ">Draft<" in html
    assert 'value="1000.50"' in html and 'value="2500.00"' in html
    assert not [row for row in await outbox_rows(world) if row.template == "invoice_submitted"]


async def test_send_puts_it_under_review_read_only_and_tells_the_administrator(
        world_api: TestClient, world: World) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    sent = await submit(world_api, link, {"number": "BW-8", f"work_{first.id}": "1000"},
                        "send")
    assert sent.status == 303, await sent.text()
    html = await (await world_api.get(sent.headers["Location"])).text()
    assert "Under Review" in html and "it is read only" in html
    assert 'class="entered-input"' not in html and "Save as Draft" not in html

    again = await world_api.post(form_url(link), allow_redirects=False, data={
        "csrf_token": form_token(html), "action": "draft", "number": "BW-9"})
    assert again.status == 422
    assert "read only while it is reviewed" in await again.text()

    rows = await outbox_rows(world)
    events = [row.payload for row in rows if row.kind == "event"
              and row.payload["type"] == "invoice.submitted"]
    assert len(events) == 1 and events[0]["data"]["number"] == "BW-8"
    assert events[0]["data"]["current_payment_due"] == "900.00"  # 10 % retainage held
    await world.container.delivery.deliver_due()
    mails = [r.message for r in world.sink.handler.received if r.rcpt_tos == [ADMIN_EMAIL]]
    assert len(mails) == 1
    assert "invoice BW-8 from Brightwire Electric is ready for review" in mails[0]["Subject"]


async def test_a_contact_sees_only_their_commitments(world_api: TestClient,
                                                     world: World) -> None:
    link = await signed_in(world, world_api)
    for other in world.demo.commitment_ids:
        if other == link.commitment_id:
            continue
        page = await world_api.get(f"/c/commitments/{other}/invoices/new")
        assert page.status == 404
        token = form_token(await (await world_api.get(form_url(link))).text())
        posted = await world_api.post(f"/c/commitments/{other}/invoices/new",
                                      data={"csrf_token": token, "number": "X"})
        assert posted.status == 404


async def test_no_invoice_after_the_cutoff_but_the_administrator_may(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    link = await signed_in(world, world_api)
    page = await world_api.get(form_url(link))
    token = form_token(await page.text())
    world.clock.advance(days=16)  # Nov 26 in Chicago: past the due date
    late = await world_api.post(form_url(link), allow_redirects=False, data={
        "csrf_token": token, "action": "send", "number": "BW-1"})
    assert late.status == 410
    assert "due date" in await late.text()
    html = await (await world_api.get(form_url(link))).text()
    assert "enter the invoice on your behalf" in html and "Save as Draft" not in html

    on_behalf = await world_api.post(
        f"/api/commitments/{link.commitment_id}/invoices", headers=world_headers,
        json={"billing_period_id": world.demo.billing_period_id, "number": "BW-1",
              "lines": []})
    assert on_behalf.status == 201, await on_behalf.text()
    assert (await on_behalf.json())["status"] == "under_review"


async def test_the_administrator_reviews_and_returns_it_with_a_note(
        world_api: TestClient, world: World) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    await submit(world_api, link, {"number": "BW-2", f"work_{first.id}": "500"}, "send")
    async with world.container.ctx.sessions() as session:
        invoice = (await session.execute(select(t.Invoice))).scalars().one()
    review = await world.container.invoices.change_status(
        world.admin, invoice.id or 0, InvoiceStatus.REVISE_AND_RESUBMIT,
        "Split the lighting line.")
    assert review.status.value == "revise_and_resubmit"
    await world.container.delivery.deliver_due()
    returned = [r.message for r in world.sink.handler.received
                if "please revise invoice BW-2" in r.message["Subject"]]
    assert returned and "Split the lighting line." in returned[0].get_body(
        ("plain",)).get_content()
    html = await (await world_api.get(form_url(link))).text()
    assert "Returned for revision" in html and "Split the lighting line." in html
    resent = await submit(world_api, link, {"number": "BW-2", f"work_{first.id}": "600"},
                          "send")
    assert resent.status == 303


async def test_the_review_pages_list_open_and_approve(world_api: TestClient,
                                                      world: World) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    await submit(world_api, link, {"number": "BW-3", f"work_{first.id}": "2000"}, "send")
    admin = world_api  # one browser, both sessions: their cookies differ
    await sign_in(admin, world)
    dashboard = await (await admin.get(dashboard_url(world))).text()
    assert f"/admin/periods/{world.demo.billing_period_id}/invoices" in dashboard
    listing = await admin.get(f"/admin/periods/{world.demo.billing_period_id}/invoices")
    html = await listing.text()
    assert "BW-3" in html and "Under Review" in html and "1,800.00" in html
    async with world.container.ctx.sessions() as session:
        invoice_id = (await session.execute(select(t.Invoice.id))).scalar_one()
    page = await (await admin.get(f"/admin/invoices/{invoice_id}")).text()
    assert "Brightwire Electric" in page and "2,000.00" in page
    needs_note = await admin.post(f"/admin/invoices/{invoice_id}/status", data={
        "csrf_token": csrf_token(page), "status": "revise_and_resubmit", "note": ""})
    assert needs_note.status == 422
    assert "say in the note what the contact should revise" in await needs_note.text()
    approved = await admin.post(f"/admin/invoices/{invoice_id}/status", data={
        "csrf_token": csrf_token(page), "status": "approved", "note": ""})
    assert approved.status == 200 and "The status is changed." in await approved.text()
    csv = await admin.get(f"/admin/invoices/{invoice_id}/export.csv")
    assert "Current payment due,1800.00" in await csv.text()
    html = await (await world_api.get(form_url(link))).text()
    assert ">Approved<" in html and "it is read only" in html
