"""Control characters typed (or forged) into the pages' forms: both sign-in forms, the
invoice form, the review note and the project settings. NUL is refused by the input guard
with a 400 naming the field; other control characters by the field's reader, with the
form shown again (or a 400 page for sign-in). Nothing is written."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.answering import answer, answer_events, form_token, invitation
from tests.support.hostile_input import table_counts
from tests.support.invoicing import commitment_of, signed_in, submit
from tests.support.pages import csrf_token, dashboard_url, sign_in
from tests.support.world import World


@pytest.mark.parametrize(("path", "field"), [("/sign-in", "email"), ("/c/sign-in", "email"),
                                             ("/sign-in", "next")])
async def test_nul_on_a_sign_in_form_is_400_naming_the_field(
        world: World, world_api: TestClient, path: str, field: str) -> None:
    form = await world_api.get(path)
    data = {"csrf_token": csrf_token(await form.text()), "email": world.demo.admin_email,
            "password": world.demo.admin_password, "next": "/admin"}
    data[field] += "\x00"
    before = await table_counts(world.container)
    response = await world_api.post(path, data=data, allow_redirects=False)
    assert response.status == 400
    assert f"form field {field}: contains a NUL character (U+0000)" in await response.text()
    assert "Set-Cookie" not in response.headers or "itb_session" not in \
        response.headers["Set-Cookie"]
    assert await table_counts(world.container) == before


@pytest.mark.parametrize("path", ["/sign-in", "/c/sign-in"])
@pytest.mark.parametrize("value", ["ada@summit.example\r\nBcc: x@evil.example", "\x1b[2Jada"])
async def test_other_control_characters_on_a_sign_in_form_are_a_400_page(
        world: World, world_api: TestClient, path: str, value: str) -> None:
    form = await world_api.get(path)
    before = await table_counts(world.container)
    response = await world_api.post(path, allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "email": value, "password": "x"})
    assert response.status == 400
    html = await response.text()
    assert "The email address must not contain control characters" in html
    assert "<html" in html.lower()  # the error page, not a bare text answer
    assert await table_counts(world.container) == before


async def test_the_invoice_form_refuses_control_characters_in_the_invoice_number(
        world: World, world_api: TestClient) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    before = await table_counts(world.container)
    nul = await submit(world_api, link, {"number": "BW-\x001", f"work_{first.id}": "10"},
                       "send")
    assert nul.status == 400
    assert "form field number: contains a NUL character" in await nul.text()
    escape = await submit(world_api, link, {"number": "BW-1\x1b[8m",
                                            f"work_{first.id}": "10"}, "send")
    assert escape.status == 422
    html = await escape.text()
    assert "Invoice number must not contain control characters (found U+001B (ESC))" in html
    assert f'name="work_{first.id}"' in html  # the form again, with what was typed
    assert await table_counts(world.container) == before


async def test_a_review_note_may_span_lines_but_not_hold_other_controls(
        world: World, world_api: TestClient) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    assert (await submit(world_api, link, {"number": "BW-5", f"work_{first.id}": "100"},
                         "send")).status == 303
    await sign_in(world_api, world)
    async with world.container.ctx.sessions() as session:
        invoice_id = (await session.execute(select(t.Invoice.id))).scalar_one()
    page = await (await world_api.get(f"/admin/invoices/{invoice_id}")).text()
    before = await table_counts(world.container)
    refused = await world_api.post(f"/admin/invoices/{invoice_id}/status", data={
        "csrf_token": csrf_token(page), "status": "revise_and_resubmit",
        "note": "Split\x08 the lines"})
    assert refused.status == 422
    assert "The note must not contain control characters other than tab and line breaks" \
        in await refused.text()
    assert await table_counts(world.container) == before
    accepted = await world_api.post(f"/admin/invoices/{invoice_id}/status", data={
        "csrf_token": csrf_token(page), "status": "revise_and_resubmit",
        "note": "Split the lines:\r\n\t1. lighting\r\n\t2. power"})
    assert accepted.status == 200, await accepted.text()
    async with world.container.ctx.sessions() as session:
        invoice = await session.get(t.Invoice, invoice_id)
    assert invoice is not None and invoice.status == "revise_and_resubmit"


async def test_the_project_settings_refuse_a_control_character_in_the_message(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    page = await (await world_api.get(dashboard_url(world))).text()
    before = await table_counts(world.container)
    response = await world_api.post(
        f"/admin/projects/{world.demo.project_id}/settings", allow_redirects=False, data={
            "csrf_token": form_token(page), "days_before": "3, 1", "hour": "9",
            "max_after_due": "3", "invitation_message": "Hello\x1b]0;owned\x07"})
    assert response.status == 422
    assert "The invitation message must not contain control characters" \
        in await response.text()
    assert await table_counts(world.container) == before


async def test_a_user_agent_with_tab_and_c1_characters_is_recorded_without_them(
        world: World, world_api: TestClient) -> None:
    link = await invitation(world)
    response = await answer(world_api, link, "yes", **{"User-Agent": "Mozilla\t5.0\x85 (X)"})
    assert response.status == 303
    events = await answer_events(world, link.invite_id)
    assert [event.user_agent for event in events] == ["Mozilla5.0 (X)"]
