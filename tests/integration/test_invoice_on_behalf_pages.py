"""The administrator enters an invoice on a contact's behalf from the period's invoice
list: the same fields and arithmetic as the contact's form, at any time (after the due
date too), never for a closed period; the invoice records who entered it (pages and API).
Another company's administrator and a stranger change nothing."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from app.use_cases.demo import ADMIN_EMAIL
from store import tables as t
from tests.support.invoicing import signed_in, submit
from tests.support.on_behalf import (
    commitment_id,
    invoice_count,
    lines_of,
    on_behalf_url,
    sign_in_rival,
)
from tests.support.pages import csrf_token, sign_in
from tests.support.world import World


async def test_enter_an_invoice_after_the_due_date_and_it_says_who_entered_it(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await sign_in(world_api, world)
    period = world.demo.billing_period_id
    listing = await (await world_api.get(f"/admin/periods/{period}/invoices")).text()
    sc004 = await commitment_id(world, "SC-004")
    assert on_behalf_url(period, sc004) in listing and "Enter invoice" in listing
    world.clock.advance(days=20)  # well past the due date in Chicago
    form = await world_api.get(on_behalf_url(period, sc004))
    html = await form.text()
    assert form.status == 200 and "Enter invoice for SC-004" in html
    first, second = (await lines_of(world, "SC-004"))[:2]
    assert f'name="work_{first}"' in html and 'class="entered-input"' in html
    entered = await world_api.post(on_behalf_url(period, sc004), allow_redirects=False, data={
        "csrf_token": csrf_token(html), "number": "OB-1", f"work_{first}": "12,500",
        f"stored_{second}": "3000"})
    assert entered.status == 303, await entered.text()
    location = entered.headers["Location"]
    assert location.endswith("?entered=1")
    review = await (await world_api.get(location)).text()
    assert "Under Review" in review and "Jordan Avery" in review and ADMIN_EMAIL in review
    assert "13,950.00" in review  # 12,500 + 3,000 less 10 % retainage on both
    invoice_id = int(location.split("/")[-1].split("?")[0])
    api = await (await world_api.get(f"/api/invoices/{invoice_id}",
                                      headers=world_headers)).json()
    assert api["on_behalf"] is True
    assert api["entered_by"] == {"person_id": world.admin.person_id, "name": "Jordan Avery",
                                 "email": ADMIN_EMAIL}
    assert api["summary"]["current_payment_due"] == "13950.00"
    # Once entered, the list links to the invoice and the form leads there too.
    again = await world_api.get(on_behalf_url(period, sc004), allow_redirects=False)
    assert (again.status, again.headers["Location"]) == (303, f"/admin/invoices/{invoice_id}")


async def test_a_contacts_own_invoice_has_no_entered_by(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    link = await signed_in(world, world_api)
    first = (await lines_of(world, "SC-003"))[0]
    assert (await submit(world_api, link, {"number": "C-1", f"work_{first}": "10"},
                         "send")).status == 303
    async with world.container.ctx.sessions() as session:
        invoice_id = (await session.execute(select(t.Invoice.id))).scalar_one()
    api = await (await world_api.get(f"/api/invoices/{invoice_id}",
                                      headers=world_headers)).json()
    assert api["on_behalf"] is False and api["entered_by"] is None


async def test_bad_figures_keep_what_was_typed_and_write_nothing(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    period, sc004 = world.demo.billing_period_id, await commitment_id(world, "SC-004")
    first = (await lines_of(world, "SC-004"))[0]
    html = await (await world_api.get(on_behalf_url(period, sc004))).text()
    for fields, message in (
            ({"number": "OB-2", f"work_{first}": "12x"}, "is not a number"),
            ({"number": "OB-2", f"work_{first}": "99999999"},
             "a line cannot be billed past 100 %"),
            ({"number": "", f"work_{first}": "10"}, "invoice number")):
        wrong = await world_api.post(on_behalf_url(period, sc004), allow_redirects=False,
                                     data={"csrf_token": csrf_token(html), **fields})
        text = await wrong.text()
        assert wrong.status == 422, text
        assert message in text.lower() or message in text
        assert f'value="{fields[f"work_{first}"]}"' in text
        assert "The invoice was not entered" in text
    assert await invoice_count(world) == 0
    no_token = await world_api.post(on_behalf_url(period, sc004), allow_redirects=False,
                                    data={"number": "OB-3"})
    assert no_token.status in (400, 403)
    assert await invoice_count(world) == 0


async def test_a_closed_period_is_refused_with_a_message(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    await sign_in(world_api, world)
    period, sc004 = world.demo.billing_period_id, await commitment_id(world, "SC-004")
    html = await (await world_api.get(on_behalf_url(period, sc004))).text()
    closed = await world_api.patch(f"/api/billing-periods/{period}", headers=world_headers,
                                   json={"status": "closed"})
    assert closed.status == 200, await closed.text()
    shown = await world_api.get(on_behalf_url(period, sc004))
    text = await shown.text()
    assert shown.status == 409 and "This billing period is closed" in text
    assert 'class="entered-input"' not in text
    posted = await world_api.post(on_behalf_url(period, sc004), allow_redirects=False,
                                  data={"csrf_token": csrf_token(html), "number": "OB-9"})
    assert posted.status == 409 and "closed" in await posted.text()
    assert await invoice_count(world) == 0
    listing = await (await world_api.get(f"/admin/periods/{period}/invoices")).text()
    assert on_behalf_url(period, sc004) not in listing


async def test_another_company_and_a_stranger_cannot_open_or_enter(
        world_api: TestClient, world: World) -> None:
    period, sc004 = world.demo.billing_period_id, await commitment_id(world, "SC-004")
    url = on_behalf_url(period, sc004)
    stranger = await world_api.get(url, allow_redirects=False)
    assert (stranger.status, stranger.headers["Location"][:8]) == (303, "/sign-in")
    form = await world_api.get("/sign-in")
    posted = await world_api.post(url, allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "number": "X-1"})
    assert (posted.status, posted.headers.get("Location", "")[:8]) == (303, "/sign-in")

    token = await sign_in_rival(world_api)
    for path in (url, f"/admin/periods/{period}/invoices",
                 # the rival's own period with our commitment, and ours with theirs
                 on_behalf_url(world.rival.billing_period_id, sc004),
                 on_behalf_url(period, world.rival.commitment_id)):
        assert (await world_api.get(path)).status == 404, path
        entered = await world_api.post(path, data={"csrf_token": token, "number": "R-1"})
        assert entered.status in (404, 405), path
    assert await invoice_count(world) == 0
    # The rival's own commitment works for the rival.
    own = await world_api.get(on_behalf_url(world.rival.billing_period_id,
                                            world.rival.commitment_id))
    assert own.status == 200 and "Enter invoice for RC-001" in await own.text()


async def test_malformed_ids_answer_400(world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    response = await world_api.get("/admin/periods/1x/commitments/2/invoice")
    assert response.status == 400
