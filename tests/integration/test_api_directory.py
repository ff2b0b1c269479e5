"""The directory through the API (/api/companies, /api/people), on both databases: lists
with search and pages, adding and editing, merging duplicates (nothing lost, references
moved), a contact's delivery state, fixing a bounced address (links mailed to the old one
revoked) and resending; and every route tried by the rival company and a stranger."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from store import tables as t
from tests.support import rival
from tests.support.answering import answer, invitation
from tests.support.api import assert_error
from tests.support.directory import (
    CLEARFLOW,
    LUIS,
    bounce,
    commitment_by_number,
    company_by_name,
    directory_snapshot,
    invite_everyone_and_deliver,
    invite_of,
    person_by_email,
    received_by,
)
from tests.support.invoicing import ok
from tests.support.world import World

DEMO_COMPANIES = 8  # the medical office's seven and the paving project's one


async def test_the_directory_lists_only_our_companies_a_page_at_a_time(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    names: list[str] = []
    cursor = None
    pages = 0
    while True:
        query = "?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = await ok(await world_api.get(f"/api/companies{query}", headers=world_headers))
        assert len(page["items"]) <= 3
        names += [item["name"] for item in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert pages == 3 and len(names) == DEMO_COMPANIES == len(set(names))
    assert names == sorted(names)
    # The rival's company of the same name is the rival's: one Granite Ridge here.
    granite = [name for name in names if name == rival.SHARED_COMPANY]
    assert granite == [rival.SHARED_COMPANY]
    found = await ok(await world_api.get("/api/companies?search=LUIS@", headers=world_headers))
    assert [item["name"] for item in found["items"]] == [CLEARFLOW]
    people = await ok(await world_api.get("/api/people?search=maria",
                                          headers=world_headers))
    assert [(p["name"], p["email"]) for p in people["items"]] == [
        ("Maria Lopez", rival.SHARED_EMAIL)]
    theirs = await ok(await world_api.get("/api/people?search=maria",
                                          headers=world.rival_headers))
    assert [p["name"] for p in theirs["items"]] == [rival.RIVAL_CONTACT_NAME]


async def test_bad_list_queries_are_refused(world_api: TestClient,
                                            world_headers: dict[str, str]) -> None:
    for query in ("limit=0", "limit=201", "limit=x", "cursor=-1", "search=a%00b"):
        await assert_error(await world_api.get(f"/api/companies?{query}",
                                               headers=world_headers), 400)


async def test_companies_and_people_are_added_and_edited_with_clean_addresses(
        world_api: TestClient, world_headers: dict[str, str]) -> None:
    company = await ok(await world_api.post("/api/companies", json={"name": "Apex Glazing"},
                                            headers=world_headers), 201)
    assert company["people"] == [] and company["commitments"] == 0
    await assert_error(await world_api.post("/api/companies", json={"name": "apex glazing"},
                                            headers=world_headers), 409, "duplicate_company")
    person = await ok(await world_api.post("/api/people", json={
        "company_id": company["id"], "name": "Ana Apex", "email": " Ana@Apex.Example "},
        headers=world_headers), 201)
    assert person["email"] == "ana@apex.example"
    assert person["delivery"]["state"] == "unknown" and person["deliverable"] is True
    # Unique within the directory, whatever the case, in any of our companies.
    await assert_error(await world_api.post("/api/people", json={
        "company_id": company["id"], "name": "Luis Again", "email": LUIS.upper()},
        headers=world_headers), 409, "duplicate_email")
    await assert_error(await world_api.post("/api/people", json={
        "company_id": company["id"], "name": "No Address", "email": "not-an-address"},
        headers=world_headers), 422)
    await assert_error(await world_api.post("/api/people", json={
        "company_id": company["id"], "name": "Evil\r\nBcc: x", "email": "e@apex.example"},
        headers=world_headers), 422)
    renamed = await ok(await world_api.patch(f"/api/companies/{company['id']}", json={
        "name": "Apex Glazing Inc."}, headers=world_headers))
    assert renamed["name"] == "Apex Glazing Inc." and len(renamed["people"]) == 1
    changed = await ok(await world_api.patch(f"/api/people/{person['id']}", json={
        "name": "Ana Apex-Ruiz"}, headers=world_headers))
    assert (changed["name"], changed["email"]) == ("Ana Apex-Ruiz", "ana@apex.example")


async def test_merging_two_people_moves_every_reference_to_the_kept_one(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    luis = await person_by_email(world, LUIS)
    clearflow = await company_by_name(world, CLEARFLOW)
    # A duplicate Luis, typed with another address, on SC-005 too.
    duplicate = await ok(await world_api.post("/api/people", json={
        "company_id": clearflow.id, "name": "L. Romero", "email": "lromero@clearflow.example"},
        headers=world_headers), 201)
    sc004, sc005 = (await commitment_by_number(world, "SC-004"),
                    await commitment_by_number(world, "SC-005"))
    for commitment in (sc004, sc005):
        await ok(await world_api.post(f"/api/commitments/{commitment.id}/contacts", json={
            "person_id": duplicate["id"]}, headers=world_headers))
    await invite_everyone_and_deliver(world)
    async with world.container.ctx.sessions() as session:
        mail_to_duplicate = (await session.execute(select(func.count()).where(
            t.OutboxMessage.person_id == duplicate["id"]))).scalar()
    assert mail_to_duplicate == 2

    merge = await ok(await world_api.post(f"/api/people/{luis.id}/merge", json={
        "merged_id": duplicate["id"]}, headers=world_headers))
    assert merge["kind"] == "person" and merge["merged_email"] == "lromero@clearflow.example"
    assert merge["moved"]["invoice_contacts"] == 2 and merge["moved"]["mail"] == 2
    await assert_error(await world_api.get(f"/api/people/{duplicate['id']}",
                                           headers=world_headers), 404)
    async with world.container.ctx.sessions() as session:
        contacts = (await session.execute(select(
            t.InvoiceContact.commitment_id, t.InvoiceContact.person_id).where(
            t.InvoiceContact.commitment_id.in_([sc004.id, sc005.id])))).all()
        left = (await session.execute(select(func.count()).where(
            t.OutboxMessage.person_id == duplicate["id"]))).scalar()
        moved_mail = (await session.execute(select(func.count()).where(
            t.OutboxMessage.person_id == luis.id))).scalar()
        recorded = (await session.execute(select(t.DirectoryMerge))).scalars().all()
    # SC-004 had Luis already: one row, not two; SC-005 now has him.
    assert sorted((c, p) for c, p in contacts if p == luis.id) == sorted(
        [(sc004.id, luis.id), (sc005.id, luis.id)])
    assert all(p != duplicate["id"] for _, p in contacts)
    assert left == 0 and moved_mail == 3  # his own invite and the duplicate's two
    assert [(r.kind, r.kept_id, r.merged_id) for r in recorded] == [
        ("person", luis.id, duplicate["id"])]


async def test_merging_two_companies_moves_commitments_and_people(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    clearflow = await company_by_name(world, CLEARFLOW)
    twin = await ok(await world_api.post("/api/companies", json={
        "name": "ClearFlow Plumbing LLC"}, headers=world_headers), 201)
    ops = await ok(await world_api.post("/api/people", json={
        "company_id": twin["id"], "name": "Ops Desk", "email": "ops@clearflow.example"},
        headers=world_headers), 201)
    sc006 = await commitment_by_number(world, "SC-006")
    moved = await ok(await world_api.patch(f"/api/commitments/{sc006.id}", json={
        "contract_company_id": twin["id"]}, headers=world_headers))
    assert moved["contract_company"] == {"name": "ClearFlow Plumbing LLC"}
    assert moved["contract_company_id"] == twin["id"]

    merge = await ok(await world_api.post(f"/api/companies/{clearflow.id}/merge", json={
        "merged_id": twin["id"]}, headers=world_headers))
    assert merge["moved"] == {"commitments": 1, "people": 1, "people_merged": 0}
    await assert_error(await world_api.get(f"/api/companies/{twin['id']}",
                                           headers=world_headers), 404)
    kept = await ok(await world_api.get(f"/api/companies/{clearflow.id}",
                                        headers=world_headers))
    assert {p["email"] for p in kept["people"]} == {LUIS, "ops@clearflow.example"}
    assert kept["commitments"] == 2
    sc006_now = await ok(await world_api.get(f"/api/commitments/{sc006.id}",
                                             headers=world_headers))
    assert sc006_now["contract_company_id"] == clearflow.id
    person = await ok(await world_api.get(f"/api/people/{ops['id']}", headers=world_headers))
    assert person["company_id"] == clearflow.id
    await assert_error(await world_api.post(f"/api/companies/{clearflow.id}/merge", json={
        "merged_id": clearflow.id}, headers=world_headers), 422)


async def test_a_bounced_address_is_fixed_and_the_open_invite_resent_once(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    await invite_everyone_and_deliver(world)
    luis = await person_by_email(world, LUIS)
    before = await ok(await world_api.get(f"/api/people/{luis.id}", headers=world_headers))
    assert before["delivery"]["state"] == "delivered"
    old_link = await invitation(world, "SC-004", send=False)
    await bounce(world, LUIS, "550 5.1.1 <luis@clearflow.example>: mailbox unknown")
    bounced = await ok(await world_api.get(f"/api/people/{luis.id}", headers=world_headers))
    assert bounced["delivery"]["state"] == "bounced" and not bounced["deliverable"]
    assert "mailbox unknown" in bounced["delivery"]["reason"]
    assert bounced["delivery"]["at"] == bounced["bounced_at"] is not None
    await assert_error(await world_api.post(f"/api/people/{luis.id}/resend",
                                            headers=world_headers), 409,
                       "address_undeliverable")
    sc004 = await commitment_by_number(world, "SC-004")
    version = (await invite_of(world, sc004.id)).token_version

    fixed = await ok(await world_api.patch(f"/api/people/{luis.id}", json={
        "email": "Luis.Romero@ClearFlow.example"}, headers=world_headers))
    assert fixed["email"] == "luis.romero@clearflow.example" and fixed["deliverable"]
    assert fixed["bounced_at"] is None
    assert (await invite_of(world, sc004.id)).token_version == version + 1
    stale = await world_api.get(old_link.url("yes"))
    assert stale.status == 403  # the link mailed to the old address no longer works
    assert "newer invit" in await stale.text()

    first = await ok(await world_api.post(f"/api/people/{luis.id}/resend",
                                          headers=world_headers))
    again = await ok(await world_api.post(f"/api/people/{luis.id}/resend",
                                          headers=world_headers))
    assert (first["queued"], again["queued"]) == (1, 0)
    await world.container.delivery.deliver_due()
    arrived = received_by(world, "luis.romero@clearflow.example")
    assert len(arrived) == 1
    after = await ok(await world_api.get(f"/api/people/{luis.id}", headers=world_headers))
    assert after["delivery"]["state"] == "delivered"
    fresh = await invitation(world, "SC-004", send=False)
    assert (await answer(world_api, fresh, "yes")).status == 303


async def rival_tries(world_api: TestClient, headers: dict[str, str], world: World,
                      status: int) -> None:
    """Every directory route on our rows, with `headers`: each answers `status`."""
    company = await company_by_name(world, CLEARFLOW)
    person = await person_by_email(world, LUIS)
    theirs = await company_by_name(world, rival.SHARED_COMPANY, world.rival.admin.company_id)
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", f"/api/companies/{company.id}", None),
        ("PATCH", f"/api/companies/{company.id}", {"name": "Taken Over"}),
        ("POST", f"/api/companies/{company.id}/merge", {"merged_id": theirs.id}),
        ("POST", f"/api/companies/{theirs.id}/merge", {"merged_id": company.id}),
        ("GET", f"/api/people/{person.id}", None),
        ("PATCH", f"/api/people/{person.id}", {"email": "attacker@evil.example"}),
        ("POST", f"/api/people/{person.id}/resend", None),
        ("POST", "/api/people", {"company_id": company.id, "name": "Mole",
                                 "email": "mole@evil.example"}),
    ]
    for method, path, body in calls:
        response = await world_api.request(method, path, json=body, headers=headers)
        if status == 404 and path.startswith(f"/api/companies/{theirs.id}"):
            continue  # the rival's own company: merging ours into it is checked below
        await assert_error(response, status)


async def test_another_company_and_a_stranger_change_and_see_nothing(
        world: World, world_api: TestClient) -> None:
    before = await directory_snapshot(world)
    await rival_tries(world_api, world.rival_headers, world, 404)
    await rival_tries(world_api, {}, world, 401)
    await rival_tries(world_api, {"Authorization": "Bearer not-a-token"}, world, 401)
    # Merging our company into the rival's own is refused as "not found".
    company = await company_by_name(world, CLEARFLOW)
    theirs = await company_by_name(world, rival.SHARED_COMPANY, world.rival.admin.company_id)
    await assert_error(await world_api.post(f"/api/companies/{theirs.id}/merge", json={
        "merged_id": company.id}, headers=world.rival_headers), 404)
    listed = await ok(await world_api.get("/api/companies", headers=world.rival_headers))
    assert [item["name"] for item in listed["items"]] == [rival.SHARED_COMPANY]
    assert await directory_snapshot(world) == before


async def test_merging_across_companies_is_refused_from_our_side_too(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await directory_snapshot(world)
    ours = await company_by_name(world, rival.SHARED_COMPANY)
    theirs = await company_by_name(world, rival.SHARED_COMPANY, world.rival.admin.company_id)
    maria = await person_by_email(world, rival.SHARED_EMAIL)
    their_maria = await person_by_email(world, rival.SHARED_EMAIL,
                                        world.rival.admin.company_id)
    await assert_error(await world_api.post(f"/api/companies/{ours.id}/merge", json={
        "merged_id": theirs.id}, headers=world_headers), 404)
    await assert_error(await world_api.post(f"/api/people/{maria.id}/merge", json={
        "merged_id": their_maria.id}, headers=world_headers), 404)
    assert await directory_snapshot(world) == before
