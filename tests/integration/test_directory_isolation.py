"""Each upstream company owns its directory (issue #11): the attacks of a rival general
contractor, made as it would make them, through its own API token and its own webhook
source, against the demo company of `world` (which already shares a contract company's
name and a contact's email with the rival, tests/support/rival.py). What we see is checked where
we see it: the API, the dashboard page, the CSV export and the invite mail. Both databases.
"""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support import rival as r
from tests.support.api import assert_error
from tests.support.directory_attacks import (
    HACKED,
    MALLORY,
    MARIA,
    OURS,
    commitment_of,
    contacts_of,
    deliver,
    json_of,
    rival_source,
    upsert,
)
from tests.support.pages import csrf_token, dashboard_url, sign_in
from tests.support.world import World


async def test_the_same_email_at_two_companies_is_two_people_each_with_its_own_name(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    rivals = await commitment_of(world_api, world.rival_headers, world.rival.commitment_id)
    assert rivals["contract_company"] == {"name": OURS}
    assert contacts_of(rivals) == [(r.RIVAL_CONTACT_NAME, r.SHARED_EMAIL)]
    ours = await commitment_of(world_api, world_headers, world.demo.commitment_ids[0])
    assert MARIA in contacts_of(ours)

    # Creating a commitment with another company's contact email answers with the name
    # the rival typed, never with ours.
    created = await json_of(await world_api.post(
        f"/api/projects/{world.rival.project_id}/commitments", headers=world.rival_headers,
        json={"number": "RC-002", "title": "Steel", "kind": "subcontract",
              "contract_company": {"name": "Ironline Steel Erectors"},
              "retainage_percent_work": "10.00", "retainage_percent_stored": "10.00",
              "sov_lines": [{"item_number": "001", "description": "Steel",
                             "scheduled_value": "1000.00"}],
              "invoice_contacts": [{"name": "Kev Typed", "email": "kevin@ironline.example"}]}),
        201)
    assert contacts_of(created) == [("Kev Typed", "kevin@ironline.example")]
    steel = await commitment_of(world_api, world_headers, world.demo.commitment_ids[1])
    assert contacts_of(steel) == [("Kevin O'Brien", "kevin@ironline.example")]
    assert steel["invoice_contacts"][0]["id"] != created["invoice_contacts"][0]["id"]

    async with world.container.ctx.sessions() as session:
        owners = (await session.execute(
            select(t.Person.name, t.Company.owner_company_id)
            .join(t.Company, t.Company.id == t.Person.company_id)
            .where(t.Person.email == r.SHARED_EMAIL).order_by(t.Person.id))).all()
    assert [tuple(row) for row in owners] == [
        ("Maria Lopez", world.admin.company_id),
        (r.RIVAL_CONTACT_NAME, world.rival.admin.company_id)]


async def test_the_rivals_webhook_source_renames_only_its_own_rows(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    secret = await rival_source(world, world_api)
    rival_project = {"number": "RCA-2026"}
    # The old two-step attack: adopt the shared company by name and give it an external
    # id (renaming the contact found by email), then rename the company by that id.
    for company, contact in (({"name": OURS, "external_id": "GRC"}, MALLORY),
                             ({"name": HACKED, "external_id": "GRC"}, MALLORY)):
        done = await deliver(world, world_api, "rival-erp", secret, "commitment.upserted",
                             upsert(rival_project, company, contact))
        assert done.status == "processed", done.reason
    rivals = await commitment_of(world_api, world.rival_headers, world.rival.commitment_id)
    assert (rivals["contract_company"]["name"], contacts_of(rivals)) == (
        HACKED, [(MALLORY, r.SHARED_EMAIL)])

    await _assert_ours_unchanged(world, world_api, world_headers)


async def _assert_ours_unchanged(world: World, api: TestClient,
                                 headers: dict[str, str]) -> None:
    """Our names in the API, the dashboard page, the CSV export and the invite mail."""
    sc001 = world.demo.commitment_ids[0]
    ours = await commitment_of(api, headers, sc001)
    assert ours["contract_company"] == {"name": OURS}
    assert MARIA in contacts_of(ours)

    await json_of(await api.post(
        f"/api/billing-periods/{world.demo.billing_period_id}/invites", headers=headers,
        json={"commitment_ids": [sc001]}), 202)
    await world.container.delivery.deliver_due()
    [mail] = [m.message for m in world.sink.handler.received if m.rcpt_tos == [MARIA[1]]]
    text = mail.get_body(("plain",)).get_content()
    assert "Maria Lopez" in str(mail["To"]) and OURS in text
    assert MALLORY not in str(mail["To"]) + text and HACKED not in text

    invoice = await json_of(await api.post(
        f"/api/commitments/{sc001}/invoices", headers=headers,
        json={"billing_period_id": world.demo.billing_period_id, "number": "INV-1",
              "billing_type": "progress", "lines": []}), 201)
    export = await api.get(f"/api/invoices/{invoice['id']}/export.csv", headers=headers)
    csv = await export.text()
    assert export.status == 200 and f"Contract company,{OURS}" in csv
    assert HACKED not in csv

    await sign_in(api, world)
    page = await api.get(dashboard_url(world))
    html = await page.text()
    assert page.status == 200 and OURS in html
    assert HACKED not in html and MALLORY not in html


async def test_each_companys_ids_answer_404_to_the_other(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    sc001, project, period = (world.demo.commitment_ids[0], world.demo.project_id,
                              world.demo.billing_period_id)
    for path in (f"/api/commitments/{sc001}", f"/api/projects/{project}",
                 f"/api/projects/{project}/commitments", f"/api/billing-periods/{period}"):
        await assert_error(await world_api.get(path, headers=world.rival_headers), 404,
                           "not_found")
    response = await world_api.post(f"/api/projects/{project}/commitments",
                                    headers=world.rival_headers, json={
                                        "number": "SC-999", "title": "x", "kind": "subcontract",
                                        "contract_company": {"name": OURS}, "sov_lines": [],
                                        "retainage_percent_work": "0.00",
                                        "retainage_percent_stored": "0.00",
                                        "invoice_contacts": []})
    await assert_error(response, 404, "not_found")
    rival = world.rival
    for path in (f"/api/commitments/{rival.commitment_id}", f"/api/projects/{rival.project_id}",
                 f"/api/billing-periods/{rival.billing_period_id}"):
        await assert_error(await world_api.get(path, headers=world_headers), 404, "not_found")
    page = await _rival_page(world, world_api, dashboard_url(world))
    assert page.status == 404


async def _rival_page(world: World, api: TestClient, path: str) -> Any:
    form = await api.get(f"/sign-in?next={path}")
    signed = await api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "next": path,
        "email": r.ADMIN_EMAIL, "password": "correct horse battery"})
    assert signed.status == 303, await signed.text()
    return await api.get(path)
