"""The invoice API against a worked example built from the G702/G703 formulas.

Commitment: 10 % retainage on work, 5 % on stored materials. Lines 1 (100,000) and 2
(50,000). October: line 1 bills 30,000; line 2 bills 10,000 and stores 8,000 of materials.
November: change order CO-1 (+12,000) is added; line 1 bills 50,000, line 2 installs the
stored 8,000 plus 5,000 of new work (13,000, nothing stored), CO-1 bills 6,000.
"""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from tests.support.api import assert_error
from tests.support.invoicing import (
    NOVEMBER,
    line,
    ok,
    post_invoice,
    setup_commitment,
)


def columns(invoice: dict[str, Any], *names: str) -> list[tuple[str, ...]]:
    return [tuple(row[name] for name in names) for row in invoice["lines"]]


async def test_two_periods_with_a_change_order_and_stored_materials_installed_later(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    one, two = ids["lines"]["1"], ids["lines"]["2"]
    october = await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "billing_type": "progress",
        "lines": [line(one, "30000"), line(two, "10000", stored="8000")]}), 201)
    assert october["status"] == "under_review"
    assert columns(october, "work_completed_previous", "work_completed_this_period",
                   "materials_presently_stored", "total_completed_and_stored",
                   "percent_complete", "balance_to_finish", "retainage") == [
        ("0.00", "30000.00", "0.00", "30000.00", "30.00", "70000.00", "3000.00"),
        ("0.00", "10000.00", "8000.00", "18000.00", "36.00", "32000.00", "1400.00")]
    assert october["summary"] == {
        "original_contract_sum": "150000.00", "net_change_by_change_orders": "0.00",
        "contract_sum_to_date": "150000.00", "total_completed_and_stored_to_date": "48000.00",
        "retainage_on_completed_work": "4000.00", "retainage_on_stored_materials": "400.00",
        "total_retainage": "4400.00", "total_earned_less_retainage": "43600.00",
        "less_previous_certificates": "0.00", "current_payment_due": "43600.00",
        "balance_to_finish_including_retainage": "106400.00"}
    await ok(await api.post(f"/api/invoices/{october['id']}/status",
                            json={"status": "approved", "note": None}, headers=admin_headers))

    commitment = await ok(await api.post(
        f"/api/commitments/{ids['commitment']}/sov-lines", headers=admin_headers, json={
            "sov_lines": [{"item_number": "CO-1", "description": "Added canopy",
                           "scheduled_value": "12000.00", "change_order": True}]}), 201)
    change = commitment["sov_lines"][-1]["id"]
    november_period = await ok(await api.post(
        f"/api/projects/{ids['project']}/billing-periods", json=NOVEMBER,
        headers=admin_headers), 201)
    november = await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": november_period["id"], "number": "INV-2",
        "billing_type": "progress",
        "lines": [line(one, "50000"), line(two, "13000"), line(change, "6000")]}), 201)
    assert columns(november, "item_number", "work_completed_previous",
                   "work_completed_this_period", "materials_presently_stored",
                   "total_completed_and_stored", "percent_complete", "retainage") == [
        ("1", "30000.00", "50000.00", "0.00", "80000.00", "80.00", "8000.00"),
        ("2", "10000.00", "13000.00", "0.00", "23000.00", "46.00", "2300.00"),
        ("CO-1", "0.00", "6000.00", "0.00", "6000.00", "50.00", "600.00")]
    summary = november["summary"]
    assert (summary["original_contract_sum"], summary["net_change_by_change_orders"],
            summary["contract_sum_to_date"]) == ("150000.00", "12000.00", "162000.00")
    assert (summary["total_completed_and_stored_to_date"], summary["total_retainage"],
            summary["retainage_on_stored_materials"]) == ("109000.00", "10900.00", "0.00")
    # Line 7 is line 6 of the approved October invoice; the payment is the difference.
    assert (summary["total_earned_less_retainage"], summary["less_previous_certificates"],
            summary["current_payment_due"]) == ("98100.00", "43600.00", "54500.00")
    assert summary["balance_to_finish_including_retainage"] == "63900.00"

    # The October invoice keeps the lines it was sent with (no CO-1 row added later).
    again = await ok(await api.get(f"/api/invoices/{october['id']}", headers=admin_headers))
    assert [row["item_number"] for row in again["lines"]] == ["1", "2"]
    assert again["summary"] == october["summary"] and again["status"] == "approved"

    listed = await ok(await api.get(f"/api/invoices?billing_period_id={november_period['id']}",
                                    headers=admin_headers))
    assert [(item["number"], item["status"], item["current_payment_due"])
            for item in listed["items"]] == [("INV-2", "under_review", "54500.00")]

    export = await api.get(f"/api/invoices/{november['id']}/export.csv", headers=admin_headers)
    assert export.status == 200 and export.content_type == "text/csv"
    text = await export.text()
    assert "CO-1,Added canopy,12000.00,0.00,6000.00,0.00,6000.00,50.00,6000.00,600.00" in text
    assert "Current payment due,54500.00" in text
    assert ",Totals,162000.00,40000.00,69000.00,0.00,109000.00," in text


async def test_releasing_retainage_is_limited_to_what_is_held(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    one = ids["lines"]["1"]
    too_much = await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1",
        "lines": [line(one, "30000", released="3000.01")]})
    error = await assert_error(too_much, 422)
    assert "retainage released this period (3000.01) is more than the retainage held " \
           "(3000.00)" in error["message"]
    fine = await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1",
        "lines": [line(one, "30000", released="1000")]}), 201)
    assert fine["lines"][0]["retainage"] == "2000.00"
    assert fine["summary"]["total_retainage"] == "2000.00"


async def test_person_readable_refusals(api: TestClient,
                                        admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    one, two = ids["lines"]["1"], ids["lines"]["2"]
    body = {"billing_period_id": ids["october"], "number": "INV-1", "lines": []}
    negative = await post_invoice(api, admin_headers, ids["commitment"],
                                  {**body, "lines": [line(one, "-5")]})
    assert "Item 1: work completed this period is negative (-5.00); enter 0 or more" in (
        await assert_error(negative, 422))["message"]
    past = await post_invoice(api, admin_headers, ids["commitment"],
                              {**body, "lines": [line(two, "45000", stored="5000.01")]})
    assert "cannot be billed past 100 %" in (await assert_error(past, 422))["message"]
    float_money = await post_invoice(api, admin_headers, ids["commitment"],
                                     {**body, "lines": [{"sov_line_id": one,
                                                         "work_completed_this_period": 1.5}]})
    await assert_error(float_money, 422)
    await ok(await post_invoice(api, admin_headers, ids["commitment"], body), 201)
    twice = await post_invoice(api, admin_headers, ids["commitment"], body)
    await assert_error(twice, 409, "duplicate_invoice")


async def test_a_duplicate_number_on_the_commitment_is_refused(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "lines": []}), 201)
    november = await ok(await api.post(f"/api/projects/{ids['project']}/billing-periods",
                                       json=NOVEMBER, headers=admin_headers), 201)
    again = await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": november["id"], "number": "INV-1", "lines": []})
    assert "invoice number INV-1 is already used on this commitment" in (
        await assert_error(again, 422))["message"]


async def test_another_company_sees_nothing(
        api: TestClient, admin_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    invoice = await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "lines": []}), 201)
    for response in (
            await api.get(f"/api/invoices/{invoice['id']}", headers=other_admin_headers),
            await api.get(f"/api/invoices/{invoice['id']}/export.csv",
                          headers=other_admin_headers),
            await api.post(f"/api/invoices/{invoice['id']}/status", headers=other_admin_headers,
                           json={"status": "approved"}),
            await api.get(f"/api/invoices?billing_period_id={ids['october']}",
                          headers=other_admin_headers),
            await post_invoice(api, other_admin_headers, ids["commitment"], {
                "billing_period_id": ids["october"], "number": "X", "lines": []})):
        await assert_error(response, 404)


async def test_revise_and_resubmit_needs_a_note(
        api: TestClient, admin_headers: dict[str, str]) -> None:
    ids = await setup_commitment(api, admin_headers)
    invoice = await ok(await post_invoice(api, admin_headers, ids["commitment"], {
        "billing_period_id": ids["october"], "number": "INV-1", "lines": []}), 201)
    url = f"/api/invoices/{invoice['id']}/status"
    await assert_error(await api.post(url, json={"status": "revise_and_resubmit"},
                                      headers=admin_headers), 422)
    await assert_error(await api.post(url, json={"status": "draft"}, headers=admin_headers),
                       422)
    returned = await ok(await api.post(url, headers=admin_headers, json={
        "status": "revise_and_resubmit", "note": "Attach the lien waiver."}))
    assert (returned["status"], returned["review_note"]) == (
        "revise_and_resubmit", "Attach the lien waiver.")
    await assert_error(await api.post(url, json={"status": "approved"},
                                      headers=admin_headers), 409, "invoice_not_sent")


async def test_unit_based_lines_take_quantities(world_api: TestClient,
                                                world_headers: dict[str, str]) -> None:
    projects = (await ok(await world_api.get("/api/projects", headers=world_headers)))["items"]
    [paving] = [project for project in projects if project["accounting_method"] == "unit"]
    [commitment] = (await ok(await world_api.get(
        f"/api/projects/{paving['id']}/commitments", headers=world_headers)))["items"]
    [period] = (await ok(await world_api.get(
        f"/api/projects/{paving['id']}/billing-periods", headers=world_headers)))["items"]
    asphalt, base = commitment["sov_lines"][0]["id"], commitment["sov_lines"][1]["id"]
    wrong = await post_invoice(world_api, world_headers, commitment["id"], {
        "billing_period_id": period["id"], "number": "BB-1",
        "lines": [line(asphalt, "1000")]})
    assert "item 001 is unit-based: give quantity_this_period" in (
        await assert_error(wrong, 422))["message"]
    invoice = await ok(await post_invoice(world_api, world_headers, commitment["id"], {
        "billing_period_id": period["id"], "number": "BB-1", "lines": [
            {"sov_line_id": asphalt, "quantity_this_period": "450.5"},
            {"sov_line_id": base, "quantity_this_period": "0"}]}), 201)
    first = invoice["lines"][0]
    # 450.5 t x 112.50 = 50,681.25 of 1,800 t x 112.50 = 202,500.00; 5 % retainage.
    assert (first["scheduled_value"], first["work_completed_this_period"],
            first["percent_complete"], first["retainage"], first["quantity_this_period"]) == (
        "202500.00", "50681.25", "25.03", "2534.06", "450.5000")
