"""Each upstream company owns its directory (issue #11): the attacks of a rival general
contractor, made as it would make them, through its own API token and its own webhook
source, against the demo company of `world` (which already shares a contract company's
name and a contact's email with the rival, tests/rival.py). Both databases."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests import rival as r
from tests.conftest import World
from tests.integration.test_api_projects import assert_error
from tests.integration.test_pages_admin import dashboard_url, sign_in
from tests.integration.webhooking import counts, event_body, new_id, received, signed_headers

OURS, HACKED, MALLORY = "Granite Ridge Concrete", "Hacked Concrete", "Mallory Renamed"
MARIA = ("Maria Lopez", r.SHARED_EMAIL)


async def _json(response: Any, status: int = 200) -> Any:
    assert response.status == status, await response.text()
    return await response.json()


async def _commitment(api: TestClient, headers: dict[str, str], commitment_id: int) -> Any:
    return await _json(await api.get(f"/api/commitments/{commitment_id}", headers=headers))


def _contacts(commitment: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["name"], c["email"]) for c in commitment["invoice_contacts"]]


async def _rival_source(world: World, api: TestClient) -> str:
    created = await _json(await api.post("/api/webhook-sources", headers=world.rival_headers,
                                         json={"name": "rival-erp"}), 201)
    secret: str = created["secret"]
    return secret


async def _deliver(world: World, api: TestClient, source: str, secret: str, event_type: str,
                   data: dict[str, Any]) -> t.ReceivedWebhook:
    body, webhook_id = event_body(event_type, data), new_id()
    response = await api.post(f"/webhooks/{source}", data=body, headers=signed_headers(
        body, secret=secret, webhook_id=webhook_id))
    assert response.status == 202, await response.text()
    await world.container.webhooks.work.run_due()
    return await received(world, webhook_id)


def _upsert(project: dict[str, Any], company: dict[str, str], contact: str, *,
            number: str = "RC-001", external_id: str = "RIV-1",
            email: str = r.SHARED_EMAIL) -> dict[str, Any]:
    return {"project": project, "external_id": external_id, "number": number,
            "title": "Foundations", "kind": "subcontract", "contract_company": company,
            "retainage_percent_work": "10.00", "retainage_percent_stored": "10.00",
            "sov_lines": [{"item_number": "001", "description": "Footings",
                           "scheduled_value": "50000.00"}],
            "invoice_contacts": [{"name": contact, "email": email}]}


async def test_the_same_email_at_two_companies_is_two_people_each_with_its_own_name(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    rivals = await _commitment(world_api, world.rival_headers, world.rival.commitment_id)
    assert rivals["contract_company"] == {"name": OURS}
    assert _contacts(rivals) == [(r.RIVAL_CONTACT_NAME, r.SHARED_EMAIL)]
    ours = await _commitment(world_api, world_headers, world.demo.commitment_ids[0])
    assert MARIA in _contacts(ours)

    # Creating a commitment with another company's contact email answers with the name
    # the rival typed, never with ours.
    created = await _json(await world_api.post(
        f"/api/projects/{world.rival.project_id}/commitments", headers=world.rival_headers,
        json={"number": "RC-002", "title": "Steel", "kind": "subcontract",
              "contract_company": {"name": "Ironline Steel Erectors"},
              "retainage_percent_work": "10.00", "retainage_percent_stored": "10.00",
              "sov_lines": [{"item_number": "001", "description": "Steel",
                             "scheduled_value": "1000.00"}],
              "invoice_contacts": [{"name": "Kev Typed", "email": "kevin@ironline.example"}]}),
        201)
    assert _contacts(created) == [("Kev Typed", "kevin@ironline.example")]
    steel = await _commitment(world_api, world_headers, world.demo.commitment_ids[1])
    assert _contacts(steel) == [("Kevin O'Brien", "kevin@ironline.example")]
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
    secret = await _rival_source(world, world_api)
    rival_project = {"number": "RCA-2026"}
    # The old two-step attack: adopt the shared company by name and give it an external
    # id (renaming the contact found by email), then rename the company by that id.
    for company, contact in (({"name": OURS, "external_id": "GRC"}, MALLORY),
                             ({"name": HACKED, "external_id": "GRC"}, MALLORY)):
        done = await _deliver(world, world_api, "rival-erp", secret, "commitment.upserted",
                              _upsert(rival_project, company, contact))
        assert done.status == "processed", done.reason
    rivals = await _commitment(world_api, world.rival_headers, world.rival.commitment_id)
    assert (rivals["contract_company"]["name"], _contacts(rivals)) == (
        HACKED, [(MALLORY, r.SHARED_EMAIL)])

    await _assert_ours_unchanged(world, world_api, world_headers)


async def _assert_ours_unchanged(world: World, api: TestClient,
                                 headers: dict[str, str]) -> None:
    """Our names in the API, the dashboard page, the CSV export and the invite mail."""
    sc001 = world.demo.commitment_ids[0]
    ours = await _commitment(api, headers, sc001)
    assert ours["contract_company"] == {"name": OURS}
    assert MARIA in _contacts(ours)

    await _json(await api.post(
        f"/api/billing-periods/{world.demo.billing_period_id}/invites", headers=headers,
        json={"commitment_ids": [sc001]}), 202)
    await world.container.delivery.deliver_due()
    [mail] = [m.message for m in world.sink.handler.received if m.rcpt_tos == [MARIA[1]]]
    text = mail.get_body(("plain",)).get_content()
    assert "Maria Lopez" in str(mail["To"]) and OURS in text
    assert MALLORY not in str(mail["To"]) + text and HACKED not in text

    invoice = await _json(await api.post(f"/api/commitments/{sc001}/invoices", headers=headers,
                                         json={"billing_period_id": world.demo.billing_period_id,
                                               "number": "INV-1", "billing_type": "progress",
                                               "lines": []}), 201)
    export = await api.get(f"/api/invoices/{invoice['id']}/export.csv", headers=headers)
    csv = await export.text()
    assert export.status == 200 and f"Contract company,{OURS}" in csv
    assert HACKED not in csv

    await sign_in(api, world)
    page = await api.get(dashboard_url(world))
    html = await page.text()
    assert page.status == 200 and OURS in html
    assert HACKED not in html and MALLORY not in html


async def test_an_external_id_is_scoped_to_the_company_and_the_source_that_sent_it(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    ours = {"number": "RMOB-2026"}
    lifts = {"name": "Upward Lifts", "external_id": "V-77"}
    sent = _upsert(ours, lifts, "Eve Lift", number="SC-900", external_id="ERP-900",
                   email="eve@upward.example")
    done = await _deliver(world, world_api, "erp", _settings_secret("erp"),
                          "commitment.upserted", sent)
    assert done.status == "processed", done.reason

    # The rival's source sends our vendor id with its own names, for its own project.
    secret = await _rival_source(world, world_api)
    attack = _upsert({"number": "RCA-2026"}, {"name": "Hacked Lifts", "external_id": "V-77"},
                     MALLORY, email="eve@upward.example")
    done = await _deliver(world, world_api, "rival-erp", secret, "commitment.upserted", attack)
    assert done.status == "processed", done.reason
    # Another of our own sources: the id is not the one "erp" gave, so no rename either.
    other = _upsert(ours, {"name": "Other Lifts", "external_id": "V-77"}, "Eve Lift",
                    number="SC-901", external_id="M-901", email="eve@upward.example")
    done = await _deliver(world, world_api, "mailer", _settings_secret("mailer"),
                          "commitment.upserted", other)
    assert done.status == "processed", done.reason

    async with world.container.ctx.sessions() as session:
        names = dict((await session.execute(
            select(t.Commitment.number, t.Company.name)
            .join(t.Company, t.Company.id == t.Commitment.contract_company_id)
            .where(t.Commitment.number.in_(["SC-900", "SC-901", "RC-001"])))).all())
    assert names == {"SC-900": "Upward Lifts", "SC-901": "Other Lifts",
                     "RC-001": "Hacked Lifts"}
    listed = await _json(await world_api.get(
        f"/api/projects/{world.demo.project_id}/commitments", headers=world_headers))
    [sc900] = [c for c in listed["items"] if c["number"] == "SC-900"]
    assert _contacts(sc900) == [("Eve Lift", "eve@upward.example")]


def _settings_secret(source: str) -> str:
    from tests.conftest import WEBHOOK_SECRETS

    return WEBHOOK_SECRETS[source]


async def test_the_rivals_source_cannot_reach_our_project_nor_learn_that_it_exists(
        world: World, world_api: TestClient) -> None:
    secret = await _rival_source(world, world_api)
    before = await counts(world)
    attacks = (
        ("commitment.upserted", _upsert({"number": "RMOB-2026"}, {"name": HACKED}, MALLORY,
                                        number="SC-001", external_id="X-1"),
         "no project numbered 'RMOB-2026'"),
        ("commitment.upserted", _upsert({"id": world.demo.project_id}, {"name": HACKED},
                                        MALLORY, number="SC-001", external_id="X-1"),
         f"project {world.demo.project_id} not found"),
        ("invites.requested", {"billing_period_id": world.demo.billing_period_id, "all": True},
         f"billing period {world.demo.billing_period_id} not found"),
    )
    for event_type, data, reason in attacks:
        done = await _deliver(world, world_api, "rival-erp", secret, event_type, data)
        assert (done.status, done.reason) == ("failed", reason)
    after = await counts(world)
    assert {name: after[name] - before[name] for name in after} == {
        **{name: 0 for name in after}, "received_webhook": 3, "outbox_message": 3}


async def test_a_project_number_matches_only_the_projects_of_the_sources_company(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    await _json(await world_api.post("/api/projects", headers=world.rival_headers, json={
        "name": "Rival copy", "number": "RMOB-2026", "time_zone": "America/Chicago"}), 201)
    secret = await _rival_source(world, world_api)
    done = await _deliver(world, world_api, "rival-erp", secret, "commitment.upserted",
                          _upsert({"number": "RMOB-2026"}, {"name": OURS}, MALLORY,
                                  number="SC-777", external_id="R-777"))
    assert done.status == "processed", done.reason
    ours = await _json(await world_api.get(
        f"/api/projects/{world.demo.project_id}/commitments", headers=world_headers))
    assert "SC-777" not in [c["number"] for c in ours["items"]]


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
    from tests.integration.test_pages_admin import csrf_token

    form = await api.get(f"/sign-in?next={path}")
    signed = await api.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "next": path,
        "email": r.ADMIN_EMAIL, "password": "correct horse battery"})
    assert signed.status == 303, await signed.text()
    return await api.get(path)
