"""POST /api/projects/{id}/commitments/import on SQLite and PostgreSQL: previews, all or
nothing, idempotent on the commitment number, and tried by another company, a stranger
and hostile files."""

from __future__ import annotations

import logging
import time
from typing import Any

from aiohttp import FormData
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from store.tables import Company, Person
from tests.support.api import assert_error
from tests.support.imports import (
    CSV_HEADERS,
    GOOD_ROWS,
    HEADER,
    XLSX_HEADERS,
    csv_file,
    many_rows,
    row,
    table_counts,
    with_macros,
    xlsx_file,
    zip_bomb,
)
from tests.support.invoicing import line
from tests.support.rival import RIVAL_CONTACT_NAME, SHARED_COMPANY, SHARED_EMAIL
from tests.support.world import World

log = logging.getLogger(__name__)


def url(world: World, dry_run: bool = False, project_id: int | None = None) -> str:
    project = world.demo.project_id if project_id is None else project_id
    return f"/api/projects/{project}/commitments/import" + ("?dry_run=true" if dry_run else "")


async def commitments(api: TestClient, world: World, headers: dict[str, str]) -> dict[str, Any]:
    """Every commitment of the demo project, walking the list's pages."""
    found: dict[str, Any] = {}
    params = {"limit": "500"}
    while True:
        response = await api.get(f"/api/projects/{world.demo.project_id}/commitments",
                                 headers=headers, params=params)
        page = await response.json()
        found.update((item["number"], item) for item in page["items"])
        if page["next"] is None:
            return found
        params = {"limit": "500", "cursor": page["next"]}


async def test_a_dry_run_previews_and_writes_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await table_counts(world.container)
    response = await world_api.post(url(world, dry_run=True), data=csv_file(GOOD_ROWS),
                                    headers={**world_headers, **CSV_HEADERS})
    assert response.status == 200, await response.text()
    assert await response.json() == {
        "dry_run": True, "imported": False, "rows": 3,
        "commitments": {"created": 2, "updated": 0, "unchanged": 0}, "ignored_columns": []}
    assert await table_counts(world.container) == before


async def test_an_import_writes_commitments_and_a_second_updates_without_duplicates(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    headers = {**world_headers, **CSV_HEADERS}
    response = await world_api.post(url(world), data=csv_file(GOOD_ROWS), headers=headers)
    assert response.status == 200, await response.text()
    assert (await response.json())["commitments"] == {"created": 2, "updated": 0,
                                                      "unchanged": 0}
    found = await commitments(world_api, world, world_headers)
    first = found["IMP-001"]
    assert [(sov["item_number"], sov["scheduled_value"]) for sov in first["sov_lines"]] == [
        ("001", "12500.00"), ("002", "7500.50")]
    assert first["retainage_percent_work"] == first["retainage_percent_stored"] == "10.00"
    assert first["contract_company"] == {"name": "Wallboard Partners"}
    assert [(c["name"], c["email"]) for c in first["invoice_contacts"]] == [
        ("Pat Wall", "pat@wallboard.example")]
    assert found["IMP-002"]["kind"] == "purchase_order"
    assert found["IMP-002"]["sov_lines"][0]["scheduled_value"] == "4000.00"
    after_first = await table_counts(world.container)

    again = await world_api.post(url(world), data=csv_file(GOOD_ROWS), headers=headers)
    assert (await again.json())["commitments"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert await table_counts(world.container) == after_first

    changed = [row("IMP-001", "001", "13000.00", title="Drywall and ceilings",
                   contact=("Pat Wall", "pat@wallboard.example"),
                   second=("Sam Books", "ap@wallboard.example")),
               GOOD_ROWS[2]]
    third = await world_api.post(url(world), data=csv_file(changed), headers=headers)
    assert (await third.json())["commitments"] == {"created": 0, "updated": 1, "unchanged": 1}
    updated = (await commitments(world_api, world, world_headers))["IMP-001"]
    assert updated["id"] == first["id"]
    assert updated["title"] == "Drywall and ceilings"
    assert [(sov["id"], sov["scheduled_value"]) for sov in updated["sov_lines"]] == [
        (first["sov_lines"][0]["id"], "13000.00")]  # line 001 kept its id, 002 removed
    assert sorted(c["email"] for c in updated["invoice_contacts"]) == [
        "ap@wallboard.example", "pat@wallboard.example"]
    counts = await table_counts(world.container)
    assert counts["Commitment"] == after_first["Commitment"]


async def test_one_bad_row_answers_422_with_the_row_and_writes_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await table_counts(world.container)
    bad = [*GOOD_ROWS, row("IMP-003", "001", "abc"), row("IMP-004", "001", "5",
                                                        contact=("X", "not-an-address"))]
    for dry_run in (True, False):
        response = await world_api.post(url(world, dry_run), data=csv_file(bad),
                                        headers={**world_headers, **CSV_HEADERS})
        error = await assert_error(response, 422, "invalid_import")
        assert error["fields"] == [
            {"field": "row 5", "message": "Row 5: scheduled value 'abc' is not an amount"},
            {"field": "row 6",
             "message": "Row 6: contact 1 email 'not-an-address' is not an address"}]
        assert "nothing was imported" in error["message"]
    assert await table_counts(world.container) == before


async def test_another_companys_project_answers_404_and_a_stranger_401(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await table_counts(world.container)
    body = csv_file(GOOD_ROWS)
    rival = await world_api.post(url(world), data=body,
                                 headers={**world.rival_headers, **CSV_HEADERS})
    await assert_error(rival, 404)
    ours_from_us = await world_api.post(url(world, project_id=world.rival.project_id),
                                        data=body, headers={**world_headers, **CSV_HEADERS})
    await assert_error(ours_from_us, 404)
    for headers in ({}, {"Authorization": "Bearer itb_not-a-token"}):
        stranger = await world_api.post(url(world), data=body, headers={**headers,
                                                                        **CSV_HEADERS})
        await assert_error(stranger, 401)
    assert await table_counts(world.container) == before


async def test_files_over_the_limit_and_of_other_types_are_refused(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await table_counts(world.container)
    limit = world.container.imports.max_bytes
    huge = csv_file(GOOD_ROWS) + b"x" * limit
    too_large = await world_api.post(url(world), data=huge,
                                     headers={**world_headers, **CSV_HEADERS})
    await assert_error(too_large, 413, "payload_too_large")
    pdf = await world_api.post(url(world), data=b"%PDF-1.7\n",
                               headers={**world_headers, "Content-Type": "application/pdf"})
    await assert_error(pdf, 415, "unsupported_media_type")
    binary = await world_api.post(url(world), data=b"\x00\x01binary\x00" * 10,
                                  headers={**world_headers, **CSV_HEADERS})
    error = await assert_error(binary, 422, "invalid_import")
    assert error["fields"][0]["field"] == "file"
    assert "neither CSV nor XLSX" in error["fields"][0]["message"]
    assert await table_counts(world.container) == before


async def test_hostile_workbooks_are_refused_before_they_are_opened(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await table_counts(world.container)
    workbook = xlsx_file(GOOD_ROWS)
    for hostile, words in ((with_macros(workbook), "macros"),
                           (zip_bomb(workbook), "zip bomb")):
        response = await world_api.post(url(world), data=hostile,
                                        headers={**world_headers, **XLSX_HEADERS})
        error = await assert_error(response, 422, "invalid_import")
        assert words in error["fields"][0]["message"]
    assert await table_counts(world.container) == before


async def test_an_xlsx_file_and_a_multipart_form_import_alike(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    numbers = [[*values[:8], float(values[8].lstrip("$").replace(",", "")), *values[9:]]
               for values in GOOD_ROWS]
    response = await world_api.post(url(world, dry_run=True), data=xlsx_file(numbers),
                                    headers={**world_headers, **XLSX_HEADERS})
    assert (await response.json())["commitments"]["created"] == 2, await response.text()
    form = FormData()
    form.add_field("file", csv_file(GOOD_ROWS), filename="erp.csv", content_type="text/csv")
    response = await world_api.post(url(world), data=form, headers=world_headers)
    assert (await response.json())["commitments"]["created"] == 2, await response.text()


async def test_formula_like_names_are_stored_as_text(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    formula = '=HYPERLINK("http://evil.example","Click")'
    rows = [row("IMP-009", "001", company=formula, title="+cmd|' /C calc'!A0",
                contact=("@SUM(1+1)", "sum@evil.example"))]
    response = await world_api.post(url(world), data=csv_file(rows),
                                    headers={**world_headers, **CSV_HEADERS})
    assert response.status == 200, await response.text()
    stored = (await commitments(world_api, world, world_headers))["IMP-009"]
    assert stored["contract_company"] == {"name": formula}
    assert stored["title"] == "+cmd|' /C calc'!A0"
    assert stored["invoice_contacts"][0]["name"] == "@SUM(1+1)"


async def test_an_email_of_another_companys_directory_makes_a_record_of_our_own(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    rows = [row("IMP-010", "001", company=SHARED_COMPANY,
                contact=("Maria Imported", SHARED_EMAIL))]
    response = await world_api.post(url(world), data=csv_file(rows),
                                    headers={**world_headers, **CSV_HEADERS})
    assert response.status == 200, await response.text()
    async with world.container.ctx.sessions() as session:
        people = {(person.company_id, person.name) for person in (await session.execute(
            Person.__table__.select().where(Person.email == SHARED_EMAIL))).all()}
        owners = dict((await session.execute(
            Company.__table__.select().with_only_columns(Company.id, Company.owner_company_id)
            .where(Company.name == SHARED_COMPANY))).all())
    rival_company = world.rival.admin.company_id
    ours = world.admin.company_id
    assert {owners[company] for company, _ in people} == {ours, rival_company}
    assert (next(c for c, o in owners.items() if o == rival_company),
            RIVAL_CONTACT_NAME) in people  # the rival's record, untouched
    rival_view = await world_api.get(f"/api/commitments/{world.rival.commitment_id}",
                                     headers=world.rival_headers)
    assert (await rival_view.json())["invoice_contacts"][0]["name"] == RIVAL_CONTACT_NAME
    ours_view = (await commitments(world_api, world, world_headers))["IMP-010"]
    assert ours_view["invoice_contacts"][0]["name"] == "Maria Imported"


async def test_sov_lines_of_an_invoiced_commitment_are_a_row_error(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    headers = {**world_headers, **CSV_HEADERS}
    assert (await world_api.post(url(world), data=csv_file(GOOD_ROWS),
                                 headers=headers)).status == 200
    first = (await commitments(world_api, world, world_headers))["IMP-001"]
    invoice = await world_api.post(
        f"/api/commitments/{first['id']}/invoices", headers=world_headers,
        json={"billing_period_id": world.demo.billing_period_id, "number": "INV-1",
              "lines": [line(first["sov_lines"][0]["id"], work="100")]})
    assert invoice.status == 201, await invoice.text()
    before = await table_counts(world.container)
    changed = [row("IMP-001", "001", "99.00"), *GOOD_ROWS[1:]]
    error = await assert_error(await world_api.post(url(world), data=csv_file(changed),
                                                    headers=headers), 422, "invalid_import")
    assert error["fields"][0]["message"].startswith(
        "Rows 2-3: commitment IMP-001 already has an invoice")
    assert await table_counts(world.container) == before
    renamed = [row("IMP-001", "001", "12500.00", title="Renamed"),
               row("IMP-001", "002", "7500.50", title="Renamed", description="Board and tape"),
               GOOD_ROWS[2]]
    response = await world_api.post(url(world), data=csv_file(renamed), headers=headers)
    assert (await response.json())["commitments"]["updated"] == 1, await response.text()


async def test_five_thousand_rows(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    body = many_rows(5000)
    started = time.perf_counter()
    response = await world_api.post(url(world), data=body,
                                    headers={**world_headers, **CSV_HEADERS})
    elapsed = time.perf_counter() - started
    assert response.status == 200, await response.text()
    assert (await response.json())["commitments"]["created"] == 500
    log.warning("import of 5,000 rows (500 commitments) on %s: %.2f s",
                world.container.settings.database_url.split(":")[0], elapsed)
    found = await commitments(world_api, world, world_headers)
    assert len(found["BULK-00499"]["sov_lines"]) == 10
    again = await world_api.post(url(world, dry_run=True), data=body,
                                 headers={**world_headers, **CSV_HEADERS})
    assert (await again.json())["commitments"] == {"created": 0, "updated": 0,
                                                   "unchanged": 500}


async def test_values_the_database_cannot_hold_are_row_errors_not_failures(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    before = await table_counts(world.container)
    hostile = [row("IMP-020", "001", "99999999999999.99"),
               row("IMP-021", "001", title="T" * 301),
               row("IMP-022", "0" * 31, company="C" * 201)]
    response = await world_api.post(url(world), data=csv_file(hostile),
                                     headers={**world_headers, **CSV_HEADERS})
    error = await assert_error(response, 422, "invalid_import")
    assert [field["field"] for field in error["fields"]] == ["row 2", "row 3", "row 4"]
    assert "too large" in error["fields"][0]["message"]
    assert "longer than 300 characters" in error["fields"][1]["message"]
    assert await table_counts(world.container) == before


async def test_a_file_without_contacts_updates_and_keeps_the_contacts(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    headers = {**world_headers, **CSV_HEADERS}
    assert (await world_api.post(url(world), data=csv_file(GOOD_ROWS),
                                 headers=headers)).status == 200
    without = [values[:9] for values in GOOD_ROWS]
    without[0][1] = without[1][1] = "Drywall, revised"
    response = await world_api.post(url(world), data=csv_file(without, header=HEADER[:9]),
                                    headers=headers)
    assert (await response.json())["commitments"] == {"created": 0, "updated": 1,
                                                      "unchanged": 1}, await response.text()
    found = await commitments(world_api, world, world_headers)
    assert found["IMP-001"]["title"] == "Drywall, revised"
    assert [c["email"] for c in found["IMP-001"]["invoice_contacts"]] == [
        "pat@wallboard.example"]


async def test_a_contact_taken_off_by_an_import_can_no_longer_answer(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    headers = {**world_headers, **CSV_HEADERS}
    assert (await world_api.post(url(world), data=csv_file(GOOD_ROWS),
                                 headers=headers)).status == 200
    imported = (await commitments(world_api, world, world_headers))["IMP-001"]
    sent = await world_api.post(f"/api/billing-periods/{world.demo.billing_period_id}/invites",
                                json={"commitment_ids": [imported["id"]]}, headers=world_headers)
    assert sent.status == 202, await sent.text()

    async def invite() -> t.Invite:
        async with world.container.ctx.sessions() as session:
            return (await session.execute(select(t.Invite).where(
                t.Invite.commitment_id == imported["id"]))).scalar_one()

    version = (await invite()).token_version
    # The same file again takes nobody off: the links stay.
    assert (await world_api.post(url(world), data=csv_file(GOOD_ROWS),
                                 headers=headers)).status == 200
    assert (await invite()).token_version == version
    replaced = [row("IMP-001", "001", "12500.00", description="Framing",
                    contact=("Sam Stud", "sam@wallboard.example")),
                row("IMP-001", "002", "7500.50", description="Board and tape",
                    contact=("Sam Stud", "sam@wallboard.example")), GOOD_ROWS[2]]
    assert (await world_api.post(url(world), data=csv_file(replaced),
                                 headers=headers)).status == 200
    revoked = await invite()
    assert revoked.token_version == version + 1
    async with world.container.ctx.sessions() as session:
        last = (await session.execute(select(t.InviteEvent.kind, t.InviteEvent.detail).where(
            t.InviteEvent.invite_id == revoked.id).order_by(t.InviteEvent.id.desc()))).first()
    assert last == ("links_revoked", {"token_version": version + 1,
                                      "reason": "contact_removed_by_import"})
