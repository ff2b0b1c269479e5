"""The commitment pages, signed in, on both databases: creating one, its details with the
contract company from the directory, invoice contacts (removal revokes the open invite's
links), the SOV editor (edit, add, remove, reorder; refused rows keep what was typed;
locked by the first invoice, then change orders only), closing; and the rival's signed-in
administrator and a stranger on each page and form."""

from __future__ import annotations

from decimal import Decimal

from aiohttp.test_utils import TestClient

from domain.invoice_records import BillingType, InvoiceEntry, LineEntry
from tests.support import rival
from tests.support.directory import (
    CLEARFLOW,
    LUIS,
    commitment_by_number,
    company_by_name,
    directory_snapshot,
    form_post,
    invite_everyone_and_deliver,
    invite_of,
    person_by_email,
    sign_in_as,
)
from tests.support.pages import sign_in
from tests.support.world import World

DETAILS = {"number": "SC-004", "title": "Plumbing", "kind": "subcontract",
           "contract_company_id": "", "new_company": "", "retainage_percent_work": "10.00",
           "retainage_percent_stored": "10.00", "stored_separately": "on"}


def sov_form(rows: list[tuple[str, str, str, str, str]],
             removed: tuple[int, ...] = ()) -> list[tuple[str, str]]:
    fields = [("row_count", str(len(rows)))]
    for index, (order, item, code, description, value) in enumerate(rows):
        fields += [(f"row-{index}-order", order), (f"row-{index}-item", item),
                   (f"row-{index}-code", code), (f"row-{index}-description", description),
                   (f"row-{index}-value", value)]
        if index in removed:
            fields.append((f"row-{index}-remove", "on"))
    return fields


async def test_a_commitment_is_created_and_its_details_changed(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    clearflow = await company_by_name(world, CLEARFLOW)
    new = f"/admin/projects/{world.demo.project_id}/commitments/new"
    refused = await form_post(world_api, new, new, {**DETAILS, "number": "SC-001"})
    html = await refused.text()
    assert refused.status == 422  # no company chosen
    assert 'id="f-contract_company_id-error"' in html and 'value="SC-001"' in html
    taken = await form_post(world_api, new, new, {
        **DETAILS, "number": "SC-001", "contract_company_id": str(clearflow.id)})
    assert taken.status == 409 and "already exists" in await taken.text()
    created = await form_post(world_api, new, new, {
        **DETAILS, "number": "SC-010", "title": "Glazing", "new_company": "Apex Glazing"})
    assert created.status == 303
    path = created.headers["Location"].split("?")[0]
    page = await (await world_api.get(created.headers["Location"])).text()
    assert "SC-010 Glazing" in page and "Apex Glazing" in page
    bad = await form_post(world_api, path, path, {
        **DETAILS, "number": "SC-010", "title": "Glazing",
        "contract_company_id": str(clearflow.id), "retainage_percent_work": "ten"})
    html = await bad.text()
    assert bad.status == 422 and 'id="f-retainage_percent_work-error"' in html
    assert 'value="ten"' in html
    moved = await form_post(world_api, path, path, {
        **DETAILS, "number": "SC-010", "title": "Glazing and doors",
        "contract_company_id": str(clearflow.id), "retainage_percent_work": "5"})
    assert moved.status == 303
    page = await (await world_api.get(path)).text()
    assert "Glazing and doors" in page
    assert f'href="/admin/directory/companies/{clearflow.id}"' in page


async def test_the_sov_editor_edits_reorders_removes_and_adds_until_the_first_invoice(
        world: World, world_api: TestClient) -> None:
    await sign_in(world_api, world)
    sc004 = await commitment_by_number(world, "SC-004")
    path = f"/admin/commitments/{sc004.id}"
    rows = [("3", "22-1100", "22-1100", "Domestic water piping", "52800.00"),
            ("1", "22-1300", "22-1300", "Sanitary waste and vent", "47300.00"),
            ("2", "22-4000", "22-4000", "Plumbing fixtures", "40000.00"),
            ("4", "22-6300", "22-6300", "Medical gas", "66000.00"),
            ("5", "22-7000", "", "Testing", "1,500")]
    wrong = await form_post(world_api, path, f"{path}/sov", sov_form(
        [*rows[:4], ("5", "22-7000", "", "", "lots")]))
    html = await wrong.text()
    assert wrong.status == 422 and "The description is required." in html
    assert 'value="lots"' in html and 'value="Medical gas"' in html
    saved = await form_post(world_api, path, f"{path}/sov", sov_form(rows, removed=(3,)))
    assert saved.status == 303
    commitment = await world.container.commitments.get(world.admin, sc004.id)
    assert [(x.item_number, x.scheduled_value) for x in commitment.sov_lines] == [
        ("22-1300", Decimal("47300.00")), ("22-4000", Decimal("40000.00")),
        ("22-1100", Decimal("52800.00")), ("22-7000", Decimal("1500.00"))]
    # The first invoice (entered on the contact's behalf) locks the schedule.
    first_line = commitment.sov_lines[0].id
    assert first_line is not None
    await world.container.invoices.create_on_behalf(world.admin, sc004.id, InvoiceEntry(
        world.demo.billing_period_id, "INV-1", BillingType.PROGRESS,
        (LineEntry(first_line, work_completed_this_period=Decimal("100")),)))
    page = await (await world_api.get(path)).text()
    assert "only change-order lines may be added" in page and "row-0-order" not in page
    locked = await form_post(world_api, path, f"{path}/sov", sov_form(rows[:1]))
    assert locked.status == 409 and "only change-order lines may be added" in await locked.text()
    co = await form_post(world_api, path, f"{path}/change-orders", {
        "co_item": "CO-1", "co_description": "Added backflow preventer", "co_value": "2500"})
    assert co.status == 303
    after = await world.container.commitments.get(world.admin, sc004.id)
    assert len(after.sov_lines) == 5 and after.sov_lines[-1].change_order


async def test_contacts_from_the_page_and_removal_revokes_links_then_closing(
        world: World, world_api: TestClient) -> None:
    await invite_everyone_and_deliver(world)
    await sign_in(world_api, world)
    sc004 = await commitment_by_number(world, "SC-004")
    path = f"/admin/commitments/{sc004.id}"
    missing = await form_post(world_api, path, f"{path}/contacts", {"person_id": "",
                                                                     "name": "", "email": ""})
    assert missing.status == 422 and 'id="f-person_id-error"' in await missing.text()
    added = await form_post(world_api, path, f"{path}/contacts", {
        "person_id": "", "name": "Rosa Romero", "email": "rosa@clearflow.example"})
    assert added.status == 303
    luis = await person_by_email(world, LUIS)
    version = (await invite_of(world, sc004.id)).token_version
    removed = await form_post(world_api, path, f"{path}/contacts/{luis.id}/remove", {})
    assert removed.status == 303
    assert (await invite_of(world, sc004.id)).token_version == version + 1
    commitment = await world.container.commitments.get(world.admin, sc004.id)
    assert [c.email for c in commitment.invoice_contacts] == ["rosa@clearflow.example"]
    closed = await form_post(world_api, path, f"{path}/close", {})
    assert closed.status == 303
    page = await (await world_api.get(path)).text()
    assert "This commitment is closed." in page and f'action="{path}/close"' not in page


async def test_the_rival_and_a_stranger_get_nothing_from_our_commitment_pages(
        world: World, world_api: TestClient) -> None:
    sc004 = await commitment_by_number(world, "SC-004")
    luis = await person_by_email(world, LUIS)
    path = f"/admin/commitments/{sc004.id}"
    posts = [(path, {**DETAILS, "contract_company_id": str(sc004.contract_company_id)}),
             (f"{path}/contacts", {"person_id": "", "name": "Mole", "email": "m@evil.example"}),
             (f"{path}/contacts/{luis.id}/remove", {}),
             (f"{path}/sov", dict(sov_form([("1", "X", "", "Taken", "1")]))),
             (f"{path}/change-orders", {"co_item": "CO-9", "co_description": "Mine",
                                        "co_value": "1"}),
             (f"{path}/close", {})]
    before = await directory_snapshot(world)
    for action, data in posts:
        response = await form_post(world_api, "/sign-in", action, data)
        assert (response.status, response.headers["Location"][:8]) == (303, "/sign-in")
    await sign_in_as(world_api, rival.ADMIN_EMAIL, rival.ADMIN_PASSWORD)
    assert (await world_api.get(path)).status == 404
    assert (await world_api.get(
        f"/admin/projects/{world.demo.project_id}/commitments/new")).status == 404
    for action, data in posts:
        response = await form_post(world_api, "/admin/directory", action, data)
        assert response.status == 404, action
    # Its own commitment given our company or our contact: not found either.
    theirs = f"/admin/commitments/{world.rival.commitment_id}"
    stolen = await form_post(world_api, theirs, theirs, {
        **DETAILS, "number": "RC-001", "contract_company_id": str(sc004.contract_company_id)})
    assert stolen.status == 404
    grabbed = await form_post(world_api, theirs, f"{theirs}/contacts", {
        "person_id": str(luis.id), "name": "", "email": ""})
    assert grabbed.status == 404
    assert await directory_snapshot(world) == before
